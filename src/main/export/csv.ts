// CSV of findings: RFC 4180 (comma-separated, CRLF line ends, fields with a comma, quote, CR or LF quoted and
// quotes doubled), UTF-8, with an optional byte order mark so Excel reads it as UTF-8. One row per finding.
// Spreadsheet formula injection is neutralized: a cell starting with =, +, -, @, tab or carriage return gets a
// leading single quote, so no spreadsheet evaluates text that came from AWS.

import { rmSync } from 'node:fs';
import { CONTROL_SOURCE_LABELS, PILLAR_LABELS, PRINCIPLE_LABELS, LAYER_LABELS } from '../../shared/domain';
import { fileIdentityOf, type ReportSource } from '../report/source';
import { entryBeside, runEntryWorker } from '../worker-thread';
import { AtomicTextWriter, tempPathFor } from './atomic';
import { eachExportFinding, type ExportFinding, type ExportProgress, type ExportResult, type ExportScope } from './findings';

/** The columns, in order: header name and value. */
export const CSV_COLUMNS: [string, (f: ExportFinding) => string | number | null | undefined][] = [
  ['Finding ID', (f) => f.id],
  ['Account ID', (f) => f.accountId],
  ['Account name', (f) => f.account.name],
  ['OU', (f) => f.account.ouPath],
  ['Region', (f) => f.region],
  ['Control ID', (f) => f.controlId],
  ['Control', (f) => f.control.title],
  ['Source', (f) => CONTROL_SOURCE_LABELS[f.control.source]],
  ['Source identifier', (f) => f.control.sourceIdentifier],
  ['Conformance pack', (f) => f.control.conformancePack],
  ['Pillar', (f) => (f.control.classification ? PILLAR_LABELS[f.control.classification.pillar] : 'Unclassified')],
  ['Secondary pillars', (f) => f.control.classification?.secondaryPillars.map((p) => PILLAR_LABELS[p]).join('; ')],
  ['Design principles', (f) => f.control.classification?.principles.map((p) => PRINCIPLE_LABELS[p]).join('; ')],
  ['Responsibility layer', (f) => (f.control.classification ? LAYER_LABELS[f.control.classification.layer] : '')],
  ['Severity', (f) => f.control.classification?.severity],
  ['Classification origin', (f) => f.control.classificationOrigin],
  ['Status', (f) => f.status],
  ['Resource type', (f) => f.resourceType],
  ['Resource ID', (f) => f.resourceId],
  ['Resource name', (f) => f.resourceName],
  ['Rule name', (f) => f.ruleName],
  ['Annotation', (f) => f.annotation],
  ['Evaluated at', (f) => f.evaluatedAt],
  ['Recorded at', (f) => f.recordedAt],
  ['Invoked at', (f) => f.invokedAt],
  ['Evidence ID', (f) => f.evidenceId],
];

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;
/** Plain text that needs neither a prefix nor quotes: the common case, checked with one test. */
const PLAIN = /^(?![=+\-@\t\r])[^",\r\n]*$/;

/** One CSV cell: neutralized against formula injection, then quoted per RFC 4180 when needed. */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (PLAIN.test(text)) return text;
  if (FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: (string | number | null | undefined)[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}

export interface CsvOptions extends ExportScope {
  outPath: string;
  bom?: boolean;
  progress?: ExportProgress;
  /**
   * A snapshot whose findings' ids span at least this many is written in two halves at once, the second by a
   * worker thread (csv-part-worker.ts); false: on this thread alone. Default SPLIT_FROM_IDS.
   */
  splitFrom?: number | false;
}

/** Below this many finding ids, starting a worker costs more than it saves. */
export const SPLIT_FROM_IDS = 100_000;

/** Columns that depend only on the account, or only on the control, in CSV_COLUMNS order. */
const ACCOUNT_COLUMNS = ['Account ID', 'Account name', 'OU'];
const CONTROL_COLUMNS = [
  'Control ID', 'Control', 'Source', 'Source identifier', 'Conformance pack', 'Pillar', 'Secondary pillars', 'Design principles',
  'Responsibility layer', 'Severity', 'Classification origin',
];

/** Writes each finding it is given as one CSV row (no header) to `out`. */
export function csvRowWriter(out: Pick<AtomicTextWriter, 'write'>): (finding: ExportFinding) => void {
  const column = (name: string) => CSV_COLUMNS.find(([n]) => n === name)![1];
  const cells = (names: string[], finding: ExportFinding) => names.map((name) => csvCell(column(name)(finding))).join(',');
  // A million rows share a few hundred controls and accounts: their cells are escaped once each.
  const accountCells = new Map<string, string>();
  const controlCells = new Map<string, string>();
  return (f) => {
    let account = accountCells.get(f.accountId);
    if (account === undefined) accountCells.set(f.accountId, (account = cells(ACCOUNT_COLUMNS, f)));
    let control = controlCells.get(f.controlId);
    if (control === undefined) controlCells.set(f.controlId, (control = cells(CONTROL_COLUMNS, f)));
    out.write(
      `${f.id},${account},${csvCell(f.region)},${control},${f.status},${csvCell(f.resourceType)},${csvCell(f.resourceId)},` +
        `${csvCell(f.resourceName)},${csvCell(f.ruleName)},${csvCell(f.annotation)},${csvCell(f.evaluatedAt)},${csvCell(f.recordedAt)},` +
        `${csvCell(f.invokedAt)},${f.evidenceId ?? ''}\r\n`,
    );
  };
}

/** What a worker writing the second half of a CSV is given (csv-part-worker.ts). */
export interface CsvPartRequest {
  snapshotPath: string;
  /** The file the main thread's half is read from (fileIdentityOf): the worker reads its half only from the same. */
  fileIdentity: string;
  scope: ExportScope;
  partPath: string;
}

/** What it posts: rows written so far, then its rows and the part's scratch file, or why it failed. */
export type CsvPartMessage = { progress: number } | { rows: number; path: string } | { error: string };

/**
 * The second half written on a worker thread into a scratch file. Its answer is null when the worker cannot start
 * or fails (the caller then writes that half itself); `terminate` stops it and removes what it wrote.
 */
function writeHalfOnWorker(request: CsvPartRequest, progress: (rows: number) => void): { done: Promise<{ rows: number; path: string } | null>; terminate: () => Promise<void> } {
  const run = runEntryWorker<{ rows: number; path: string }>(entryBeside(import.meta.url, 'csv-part-worker'), request, {
    isAnswer: (message) => 'rows' in message,
    onMessage: (message) => progress((message as { progress: number }).progress),
  });
  return {
    done: run.answer.catch(() => null),
    terminate: async () => {
      await run.terminate();
      rmSync(request.partPath, { force: true });
    },
  };
}

export async function writeFindingsCsv(source: ReportSource, options: CsvOptions): Promise<ExportResult> {
  const out = new AtomicTextWriter(options.outPath);
  const writeRow = csvRowWriter(out);
  const scope: ExportScope = { filters: options.filters, statuses: options.statuses, controlIds: options.controlIds, ids: options.ids };
  // The worker opens the snapshot by its path: only while the file there is the one this source reads.
  const sameFile = source.fileIdentity !== null && fileIdentityOf(source.reader.path) === source.fileIdentity;
  const range = options.ids || !sameFile ? null : source.findingIdRange();
  const splitFrom = options.splitFrom ?? SPLIT_FROM_IDS;
  const middle = range && splitFrom !== false && range.max - range.min + 1 >= splitFrom ? Math.floor((range.min + range.max) / 2) : null;
  let rows: number;
  let second: ReturnType<typeof writeHalfOnWorker> | undefined;
  try {
    if (options.bom) out.write('\uFEFF');
    out.write(csvLine(CSV_COLUMNS.map(([name]) => name)));
    if (middle === null) rows = await eachExportFinding(source, scope, writeRow, options.progress);
    else {
      // Two halves by id at once, on this thread and on a worker's (another core), each reading the
      // snapshot on its own connection; the worker's half is appended once this one is written.
      let own = 0;
      let theirs = 0;
      const partPath = tempPathFor(options.outPath);
      const request = { snapshotPath: source.reader.path, fileIdentity: source.fileIdentity!, scope: { ...scope, ids: { above: middle } }, partPath };
      second = writeHalfOnWorker(request, (n) => options.progress?.(own + (theirs = n)));
      rows = await eachExportFinding(source, { ...scope, ids: { atMost: middle } }, writeRow, (n) => options.progress?.((own = n) + theirs));
      const part = await second.done;
      if (part) {
        out.appendFile(part.path);
        rows += part.rows;
      } else {
        rows += await eachExportFinding(source, { ...scope, ids: { above: middle } }, writeRow, (n) => options.progress?.(rows + n));
      }
    }
  } catch (error) {
    out.abort();
    throw error;
  } finally {
    await second?.terminate();
  }
  const { bytes, sha256 } = out.commit();
  return { path: options.outPath, rows, bytes, sha256 };
}
