// Client-side rate limiting: one token bucket per account × region × API family, so the collector stays
// under each API's quota instead of discovering it through throttling; plus full-jitter backoff for the
// throttles that still happen (AWS Architecture Blog, "Exponential Backoff and Jitter").

export class AbortedError extends Error {
  constructor() {
    super('Collection cancelled');
    this.name = 'AbortError';
  }
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(new AbortedError());
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(new AbortedError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Delay before retry number `attempt` (0-based): uniform in [0, min(cap, base·2^attempt)). */
export function fullJitterDelay(attempt: number, baseMs: number, capMs: number, random: () => number = Math.random): number {
  return Math.floor(random() * Math.min(capMs, baseMs * 2 ** attempt));
}

type Clock = () => number;

export class TokenBucket {
  private tokens: number;
  private last: number;
  private readonly waiters: { resolve: () => void; reject: (e: Error) => void; signal?: AbortSignal; onAbort?: () => void }[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    readonly ratePerSecond: number,
    readonly burst: number,
    private readonly now: Clock = () => performance.now(),
  ) {
    if (!(ratePerSecond > 0) || !(burst >= 1)) throw new Error(`Invalid token bucket: rate ${ratePerSecond}/s, burst ${burst}`);
    this.tokens = burst;
    this.last = now();
  }

  private refill(): void {
    const t = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((t - this.last) / 1000) * this.ratePerSecond);
    this.last = t;
  }

  /** Takes a token now if one is available. */
  tryTake(): boolean {
    this.refill();
    if (this.waiters.length === 0 && this.tokens >= 1) {
      this.tokens -= 1;
      return true;
    }
    return false;
  }

  /** Resolves when a token was taken; waiters are served in arrival order. */
  take(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(new AbortedError());
    if (this.tryTake()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const waiter: (typeof this.waiters)[number] = { resolve, reject, signal };
      if (signal) {
        waiter.onAbort = () => {
          const i = this.waiters.indexOf(waiter);
          if (i >= 0) this.waiters.splice(i, 1);
          reject(new AbortedError());
        };
        signal.addEventListener('abort', waiter.onAbort, { once: true });
      }
      this.waiters.push(waiter);
      this.schedule();
    });
  }

  /** After a throttle: the server says we are over quota, so spend what we thought we had. */
  drain(): void {
    this.refill();
    this.tokens = Math.min(this.tokens, 0);
  }

  private schedule(): void {
    if (this.timer || this.waiters.length === 0) return;
    this.refill();
    const waitMs = this.tokens >= 1 ? 0 : ((1 - this.tokens) / this.ratePerSecond) * 1000;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.refill();
      while (this.waiters.length > 0 && this.tokens >= 1) {
        this.tokens -= 1;
        const waiter = this.waiters.shift()!;
        if (waiter.onAbort) waiter.signal?.removeEventListener('abort', waiter.onAbort);
        waiter.resolve();
      }
      this.schedule();
    }, Math.ceil(waitMs));
  }
}

export interface RateLimitOptions {
  /** Requests per second allowed per account × region × API family (AWS Config's APIs). */
  ratePerSecond: number;
  burst: number;
  /** Per service (IAM prefix: "sts", "organizations", "ec2"), where AWS's quotas differ from Config's. */
  serviceRates?: Record<string, number>;
}

/**
 * Defaults under AWS's published quotas: Config's read APIs allow a few to ~10 requests per second per
 * account and region; STS allows far more; Organizations far fewer.
 */
export const DEFAULT_RATE_LIMIT: RateLimitOptions = { ratePerSecond: 8, burst: 8, serviceRates: { sts: 50, ec2: 20, organizations: 4 } };

/** Buckets keyed by account × region × API family ("config:DescribeConfigRules"), created on first use. */
export class RateLimiter {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(private readonly options: RateLimitOptions = DEFAULT_RATE_LIMIT) {}

  bucket(accountId: string, region: string, family: string): TokenBucket {
    const key = `${accountId}|${region}|${family}`;
    let bucket = this.buckets.get(key);
    if (!bucket) {
      const serviceRate = this.options.serviceRates?.[family.split(':')[0]];
      bucket = serviceRate ? new TokenBucket(serviceRate, serviceRate) : new TokenBucket(this.options.ratePerSecond, this.options.burst);
      this.buckets.set(key, bucket);
    }
    return bucket;
  }

  get size(): number {
    return this.buckets.size;
  }
}

/** Runs tasks with at most `limit` in flight, in order of submission; the first failure stops new starts. */
export async function mapConcurrent<T, R>(items: readonly T[], limit: number, task: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (next < items.length && !failed) {
      const index = next++;
      try {
        results[index] = await task(items[index], index);
      } catch (error) {
        failed = true; // the caller gets this error; the other workers stop taking new items
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

/** Runs at most `limit` tasks at once; the others wait their turn, first come first served. */
export function concurrencyLimit(limit: number): <R>(task: () => Promise<R>) => Promise<R> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async (task) => {
    if (running >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    else running++;
    try {
      return await task();
    } finally {
      // The slot passes straight to the next waiter, so a newcomer cannot take it in between.
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
  };
}
