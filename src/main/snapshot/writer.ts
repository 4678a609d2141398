// Writes a `.triad` file: rows go to `<final>.partial` beside the final path (same folder, so the closing rename
// is atomic), in WAL mode with large transactions; finish() builds the summary cube and indexes, turns the
// file back into one self-contained database, fsyncs it and renames it into place. A crash at any moment
// leaves the final path untouched and the work file resumable. A collection may have the read indexes built on
// a worker thread before it finishes (buildIndexesOnWorker), while it goes on with work that does not write, and
// may have its rows inserted on a writer thread (the writerThread option, row-thread.ts): the writer gives every id
// itself and keeps its dedup maps here, so only plain rows cross.

import { closeSync, existsSync, fsyncSync, openSync, renameSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import type Database from 'better-sqlite3';
import {
  CONTROL_SOURCES,
  STATUSES,
  type Account,
  type CollectionError,
  type Control,
  type CoverageCell,
  type SnapshotMeta,
} from '../../shared/domain';
import { triadVersion } from '../paths';
import { recordContentDigest } from '../integrity/content-digest';
import { canonicalJson, sha256Hex } from './canonical';
import { SnapshotError } from './errors';
import { localRowSink, openWorkConnection, type RowSink, type RowStatement, type SqlValue } from './rows';
import { canBlockOnThisThread, threadRowSink } from './row-thread';
import { entryBeside, runEntryWorker } from '../worker-thread';
import { COVERAGE_STATES, FORMAT_VERSION, INDEXES_SQL, TABLES_SQL, UNIQUE_INDEXES_SQL, tuneForSorting } from './schema';
import type { CallStats, NewEvidence, NewFinding, SnapshotWriter } from './writer-contract';

export const workPathFor = (finalPath: string): string => `${finalPath}.partial`;

export interface SnapshotWriterOptions {
  /** Continue the work file of an interrupted run instead of starting a new one. */
  resume?: boolean;
  /**
   * Run the SQLite inserts on a writer thread (row-thread.ts), for a collection, whose own thread is busy with the
   * AWS SDK. donePairs() and buildIndexesOnWorker() wait for it to commit everything; finish() and close() end it.
   * Where this thread may not block waiting for it, the rows are written here, as without the option.
   */
  writerThread?: boolean;
}

export function createSnapshotWriter(finalPath: string, options: SnapshotWriterOptions = {}): SnapshotWriter {
  const workPath = workPathFor(finalPath);
  const fail = (problem: string): never => {
    throw new SnapshotError(workPath, problem);
  };
  if (!existsSync(dirname(finalPath))) throw new SnapshotError(finalPath, `folder ${dirname(finalPath)} does not exist`);
  if (options.resume && !existsSync(workPath)) fail('no interrupted collection to resume (the work file does not exist)');
  if (!options.resume && existsSync(workPath)) {
    fail('an interrupted collection already uses this work file; resume it, or delete the file to start again');
  }

  const db = openWorkConnection(workPath);
  db.exec(TABLES_SQL);
  if (options.resume) discardUnfinishedPairs(db);

  // Dedup keys → row ids, kept in memory so the common case (a repeat) costs no query.
  const evidenceIds = new Map<string, number>();
  const provenanceIds = new Map<string, number>();
  if (options.resume) {
    for (const r of db.prepare('SELECT id, sha256 FROM evidence').iterate() as Iterable<{ id: number; sha256: string }>) evidenceIds.set(r.sha256, r.id);
    const rows = db.prepare('SELECT id, service, operation, params, account_id, region, retrieved_at FROM provenance').iterate();
    for (const r of rows as Iterable<Record<string, string | number>>) {
      provenanceIds.set(provenanceKey(String(r.service), String(r.operation), String(r.params), String(r.account_id), String(r.region), String(r.retrieved_at)), Number(r.id));
    }
  }
  // The writer gives the ids (a writer thread inserts later): each table's next is one above its largest, taken
  // once the row is put (a refused write uses none).
  const nextId = (table: 'evidence' | 'provenance' | 'findings') => (db.prepare(`SELECT coalesce(max(id), 0) + 1 FROM ${table}`).pluck().get() as number);
  const next = { evidence: nextId('evidence'), provenance: nextId('provenance'), finding: nextId('findings') };
  const donePairsQuery = db.prepare('SELECT account_id AS accountId, region FROM pairs_done ORDER BY account_id, region');

  // The built-in checks hand back the very evidence objects the collector added or read back: found by object, a
  // repeat costs no canonical JSON or hash. A body is never changed once added (writer-contract.ts).
  const addedBodies = new WeakMap<object, { identity: string; id: number }>();

  let rows: RowSink = localRowSink(db);
  /** A writer thread's sink, until the file is finished or closed here (then this thread's own connection writes). */
  let threaded = false;
  const useThisThread = (): void => {
    if (!threaded) return;
    threaded = false;
    const thread = rows;
    rows = localRowSink(db);
    thread.close();
  };
  let open = true;
  /** Set while a worker thread builds the read indexes: it holds the file's write lock until it is done. */
  let indexing: Promise<void> | null = null;
  const ensureOpen = (): void => {
    if (!open) fail('the snapshot writer is already finished or closed');
    if (indexing) fail('the read indexes are being built on a worker thread; wait for buildIndexesOnWorker() before writing');
  };
  const put = (statement: RowStatement, values: SqlValue[]): void => {
    ensureOpen();
    rows.put(statement, values);
  };
  const putMeta = (key: string, value: unknown): void => {
    put('meta', [key, key === 'format_version' ? String(value) : JSON.stringify(value)]);
  };

  const insertEvidence = (evidence: NewEvidence, sha: string): number => {
    const body = JSON.stringify(evidence.body);
    if (body === undefined) fail(`evidence for ${evidence.resourceId ?? evidence.kind} has no JSON body`);
    const p = evidence.provenance;
    const params = canonicalJson(p.params);
    const key = provenanceKey(p.service, p.operation, params, p.accountId, p.region, p.retrievedAt);
    let provenanceId = provenanceIds.get(key);
    if (provenanceId === undefined) {
      provenanceId = next.provenance;
      put('provenance', [provenanceId, p.service, p.operation, params, p.accountId, p.region, p.retrievedAt]);
      next.provenance++;
      provenanceIds.set(key, provenanceId);
    }
    const id = next.evidence;
    put('evidence', [
      id,
      sha,
      evidence.kind,
      evidence.resourceType ?? null,
      evidence.resourceId ?? null,
      evidence.accountId,
      evidence.region,
      evidence.capturedAt ?? null,
      body,
      provenanceId,
    ]);
    next.evidence++;
    evidenceIds.set(sha, id);
    return id;
  };

  putMeta('format_version', FORMAT_VERSION);
  if (!options.resume) putMeta('createdAt', new Date().toISOString());
  rows.commit();
  if (options.writerThread && canBlockOnThisThread()) {
    try {
      rows = threadRowSink(workPath);
    } catch (error) {
      db.close();
      throw error;
    }
    threaded = true;
  }

  return {
    setMeta(meta: Partial<SnapshotMeta>) {
      for (const [key, value] of Object.entries(meta)) {
        if (key !== 'formatVersion' && value !== undefined) putMeta(key, value);
      }
    },

    upsertAccount(account: Account) {
      put('account', [account.id, account.name, account.ouPath, account.email ?? null]);
    },

    upsertControl(control: Control) {
      if (!CONTROL_SOURCES.includes(control.source)) fail(`control ${control.id} has unknown source ${control.source}`);
      const c = control.classification;
      put('control', [
        control.id,
        control.source,
        control.title,
        control.description,
        control.sourceIdentifier,
        control.conformancePack ?? null,
        c?.pillar ?? null,
        JSON.stringify(c?.secondaryPillars ?? []),
        JSON.stringify(c?.principles ?? []),
        c?.layer ?? null,
        c?.severity ?? null,
        c?.rationale ?? null,
        c ? control.classificationOrigin : 'unclassified',
        control.remediation ?? null,
        JSON.stringify(control.references ?? []),
      ]);
    },

    setCoverage(cell: CoverageCell) {
      if (!COVERAGE_STATES.includes(cell.state)) fail(`coverage of ${cell.accountId} ${cell.region} has unknown state ${cell.state}`);
      put('coverage', [cell.accountId, cell.region, cell.state, cell.reason]);
    },

    addError(error: CollectionError) {
      put('error', [error.accountId, error.region, error.service, error.operation, error.code, error.message, error.at]);
    },

    addEvidence(evidence: NewEvidence): number {
      const identity = JSON.stringify([evidence.kind, evidence.resourceType, evidence.resourceId, evidence.accountId, evidence.region, evidence.capturedAt]);
      const bodyObject = typeof evidence.body === 'object' && evidence.body !== null ? evidence.body : undefined;
      const added = bodyObject && addedBodies.get(bodyObject);
      if (added && added.identity === identity) return added.id;
      const sha = sha256Hex(
        canonicalJson({
          kind: evidence.kind,
          resourceType: evidence.resourceType ?? null,
          resourceId: evidence.resourceId ?? null,
          accountId: evidence.accountId,
          region: evidence.region,
          capturedAt: evidence.capturedAt ?? null,
          body: evidence.body,
        }),
      );
      const id = evidenceIds.get(sha) ?? insertEvidence(evidence, sha);
      if (bodyObject) addedBodies.set(bodyObject, { identity, id });
      return id;
    },

    addFinding(finding: NewFinding): number {
      if (!STATUSES.includes(finding.status)) {
        fail(`finding for ${finding.controlId} on ${finding.resourceId} has unknown status ${String(finding.status)}`);
      }
      const id = next.finding;
      put('finding', [
        id,
        finding.controlId,
        finding.accountId,
        finding.region,
        finding.resourceType,
        finding.resourceId,
        finding.resourceName ?? null,
        finding.ruleName ?? null,
        finding.status,
        finding.annotation ?? null,
        finding.evaluatedAt ?? null,
        finding.recordedAt ?? null,
        finding.invokedAt ?? null,
        finding.evidenceId ?? null,
      ]);
      next.finding++;
      return id;
    },

    addCallStats(s: CallStats) {
      put('callStats', [s.accountId, s.region, s.service, s.operation, s.calls, s.throttles, s.retries, s.errors, s.totalMs]);
    },

    buildIndexesOnWorker() {
      ensureOpen();
      // Every row committed, so the index worker can take the write lock; a writer thread stays, idle meanwhile.
      rows.settle();
      indexing = indexesBuiltOnWorker(workPath).finally(() => {
        indexing = null;
      });
      return indexing;
    },

    markPairDone(accountId: string, region: string) {
      put('pairDone', [accountId, region, new Date().toISOString()]);
      rows.commit();
    },

    committed() {
      return rows.committed();
    },

    donePairs() {
      ensureOpen();
      rows.settle();
      return donePairsQuery.all() as { accountId: string; region: string }[];
    },

    finish({ partial }: { partial: boolean }) {
      ensureOpen();
      useThisThread();
      rows.commit();
      // The summary and the index builds are sorts of every finding.
      tuneForSorting(db);
      db.transaction(() => {
        db.exec('DELETE FROM summary');
        db.exec(`INSERT INTO summary (account_id, region, control_id, status, count)
                 SELECT account_id, region, control_id, status, count(*) FROM findings
                 GROUP BY control_id, account_id, region, status`);
        const unknown = db.prepare('SELECT control_id FROM summary WHERE control_id NOT IN (SELECT id FROM controls) LIMIT 1').get() as
          | { control_id: string }
          | undefined;
        if (unknown) fail(`findings refer to control ${unknown.control_id}, which was never added with upsertControl`);
        try {
          db.exec(UNIQUE_INDEXES_SQL);
        } catch (error) {
          fail(`two evidence or provenance rows are the same (${error instanceof Error ? error.message : String(error)})`);
        }
        const defaults: Omit<SnapshotMeta, 'formatVersion' | 'createdAt'> = {
          title: 'Triad snapshot',
          triadVersion: triadVersion(),
          collectedBy: null,
          scope: { mode: 'self', description: '' },
          catalogVersion: '',
          overrides: null,
          isDemo: false,
          partial: false,
          digest: null,
        };
        const present = new Set((db.prepare('SELECT key FROM meta').all() as { key: string }[]).map((r) => r.key));
        for (const [key, value] of Object.entries(defaults)) if (!present.has(key)) putMeta(key, value);
        putMeta('partial', partial);
        putMeta('counts', countRows(db));
        // Last, so the content digest covers every row renamed into place (docs/integrity.md).
        recordContentDigest(db);
      })();
      // Those a worker thread already built are kept (IF NOT EXISTS).
      db.exec(INDEXES_SQL);
      // A bounded ANALYZE lets the planner pick the right index per filter without a full-table pass.
      db.pragma('analysis_limit = 1000');
      db.exec('ANALYZE');
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.pragma('journal_mode = DELETE');
      db.close();
      open = false;
      fsyncPath(workPath);
      try {
        renameSync(workPath, finalPath);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? String(error);
        throw new SnapshotError(finalPath, `cannot be written (${code}); the complete snapshot is kept in ${workPath}`);
      }
      fsyncPath(dirname(finalPath));
    },

    close() {
      // A worker thread building the indexes has its own connection: it commits or rolls back on its own.
      if (!open) return;
      open = false;
      try {
        useThisThread();
        rows.commit();
      } finally {
        db.close();
      }
    },
  };
}

const provenanceKey = (...parts: string[]): string => JSON.stringify(parts);

/**
 * Builds the read indexes of a work file on a worker thread (snapshot/index-worker.ts). Always resolves: if the
 * worker cannot start or fails, finish() builds whatever is missing, as it would have anyway.
 */
function indexesBuiltOnWorker(workPath: string): Promise<void> {
  const run = runEntryWorker(entryBeside(import.meta.url, 'index-worker'), { path: workPath }, { background: true, isAnswer: () => true });
  return run.answer.then(
    () => undefined,
    () => undefined,
  );
}

/** On resume: everything belonging to a pair not marked done is dropped, so re-collecting it adds no duplicates. */
function discardUnfinishedPairs(db: Database.Database): void {
  const notDone = (alias: string) =>
    `NOT EXISTS (SELECT 1 FROM pairs_done p WHERE p.account_id = ${alias}.account_id AND p.region = ${alias}.region)`;
  db.transaction(() => {
    db.exec(`DELETE FROM findings WHERE ${notDone('findings')}`);
    db.exec(`DELETE FROM errors WHERE ${notDone('errors')}`);
    db.exec(`DELETE FROM coverage WHERE ${notDone('coverage')}`);
    db.exec(`DELETE FROM call_stats WHERE ${notDone('call_stats')}`);
    db.exec(`DELETE FROM evidence WHERE ${notDone('evidence')}
             AND id NOT IN (SELECT evidence_id FROM findings WHERE evidence_id IS NOT NULL)`);
    db.exec('DELETE FROM provenance WHERE id NOT IN (SELECT provenance_id FROM evidence)');
    db.exec('DELETE FROM summary');
  })();
}

export interface SnapshotCounts {
  findings: number;
  controls: number;
  accounts: number;
  regions: number;
  evidence: number;
  errors: number;
}

function countRows(db: Database.Database): SnapshotCounts {
  const count = (sql: string): number => (db.prepare(sql).get() as { n: number }).n;
  return {
    findings: count('SELECT coalesce(sum(count), 0) AS n FROM summary'),
    controls: count('SELECT count(*) AS n FROM controls'),
    accounts: count('SELECT count(*) AS n FROM accounts'),
    regions: count('SELECT count(*) AS n FROM (SELECT region FROM coverage UNION SELECT region FROM summary)'),
    evidence: count('SELECT count(*) AS n FROM evidence'),
    errors: count('SELECT count(*) AS n FROM errors'),
  };
}

function fsyncPath(path: string): void {
  // Directories cannot be opened for fsync on every platform (Windows); the rename is still atomic there.
  let fd: number | undefined;
  try {
    fd = openSync(path, statSync(path).isDirectory() ? 'r' : 'r+');
    fsyncSync(fd);
  } catch (error) {
    if (!statSync(path).isDirectory()) throw error;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
