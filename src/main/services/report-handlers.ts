// API handlers behind the report print route: the report model, then its failing findings and evidence items
// in pages, so a report of a million findings never crosses the API in one piece; the snapshot's integrity comes
// apart, so the page is fetched and laid out while the content digest is recomputed on a worker thread.

import { isDeepStrictEqual } from 'node:util';
import { ApiError, REPORT_FINDINGS_PER_CALL, type ApiHandlers } from '../../shared/api';
import type { ReportModel, ReportOptions } from '../../shared/report';
import { buildReportModel } from '../report/model';
import { evidenceForReport } from '../report/evidence-fields';
import { snapshotDigest } from '../report/digest';
import { reportIntegrityOf, type ReportIntegrity } from '../../shared/integrity';
import { verifySnapshotFileAsync } from '../integrity';
import { ReportInputError, type ReportInputs } from '../report/inputs';
import { createReportSource, type ReportSource } from '../report/source';
import { SnapshotError, type SnapshotReader } from '../snapshot';
import { triadVersion } from '../paths';
import type { SnapshotSession } from './snapshot-handlers';

export type ReportHandlers = Pick<ApiHandlers, 'report.model' | 'report.integrity' | 'report.findings' | 'report.evidence' | 'report.inputs'>;

/** A model already built for these options (by the command or export that prints it), served as is rather than built again. */
export interface PreparedReportModel {
  snapshotPath: string;
  options: ReportOptions;
  model: ReportModel;
  /** The snapshot's integrity as the caller checks it, served for the cover and page header of that snapshot. */
  integrity?: Promise<ReportIntegrity>;
}

/**
 * `inputs`: the exceptions file, review file and earlier snapshot the user chose; the only files a report reads
 * besides its snapshot. `prepared`: the model being printed, if any.
 */
export function reportHandlers(session: Pick<SnapshotSession, 'current'>, inputs: ReportInputs, prepared: () => PreparedReportModel | null = () => null): ReportHandlers {
  let cached: ReportSource | null = null;

  /** The report source of the open snapshot, reopened when another snapshot replaces it. */
  const sourceOf = (reader: SnapshotReader): ReportSource => {
    if (cached?.reader !== reader) {
      cached?.close();
      cached = createReportSource(reader);
    }
    return cached;
  };
  const withSource = async <T>(read: (source: ReportSource) => T | Promise<T>): Promise<T> => {
    const reader = session.current();
    if (!reader) throw new ApiError('no-snapshot', 'No snapshot is open. Open a .triad file first.');
    try {
      return await read(sourceOf(reader));
    } catch (error) {
      if (error instanceof ReportInputError) throw new ApiError('bad-request', error.message);
      throw error instanceof SnapshotError ? new ApiError('snapshot-invalid', error.message) : error;
    }
  };

  return {
    'report.model': ({ options }) =>
      withSource(async (source) => {
        if (Number.isNaN(Date.parse(options.reportTime))) throw new ApiError('bad-request', `report.model: reportTime "${options.reportTime}" is not a date`);
        const ready = prepared();
        if (ready && ready.snapshotPath === source.reader.path && isDeepStrictEqual(ready.options, options)) return ready.model;
        const digest = await snapshotDigest(source.reader.path, source.reader.info().meta);
        const sections = inputs.gather(source, options);
        return buildReportModel(source, options, { digest, triadVersion: triadVersion(), sections });
      }),
    'report.integrity': () =>
      withSource(async (source) => {
        const ready = prepared();
        if (ready?.integrity && ready.snapshotPath === source.reader.path) return ready.integrity;
        return reportIntegrityOf(await verifySnapshotFileAsync(source.reader.path));
      }),
    'report.findings': ({ filters, pages }) =>
      withSource((source) => {
        const asked = pages.reduce((sum, page) => sum + page.limit, 0);
        if (asked > REPORT_FINDINGS_PER_CALL) {
          throw new ApiError('bad-request', `report.findings: the pages ask for ${asked} rows; at most ${REPORT_FINDINGS_PER_CALL} per call`);
        }
        for (const { controlId } of pages) if (!source.control(controlId)) throw new ApiError('not-found', `Control ${controlId} is not in this snapshot.`);
        const scope = source.resolve(filters ?? {});
        return pages.map(({ controlId, offset, limit }) => source.failingFindings(controlId, scope, offset, limit));
      }),
    'report.evidence': ({ ids }) => withSource((source) => source.evidence(ids).map(evidenceForReport)),
    'report.inputs': () => inputs.info(),
  };
}
