// snapshot.verify: the integrity of the open snapshot, recomputed from its file on its own connection (in
// slices, so other calls are answered meanwhile) and remembered per file version and trusted-keys list.

import { statSync } from 'node:fs';
import { ApiError, type ApiHandlers } from '../../shared/api';
import type { IntegrityReport } from '../../shared/integrity';
import { TrustedKeysError, loadTrustedKeys, verifySnapshotFileAsync } from '../integrity';
import { SnapshotError } from '../snapshot';
import type { SnapshotSession } from './snapshot-handlers';

export type IntegrityHandlers = Pick<ApiHandlers, 'snapshot.verify'>;

/** `defaultTrustedKeys`: the list applied when the call names none (the one the user manages in the app). */
export function integrityHandlers(session: Pick<SnapshotSession, 'current'>, defaultTrustedKeys: () => string | undefined = () => undefined): IntegrityHandlers {
  let last: { key: string; report: Promise<IntegrityReport> } | null = null;

  return {
    'snapshot.verify': async (params) => {
      const trustedKeysPath = params.trustedKeysPath ?? defaultTrustedKeys();
      const reader = session.current();
      if (!reader) throw new ApiError('no-snapshot', 'No snapshot is open. Open a .triad file first.');
      let trusted;
      try {
        trusted = trustedKeysPath === undefined ? undefined : loadTrustedKeys(trustedKeysPath);
      } catch (error) {
        if (error instanceof TrustedKeysError) throw new ApiError('bad-request', `Trusted keys ${error.message}`);
        throw error;
      }
      const stat = statSync(reader.path);
      // The trusted list's own content is part of the key: editing the list re-checks the signers.
      const key = [reader.path, stat.size, stat.mtimeMs, trustedKeysPath ?? '', JSON.stringify(trusted?.keys ?? null)].join('\u0000');
      if (last?.key !== key) {
        const report = verifySnapshotFileAsync(reader.path, { trusted });
        last = { key, report };
        report.catch(() => {
          if (last?.report === report) last = null;
        });
      }
      try {
        return await last.report;
      } catch (error) {
        throw error instanceof SnapshotError ? new ApiError('snapshot-invalid', error.message) : error;
      }
    },
  };
}
