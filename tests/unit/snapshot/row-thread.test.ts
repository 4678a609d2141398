// A writer whose rows go through a writer thread (as a collection's does) writes the same file as one writing on
// its own thread, makes a pair durable only with its mark, and reports a failure of the thread by name.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSnapshotWriter, workPathFor } from '../../../src/main/snapshot';
import { canBlockOnThisThread } from '../../../src/main/snapshot/row-thread';
import { openDatabase } from '../../../src/main/snapshot/sqlite';
import { DEV, PROD, buildFixtureSnapshot, tempFolder, writeHeader, writePair } from './fixture';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempFolder()));
afterEach(() => cleanup());

/** Every row of the tables a writer fills, ids included; the times the writer stamps itself are left out. */
function contentOf(path: string): Record<string, unknown[]> {
  const db = openDatabase(path, { readonly: true });
  try {
    const table = (sql: string) => db.prepare(sql).all();
    return {
      meta: table("SELECT key, value FROM meta WHERE key NOT IN ('createdAt', 'digest') ORDER BY key"),
      accounts: table('SELECT * FROM accounts ORDER BY id'),
      controls: table('SELECT * FROM controls ORDER BY id'),
      coverage: table('SELECT * FROM coverage ORDER BY account_id, region'),
      provenance: table('SELECT * FROM provenance ORDER BY id'),
      evidence: table('SELECT * FROM evidence ORDER BY id'),
      findings: table('SELECT * FROM findings ORDER BY id'),
      errors: table('SELECT * FROM errors ORDER BY id'),
      callStats: table('SELECT * FROM call_stats ORDER BY account_id, region, service, operation'),
      pairsDone: table('SELECT account_id, region FROM pairs_done ORDER BY account_id, region'),
      summary: table('SELECT * FROM summary ORDER BY control_id, account_id, region, status'),
    };
  } finally {
    db.close();
  }
}

const countIn = (path: string, sql: string): number => {
  const db = openDatabase(path, { readonly: true });
  try {
    return db.prepare(sql).pluck().get() as number;
  } finally {
    db.close();
  }
};

describe('a writer thread', () => {
  it('writes the same rows, with the same ids, as a writer on this thread', () => {
    const here = join(dir, 'here.triad');
    const threaded = join(dir, 'threaded.triad');
    buildFixtureSnapshot(here);
    buildFixtureSnapshot(threaded, { writerThread: true });
    const expected = contentOf(here);
    expect(expected.findings.length).toBeGreaterThan(10);
    expect(expected.evidence.length).toBeGreaterThan(10);
    expect(contentOf(threaded)).toEqual(expected);
  });

  it('makes a pair durable with its mark: nothing of it before, all of it once committed() resolves', async () => {
    const file = join(dir, 'org.triad');
    const writer = createSnapshotWriter(file, { writerThread: true });
    try {
      writeHeader(writer);
      writePair(writer, PROD, 'eu-west-1');
      expect(countIn(workPathFor(file), 'SELECT count(*) FROM findings')).toBe(0);
      writer.markPairDone(PROD, 'eu-west-1');
      await writer.committed();
      const pairFindings = `SELECT count(*) FROM findings WHERE account_id = '${PROD}' AND region = 'eu-west-1'`;
      expect(countIn(workPathFor(file), pairFindings)).toBeGreaterThan(0);
      expect(countIn(workPathFor(file), 'SELECT count(*) FROM findings')).toBe(countIn(workPathFor(file), pairFindings));
      expect(countIn(workPathFor(file), 'SELECT count(*) FROM pairs_done')).toBe(1);
      expect(writer.donePairs()).toEqual([{ accountId: PROD, region: 'eu-west-1' }]);
    } finally {
      writer.close();
    }
  });

  it('goes on through the built-in checks once the read indexes are built, and finishes', async () => {
    const file = join(dir, 'org.triad');
    const writer = createSnapshotWriter(file, { writerThread: true });
    writeHeader(writer);
    writePair(writer, PROD, 'eu-west-1');
    writer.markPairDone(PROD, 'eu-west-1');
    const indexes = writer.buildIndexesOnWorker!();
    expect(() => writer.addCallStats({ accountId: DEV, region: 'eu-west-1', service: 'config', operation: 'X', calls: 1, throttles: 0, retries: 0, errors: 0, totalMs: 1 })).toThrow(
      /read indexes are being built/,
    );
    await indexes;
    writePair(writer, DEV, 'eu-west-1');
    writer.markPairDone(DEV, 'eu-west-1');
    writer.finish({ partial: true });
    expect(countIn(file, 'SELECT count(*) FROM pairs_done')).toBe(2);
    expect(countIn(file, "SELECT count(*) FROM sqlite_master WHERE name = 'findings_by_resource'")).toBe(1);
  });

  it('reports a failure of the thread with the file and the cause, keeps what was committed, and closes', async () => {
    const file = join(dir, 'org.triad');
    const writer = createSnapshotWriter(file, { writerThread: true });
    writeHeader(writer);
    writePair(writer, PROD, 'eu-west-1');
    writer.markPairDone(PROD, 'eu-west-1');
    await writer.committed();
    // Another program breaks the work file under the collection.
    const other = openDatabase(workPathFor(file));
    other.exec('DROP TABLE call_stats');
    other.close();
    writePair(writer, DEV, 'eu-west-1');
    writer.markPairDone(DEV, 'eu-west-1');
    const problem = `${workPathFor(file)}: the writer thread could not write the collection's rows: no such table: call_stats`;
    await expect(writer.committed()).rejects.toThrow(problem);
    expect(() => writer.markPairDone(DEV, 'us-east-1')).toThrow(problem);
    // Told twice already: closing does not throw it again over whatever the collection reports.
    writer.close();

    // The file is closed, and resumable: the first pair kept, the failed one to be collected again.
    const resumed = createSnapshotWriter(file, { resume: true });
    expect(resumed.donePairs()).toEqual([{ accountId: PROD, region: 'eu-west-1' }]);
    resumed.close();
  });

  it('says so when closing is what finds the failure: the last rows were not written', () => {
    const file = join(dir, 'org.triad');
    const writer = createSnapshotWriter(file, { writerThread: true });
    writeHeader(writer);
    writer.donePairs();
    const other = openDatabase(workPathFor(file));
    other.exec('DROP TABLE findings');
    other.close();
    writePair(writer, PROD, 'eu-west-1');
    expect(() => writer.close()).toThrow(`${workPathFor(file)}: the writer thread could not write the collection's rows: no such table: findings`);
    expect(() => writer.close()).not.toThrow();
  });
});

describe('where this thread may not block waiting for a writer thread', () => {
  afterEach(() => vi.restoreAllMocks());

  it('writes on this thread instead, the same rows', () => {
    vi.spyOn(Atomics, 'wait').mockImplementation(() => {
      throw new TypeError('Atomics.wait cannot be called in this context');
    });
    expect(canBlockOnThisThread()).toBe(false);
    const here = join(dir, 'here.triad');
    const asked = join(dir, 'asked-for-thread.triad');
    buildFixtureSnapshot(here);
    buildFixtureSnapshot(asked, { writerThread: true });
    expect(contentOf(asked)).toEqual(contentOf(here));
  });
});
