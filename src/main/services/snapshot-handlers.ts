// API handlers over the open snapshot. Every answer is a page or an aggregate: the findings themselves stay
// in the main process.

import { ApiError, type ApiHandlers, type SnapshotInfo } from '../../shared/api';
import { SnapshotError, type SnapshotReader } from '../snapshot';
import type { Platform } from './platform';

/** The one snapshot a service has open, shared by its handler groups. */
export interface SnapshotSession {
  current(): SnapshotReader | null;
  /** Opens `path` read-only, replacing the current snapshot; throws SnapshotError and keeps the current one on failure. */
  open(path: string): SnapshotInfo;
  /** Closes the open snapshot without announcing it, so its file can be replaced; open() it again right after. */
  close(): void;
}

export type SnapshotHandlers = Pick<
  ApiHandlers,
  | 'snapshot.current'
  | 'snapshot.open'
  | 'snapshot.openDialog'
  | 'filters.options'
  | 'overview.get'
  | 'pillar.get'
  | 'control.get'
  | 'control.findings'
  | 'finding.get'
  | 'accounts.get'
  | 'coverage.errors'
>;

/** Turns a snapshot problem into the API's error vocabulary. */
function asApiError(error: unknown): unknown {
  return error instanceof SnapshotError ? new ApiError('snapshot-invalid', error.message) : error;
}

export function snapshotHandlers(session: SnapshotSession, platform: Platform): SnapshotHandlers {
  const withSnapshot = <T>(read: (snapshot: SnapshotReader) => T): T => {
    const snapshot = session.current();
    if (!snapshot) throw new ApiError('no-snapshot', 'No snapshot is open. Open a .triad file first.');
    try {
      return read(snapshot);
    } catch (error) {
      throw asApiError(error);
    }
  };
  const found = <T>(value: T | null, what: string): T => {
    if (value === null) throw new ApiError('not-found', `${what} is not in this snapshot.`);
    return value;
  };
  const open = (path: string): SnapshotInfo => {
    try {
      return session.open(path);
    } catch (error) {
      throw asApiError(error);
    }
  };

  return {
    'snapshot.current': () => session.current()?.info() ?? null,
    'snapshot.open': ({ path }) => open(path),
    'snapshot.openDialog': async () => {
      if (!platform.pickSnapshotFile) throw new ApiError('unavailable', 'This host cannot show a file dialog; open a snapshot by path.');
      const path = await platform.pickSnapshotFile();
      return path === null ? null : open(path);
    },
    'filters.options': () => withSnapshot((s) => s.filterOptions()),
    'overview.get': ({ filters }) => withSnapshot((s) => s.overview(filters)),
    'pillar.get': ({ pillar, filters }) => withSnapshot((s) => s.pillar(pillar, filters)),
    'control.get': ({ controlId, filters }) => withSnapshot((s) => found(s.control(controlId, filters), `Control ${controlId}`)),
    'control.findings': (query) => withSnapshot((s) => found(s.findings(query), `Control ${query.controlId}`)),
    'finding.get': ({ id }) => withSnapshot((s) => found(s.finding(id), `Finding ${id}`)),
    'accounts.get': ({ filters }) => withSnapshot((s) => s.accounts(filters)),
    'coverage.errors': ({ offset, limit }) => withSnapshot((s) => s.coverageErrors(offset, limit)),
  };
}
