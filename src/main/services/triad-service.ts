// The services behind the API, identical under the Electron shell and the browser host: handler groups over
// one snapshot session. A new group (e.g. collection) is spread into `handlers` with one line.

import { resolve } from 'node:path';
import type { ApiHandlers, ApiMethod, ApiParams, SnapshotInfo } from '../../shared/api';
import { createReportInputs, type ReportInputs } from '../report/inputs';
import { openSnapshot, type SnapshotReader } from '../snapshot';
import { appHandlers } from './app-handlers';
import { checkHandlers } from './check-handlers';
import { createCollectionHandlers } from './collection-handlers';
import type { Platform, TriadService } from './platform';
import { reportHandlers, type PreparedReportModel } from './report-handlers';
import { diffHandlers } from './diff-handlers';
import { exceptionsHandlers } from './exceptions-handlers';
import { integrityHandlers } from './integrity-handlers';
import { libraryHandlers } from './library-handlers';
import { snapshotHandlers, type SnapshotSession } from './snapshot-handlers';
import { exportHandlers } from './export-handlers';
import { reviewHandlers } from './review-handlers';
import { managedTrustedKeys, signingHandlers } from './signing-handlers';

export interface TriadServiceOptions {
  /** The files reports may use besides the snapshot (the CLI passes its --exceptions, --review and --since). */
  reportInputs?: ReportInputs;
  /** The report model the CLI built for the report it prints through this service. */
  preparedReport?: PreparedReportModel;
}

/** A handler that, once it succeeded, remembers something about its call. */
function remembering<M extends ApiMethod>(handler: ApiHandlers[M], remember: (params: ApiParams<M>) => void): ApiHandlers[M] {
  const wrapped = async (params: ApiParams<M>) => {
    const result = await (handler as (p: ApiParams<M>) => unknown)(params);
    remember(params);
    return result;
  };
  return wrapped as unknown as ApiHandlers[M];
}

export function createTriadService(platform: Platform, options: TriadServiceOptions = {}): TriadService {
  let current: SnapshotReader | null = null;
  const reportInputs = options.reportInputs ?? createReportInputs();
  // The model of the report being printed (by the CLI, or by export.report), served to its print route as built.
  let printing: PreparedReportModel | null = options.preparedReport ?? null;

  const session: SnapshotSession = {
    current: () => current,
    open(path: string): SnapshotInfo {
      const next = openSnapshot(path);
      current?.close();
      current = next;
      const info = next.info();
      platform.emit('snapshot.changed', info);
      return info;
    },
    close() {
      current?.close();
      current = null;
    },
  };

  const handlers: ApiHandlers = {
    ...appHandlers(platform),
    ...snapshotHandlers(session, platform),
    ...checkHandlers(session),
    ...createCollectionHandlers(platform, { open: session.open }),
    ...reportHandlers(session, reportInputs, () => printing),
    ...integrityHandlers(session, () => managedTrustedKeys(platform)),
    ...diffHandlers(),
    ...exceptionsHandlers(session),
    ...libraryHandlers(),
    ...exportHandlers(session, platform, reportInputs, (prepared) => (printing = prepared)),
    ...reviewHandlers(session),
    ...signingHandlers(session, platform),
  };
  // Reports use the files the user last applied, opened or compared with here, never a path the renderer names
  // for the report itself (the renderer only asks for the sections; see report.inputs).
  handlers['exceptions.apply'] = remembering<'exceptions.apply'>(handlers['exceptions.apply'], ({ path }) => reportInputs.set('exceptions', path));
  handlers['review.open'] = remembering<'review.open'>(handlers['review.open'], ({ path }) => reportInputs.set('review', path));
  handlers['diff.run'] = remembering<'diff.run'>(handlers['diff.run'], ({ basePath, currentPath }) => {
    if (current && resolve(currentPath) === current.path) reportInputs.set('since', basePath);
  });

  return {
    handlers,
    open: session.open,
    close() {
      if (!current) return;
      current.close();
      current = null;
      platform.emit('snapshot.changed', null);
    },
  };
}
