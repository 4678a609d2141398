// Shared by the collector's end-to-end tests: a fresh snapshot path, a collection run against the emulator
// with the real SDK, and direct reads of the snapshot file for what the reader API does not expose.

import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect } from 'vitest';
import type { CollectionProgress } from '../../../src/shared/api';
import { collect, type CollectDeps, type CollectOptions, type CollectResult } from '../../../src/main/collect';
import { ALLOWED_OPERATIONS } from '../../../src/main/collect/operations';
import { createSnapshotWriter, openSnapshot, type SnapshotReader } from '../../../src/main/snapshot';
import type { Emulator } from '../../emulator/server';
import { AUDITOR_ACCESS_KEY_ID, AUDITOR_SECRET } from '../../emulator/scenarios/representative';

export const AUDITOR = { accessKeyId: AUDITOR_ACCESS_KEY_ID, secretAccessKey: AUDITOR_SECRET };

export function snapshotPath(name: string): string {
  return join(mkdtempSync(join(tmpdir(), 'triad-collect-')), `${name}.triad`);
}

export interface Run {
  result: CollectResult;
  reader: SnapshotReader;
  db: Database.Database;
  path: string;
  progress: CollectionProgress[];
}

export async function runCollect(
  emulator: Emulator,
  options: Omit<CollectOptions, 'outPath' | 'endpoint'> & { outPath?: string },
  deps: Partial<Omit<CollectDeps, 'writer'>> = {},
): Promise<Run> {
  const path = options.outPath ?? snapshotPath('run');
  // As the CLI and the app collect: rows written on a writer thread.
  const writer = createSnapshotWriter(path, { writerThread: true });
  const progress: CollectionProgress[] = [];
  const result = await collect(
    { homeRegion: 'us-east-1', ratePerSecond: 200, ...options, outPath: path, endpoint: emulator.url },
    { credentials: AUDITOR, onProgress: (p) => progress.push(p), ...deps, writer },
  );
  return { result, reader: openSnapshot(path), db: new Database(path, { readonly: true }), path, progress };
}

export function coverageOf(db: Database.Database): Record<string, { state: string; reason: string }> {
  const rows = db.prepare('SELECT account_id, region, state, reason FROM coverage ORDER BY account_id, region').all() as {
    account_id: string;
    region: string;
    state: string;
    reason: string;
  }[];
  return Object.fromEntries(rows.map((r) => [`${r.account_id} ${r.region}`, { state: r.state, reason: r.reason }]));
}

export function errorsOf(db: Database.Database): { account_id: string; region: string; operation: string; code: string; message: string }[] {
  return db.prepare('SELECT account_id, region, operation, code, message FROM errors ORDER BY id').all() as ReturnType<typeof errorsOf>;
}

/** Every call the emulator received is one the collector is allowed to make. */
export function expectOnlyAllowlistedCalls(emulator: Emulator): void {
  const allowed = new Set(ALLOWED_OPERATIONS.map((o) => o.operation));
  const made = [...new Set(emulator.calls.map((c) => c.operation))];
  expect(made.filter((op) => !allowed.has(op))).toEqual([]);
}

/** No secret that went over the wire ended up in the file. */
export function expectNoSecrets(path: string, secrets: string[]): void {
  const bytes = readFileSync(path).toString('latin1');
  for (const secret of secrets) expect(bytes.includes(secret), `snapshot contains ${secret.slice(0, 4)}…`).toBe(false);
}
