// Fault injection: what can go wrong in a real estate, reproducible. Every fault matches calls by
// service / operation / account / region (all optional: absent means "any").

export interface CallMatch {
  service?: string;
  operation?: string | string[];
  accountId?: string | string[];
  region?: string | string[];
}

export interface FaultConfig {
  /**
   * Token bucket per account × region × operation (the quota AWS applies per API), or per account × region × service
   * with `per: 'service'`; over quota → the protocol's throttling error. `burst` defaults to `ratePerSecond`.
   */
  throttle?: { match?: CallMatch; ratePerSecond: number; burst?: number; per?: 'operation' | 'service' }[];
  /** Fixed delay before answering matching calls (first matching entry wins). */
  latency?: { match?: CallMatch; ms: number }[];
  /** Matching calls answer AccessDenied(Exception). */
  accessDenied?: CallMatch[];
  /** Matching calls answer HTTP 5xx: for the first `count` matching calls, and/or with `probability` (seeded). */
  serverErrors?: { match?: CallMatch; code: 'ServiceUnavailable' | 'InternalFailure'; count?: number; probability?: number }[];
  /** Temporary credentials issued by AssumeRole into a matching account expire after `afterCalls` uses. */
  expireCredentials?: { match?: CallMatch; afterCalls: number }[];
  /** Rules (by account/region/name) that behave as stuck in evaluation, on top of the scenario's own. */
  stuckRules?: { accountId: string; region: string; ruleName: string }[];
  /** Regions where Config behaves as not set up (no recorder, no channel), on top of the scenario. */
  configNotEnabled?: { accountId: string; region: string }[];
  /**
   * After `afterCalls` matching calls, the emulator calls `onKillPoint` (in-process) or prints `KILL-POINT <n>` (CLI),
   * then holds every later request unanswered, so the collector is stopped at a deterministic point.
   */
  killPoint?: { match?: CallMatch; afterCalls: number };
  /** BatchGet(Aggregate)ResourceConfig processes at most `processAtMost` keys and returns the rest as unprocessed. */
  unprocessedKeys?: { match?: CallMatch; processAtMost: number }[];
  /** Seed for the probability-based faults (default 1). */
  seed?: number;
}

export interface CallContext {
  service: string;
  operation: string;
  accountId: string;
  region: string;
}

function matchesValue(expected: string | string[] | undefined, actual: string): boolean {
  if (expected === undefined) return true;
  return Array.isArray(expected) ? expected.includes(actual) : expected === actual;
}

export function callMatches(match: CallMatch | undefined, call: CallContext): boolean {
  if (!match) return true;
  return (
    matchesValue(match.service, call.service) &&
    matchesValue(match.operation, call.operation) &&
    matchesValue(match.accountId, call.accountId) &&
    matchesValue(match.region, call.region)
  );
}

export type FaultDecision =
  | { kind: 'none' }
  | { kind: 'throttle' }
  | { kind: 'accessDenied' }
  | { kind: 'serverError'; code: 'ServiceUnavailable' | 'InternalFailure' }
  | { kind: 'killPoint' };

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/** Mulberry32: small, seeded, good enough to make "5% of calls fail" reproducible. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Live fault state: buckets, counters and the random source, reset whenever the config is replaced. */
export class FaultEngine {
  private config: FaultConfig = {};
  private buckets = new Map<string, Bucket>();
  private serverErrorCounts = new Map<number, number>();
  private killPointCount = 0;
  private killed = false;
  private random: () => number = seededRandom(1);

  constructor(config: FaultConfig | undefined, private readonly now: () => number = () => Date.now()) {
    this.set(config ?? {});
  }

  set(config: FaultConfig): void {
    this.config = config;
    this.buckets.clear();
    this.serverErrorCounts.clear();
    this.killPointCount = 0;
    this.killed = false;
    this.random = seededRandom(config.seed ?? 1);
  }

  latencyFor(call: CallContext): number {
    return this.config.latency?.find((entry) => callMatches(entry.match, call))?.ms ?? 0;
  }

  /** Decide the fate of one authenticated call, in the order AWS itself would refuse it. */
  decide(call: CallContext): FaultDecision {
    if (this.killed) return { kind: 'killPoint' };
    const kill = this.config.killPoint;
    if (kill && callMatches(kill.match, call)) {
      this.killPointCount += 1;
      if (this.killPointCount > kill.afterCalls) {
        this.killed = true;
        return { kind: 'killPoint' };
      }
    }
    if (this.config.accessDenied?.some((match) => callMatches(match, call))) return { kind: 'accessDenied' };
    for (const [index, rule] of (this.config.throttle ?? []).entries()) {
      const family = rule.per === 'service' ? call.service : `${call.service}.${call.operation}`;
      if (callMatches(rule.match, call) && !this.take(`${index}|${call.accountId}|${call.region}|${family}`, rule.ratePerSecond, rule.burst ?? rule.ratePerSecond)) {
        return { kind: 'throttle' };
      }
    }
    for (const [index, rule] of (this.config.serverErrors ?? []).entries()) {
      if (!callMatches(rule.match, call)) continue;
      const served = this.serverErrorCounts.get(index) ?? 0;
      if (rule.count !== undefined && served < rule.count) {
        this.serverErrorCounts.set(index, served + 1);
        return { kind: 'serverError', code: rule.code };
      }
      if (rule.probability !== undefined && this.random() < rule.probability) return { kind: 'serverError', code: rule.code };
    }
    return { kind: 'none' };
  }

  credentialLifetimeCalls(call: CallContext): number | undefined {
    return this.config.expireCredentials?.find((rule) => callMatches(rule.match, call))?.afterCalls;
  }

  batchProcessLimit(call: CallContext): number | undefined {
    return this.config.unprocessedKeys?.find((rule) => callMatches(rule.match, call))?.processAtMost;
  }

  isRuleStuck(accountId: string, region: string, ruleName: string): boolean {
    return this.config.stuckRules?.some((rule) => rule.accountId === accountId && rule.region === region && rule.ruleName === ruleName) ?? false;
  }

  isConfigDisabled(accountId: string, region: string): boolean {
    return this.config.configNotEnabled?.some((entry) => entry.accountId === accountId && entry.region === region) ?? false;
  }

  private take(key: string, ratePerSecond: number, burst: number): boolean {
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: burst, updatedAt: now };
    bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.updatedAt) / 1000) * ratePerSecond);
    bucket.updatedAt = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }
}
