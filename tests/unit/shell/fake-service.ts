// A small TriadService for testing the hosts' wiring without a snapshot store: files whose content starts with
// FAKE_SNAPSHOT_MARKER open; anything else fails the way a corrupt snapshot does (an Error naming the file).

import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { API_METHODS, ApiError, type ApiHandlers, type SnapshotInfo } from '../../../src/shared/api';
import type { Platform, TriadService } from '../../../src/main/services/platform';

export const FAKE_SNAPSHOT_MARKER = 'fake-triad-snapshot';

export interface FakeService extends TriadService {
  closed: number;
}

function infoFor(path: string): SnapshotInfo {
  return {
    path,
    fileName: basename(path),
    meta: {
      formatVersion: '1.0',
      title: 'Fake snapshot',
      createdAt: '2026-01-01T00:00:00.000Z',
      triadVersion: '0.1.0',
      collectedBy: null,
      scope: { mode: 'demo', description: 'fake' },
      catalogVersion: 'test',
      overrides: null,
      isDemo: true,
      partial: false,
      digest: null,
    },
    counts: { findings: 0, controls: 0, accounts: 0, regions: 0, evidence: 0, errors: 0 },
  };
}

export function createFakeService(platform: Platform): FakeService {
  let current: SnapshotInfo | null = null;
  const notOpen = () => {
    throw new ApiError('no-snapshot', 'No snapshot is open');
  };
  const service: FakeService = {
    closed: 0,
    open(path) {
      let content = '';
      try {
        content = readFileSync(path, 'utf8');
      } catch {
        throw new Error(`${path}: file not found`);
      }
      if (!content.startsWith(FAKE_SNAPSHOT_MARKER)) throw new Error(`${path} is not a Triad snapshot`);
      current = infoFor(path);
      platform.emit('snapshot.changed', current);
      return current;
    },
    close() {
      service.closed++;
      current = null;
    },
    handlers: {
      ...(Object.fromEntries(API_METHODS.map((method) => [method, notOpen])) as unknown as ApiHandlers),
      'app.info': () => ({
        version: '0.1.0',
        host: platform.host,
        nativeDialogs: platform.pickSnapshotFile !== undefined,
        canSave: platform.pickSavePath !== undefined,
        canOpenFiles: platform.openPath !== undefined,
        signingKeys: platform.signingKeys ? (platform.signingKeysKind ?? 'keychain') : null,
      }),
      'snapshot.current': () => current,
      'snapshot.open': ({ path }) => service.open(path),
      'snapshot.openDialog': async () => {
        if (!platform.pickSnapshotFile) throw new ApiError('unavailable', 'No native dialogs in this host');
        const path = await platform.pickSnapshotFile();
        return path ? service.open(path) : null;
      },
      'app.openExternal': async ({ url }) => {
        if (!platform.openExternal) throw new ApiError('unavailable', 'Cannot open links in this host');
        await platform.openExternal(url);
      },
    },
  };
  return service;
}
