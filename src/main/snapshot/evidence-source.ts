// Reads back, per account, the evidence, coverage and errors a snapshot holds, as its producers wrote them: the
// built-in checks are re-run from it (at the end of a collection, on its work file, and by `evaluate` on a
// finished snapshot). Read-only; the file is never modified.

import type Database from 'better-sqlite3';
import type { CollectionError, CoverageCell, CoverageState, TrustedAdvisorAvailability } from '../../shared/domain';
import { SnapshotError } from './errors';
import { openDatabase } from './sqlite';
import type { NewEvidence } from './writer-contract';

export interface AccountRecords {
  accountId: string;
  evidence: NewEvidence[];
  coverage: CoverageCell[];
  errors: CollectionError[];
}

export interface EvidenceSource {
  /** Accounts with coverage, evidence or findings. */
  accounts(): string[];
  account(accountId: string): AccountRecords;
  /** The account's coverage cells alone: cheap, unlike its evidence. */
  coverage(accountId: string): CoverageCell[];
  /** The `trustedAdvisor` meta already stored (a resumed collection keeps the accounts of its first run). */
  trustedAdvisor(): Record<string, TrustedAdvisorAvailability>;
  close(): void;
}

export function openEvidenceSource(path: string): EvidenceSource {
  let db: Database.Database;
  try {
    db = openDatabase(path, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new SnapshotError(path, `cannot be opened to read its evidence (${error instanceof Error ? error.message : String(error)})`);
  }
  const evidence = db.prepare(
    `SELECT e.kind, e.resource_type, e.resource_id, e.account_id, e.region, e.captured_at, e.body,
            p.service, p.operation, p.params, p.account_id AS p_account_id, p.region AS p_region, p.retrieved_at
     FROM evidence e JOIN provenance p ON p.id = e.provenance_id WHERE e.account_id = ? ORDER BY e.id`,
  );
  const coverage = db.prepare('SELECT account_id, region, state, reason FROM coverage WHERE account_id = ? ORDER BY region');
  const errors = db.prepare('SELECT account_id, region, service, operation, code, message, at FROM errors WHERE account_id = ? ORDER BY id');
  const parse = (text: unknown, where: string): unknown => {
    try {
      return JSON.parse(String(text));
    } catch {
      throw new SnapshotError(path, `has an invalid value: ${where} is not valid JSON`);
    }
  };
  const coverageOf = (accountId: string): CoverageCell[] =>
    (coverage.all(accountId) as Record<string, unknown>[]).map((r) => ({
      accountId: String(r.account_id),
      region: String(r.region),
      state: String(r.state) as CoverageState,
      reason: String(r.reason),
    }));
  return {
    accounts: () =>
      db
        .prepare('SELECT account_id FROM coverage UNION SELECT account_id FROM evidence UNION SELECT id FROM accounts ORDER BY 1')
        .pluck()
        .all()
        .map(String),
    account(accountId) {
      return {
        accountId,
        evidence: (evidence.all(accountId) as Record<string, unknown>[]).map((r): NewEvidence => {
          const row: NewEvidence = {
            kind: r.kind === 'configuration-item' ? 'configuration-item' : 'api-response',
            accountId: String(r.account_id),
            region: String(r.region),
            body: parse(r.body, `evidence of ${accountId}`),
            provenance: {
              service: String(r.service),
              operation: String(r.operation),
              params: parse(r.params, `provenance of ${accountId}`) as Record<string, unknown>,
              accountId: String(r.p_account_id),
              region: String(r.p_region),
              retrievedAt: String(r.retrieved_at),
            },
          };
          if (r.resource_type !== null) row.resourceType = String(r.resource_type);
          if (r.resource_id !== null) row.resourceId = String(r.resource_id);
          if (r.captured_at !== null) row.capturedAt = String(r.captured_at);
          return row;
        }),
        coverage: coverageOf(accountId),
        errors: (errors.all(accountId) as Record<string, unknown>[]).map((r) => ({
          accountId: String(r.account_id),
          region: String(r.region),
          service: String(r.service),
          operation: String(r.operation),
          code: String(r.code),
          message: String(r.message),
          at: String(r.at),
        })),
      };
    },
    coverage: coverageOf,
    trustedAdvisor() {
      const raw = db.prepare("SELECT value FROM meta WHERE key = 'trustedAdvisor'").pluck().get();
      if (typeof raw !== 'string') return {};
      const value = parse(raw, 'meta.trustedAdvisor');
      return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, TrustedAdvisorAvailability>) : {};
    },
    close: () => db.close(),
  };
}
