// One account × region of work. Everything it collects is buffered and written in one go when the pair
// ends (finished, failed or stopped), so a pair re-run after a pause never leaves duplicates, and a
// pair that fails half-way still keeps what it had.

import type { GetOutputType } from '@smithy/types';
import type { CollectionError, ComplianceStatus, CoverageState, Provenance } from '../../shared/domain';
import type { NewEvidence, NewFinding, SnapshotWriter } from '../snapshot/writer-contract';
import { classifyError, coverageFor, type ClassifiedError } from './errors';
import type { ControlRegistry, RuleIdentity } from './controls';
import { AbortedError } from './rate-limit';
import { serviceOfOperation } from './operations';
import type { AnyCommand, AwsRuntime, ClientConstructor, SdkClient, Target } from './runtime';

/** A target whose credentials can be renewed (re-assume the role, re-read the profile). */
export interface RefreshableTarget extends Target {
  refresh?: () => Promise<void>;
}

export interface PairDeps {
  runtime: AwsRuntime;
  writer: SnapshotWriter;
  controls: ControlRegistry;
  signal?: AbortSignal;
  /** Calls in flight within one pair (each still waits for its API family's token bucket). */
  innerConcurrency: number;
  onError(error: CollectionError): void;
}

export interface PairOutcome {
  state: CoverageState;
  reason: string;
  findings: number;
  evidence: number;
}

/** Stops the pair: the error is recorded and the coverage cell says why. */
export class PairStopped extends Error {
  constructor(
    readonly error: ClassifiedError,
    readonly operation: string,
  ) {
    super(`${operation}: ${error.code}: ${error.message}`);
  }
}

/** Credentials that only the user can renew (IAM Identity Center): the engine pauses and asks. */
export class CredentialsNeedUser extends Error {
  constructor(readonly error: ClassifiedError) {
    super(error.message);
  }
}

export interface PendingFinding {
  rule: RuleIdentity & { description?: string };
  conformancePack?: string;
  resourceType: string;
  resourceId: string;
  status: ComplianceStatus;
  annotation?: string;
  evaluatedAt?: Date | string;
  recordedAt?: Date | string;
  invokedAt?: Date | string;
}

/**
 * ISO text of the times AWS returned, remembered by instant: a rule's results mostly share their recorded and
 * invoked times, and a flush converts three times per finding (Date#toISOString was a third of its own work).
 */
function isoConverter(): (d: Date | string | undefined) => string | undefined {
  const seen = new Map<number, string>();
  return (d) => {
    if (!(d instanceof Date)) return d;
    const time = d.getTime();
    if (Number.isNaN(time)) return undefined;
    let text = seen.get(time);
    if (text === undefined) seen.set(time, (text = d.toISOString()));
    return text;
  };
}

export class PairRun {
  readonly findings: PendingFinding[] = [];
  private readonly evidence: { key?: string; evidence: NewEvidence; resourceName?: string }[] = [];
  private readonly errors: CollectionError[] = [];
  private readonly reasons: string[] = [];
  private notEnabledReason: string | null = null;
  private stopped: { state: CoverageState; reason: string } | null = null;

  /** The account × region the records belong to; calls go to `target` (they differ only for aggregators). */
  readonly pair: { accountId: string; region: string };

  constructor(
    readonly deps: PairDeps,
    readonly target: RefreshableTarget,
    pair?: { accountId: string; region: string },
  ) {
    this.pair = pair ?? { accountId: target.accountId, region: target.region };
  }

  /** Sends a command; expired credentials are renewed once. Throws PairStopped on any other failure. */
  async call<C extends AnyCommand>(Ctor: ClientConstructor<SdkClient>, command: C): Promise<{ output: GetOutputType<C>; provenance: Provenance }> {
    const operation = command.constructor.name.replace(/Command$/, '');
    for (let renewed = false; ; renewed = true) {
      try {
        return await this.deps.runtime.send(this.target, Ctor, command);
      } catch (error) {
        if (error instanceof AbortedError || this.deps.signal?.aborted) throw new AbortedError();
        if (error instanceof CredentialsNeedUser) throw error;
        const classified = classifyError(error);
        if (classified.kind === 'sso-expired') throw new CredentialsNeedUser(classified);
        if (classified.kind === 'expired-credentials' && !renewed && this.target.refresh) {
          await this.target.refresh();
          this.deps.runtime.forget(this.target.credentials);
          continue;
        }
        throw new PairStopped(classified, operation);
      }
    }
  }

  /** Like call, but a failure only records an error and a reason, and the pair goes on. */
  async tryCall<C extends AnyCommand>(
    Ctor: ClientConstructor<SdkClient>,
    command: C,
    consequence: string,
  ): Promise<{ output: GetOutputType<C>; provenance: Provenance } | undefined> {
    try {
      return await this.call(Ctor, command);
    } catch (error) {
      if (!(error instanceof PairStopped)) throw error;
      // Losing the credentials or the region stops the whole pair; anything else loses only this part.
      if (error.error.kind === 'expired-credentials' || error.error.kind === 'region-not-enabled') throw error;
      this.recordError(error.operation, error.error);
      this.addReason(`${consequence} (${error.operation}: ${error.error.code})`);
      return undefined;
    }
  }

  recordError(operation: string, error: Pick<ClassifiedError, 'code' | 'message'>, service = 'config'): void {
    const row: CollectionError = {
      accountId: this.pair.accountId,
      region: this.pair.region,
      service,
      operation,
      code: error.code,
      message: error.message,
      at: new Date().toISOString(),
    };
    this.errors.push(row);
    this.deps.onError(row);
  }

  addReason(reason: string): void {
    if (!this.reasons.includes(reason)) this.reasons.push(reason);
  }

  markNotEnabled(reason: string): void {
    this.notEnabledReason = reason;
  }

  stop(error: PairStopped): void {
    this.recordError(error.operation, error.error, serviceOfOperation(error.operation));
    this.stopped = coverageFor(error.error, error.operation);
  }

  addApiEvidence(resourceType: string, resourceId: string, body: unknown, provenance: Provenance): void {
    this.evidence.push({
      evidence: { kind: 'api-response', resourceType, resourceId, accountId: this.pair.accountId, region: this.pair.region, body, provenance },
    });
  }

  addItemEvidence(key: string, evidence: NewEvidence, resourceName?: string): void {
    this.evidence.push({ key, evidence, resourceName });
  }

  addFinding(finding: PendingFinding): void {
    this.findings.push(finding);
  }

  /** Writes everything buffered, then the coverage cell, the call statistics, and marks the pair done. */
  flush(): PairOutcome {
    const { writer, controls, runtime } = this.deps;
    const { accountId, region } = this.pair;
    const byResource = new Map<string, { id: number; name?: string }>();
    const iso = isoConverter();
    for (const item of this.evidence) {
      const id = writer.addEvidence(item.evidence);
      if (item.key) byResource.set(item.key, { id, name: item.resourceName });
    }
    for (const f of this.findings) {
      const controlId = controls.ensure(f.rule, f.conformancePack);
      const ci = byResource.get(`${f.resourceType}\u0000${f.resourceId}`);
      const finding: NewFinding = {
        controlId,
        accountId,
        region,
        resourceType: f.resourceType,
        resourceId: f.resourceId,
        ruleName: f.rule.ruleName,
        status: f.status,
      };
      if (ci?.name) finding.resourceName = ci.name;
      if (f.annotation) finding.annotation = f.annotation;
      const evaluatedAt = iso(f.evaluatedAt);
      const recordedAt = iso(f.recordedAt);
      const invokedAt = iso(f.invokedAt);
      if (evaluatedAt) finding.evaluatedAt = evaluatedAt;
      if (recordedAt) finding.recordedAt = recordedAt;
      if (invokedAt) finding.invokedAt = invokedAt;
      if (ci) finding.evidenceId = ci.id;
      writer.addFinding(finding);
    }
    for (const error of this.errors) writer.addError(error);
    const outcome = this.outcome();
    writer.setCoverage({ accountId, region, state: outcome.state, reason: outcome.reason });
    for (const stats of runtime.takeStats(accountId, region)) writer.addCallStats(stats);
    writer.markPairDone(accountId, region);
    return outcome;
  }

  private outcome(): PairOutcome {
    const counts = { findings: this.findings.length, evidence: this.evidence.length };
    const reasons = [...this.reasons];
    if (this.stopped) return { ...counts, state: this.stopped.state, reason: joinReasons([this.stopped.reason, ...reasons]) };
    if (this.notEnabledReason) return { ...counts, state: 'not-enabled', reason: joinReasons([this.notEnabledReason, ...reasons]) };
    if (reasons.length) return { ...counts, state: 'partial', reason: joinReasons(reasons) };
    return { ...counts, state: 'collected', reason: '' };
  }
}

function joinReasons(reasons: string[]): string {
  const text = reasons.join('; ');
  return text.length > 2000 ? `${text.slice(0, 1997)}...` : text;
}
