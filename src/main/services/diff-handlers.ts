// diff.*: one comparison of two snapshot files at a time, kept in the main process; the renderer pages through
// its changes and drills into one change (both findings, their evidence, and the evidence fields that differ).

import { statSync } from 'node:fs';
import { ApiError, type ApiHandlers } from '../../shared/api';
import { diffSnapshots, type SnapshotDiff } from '../diff';
import { SnapshotError } from '../snapshot';

export type DiffHandlers = Pick<ApiHandlers, 'diff.run' | 'diff.changes' | 'diff.change'>;

export function diffHandlers(): DiffHandlers {
  let current: { key: string; diff: SnapshotDiff } | null = null;
  /** The two files as they are now: a file replaced since (e.g. re-signed) is compared again. */
  const versionKey = (...paths: string[]) =>
    paths
      .map((p) => {
        try {
          const stat = statSync(p);
          return `${p}\u0000${stat.size}\u0000${stat.mtimeMs}`;
        } catch {
          return p;
        }
      })
      .join('\u0000');

  const open = (): SnapshotDiff => {
    if (!current) throw new ApiError('not-found', 'No comparison has been run yet: choose two snapshots to compare.');
    return current.diff;
  };

  return {
    'diff.run': ({ basePath, currentPath }) => {
      const key = versionKey(basePath, currentPath);
      if (current?.key === key) return current.diff.summary;
      let diff: SnapshotDiff;
      try {
        diff = diffSnapshots(basePath, currentPath);
      } catch (error) {
        throw error instanceof SnapshotError ? new ApiError('snapshot-invalid', error.message) : error;
      }
      current?.diff.close();
      current = { key, diff };
      return diff.summary;
    },
    'diff.changes': (query) => open().changes(query),
    'diff.change': ({ id }) => {
      const detail = open().change(id);
      if (!detail) throw new ApiError('not-found', `Change ${id} is not in this comparison.`);
      return detail;
    },
  };
}
