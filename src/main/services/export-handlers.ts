// export.report and export.data: "Export report…" and "Export data…" from the app. The host asks where to save
// (a save dialog in the app, its output folder in the browser host), the file is written atomically, progress is
// pushed as export.progress events, and "open when done" hands exactly the path just written to the host.

import { renameSync, rmSync } from 'node:fs';
import { basename } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { ApiError, type ApiHandlers } from '../../shared/api';
import { EXPORT_EXTENSIONS, type ExportKind, type ExportOutcome, type ExportPhase } from '../../shared/exports';
import { OutputPathError, checkWritable, tempPathFor } from '../export/atomic';
import { writeFindingsCsv } from '../export/csv';
import { writeFindingsJson } from '../export/json';
import { writeFindingsOcsf } from '../export/ocsf';
import { triadVersion } from '../paths';
import { fileSha256, snapshotDigest } from '../report/digest';
import { ReportInputError, type ReportInputs } from '../report/inputs';
import { prepareReport } from '../report/prepare';
import { createReportSource } from '../report/source';
import { SnapshotError, type SnapshotReader } from '../snapshot';
import type { Platform } from './platform';
import type { PreparedReportModel } from './report-handlers';
import type { SnapshotSession } from './snapshot-handlers';

export type ExportHandlers = Pick<ApiHandlers, 'export.report' | 'export.data'>;

type Written = Pick<ExportOutcome, 'bytes' | 'sha256' | 'rows' | 'fullList'>;
type Report = (phase: ExportPhase, rows: number, message: string) => void;

const FORMAT_LABELS = { csv: 'CSV', json: 'JSON', ocsf: 'OCSF' } as const;

function moveInto(from: string, path: string): void {
  try {
    renameSync(from, path);
  } catch (error) {
    throw new OutputPathError(`cannot write ${path}: ${(error as Error).message}`);
  }
}

/** The suggested name with the export's extension (added when the user left it out). */
export function withExtension(fileName: string, extension: string): string {
  return fileName.toLowerCase().endsWith(`.${extension}`) ? fileName : `${fileName}.${extension}`;
}

/**
 * `reportInputs`: the exceptions file, review file and earlier snapshot the report's sections use (as the print
 * route does). `printing`: told the model of the report being printed (then null), which the print route is served.
 */
export function exportHandlers(
  session: Pick<SnapshotSession, 'current'>,
  platform: Platform,
  reportInputs: ReportInputs,
  printing: (prepared: PreparedReportModel | null) => void = () => undefined,
): ExportHandlers {
  let running: ExportKind | null = null;

  async function run(
    kind: ExportKind,
    request: { fileName: string; extension: string; filterName: string; openWhenDone: boolean },
    write: (reader: SnapshotReader, outPath: string, report: Report) => Promise<Written>,
  ): Promise<ExportOutcome | null> {
    const reader = session.current();
    if (!reader) throw new ApiError('no-snapshot', 'No snapshot is open. Open a .triad file first.');
    if (!platform.pickSavePath) {
      throw new ApiError('unavailable', 'This host cannot save files: start the browser host with --output-dir DIR, or use the desktop app.');
    }
    if (running) throw new ApiError('unavailable', `An export (${running}) is already running; wait for it to finish.`);
    running = kind;
    const report: Report = (phase, rows, message) => platform.emit('export.progress', { kind, phase, rows, message });
    try {
      const chosen = await platform.pickSavePath({
        title: kind === 'report' ? 'Export report' : 'Export data',
        defaultName: withExtension(request.fileName, request.extension),
        extension: request.extension,
        filterName: request.filterName,
      });
      if (chosen === null) return null;
      const path = withExtension(chosen, request.extension);
      checkWritable(path);
      report('preparing', 0, `Preparing ${basename(path)}…`);
      const written = await write(reader, path, report);
      let opened = false;
      let openProblem: string | null = null;
      if (request.openWhenDone) {
        if (!platform.openPath) openProblem = 'This host cannot open files; open it from its folder.';
        else {
          report('opening', written.rows ?? 0, `Opening ${basename(path)}…`);
          try {
            await platform.openPath(path);
            opened = true;
          } catch (error) {
            openProblem = (error as Error).message;
          }
        }
      }
      report('done', written.rows ?? 0, `Saved ${basename(path)}`);
      return { kind, path, fileName: basename(path), ...written, opened, openProblem };
    } catch (error) {
      report('failed', 0, (error as Error).message);
      if (error instanceof OutputPathError || error instanceof ReportInputError) throw new ApiError('bad-request', error.message);
      if (error instanceof SnapshotError) throw new ApiError('snapshot-invalid', error.message);
      throw error;
    } finally {
      running = null;
    }
  }

  return {
    'export.report': ({ options, fileName, openWhenDone }) => {
      if (Number.isNaN(Date.parse(options.reportTime))) throw new ApiError('bad-request', `export.report: reportTime "${options.reportTime}" is not a date`);
      const print = platform.printReport;
      if (!print) throw new ApiError('unavailable', 'This host cannot print reports.');
      return run('report', { fileName, extension: EXPORT_EXTENSIONS.pdf, filterName: 'PDF report', openWhenDone }, async (reader, outPath, report) => {
        const source = createReportSource(reader);
        let prepared;
        try {
          prepared = await prepareReport(source, options, outPath, {
            triadVersion: triadVersion(),
            inputs: reportInputs,
            progress: (rows) => report('listing', rows, `Writing the complete list of failing findings: ${rows} rows…`),
          });
        } finally {
          source.close();
        }
        const listed = prepared.fullList?.rows ?? 0;
        report('printing', listed, 'Laying out and printing the report…');
        // As the CLI does (report/pdf.ts): when the snapshot records its digest, the page is served the verdict
        // expected if the content still matches it, so it prints without waiting for the recomputed digest. The
        // print goes to a hidden draft beside the file, renamed into place once the check agrees; in the rare case
        // it does not, the report is printed again with the verdict the check found.
        const expected = prepared.expectedIntegrity;
        const served = { snapshotPath: reader.path, options: prepared.options, model: prepared.model, integrity: expected ? Promise.resolve(expected) : prepared.integrity };
        printing(served);
        let bytes: number;
        try {
          if (!expected) ({ bytes } = await print({ options: prepared.options, outPath }));
          else {
            const draft = tempPathFor(outPath);
            try {
              ({ bytes } = await print({ options: prepared.options, outPath: draft }));
              if (isDeepStrictEqual(await prepared.integrity, expected)) moveInto(draft, outPath);
              else {
                served.integrity = prepared.integrity;
                report('printing', listed, 'The snapshot no longer matches its recorded digest: printing again with the integrity check’s verdict…');
                ({ bytes } = await print({ options: prepared.options, outPath }));
              }
            } finally {
              rmSync(draft, { force: true });
            }
          }
        } finally {
          printing(null);
        }
        return { bytes, sha256: await fileSha256(outPath), rows: null, fullList: prepared.fullList };
      });
    },
    'export.data': ({ format, filters, bom, fileName, openWhenDone }) => {
      if (bom && format !== 'csv') throw new ApiError('bad-request', 'export.data: the byte order mark applies to CSV only');
      return run('data', { fileName, extension: EXPORT_EXTENSIONS[format], filterName: `${FORMAT_LABELS[format]} findings`, openWhenDone }, async (reader, outPath, report) => {
        const progress = (rows: number) => report('writing', rows, `Writing ${FORMAT_LABELS[format]}: ${rows} findings…`);
        const scope = { filters: filters ?? {}, outPath, progress };
        report('writing', 0, `Writing ${FORMAT_LABELS[format]}…`);
        const source = createReportSource(reader);
        try {
          let result;
          if (format === 'csv') result = await writeFindingsCsv(source, { ...scope, bom });
          else {
            const digest = await snapshotDigest(reader.path, reader.info().meta);
            result =
              format === 'json'
                ? await writeFindingsJson(source, { ...scope, digest, exportedAt: new Date().toISOString() })
                : await writeFindingsOcsf(source, { ...scope, digest, triadVersion: triadVersion() });
          }
          return { bytes: result.bytes, sha256: result.sha256, rows: result.rows, fullList: null };
        } finally {
          source.close();
        }
      });
    },
  };
}
