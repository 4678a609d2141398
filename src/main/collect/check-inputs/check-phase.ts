// The last phase of a collection: for each account, the direct read APIs the built-in checks need and the real
// Trusted Advisor results, then the checks themselves over everything the snapshot holds for the account (the
// configuration items and recorder status its pairs stored, plus the responses just read). One account's rows
// are written in one go and marked done, so a resumed collection neither repeats nor duplicates them.

import type { CollectionError, TrustedAdvisorAvailability } from '../../../shared/domain';
import { GLOBAL, regionsOf } from '../../checks-collect/inputs';
import { CheckResultWriter, type ClassifyingCatalog } from '../../checks-collect/results';
import { openEvidenceSource } from '../../snapshot/evidence-source';
import type { SnapshotWriter } from '../../snapshot/writer-contract';
import type { RefreshableTarget } from '../pair-run';
import { concurrencyLimit, mapConcurrent } from '../rate-limit';
import { collectAccountInputs, type Send } from './direct';
import { collectTrustedAdvisor, readOrganizationTrustedAdvisor } from './trusted-advisor';

/** pairs_done marker of an account whose checks are written (its region column holds this instead of a region). */
export const CHECKS_DONE = 'checks';
// Accounts whose direct reads are in flight. Each account has its own token buckets, so this bounds local memory
// (each holds its own API responses until written), not AWS load. The pairs' stored evidence is read only in the
// synchronous evaluation step, so one account's stored evidence is in memory at a time.
const ACCOUNT_CONCURRENCY = 64;
// While a worker thread builds the read indexes, accounts whose reads are done wait for them before they are
// evaluated; this many more accounts may read meanwhile (and hold their responses). Without them, the first
// accounts' reads ended before the indexes and the collection sat idle for seconds, reading nothing.
const ACCOUNTS_AWAITING_INDEXES = ACCOUNT_CONCURRENCY;

export interface CheckPhaseDeps {
  send: Send;
  writer: SnapshotWriter;
  catalog: ClassifyingCatalog;
  /** The collection's work file, where the pairs' configuration items are already committed. */
  workPath: string;
  endpoint?: string;
  signal?: AbortSignal;
  onError(error: CollectionError): void;
  /** Poll interval of the IAM credential report (tests shorten it). */
  reportPollMs?: number;
  /** The organization's management account, when the scope is the organization: its Trusted Advisor organization view is tried first. */
  organizationManagement?: RefreshableTarget;
  /** Drops the SDK clients built on an account's credentials once the phase has read what it needs from the account. */
  releaseClients?(credentials: RefreshableTarget['credentials']): void;
}

export interface CheckAccount {
  accountId: string;
  /** Credentials in the account; absent for accounts seen only through an aggregator. */
  target?: RefreshableTarget;
  /** Why the direct APIs cannot be called in this account (when there is no target). */
  noTargetReason?: string;
}

export interface CheckPhaseResult {
  findings: number;
  trustedAdvisor: Record<string, TrustedAdvisorAvailability>;
}

/** Region states where the account answers (Config may be off, but GuardDuty and Access Analyzer can be read). */
const REACHABLE = new Set(['collected', 'partial', 'not-enabled']);

/**
 * Runs the phase for every account not in `done` (account ids whose checks a previous run already wrote); each
 * account is added to `done` once its rows are committed, so running the phase again never duplicates them.
 * Trusted Advisor availability is merged into the snapshot's `trustedAdvisor` meta, one entry per account.
 */
export async function runCheckPhase(deps: CheckPhaseDeps, accounts: readonly CheckAccount[], done: Set<string>): Promise<CheckPhaseResult> {
  const { writer } = deps;
  const results = new CheckResultWriter(writer, deps.catalog);
  results.writeBuiltInControls();
  // The pairs' rows are all written: a worker thread builds the read indexes while the accounts' direct reads go
  // on here, instead of at the very end. Each account's rows wait for it.
  const indexed = writer.buildIndexesOnWorker?.() ?? Promise.resolve();
  const result: CheckPhaseResult = { findings: 0, trustedAdvisor: {} };
  const source = openEvidenceSource(deps.workPath);
  const availability: Record<string, TrustedAdvisorAvailability> = { ...source.trustedAdvisor() };
  const pending = accounts.filter((a) => !done.has(a.accountId));
  const reading = concurrencyLimit(ACCOUNT_CONCURRENCY);
  try {
    const organizationView =
      deps.organizationManagement && pending.some((a) => a.target) ? await readOrganizationTrustedAdvisor(deps.send, deps.organizationManagement, deps.signal) : undefined;
    await mapConcurrent(
      pending,
      ACCOUNT_CONCURRENCY + ACCOUNTS_AWAITING_INDEXES,
      async (account) => {
        if (deps.signal?.aborted) return;
        const coverage = source.coverage(account.accountId);
        const reachable = regionsOf(coverage.filter((c) => REACHABLE.has(c.state)));
        const { target } = account;
        const read = target
          ? await reading(async () => {
              const withConfig = regionsOf(coverage.filter((c) => c.state === 'collected' || c.state === 'partial'));
              const direct = await collectAccountInputs(
                { send: deps.send, endpoint: deps.endpoint, signal: deps.signal, reportPollMs: deps.reportPollMs },
                target,
                reachable,
                withConfig,
              );
              const advisor = await collectTrustedAdvisor(deps.send, target, deps.signal, organizationView);
              // A dozen clients per account and region, each with its own resolved configuration and caches, that
              // nothing calls again: across hundreds of accounts they would stay in memory until the collection ends.
              deps.releaseClients?.(target.credentials);
              return { direct, advisor };
            })
          : undefined;
        await indexed;
        // From here on everything is synchronous: the account's rows land in one transaction, committed by the last
        // markPairDone. Its stored rows are read first, before this phase writes any (a batch commit could otherwise
        // make them read twice), and after the awaits, so one account's stored evidence is in memory at a time.
        const stored = source.account(account.accountId);
        const fresh = read ? [...read.direct.evidence, ...read.advisor.evidence] : [];
        const errors = read ? [...read.direct.errors, ...read.advisor.errors] : [];
        if (read) {
          // Marking the account-wide pair first keeps its rows on resume once they are committed.
          writer.markPairDone(account.accountId, GLOBAL);
          for (const e of fresh) writer.addEvidence(e);
          results.writeTrustedAdvisor({ accountId: account.accountId, evidence: read.advisor.evidence });
        }
        for (const error of errors) {
          writer.addError(error);
          deps.onError(error);
        }
        const evaluatedAt = new Date().toISOString();
        result.findings += results.evaluateAccount(
          {
            accountId: account.accountId,
            evidence: [...stored.evidence, ...fresh],
            coverage: stored.coverage,
            errors: [...stored.errors, ...errors],
            ...(account.target ? {} : { directInputsUnavailable: account.noTargetReason ?? 'Triad has no credentials in this account' }),
          },
          evaluatedAt,
        );
        if (read) {
          result.trustedAdvisor[account.accountId] = read.advisor.availability;
          availability[account.accountId] = read.advisor.availability;
          writer.setMeta({ trustedAdvisor: availability });
        }
        if (!account.target) writer.markPairDone(account.accountId, GLOBAL);
        writer.markPairDone(account.accountId, CHECKS_DONE);
        done.add(account.accountId);
      },
    );
  } finally {
    source.close();
    // The caller writes next (and finishes the snapshot).
    await indexed;
  }
  return result;
}
