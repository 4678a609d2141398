// The services behind the API, identical under the Electron shell and the browser host: handler groups over
// one snapshot session. A new group (e.g. collection) is spread into `handlers` with one line.

import type { ApiHandlers, SnapshotInfo } from '../../shared/api';
import { openSnapshot, type SnapshotReader } from '../snapshot';
import { appHandlers } from './app-handlers';
import { checkHandlers } from './check-handlers';
import { createCollectionHandlers } from './collection-handlers';
import type { Platform, TriadService } from './platform';
import { reportHandlers } from './report-handlers';
import { diffHandlers } from './diff-handlers';
import { exceptionsHandlers } from './exceptions-handlers';
import { integrityHandlers } from './integrity-handlers';
import { libraryHandlers } from './library-handlers';
import { snapshotHandlers, type SnapshotSession } from './snapshot-handlers';

export function createTriadService(platform: Platform): TriadService {
  let current: SnapshotReader | null = null;

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
  };

  const handlers: ApiHandlers = {
    ...appHandlers(platform),
    ...snapshotHandlers(session, platform),
    ...checkHandlers(session),
    ...createCollectionHandlers(platform, { open: session.open }),
    ...reportHandlers(session),
    ...integrityHandlers(session),
    ...diffHandlers(),
    ...exceptionsHandlers(session),
    ...libraryHandlers(),
  };

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
