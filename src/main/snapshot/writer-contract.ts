// What every producer of a snapshot (the demo generator, the collector, `evaluate`) writes through.
// Implemented by the SQLite store in this folder; producers never touch SQL.

import type {
  Account,
  CollectionError,
  Control,
  CoverageCell,
  Evidence,
  Finding,
  SnapshotMeta,
} from '../../shared/domain';

export type NewEvidence = Omit<Evidence, 'id'>;
export type NewFinding = Omit<Finding, 'id'>;

/** Per account × region × API family call statistics, for the collection report. */
export interface CallStats {
  accountId: string;
  region: string;
  service: string;
  operation: string;
  calls: number;
  throttles: number;
  retries: number;
  errors: number;
  totalMs: number;
}

export interface SnapshotWriter {
  /** Metadata may be set in parts; anything not set by finish() gets a default. */
  setMeta(meta: Partial<SnapshotMeta>): void;
  upsertAccount(account: Account): void;
  upsertControl(control: Control): void;
  setCoverage(cell: CoverageCell): void;
  addError(error: CollectionError): void;
  /**
   * Stores the evidence once per identical content and returns its id (deduplicated by content hash). The body
   * must not be changed once added: adding the same body object again returns its id without hashing it again.
   */
  addEvidence(evidence: NewEvidence): number;
  addFinding(finding: NewFinding): number;
  addCallStats(stats: CallStats): void;
  /**
   * Builds the read indexes finish() would build, on a worker thread, so a collection can go on with work that
   * does not write (the built-in checks' reads) meanwhile. Every write, and finish(), is refused until the promise
   * settles; it never rejects (finish() builds whatever is missing). Optional: a store may build them in finish().
   */
  buildIndexesOnWorker?(): Promise<void>;
  /**
   * Ends the work for one account × region: its rows are committed together with the mark, and a resumed
   * collection skips the pair. Rows of a pair not marked done are discarded on resume. Durable when this returns,
   * or, for a writer with a writer thread, once committed() resolves.
   */
  markPairDone(accountId: string, region: string): void;
  /** Resolves once every pair marked done so far is durable; rejects when they cannot be written. */
  committed(): Promise<void>;
  donePairs(): { accountId: string; region: string }[];
  /** Builds summaries and indexes, then atomically renames the work file to the final path. */
  finish(options: { partial: boolean }): void;
  /** Closes without finishing; the work file stays for `resume`. */
  close(): void;
}
