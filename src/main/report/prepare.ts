// Everything a report needs before it is printed, the same for the CLI and the app: the snapshot's digest and
// integrity, and, above the complete-listing limit, the complete list of failing findings written as a CSV beside
// the PDF (cited in it by name and SHA-256); then the report model. The integrity check recomputes the content
// digest on a worker thread: it runs while the list is written and the page is laid out, and only the cover and
// the page header depend on it. A printer may print at once with the verdict expected when the content matches
// its recorded digest, and print again in the rare case the check disagrees (pdf.ts).

import { basename, dirname, extname, join } from 'node:path';
import { reportIntegrityOf, type ReportIntegrity } from '../../shared/integrity';
import type { ReportModel, ReportOptions } from '../../shared/report';
import type { ExportProgress } from '../export/findings';
import { writeFindingsCsv } from '../export/csv';
import { verifySnapshotFileExpecting } from '../integrity';
import type { TrustedKeys } from '../integrity';
import { changesListPathFor, writeChangesCsv } from './changes-csv';
import { snapshotDigest } from './digest';
import type { ReportInputs } from './inputs';
import { buildReportModel, countFailing } from './model';
import type { ReportSource } from './source';

/** `report.pdf` → `report.failing-findings.csv`, in the same folder. */
export function fullListPathFor(pdfPath: string): string {
  const name = basename(pdfPath, extname(pdfPath));
  return join(dirname(pdfPath), `${name}.failing-findings.csv`);
}

export interface PreparedReport {
  /** The options with `fullList` set when the complete list was written. */
  options: ReportOptions;
  model: ReportModel;
  fullList: { path: string; rows: number } | null;
  /** The complete list of changes written beside the PDF when the changes section is capped. */
  changesList: { path: string; rows: number } | null;
  /** The snapshot's integrity for the cover and page header (the model's cover leaves it out; see report.integrity). */
  integrity: Promise<ReportIntegrity>;
  /**
   * The integrity the cover and page header show if the content matches the digest the snapshot records, known
   * before the check ends; null when the snapshot records no digest. `integrity` equals it exactly unless the
   * snapshot was changed after it was written.
   */
  expectedIntegrity: ReportIntegrity | null;
}

export interface PrepareContext {
  triadVersion: string;
  /** Applied when checking the snapshot's signers for the cover. */
  trusted?: TrustedKeys;
  /** Rows of the complete list written so far. */
  progress?: ExportProgress;
  /** The exceptions file, review file and earlier snapshot the report's options may ask for. */
  inputs?: ReportInputs;
  /**
   * The integrity check recomputes the digest once this settles. The CLI passes Chromium's start, which the
   * digest's thread slowed by about 0.4 s; the report no longer needs the check before it prints.
   */
  recomputeDigestAfter?: Promise<unknown>;
}

export async function prepareReport(source: ReportSource, requested: ReportOptions, pdfPath: string, context: PrepareContext): Promise<PreparedReport> {
  const { reader } = source;
  const options: ReportOptions = { ...requested };
  // Both digests are computed on worker threads while the complete list (if any) is written.
  const digestPending = snapshotDigest(reader.path, reader.info().meta);
  digestPending.catch(() => undefined);
  const verdict = verifySnapshotFileExpecting(reader.path, { trusted: context.trusted, recomputeAfter: context.recomputeDigestAfter });
  const integrity = verdict.final.then(reportIntegrityOf);
  integrity.catch(() => undefined);
  const expectedIntegrity = verdict.expected && reportIntegrityOf(verdict.expected);
  let fullList: PreparedReport['fullList'] = null;
  if (countFailing(reader, options) > options.completeLimit) {
    const csvPath = fullListPathFor(pdfPath);
    const controlIds = options.pillars.flatMap((p) => reader.pillar(p, options.filters).controls.map((c) => c.id));
    // In two halves, like any large CSV export (csv.ts), beside the digest's worker: 3.2 s against 3.6 s on one
    // thread at 1,000,000 findings (12 alternating pairs).
    const csv = await writeFindingsCsv(source, { filters: options.filters, statuses: ['NON_COMPLIANT'], controlIds, outPath: csvPath, progress: context.progress });
    options.fullList = { fileName: basename(csvPath), sha256: csv.sha256, rows: csv.rows };
    fullList = { path: csvPath, rows: csv.rows };
  }
  // Sections from the files the user chose; a capped list of changes is written complete beside the PDF.
  const sections = context.inputs?.gather(source, options);
  let changesList: PreparedReport['changesList'] = null;
  if (context.inputs && sections?.changes?.lists.some((l) => l.total > l.rows.length)) {
    const csvPath = changesListPathFor(pdfPath);
    const csv = writeChangesCsv(context.inputs.comparison(source), csvPath, sections.changes.controlTitles);
    options.changesList = { fileName: basename(csvPath), sha256: csv.sha256, rows: csv.rows };
    changesList = { path: csvPath, rows: csv.rows };
  }
  const model = buildReportModel(source, options, { digest: await digestPending, triadVersion: context.triadVersion, sections });
  return { options, model, fullList, changesList, integrity, expectedIntegrity };
}
