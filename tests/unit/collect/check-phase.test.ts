// The built-in checks' phase while the read indexes are being built on a worker thread: accounts go on reading
// (their direct reads) up to a bound, instead of the whole phase waiting idle for the indexes, and every account
// is evaluated once they are built.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadCatalog } from '../../../src/main/catalog';
import { runCheckPhase, type CheckAccount } from '../../../src/main/collect/check-inputs/check-phase';
import type { Send } from '../../../src/main/collect/check-inputs/direct';
import { createSnapshotWriter, workPathFor } from '../../../src/main/snapshot';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('check phase', () => {
  it('reads up to 128 accounts, 64 at a time, while the indexes are built, then evaluates every account', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'triad-check-phase-'));
    dirs.push(dir);
    const outPath = join(dir, 'out.triad');
    const store = createSnapshotWriter(outPath);
    let indexesBuilt!: () => void;
    const building = new Promise<void>((resolve) => (indexesBuilt = resolve));
    const writer = { ...store, buildIndexesOnWorker: () => building };

    const accountsCalled = new Set<string>();
    const reading = new Set<string>();
    let peakReading = 0;
    // Every direct read is refused after a short wait: each account's reads end quickly, as recorded errors.
    const send = (async (target) => {
      accountsCalled.add(target.accountId);
      reading.add(target.accountId);
      peakReading = Math.max(peakReading, reading.size);
      await new Promise((resolve) => setTimeout(resolve, 1));
      throw Object.assign(new Error('not authorized'), { name: 'AccessDeniedException', $metadata: { httpStatusCode: 403 } });
    }) as Send;
    const accountOf = new Map<object, string>();
    const accounts: CheckAccount[] = Array.from({ length: 200 }, (_, i) => {
      const accountId = String(100000000000 + i);
      const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' };
      accountOf.set(credentials, accountId);
      return { accountId, target: { accountId, region: 'us-east-1', credentials } };
    });
    const done = new Set<string>();
    const phase = runCheckPhase(
      {
        send,
        writer,
        catalog: loadCatalog(),
        workPath: workPathFor(outPath),
        onError: () => undefined,
        // An account's reads end when its clients are released.
        releaseClients: (credentials) => void reading.delete(accountOf.get(credentials as object)!),
      },
      accounts,
      done,
    );
    // Every account that may read finishes its reads while the indexes are still being built; no other starts.
    await vi.waitFor(() => expect({ called: accountsCalled.size, reading: reading.size }).toEqual({ called: 128, reading: 0 }), { timeout: 10_000 });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(accountsCalled.size).toBe(128);
    expect(done.size).toBe(0);
    expect(peakReading).toBe(64);
    indexesBuilt();
    const result = await phase;
    expect(accountsCalled.size).toBe(200);
    expect(done.size).toBe(200);
    expect(result.findings).toBeGreaterThan(0);
    store.close();
  });
});
