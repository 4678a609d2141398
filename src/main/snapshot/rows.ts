// The rows a snapshot writer stores, as named statements with plain values, so they can be run on this thread
// (localRowSink) or handed to a writer thread that runs them in the same order (row-thread.ts). Ids are given by
// the writer, never read back from SQLite, which is what lets a writer thread run the inserts later.

import type Database from 'better-sqlite3';
import { openDatabase } from './sqlite';

/** Rows per transaction: large enough for bulk speed, small enough to bound the WAL. */
const ROWS_PER_TRANSACTION = 50_000;

export const ROW_SQL = {
  meta: 'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
  account: `INSERT INTO accounts (id, name, ou_path, email) VALUES (?, ?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET name = excluded.name, ou_path = excluded.ou_path, email = excluded.email`,
  control: `INSERT OR REPLACE INTO controls (id, source, title, description, source_identifier, conformance_pack, pillar,
              secondary_pillars, principles, layer, severity, rationale, origin, remediation, reference_urls)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  coverage: 'INSERT OR REPLACE INTO coverage (account_id, region, state, reason) VALUES (?, ?, ?, ?)',
  error: 'INSERT INTO errors (account_id, region, service, operation, code, message, at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  provenance: 'INSERT INTO provenance (id, service, operation, params, account_id, region, retrieved_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  evidence: `INSERT INTO evidence (id, sha256, kind, resource_type, resource_id, account_id, region, captured_at, body, provenance_id)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  finding: `INSERT INTO findings (id, control_id, account_id, region, resource_type, resource_id, resource_name, rule_name,
              status, annotation, evaluated_at, recorded_at, invoked_at, evidence_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  callStats: `INSERT INTO call_stats (account_id, region, service, operation, calls, throttles, retries, errors, total_ms)
              VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
              ON CONFLICT(account_id, region, service, operation) DO UPDATE SET calls = calls + excluded.calls,
                throttles = throttles + excluded.throttles, retries = retries + excluded.retries,
                errors = errors + excluded.errors, total_ms = total_ms + excluded.total_ms`,
  pairDone: 'INSERT OR REPLACE INTO pairs_done (account_id, region, done_at) VALUES (?, ?, ?)',
} as const;

/** Opens a work file for writing rows: WAL with large transactions, as the collection's thread or a writer thread. */
export function openWorkConnection(path: string): Database.Database {
  const db = openDatabase(path);
  db.pragma('journal_mode = WAL');
  // NORMAL in WAL mode survives a process crash (kill -9); only an OS crash may lose the last commits.
  db.pragma('synchronous = NORMAL');
  db.pragma('cache_size = -65536');
  // Each checkpoint syncs the files: at SQLite's default (every ~4 MB of WAL) a collection spent more time in the
  // per-pair commits' checkpoints than in its own code. The WAL stays bounded at about 64 MB.
  db.pragma('wal_autocheckpoint = 16384');
  return db;
}

export type RowStatement = keyof typeof ROW_SQL;
export type SqlValue = string | number | null;

/** Where a writer's rows go. Rows are stored in the order they are put. */
export interface RowSink {
  put(statement: RowStatement, values: SqlValue[]): void;
  /**
   * Ends a unit of work (a pair marked done): its rows are committed together. A local sink has committed when
   * this returns; a writer thread commits in order, soon after (see threadRowSink).
   */
  commit(): void;
  /** Resolves once every unit of work ended so far is committed; rejects with what a writer thread failed with. */
  committed(): Promise<void>;
  /** Returns once every row put so far is committed; throws what a writer thread failed with. */
  settle(): void;
  /** Settles; a writer thread then ends, and takes no more rows. */
  close(): void;
}

/** Runs the statements on `db`, committing every ROWS_PER_TRANSACTION rows and at each commit(). */
export function localRowSink(db: Database.Database): RowSink {
  const statements = new Map<RowStatement, Database.Statement>();
  const prepared = (name: RowStatement): Database.Statement => {
    let statement = statements.get(name);
    if (!statement) statements.set(name, (statement = db.prepare(ROW_SQL[name])));
    return statement;
  };
  let pendingRows = 0;
  const commit = (): void => {
    if (db.inTransaction) db.exec('COMMIT');
    pendingRows = 0;
  };
  return {
    put(statement, values) {
      if (!db.inTransaction) db.exec('BEGIN');
      prepared(statement).run(values);
      if (++pendingRows >= ROWS_PER_TRANSACTION) commit();
    },
    commit,
    committed: () => Promise.resolve(),
    settle: commit,
    close: commit,
  };
}
