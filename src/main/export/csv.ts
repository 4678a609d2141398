// CSV of findings: RFC 4180 (comma-separated, CRLF line ends, fields with a comma, quote, CR or LF quoted and
// quotes doubled), UTF-8, with an optional byte order mark so Excel reads it as UTF-8. One row per finding.
// Spreadsheet formula injection is neutralized: a cell starting with =, +, -, @, tab or carriage return gets a
// leading single quote, so no spreadsheet evaluates text that came from AWS.

import { CONTROL_SOURCE_LABELS, PILLAR_LABELS, PRINCIPLE_LABELS, LAYER_LABELS } from '../../shared/domain';
import type { ReportSource } from '../report/source';
import { AtomicTextWriter } from './atomic';
import { PROGRESS_EVERY, exportFindings, type ExportFinding, type ExportProgress, type ExportResult, type ExportScope } from './findings';

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

/** One CSV cell: neutralized against formula injection, then quoted per RFC 4180 when needed. */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
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
}

export function writeFindingsCsv(source: ReportSource, options: CsvOptions): ExportResult {
  const out = new AtomicTextWriter(options.outPath);
  let rows = 0;
  try {
    if (options.bom) out.write('\uFEFF');
    out.write(csvLine(CSV_COLUMNS.map(([name]) => name)));
    for (const finding of exportFindings(source, options)) {
      let line = '';
      for (let i = 0; i < CSV_COLUMNS.length; i++) line += (i ? ',' : '') + csvCell(CSV_COLUMNS[i][1](finding));
      out.write(`${line}\r\n`);
      if (++rows % PROGRESS_EVERY === 0) options.progress?.(rows);
    }
  } catch (error) {
    out.abort();
    throw error;
  }
  const { bytes, sha256 } = out.commit();
  return { path: options.outPath, rows, bytes, sha256 };
}
