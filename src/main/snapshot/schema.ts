// The `.triad` file format, version 1.x: one SQLite database per collection.
//
// Compatibility rule: readers accept any 1.x file (a minor version only adds tables, columns or meta keys
// that older readers ignore) and refuse a newer major version with a clear error.
//
// Tables
//   meta        key → value. `format_version` is plain text ("1.0"); every other value is JSON
//               (the SnapshotMeta fields by name, plus `counts`; `trustedAdvisor`, Trusted Advisor availability
//               per account, is optional).
//   accounts    one row per account in scope.
//   coverage    one row per account × region in scope: how fully it was collected, and why not.
//   controls    one row per control; a NULL `pillar` means unclassified (then `origin` = 'unclassified').
//   findings    one row per control × resource × account × region evaluation result.
//   evidence    raw items behind findings, stored once per identical content (`sha256` of the canonical JSON
//               of kind, resource, account, region, capture time and body); `body` is the JSON as given.
//   provenance  how evidence was retrieved (service, operation, params minus secrets, account, region, time).
//   errors      failed calls during collection.
//   call_stats  calls, throttles, retries and timings per account × region × service × operation.
//   pairs_done  account × region pairs whose rows are complete (for resume).
//   summary     the precomputed cube account × region × control × status → count, built by finish(); every
//               aggregate view (overview, pillars, accounts, CLI summary) reads it instead of the findings.

import { availableParallelism } from 'node:os';
import type Database from 'better-sqlite3';
import type { CoverageState } from '../../shared/domain';

export const FORMAT_VERSION = '1.0';

// A Record so the compiler insists on every member of the CoverageState union.
const COVERAGE_STATE_SET: Record<CoverageState, true> = {
  collected: true,
  partial: true,
  failed: true,
  'not-enabled': true,
  skipped: true,
};
/** Every CoverageState, for validating stored values. */
export const COVERAGE_STATES = Object.keys(COVERAGE_STATE_SET) as CoverageState[];
export const FORMAT_MAJOR = 1;

export const TABLES_SQL = `
CREATE TABLE IF NOT EXISTS meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS accounts (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  ou_path TEXT NOT NULL,
  email TEXT
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS coverage (
  account_id TEXT NOT NULL,
  region TEXT NOT NULL,
  state TEXT NOT NULL,
  reason TEXT NOT NULL,
  PRIMARY KEY (account_id, region)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS controls (
  id TEXT PRIMARY KEY,
  source TEXT NOT NULL,
  title TEXT NOT NULL,
  description TEXT NOT NULL,
  source_identifier TEXT NOT NULL,
  conformance_pack TEXT,
  pillar TEXT,
  secondary_pillars TEXT NOT NULL,
  principles TEXT NOT NULL,
  layer TEXT,
  severity TEXT,
  rationale TEXT,
  origin TEXT NOT NULL,
  remediation TEXT,
  reference_urls TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS provenance (
  id INTEGER PRIMARY KEY,
  service TEXT NOT NULL,
  operation TEXT NOT NULL,
  params TEXT NOT NULL,
  account_id TEXT NOT NULL,
  region TEXT NOT NULL,
  retrieved_at TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS evidence (
  id INTEGER PRIMARY KEY,
  sha256 TEXT NOT NULL,
  kind TEXT NOT NULL,
  resource_type TEXT,
  resource_id TEXT,
  account_id TEXT NOT NULL,
  region TEXT NOT NULL,
  captured_at TEXT,
  body TEXT NOT NULL,
  provenance_id INTEGER NOT NULL REFERENCES provenance(id)
);

CREATE TABLE IF NOT EXISTS findings (
  id INTEGER PRIMARY KEY,
  control_id TEXT NOT NULL,
  account_id TEXT NOT NULL,
  region TEXT NOT NULL,
  resource_type TEXT NOT NULL,
  resource_id TEXT NOT NULL,
  resource_name TEXT,
  rule_name TEXT,
  status TEXT NOT NULL,
  annotation TEXT,
  evaluated_at TEXT,
  recorded_at TEXT,
  invoked_at TEXT,
  evidence_id INTEGER REFERENCES evidence(id)
);

-- The built-in checks read the evidence back one account at a time, from the work file and from finished snapshots.
CREATE INDEX IF NOT EXISTS evidence_by_account ON evidence (account_id);

CREATE TABLE IF NOT EXISTS errors (
  id INTEGER PRIMARY KEY,
  account_id TEXT NOT NULL,
  region TEXT NOT NULL,
  service TEXT NOT NULL,
  operation TEXT NOT NULL,
  code TEXT NOT NULL,
  message TEXT NOT NULL,
  at TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS call_stats (
  account_id TEXT NOT NULL,
  region TEXT NOT NULL,
  service TEXT NOT NULL,
  operation TEXT NOT NULL,
  calls INTEGER NOT NULL,
  throttles INTEGER NOT NULL,
  retries INTEGER NOT NULL,
  errors INTEGER NOT NULL,
  total_ms REAL NOT NULL,
  PRIMARY KEY (account_id, region, service, operation)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS pairs_done (
  account_id TEXT NOT NULL,
  region TEXT NOT NULL,
  done_at TEXT NOT NULL,
  PRIMARY KEY (account_id, region)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS summary (
  account_id TEXT NOT NULL,
  region TEXT NOT NULL,
  control_id TEXT NOT NULL,
  status TEXT NOT NULL,
  count INTEGER NOT NULL,
  PRIMARY KEY (control_id, account_id, region, status)
) WITHOUT ROWID;
`;

/**
 * Evidence content hashes and provenance records are unique: the writer looks each one up in memory before it
 * inserts it, and finish() builds these indexes, which also prove it. Kept up row by row during a collection,
 * their random inserts rewrote scattered pages in every per-pair commit, which cost more than the inserts.
 */
export const UNIQUE_INDEXES_SQL = `
CREATE UNIQUE INDEX IF NOT EXISTS evidence_by_sha256 ON evidence (sha256);
CREATE UNIQUE INDEX IF NOT EXISTS provenance_unique ON provenance (service, operation, params, account_id, region, retrieved_at);
`;

/**
 * Indexes for the drill-down queries, built once after the bulk insert (much faster than maintaining them row by
 * row): by finish(), or on a worker thread while a collection runs its built-in checks (writer.ts). Each index on
 * a control's findings leads with a sort column and also carries every filter column (status, account, region),
 * so a filtered, sorted page of ids is read from the index alone; only the rows of the page itself are then
 * fetched from the table. findings_by_control_text also holds every searchable text column, so a text search
 * reads one index range instead of scattered rows.
 * findings_by_resource is in the diff's key order and carries every column the diff compares, so comparing two
 * snapshots reads this index alone (files from before it was widened are compared through the table, slower).
 * evidence_by_provenance lets a report count the evidence of each API operation without reading past every body
 * (0.06 s instead of 0.3 s at 1,000,000 findings; files without it are counted through the table).
 */
export const INDEXES_SQL = `
CREATE INDEX IF NOT EXISTS findings_by_control_status ON findings (control_id, status, account_id, region);
CREATE INDEX IF NOT EXISTS findings_by_control_account ON findings (control_id, account_id, region, status);
CREATE INDEX IF NOT EXISTS findings_by_control_text ON findings
  (control_id, resource_id, status, account_id, region, resource_type, resource_name, annotation);
CREATE INDEX IF NOT EXISTS findings_by_control_evaluated ON findings (control_id, evaluated_at, status, account_id, region);
CREATE INDEX IF NOT EXISTS findings_by_resource ON findings (account_id, region, resource_type, resource_id, control_id, id, status, evidence_id);
CREATE INDEX IF NOT EXISTS errors_by_time ON errors (at);
CREATE INDEX IF NOT EXISTS evidence_by_provenance ON evidence (provenance_id);
`;

/**
 * Sets a connection up for the sorts of the summary and the index builds. SQLite sorts in parallel only runs that
 * spill from its sorter's memory (the page cache size): a small cache and helper threads made the index builds of a
 * 363,000-finding collection about a quarter faster (about 5 s instead of 7 s on two cores).
 */
export function tuneForSorting(db: Database.Database): void {
  db.pragma(`threads = ${Math.min(4, availableParallelism())}`);
  db.pragma('cache_size = -8192');
}

/** Builds the read indexes (INDEXES_SQL) on a connection with no transaction open. */
export function buildReadIndexes(db: Database.Database): void {
  tuneForSorting(db);
  db.exec(INDEXES_SQL);
}

/** Every table and column a reader relies on; a file lacking one is refused by name. */
export const REQUIRED_COLUMNS: Record<string, readonly string[]> = {
  meta: ['key', 'value'],
  accounts: ['id', 'name', 'ou_path', 'email'],
  coverage: ['account_id', 'region', 'state', 'reason'],
  controls: [
    'id', 'source', 'title', 'description', 'source_identifier', 'conformance_pack', 'pillar', 'secondary_pillars',
    'principles', 'layer', 'severity', 'rationale', 'origin', 'remediation', 'reference_urls',
  ],
  provenance: ['id', 'service', 'operation', 'params', 'account_id', 'region', 'retrieved_at'],
  evidence: ['id', 'sha256', 'kind', 'resource_type', 'resource_id', 'account_id', 'region', 'captured_at', 'body', 'provenance_id'],
  findings: [
    'id', 'control_id', 'account_id', 'region', 'resource_type', 'resource_id', 'resource_name', 'rule_name', 'status',
    'annotation', 'evaluated_at', 'recorded_at', 'invoked_at', 'evidence_id',
  ],
  errors: ['id', 'account_id', 'region', 'service', 'operation', 'code', 'message', 'at'],
  call_stats: ['account_id', 'region', 'service', 'operation', 'calls', 'throttles', 'retries', 'errors', 'total_ms'],
  pairs_done: ['account_id', 'region', 'done_at'],
  summary: ['account_id', 'region', 'control_id', 'status', 'count'],
};

/** Parses "MAJOR.MINOR"; null when the text is not a version. */
export function parseFormatVersion(text: string): { major: number; minor: number } | null {
  const match = /^(\d{1,6})\.(\d{1,6})$/.exec(text);
  return match ? { major: Number(match[1]), minor: Number(match[2]) } : null;
}
