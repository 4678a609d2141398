// The read indexes built on a worker thread while a collection goes on (buildIndexesOnWorker): the writer refuses
// every write until they are built, and the finished snapshot holds the same rows and indexes as one whose
// indexes finish() built.

import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contentLines } from '../../../src/main/integrity/content-digest';
import { verifySnapshotFile } from '../../../src/main/integrity';
import { createSnapshotWriter, SnapshotError, workPathFor } from '../../../src/main/snapshot';
import { INDEXES_SQL } from '../../../src/main/snapshot/schema';
import { openDatabase } from '../../../src/main/snapshot/sqlite';
import type { SnapshotWriter } from '../../../src/main/snapshot/writer-contract';
import { FIXTURE_ACCOUNTS, FIXTURE_REGIONS, tempFolder, writeHeader, writePair } from './fixture';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempFolder()));
afterEach(() => cleanup());

const READ_INDEXES = [...INDEXES_SQL.matchAll(/CREATE INDEX IF NOT EXISTS (\w+)/g)].map((m) => m[1]).sort();

function indexesOf(file: string): string[] {
  const db = openDatabase(file, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL").pluck().all() as string[]).sort();
  } finally {
    db.close();
  }
}

/** The serialized rows, without the one value that differs between two writes of the same rows: the creation time. */
function rowsOf(file: string): string[] {
  const db = openDatabase(file, { readonly: true, fileMustExist: true });
  try {
    return [...contentLines(db)].filter((line) => !line.startsWith('["meta","createdAt"'));
  } finally {
    db.close();
  }
}

function writeAllPairs(writer: SnapshotWriter, regions: string[]): void {
  for (const account of FIXTURE_ACCOUNTS) {
    for (const region of regions) {
      writePair(writer, account.id, region);
      writer.markPairDone(account.id, region);
    }
  }
}

describe('read indexes built on a worker thread', () => {
  it('are in the work file once the build settles, and every write waits for it', async () => {
    const path = join(dir, 'worker.triad');
    const writer = createSnapshotWriter(path);
    writeHeader(writer);
    writeAllPairs(writer, FIXTURE_REGIONS);
    const built = writer.buildIndexesOnWorker!();
    expect(() => writer.setCoverage({ accountId: FIXTURE_ACCOUNTS[0].id, region: 'ap-south-1', state: 'skipped', reason: 'test' })).toThrow(SnapshotError);
    expect(() => writer.setCoverage({ accountId: FIXTURE_ACCOUNTS[0].id, region: 'ap-south-1', state: 'skipped', reason: 'test' })).toThrow(/indexes are being built/);
    expect(() => writer.finish({ partial: false })).toThrow(/indexes are being built/);
    await built;
    expect(READ_INDEXES.every((name) => indexesOf(workPathFor(path)).includes(name))).toBe(true);
    writer.setCoverage({ accountId: FIXTURE_ACCOUNTS[0].id, region: 'ap-south-1', state: 'skipped', reason: 'test' });
    writer.finish({ partial: false });
    expect(verifySnapshotFile(path).state).toBe('unsigned');
  });

  it('give the same snapshot as indexes finish() builds, with rows written after them', async () => {
    const [first, ...others] = FIXTURE_REGIONS;
    const plain = join(dir, 'plain.triad');
    const early = join(dir, 'early.triad');
    for (const path of [plain, early]) {
      const writer = createSnapshotWriter(path);
      writeHeader(writer);
      writeAllPairs(writer, [first]);
      if (path === early) await writer.buildIndexesOnWorker!();
      // Written into indexed tables in one file, into bare ones in the other.
      writeAllPairs(writer, others);
      writer.finish({ partial: false });
    }
    expect(rowsOf(early)).toEqual(rowsOf(plain));
    expect(rowsOf(early).length).toBeGreaterThan(50);
    expect(indexesOf(early)).toEqual(indexesOf(plain));
    expect(indexesOf(early)).toEqual(expect.arrayContaining(READ_INDEXES));
    expect(verifySnapshotFile(early).state).toBe('unsigned');
  });

  it('leave a work file that resumes: an interrupted collection goes on into indexed tables and finishes the same', async () => {
    const [first, ...others] = FIXTURE_REGIONS;
    const plain = join(dir, 'plain.triad');
    const resumed = join(dir, 'resumed.triad');
    const writer = createSnapshotWriter(plain);
    writeHeader(writer);
    writeAllPairs(writer, [first]);
    writeAllPairs(writer, others);
    writer.finish({ partial: false });

    const interrupted = createSnapshotWriter(resumed);
    writeHeader(interrupted);
    writeAllPairs(interrupted, [first]);
    await interrupted.buildIndexesOnWorker!();
    interrupted.close();
    const again = createSnapshotWriter(resumed, { resume: true });
    writeAllPairs(again, others);
    again.finish({ partial: false });
    expect(rowsOf(resumed)).toEqual(rowsOf(plain));
    expect(verifySnapshotFile(resumed).state).toBe('unsigned');
  });
});

