// The collection engine, shared by the app and the CLI: plans accounts and regions from the scopes, then
// collects account × region pairs concurrently into a SnapshotWriter, reporting progress as it goes.
//
// Outcomes: finished (snapshot written, `partial` only when cancelled), interrupted (the work file stays
// for `resume`), or NothingCollectedError before anything was written (bad credentials, bad request).

import { setMaxListeners } from 'node:events';
import { DescribeRegionsCommand, EC2Client } from '@aws-sdk/client-ec2';
import {
  DescribeOrganizationalUnitCommand,
  ListAccountsCommand,
  ListParentsCommand,
  OrganizationsClient,
  type Account as OrgAccount,
} from '@aws-sdk/client-organizations';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { loadSharedConfigFiles } from '@aws-sdk/shared-ini-file-loader';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider, GetOutputType } from '@smithy/types';
import type { CollectionProgress, CollectionRequest, CollectionState } from '../../shared/api';
import type { Account, CallerIdentity, CollectionError, CoverageCell, Provenance } from '../../shared/domain';
import { loadCatalog } from '../catalog';
import type { SnapshotWriter } from '../snapshot/writer-contract';
import { workPathFor } from '../snapshot/writer';
import { collectAggregatorPair, planAggregator, type AggregatedRule } from './aggregator';
import { CHECKS_DONE, runCheckPhase, type CheckAccount } from './check-inputs/check-phase';
import { requestCredentialReport } from './check-inputs/direct';
import { collectConfigPair } from './config-pair';
import { CollectionControl } from './control';
import { ControlRegistry, controlCatalogFrom, type ControlCatalog } from './controls';
import { BaseCredentials, ssoLoginHint } from './credentials';
import { classifyError, coverageFor, type ClassifiedError } from './errors';
import { CredentialsNeedUser, PairRun, PairStopped, type PairDeps, type PairOutcome, type RefreshableTarget } from './pair-run';
import { AbortedError, mapConcurrent, RateLimiter, DEFAULT_RATE_LIMIT } from './rate-limit';
import { AwsRuntime, type AnyCommand, type ClientConstructor, type SdkClient, type Target } from './runtime';
import { describeScope, ouPathOf, partitionOf, requestProblems, roleArnFor, scopeModes, sessionNameFor } from './scope';

export interface CollectOptions extends CollectionRequest {
  /** Explicit endpoint for every client (tests and AWS-compatible services); AWS_ENDPOINT_URL works without it. */
  endpoint?: string;
  /** Requests per second per account × region × Config API (default 8, under Config's published quotas). */
  ratePerSecond?: number;
  burst?: number;
  /** Calls in flight within one pair. */
  innerConcurrency?: number;
  maxSockets?: number;
  /** Base of the full-jitter backoff after the SDK's own retries (default 200 ms). */
  backoffBaseMs?: number;
}

export interface CollectDeps {
  writer: SnapshotWriter;
  /** Cancel: the snapshot is finished and marked partial. */
  signal?: AbortSignal;
  onProgress?: (progress: CollectionProgress) => void;
  /** Base credentials to use instead of the profile / default chain (tests, embedding). */
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  catalog?: ControlCatalog;
  control?: CollectionControl;
}

export interface CollectResult {
  /** The snapshot was finished and renamed to outPath. */
  written: boolean;
  partial: boolean;
  /** Stopped with the work file kept for `resume`. */
  interrupted: boolean;
  pairsTotal: number;
  /** Pairs with data: collected, partial or not-enabled (a region without Config is still an answer). */
  pairsWithData: number;
  gaps: CoverageCell[];
  errors: number;
  calls: number;
  throttles: number;
  retries: number;
  findings: number;
  elapsedMs: number;
}

/** Nothing could be collected (bad request, unusable credentials): no snapshot was written. */
export class NothingCollectedError extends Error {
  override name = 'NothingCollectedError';
}

/** Pairs in flight: each has its own token buckets, so this bounds local resources, not AWS load. */
const DEFAULT_CONCURRENCY = 32;
const DEFAULT_INNER_CONCURRENCY = 4;
const ACCOUNT_SETUP_CONCURRENCY = 16;
/** Renew assumed-role credentials this long before they expire. */
const RENEW_BEFORE_MS = 5 * 60_000;
const GLOBAL = 'global';
/** Coverage region for an account none of whose regions could be reached. */
export const ALL_REGIONS = '*';

interface AccountPlan {
  account: Account;
  via: 'self' | 'role';
  /** Set for accounts that are in scope but must not be collected (suspended). */
  skip?: { code: string; reason: string };
}

type PairTask =
  | { kind: 'config'; target: RefreshableTarget; accountId: string; region: string }
  | { kind: 'aggregator'; target: RefreshableTarget; aggregator: string; accountId: string; region: string; rules: AggregatedRule[] };

const pairKey = (accountId: string, region: string) => `${accountId}\u0000${region}`;

export async function collect(options: CollectOptions, deps: CollectDeps): Promise<CollectResult> {
  const problems = requestProblems(options);
  if (problems.length) throw new NothingCollectedError(problems.join('; '));
  const { writer } = deps;
  const control = deps.control ?? new CollectionControl();
  const stopper = new AbortController();
  const stop = () => stopper.abort();
  deps.signal?.addEventListener('abort', stop, { once: true });
  control.interruptSignal.addEventListener('abort', stop, { once: true });
  if (deps.signal?.aborted || control.interrupted) stop();
  const signal = stopper.signal;
  // The runtime's per account × region signals follow this one, with paused calls and the check phase's waits.
  setMaxListeners(0, signal);

  const started = performance.now();
  const progress = new ProgressTracker(options.outPath, deps.onProgress, started);
  const unsubscribe = control.onChange((paused, message) => progress.setState(paused ? 'paused' : 'running', message));
  // Paused before the collection started (the app loads the collector on demand): say so at once.
  if (control.paused) progress.setState('paused', control.pauseMessage);
  const runtime = new AwsRuntime({
    endpoint: options.endpoint,
    rateLimiter: new RateLimiter({
      ...DEFAULT_RATE_LIMIT,
      ratePerSecond: options.ratePerSecond ?? DEFAULT_RATE_LIMIT.ratePerSecond,
      burst: options.burst ?? options.ratePerSecond ?? DEFAULT_RATE_LIMIT.burst,
    }),
    signal,
    // Enough sockets for the pairs in flight, but bounded: beyond that requests queue instead of flooding the endpoint.
    maxSockets: options.maxSockets ?? Math.min(256, Math.max(64, (options.concurrency ?? DEFAULT_CONCURRENCY) * 2)),
    backoffBaseMs: options.backoffBaseMs,
    beforeCall: () => control.wait(signal),
    onCall: (call) => progress.call(call.attempts, call.throttles),
  });
  const catalog = deps.catalog ?? controlCatalogFrom(loadCatalog());
  const base = new BaseCredentials(options.profile, deps.credentials);
  const homeRegion = options.homeRegion ?? (await profileRegion(options.profile)) ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1';
  const baseTarget: RefreshableTarget = { accountId: 'caller', region: homeRegion, credentials: base.credentials, refresh: async () => base.reload() };
  const done = new Set(writer.donePairs().map((p) => pairKey(p.accountId, p.region)));
  const doneBefore = [...done].filter((k) => !k.endsWith(`\u0000${GLOBAL}`) && !k.endsWith(`\u0000${CHECKS_DONE}`)).length;
  // Accounts whose built-in checks a previous run of this collection already wrote.
  const checksDone = new Set([...done].filter((k) => k.endsWith(`\u0000${CHECKS_DONE}`)).map((k) => k.split('\u0000')[0]));
  /** Accounts the built-in checks run for once the pairs are collected, with credentials where Triad has them. */
  const checkAccounts = new Map<string, CheckAccount>();
  const errorSink = (error: CollectionError) => progress.error(error);
  const pairDeps: PairDeps = {
    runtime,
    writer,
    controls: new ControlRegistry(writer, catalog),
    signal,
    innerConcurrency: options.innerConcurrency ?? DEFAULT_INNER_CONCURRENCY,
    onError: errorSink,
  };

  /** Runs `task`, pausing for the user whenever IAM Identity Center credentials need a new login. */
  const withUserCredentials = async <T>(task: () => Promise<T>): Promise<T> => {
    for (;;) {
      try {
        return await task();
      } catch (error) {
        const needsUser = error instanceof CredentialsNeedUser || (!(error instanceof PairStopped) && classifyError(error).kind === 'sso-expired');
        if (!needsUser) throw error;
        control.pause(ssoLoginHint(options.profile));
        await control.wait(signal);
        base.reload();
      }
    }
  };
  const send: Send = (target, Ctor, command) => withUserCredentials(() => runtime.send(target, Ctor, command));

  const recordAccountFailure = async (
    accountId: string,
    regions: string[],
    operation: string,
    error: ClassifiedError,
    service: string,
    coverage: { state: CoverageCell['state']; reason: string } = coverageFor(error, operation),
  ) => {
    const { state, reason } = coverage;
    const at = new Date().toISOString();
    const recorded: string[] = [];
    for (const region of regions) {
      if (done.has(pairKey(accountId, region))) continue;
      const row: CollectionError = { accountId, region, service, operation, code: error.code, message: error.message, at };
      writer.addError(row);
      progress.error(row);
      writer.setCoverage({ accountId, region, state, reason });
      writer.markPairDone(accountId, region);
      done.add(pairKey(accountId, region));
      recorded.push(region);
    }
    // Reported done once durable, as a collected pair is.
    await writer.committed();
    for (const region of recorded) progress.pairDone({ accountId, region, state, reason }, false);
  };

  const recordIdentity = (accountId: string, identity: CallerIdentity, provenance: Provenance, role?: string) => {
    writer.addEvidence({
      kind: 'api-response',
      resourceType: 'AWS::STS::CallerIdentity',
      resourceId: identity.arn,
      accountId,
      region: GLOBAL,
      body: { ...identity, ...(role ? { assumedRole: role } : {}) },
      provenance,
    });
  };

  try {
    // 1. Who is collecting.
    let caller: CallerIdentity;
    try {
      const { output, provenance } = await send(baseTarget, STSClient, new GetCallerIdentityCommand({}));
      caller = { account: output.Account ?? '', arn: output.Arn ?? '', userId: output.UserId ?? '' };
      baseTarget.accountId = caller.account;
      recordIdentity(caller.account, caller, { ...provenance, accountId: caller.account });
    } catch (error) {
      if (error instanceof AbortedError) throw error;
      const e = classifyError(error);
      const who = options.profile ? `profile ${options.profile}` : 'the default credential chain';
      throw new NothingCollectedError(`Cannot use the credentials of ${who}: ${e.code}: ${e.message}`);
    }
    const modes = scopeModes(options);
    writer.setMeta({
      title: options.title ?? `AWS Config collection ${new Date().toISOString().slice(0, 10)}`,
      collectedBy: caller,
      scope: { mode: modes.length === 1 ? modes[0] : modes.includes('organization') ? 'organization' : modes[0], description: describeScope(options) },
      catalogVersion: catalog.version,
      isDemo: false,
    });
    writer.markPairDone(caller.account, GLOBAL);

    // 2. Which accounts.
    const plans = new Map<string, AccountPlan>();
    const plain = (id: string): Account => ({ id, name: id, ouPath: '' });
    if (options.self) plans.set(caller.account, { account: plain(caller.account), via: 'self' });
    for (const id of options.accounts ?? []) plans.set(id, { account: plain(id), via: id === caller.account ? 'self' : 'role' });
    if (options.organization) {
      try {
        for (const plan of await listOrganization(baseTarget, caller.account, send)) {
          const existing = plans.get(plan.account.id);
          plans.set(plan.account.id, existing ? { ...existing, account: plan.account, skip: plan.skip } : plan);
        }
      } catch (error) {
        if (error instanceof AbortedError) throw error;
        const e = classifyError(error);
        await recordAccountFailure(caller.account, [GLOBAL], 'ListAccounts', e, 'organizations');
        if (plans.size === 0 && !options.aggregator) throw new NothingCollectedError(`Cannot list the organization's accounts: ${e.code}: ${e.message}`);
      }
    }

    // 3. Credentials and regions per account, then the pair tasks.
    const tasks: PairTask[] = [];
    const planned = new Set<string>();
    const roleSession = sessionNameFor(caller.arn);
    await mapConcurrent([...plans.values()], ACCOUNT_SETUP_CONCURRENCY, async (plan) => {
      const { account } = plan;
      writer.upsertAccount(account);
      const explicit = options.regions?.length ? options.regions : null;
      if (plan.skip) {
        const skip = { kind: 'other' as const, code: plan.skip.code, message: plan.skip.reason };
        await recordAccountFailure(account.id, explicit ?? [ALL_REGIONS], 'ListAccounts', skip, 'organizations', { state: 'skipped', reason: plan.skip.reason });
        return;
      }
      if (explicit && explicit.every((r) => done.has(pairKey(account.id, r))) && checksDone.has(account.id)) {
        for (const r of explicit) planned.add(pairKey(account.id, r));
        return;
      }
      let target: RefreshableTarget;
      let step = 'AssumeRole';
      try {
        if (plan.via === 'self') {
          target = { ...baseTarget, accountId: account.id };
        } else {
          const roleArn = roleArnFor(options.role ?? '', account.id, partitionOf(caller.arn));
          const role = assumedRole(baseTarget, roleArn, roleSession, options, send);
          await role.refresh();
          target = { accountId: account.id, region: homeRegion, credentials: role.provider, refresh: role.refresh };
          step = 'GetCallerIdentity';
          const { output, provenance } = await send(target, STSClient, new GetCallerIdentityCommand({}));
          recordIdentity(account.id, { account: output.Account ?? '', arn: output.Arn ?? '', userId: output.UserId ?? '' }, provenance, roleArn);
          // The identity belongs to no region: its own marker keeps it through a resume.
          writer.markPairDone(account.id, GLOBAL);
        }
        checkAccounts.set(account.id, { accountId: account.id, target });
        if (!checksDone.has(account.id)) requestCredentialReport((t, Client, command) => runtime.send(t, Client, command), target);
        step = 'DescribeRegions';
        const regions = explicit ?? (await enabledRegions({ ...target, region: homeRegion }, send));
        for (const region of regions) {
          planned.add(pairKey(account.id, region));
          if (!done.has(pairKey(account.id, region))) tasks.push({ kind: 'config', target: { ...target, region }, accountId: account.id, region });
        }
      } catch (error) {
        if (error instanceof AbortedError) throw error;
        const service = step === 'DescribeRegions' ? 'ec2' : 'sts';
        await recordAccountFailure(account.id, explicit ?? [ALL_REGIONS], step, classifyError(error), service);
      }
    });

    if (options.aggregator) {
      const name = options.aggregator;
      const aggregatorTarget: RefreshableTarget = { ...baseTarget, region: homeRegion };
      const run = new PairRun(pairDeps, aggregatorTarget);
      try {
        const plan = await withUserCredentials(() => planAggregator(run, name));
        for (const [accountId, regions] of plan.pairs) {
          if (!plans.has(accountId)) writer.upsertAccount({ id: accountId, name: accountId, ouPath: '' });
          if (!checkAccounts.has(accountId)) {
            checkAccounts.set(accountId, {
              accountId,
              noTargetReason: `account collected through aggregator ${name}: Triad has no credentials in it to call IAM, S3, GuardDuty or Access Analyzer`,
            });
          }
          for (const [region, rules] of regions) {
            const key = pairKey(accountId, region);
            // A pair collected directly (accounts / organization scope) is not collected twice.
            if (planned.has(key)) continue;
            planned.add(key);
            if (!done.has(key)) tasks.push({ kind: 'aggregator', target: aggregatorTarget, aggregator: name, accountId, region, rules });
          }
        }
      } catch (error) {
        if (!(error instanceof PairStopped)) throw error;
        // Recorded against the aggregator's own account and region, unless that pair is collected directly.
        const unplanned = planned.has(pairKey(caller.account, homeRegion)) ? [] : [homeRegion];
        await recordAccountFailure(caller.account, unplanned, error.operation, error.error, 'config');
        if (!unplanned.length) writer.addError({ accountId: caller.account, region: homeRegion, service: 'config', operation: error.operation, code: error.error.code, message: error.error.message, at: new Date().toISOString() });
        if (tasks.length === 0 && done.size <= 1) throw new NothingCollectedError(`Cannot read aggregator ${name}: ${error.error.code}: ${error.error.message}`);
      }
    }

    // 4. The pairs.
    progress.plan(tasks.length, doneBefore);
    const finished = new Set<PairTask>();
    await mapConcurrent(tasks, options.concurrency ?? DEFAULT_CONCURRENCY, async (task) => {
      if (signal.aborted) return;
      let outcome: PairOutcome;
      try {
        outcome = await withUserCredentials(() =>
          task.kind === 'config'
            ? collectConfigPair(pairDeps, task.target)
            : collectAggregatorPair(pairDeps, task.target, task.aggregator, { accountId: task.accountId, region: task.region }, task.rules),
        );
      } catch (error) {
        if (error instanceof AbortedError || signal.aborted) return;
        throw error;
      }
      // Reported done once durable: a collection killed after this line resumes without collecting the pair again.
      await writer.committed();
      finished.add(task);
      progress.pairDone({ accountId: task.accountId, region: task.region, state: outcome.state, reason: outcome.reason }, true, outcome.findings);
    });

    // 5. Built-in checks and Trusted Advisor, per account, over what the pairs stored plus a few direct reads.
    if (!signal.aborted) {
      try {
        const phase = await withUserCredentials(() =>
          runCheckPhase(
            {
              send,
              writer,
              catalog,
              workPath: workPathFor(options.outPath),
              endpoint: options.endpoint,
              signal,
              onError: errorSink,
              releaseClients: (credentials) => runtime.forget(credentials),
              // In organization scope the caller is usually the management account, which alone reads Trusted Advisor's organization view.
              ...(options.organization ? { organizationManagement: baseTarget } : {}),
            },
            [...checkAccounts.values()],
            checksDone,
          ),
        );
        progress.addFindings(phase.findings);
      } catch (error) {
        if (!(error instanceof AbortedError || signal.aborted)) throw error;
      }
    }

    // 6. Close: finish the snapshot, or keep the work file when interrupted.
    if (control.interrupted) {
      writer.close();
      return progress.result({ written: false, partial: true, interrupted: true }, runtime);
    }
    const cancelled = signal.aborted;
    if (cancelled) {
      for (const task of tasks) {
        if (finished.has(task)) continue;
        writer.setCoverage({ accountId: task.accountId, region: task.region, state: 'skipped', reason: 'Collection cancelled before this account and region were collected' });
        progress.gap({ accountId: task.accountId, region: task.region, state: 'skipped', reason: 'cancelled' });
      }
    }
    for (const stats of runtime.takeAllStats()) writer.addCallStats(stats);
    writer.setMeta({ partial: cancelled });
    writer.finish({ partial: cancelled });
    return progress.result({ written: true, partial: cancelled, interrupted: false }, runtime);
  } catch (error) {
    if (error instanceof AbortedError || (signal.aborted && !(error instanceof NothingCollectedError))) {
      // Cancelled or interrupted during planning: nothing of substance yet, so keep the work file resumable.
      writer.close();
      return progress.result({ written: false, partial: true, interrupted: true }, runtime);
    }
    writer.close();
    progress.setState('failed', error instanceof Error ? error.message : String(error));
    throw error;
  } finally {
    unsubscribe();
    deps.signal?.removeEventListener('abort', stop);
    runtime.destroy();
  }
}

type Send = <C extends AnyCommand>(target: Target, Ctor: ClientConstructor<SdkClient>, command: C) => Promise<{ output: GetOutputType<C>; provenance: Provenance }>;

/** Credentials of a role in another account, assumed with the base credentials and renewed before expiry. */
function assumedRole(base: Target, roleArn: string, sessionName: string, options: CollectOptions, send: Send) {
  let current: AwsCredentialIdentity | undefined;
  let pending: Promise<void> | undefined;
  const assume = async () => {
    const { output } = await send(
      base,
      STSClient,
      new AssumeRoleCommand({
        RoleArn: roleArn,
        RoleSessionName: sessionName,
        ExternalId: options.externalId,
        SerialNumber: options.mfaSerial,
        TokenCode: options.mfaCode,
        DurationSeconds: options.sessionDurationSeconds,
      }),
    );
    const c = output.Credentials;
    if (!c?.AccessKeyId || !c.SecretAccessKey) throw new Error(`AssumeRole ${roleArn} returned no credentials`);
    current = { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken, expiration: c.Expiration };
  };
  const renew = () => (pending ??= assume().finally(() => (pending = undefined)));
  const provider: AwsCredentialIdentityProvider = async () => {
    if (!current || (current.expiration && current.expiration.getTime() - Date.now() < RENEW_BEFORE_MS)) await renew();
    return current!;
  };
  return {
    provider,
    refresh: async () => {
      current = undefined;
      await renew();
    },
  };
}

async function enabledRegions(target: Target, send: Send): Promise<string[]> {
  const { output } = await send(
    target,
    EC2Client,
    new DescribeRegionsCommand({ AllRegions: true }),
  );
  return (output.Regions ?? [])
    .filter((r) => r.RegionName && r.OptInStatus !== 'not-opted-in')
    .map((r) => r.RegionName!)
    .sort();
}

async function listOrganization(target: Target, callerAccount: string, send: Send): Promise<AccountPlan[]> {
  const accounts: OrgAccount[] = [];
  for (let token: string | undefined, first = true; first || token; first = false) {
    const { output } = await send(
      { ...target, accountId: callerAccount },
      OrganizationsClient,
      new ListAccountsCommand({ MaxResults: 20, NextToken: token }),
    );
    accounts.push(...(output.Accounts ?? []));
    token = output.NextToken;
  }
  const pathOf = new Map<string, Promise<string>>();
  const parentPath = (childId: string): Promise<string> => {
    let path = pathOf.get(childId);
    if (!path) {
      path = (async () => {
        const { output } = await send(target, OrganizationsClient, new ListParentsCommand({ ChildId: childId }));
        const parent = output.Parents?.[0];
        if (!parent?.Id || parent.Type === 'ROOT') return 'Root';
        const [above, described] = await Promise.all([
          parentPath(parent.Id),
          send(target, OrganizationsClient, new DescribeOrganizationalUnitCommand({ OrganizationalUnitId: parent.Id })),
        ]);
        return ouPathOf([above, described.output.OrganizationalUnit?.Name ?? parent.Id]);
      })();
      pathOf.set(childId, path);
    }
    return path;
  };
  return mapConcurrent(accounts, 4, async (a): Promise<AccountPlan> => {
    const id = a.Id ?? '';
    const account: Account = { id, name: a.Name ?? id, ouPath: await parentPath(id), ...(a.Email ? { email: a.Email } : {}) };
    const status = (a.State as string | undefined) ?? a.Status ?? 'ACTIVE';
    if (status !== 'ACTIVE') {
      return { account, via: 'role', skip: { code: 'AccountNotActive', reason: `Account ${id} is ${status} in the organization; it was not collected` } };
    }
    return { account, via: id === callerAccount ? 'self' : 'role' };
  });
}

async function profileRegion(profile: string | undefined): Promise<string | undefined> {
  const name = profile ?? process.env.AWS_PROFILE ?? 'default';
  try {
    const { configFile } = await loadSharedConfigFiles();
    return configFile[name]?.region;
  } catch {
    return undefined;
  }
}

class ProgressTracker {
  private state: CollectionState = 'running';
  private message: string | undefined;
  private pairsTotal = 0;
  private pairsDone = 0;
  private pairsThisRun = 0;
  private withData = 0;
  private findings = 0;
  private readonly gaps: CoverageCell[] = [];
  private calls = 0;
  private throttles = 0;
  private retries = 0;
  private errors = 0;
  private lastEmit = 0;
  private planStarted = 0;

  constructor(
    private readonly outPath: string,
    private readonly listener: ((p: CollectionProgress) => void) | undefined,
    private readonly started: number,
  ) {}

  plan(newPairs: number, alreadyDone: number): void {
    this.pairsTotal += newPairs + alreadyDone;
    this.pairsDone += alreadyDone;
    this.planStarted = performance.now();
    this.emit(true);
  }

  call(attempts: number, throttles: number): void {
    this.calls += attempts;
    this.retries += Math.max(0, attempts - 1);
    this.throttles += throttles;
    this.emit(false);
  }

  error(error: CollectionError): void {
    this.errors += 1;
    this.emit(true, { lastError: error });
  }

  addFindings(count: number): void {
    this.findings += count;
    this.emit(true);
  }

  gap(cell: CoverageCell): void {
    this.gaps.push(cell);
  }

  /** `planned` is false for cells recorded before the pair plan was known (failed accounts). */
  pairDone(cell: CoverageCell, planned: boolean, findings = 0): void {
    if (!planned) this.pairsTotal += 1;
    this.pairsDone += 1;
    if (planned) this.pairsThisRun += 1;
    this.findings += findings;
    if (cell.state === 'collected' || cell.state === 'partial' || cell.state === 'not-enabled') this.withData += 1;
    if (cell.state !== 'collected') this.gaps.push(cell);
    this.emit(true, { lastPair: cell });
  }

  setState(state: CollectionState, message?: string): void {
    this.state = state;
    this.message = message;
    this.emit(true);
  }

  private snapshot(extra: Partial<CollectionProgress> = {}): CollectionProgress {
    const elapsedMs = Math.round(performance.now() - this.started);
    const remaining = this.pairsTotal - this.pairsDone;
    const sincePlan = performance.now() - this.planStarted;
    const etaSeconds = this.pairsThisRun > 0 && this.planStarted > 0 ? Math.round(((sincePlan / this.pairsThisRun) * remaining) / 1000) : null;
    return {
      state: this.state,
      outPath: this.outPath,
      pairsDone: this.pairsDone,
      pairsTotal: this.pairsTotal,
      calls: this.calls,
      throttles: this.throttles,
      retries: this.retries,
      errors: this.errors,
      elapsedMs,
      etaSeconds,
      ...(this.message ? { message: this.message } : {}),
      ...extra,
    };
  }

  private emit(force: boolean, extra?: Partial<CollectionProgress>): void {
    if (!this.listener) return;
    const now = performance.now();
    if (!force && now - this.lastEmit < 250) return;
    this.lastEmit = now;
    this.listener(this.snapshot(extra));
  }

  result(outcome: { written: boolean; partial: boolean; interrupted: boolean }, runtime: AwsRuntime): CollectResult {
    this.state = outcome.interrupted ? 'paused' : outcome.partial ? 'cancelled' : 'finished';
    this.emit(true);
    return {
      ...outcome,
      pairsTotal: this.pairsTotal,
      pairsWithData: this.withData,
      gaps: this.gaps,
      errors: this.errors,
      calls: runtime.totals.calls,
      throttles: runtime.totals.throttles,
      retries: runtime.totals.retries,
      findings: this.findings,
      elapsedMs: Math.round(performance.now() - this.started),
    };
  }
}
