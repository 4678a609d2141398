// Everything between the collector's logic and the wire: SDK clients (read-only guard, adaptive retries,
// endpoint override), the per account × region × API family token buckets, full-jitter backoff on
// throttling, and the call statistics the snapshot keeps.

import { setMaxListeners } from 'node:events';
import http from 'node:http';
import https from 'node:https';
import type {
  AwsCredentialIdentity,
  AwsCredentialIdentityProvider,
  CommandIO,
  DeserializeMiddleware,
  GetOutputType,
  MetadataBearer,
  MiddlewareStack,
  Pluggable,
} from '@smithy/types';
import type { Provenance } from '../../shared/domain';
import type { CallStats } from '../snapshot/writer-contract';
import { classifyError, type ClassifiedError } from './errors';
import { readOnlyGuard, ReadOnlyViolationError } from './guard';
import { allowedOperation } from './operations';
import { AbortedError, fullJitterDelay, RateLimiter, sleep } from './rate-limit';
import { redactParams } from './redact';

export type Credentials = AwsCredentialIdentity | AwsCredentialIdentityProvider;

/** Where a call goes: whose credentials, which account and region (for buckets, stats and provenance). */
export interface Target {
  accountId: string;
  region: string;
  credentials: Credentials;
}

export interface CallEvent {
  accountId: string;
  region: string;
  service: string;
  operation: string;
  attempts: number;
  throttles: number;
  error?: ClassifiedError;
}

export interface RuntimeOptions {
  /** Explicit endpoint for every client (tests); otherwise the SDK honours AWS_ENDPOINT_URL(_<SERVICE>). */
  endpoint?: string;
  rateLimiter: RateLimiter;
  signal?: AbortSignal;
  /** Attempts inside the SDK (adaptive retry mode) per try of ours. */
  sdkMaxAttempts?: number;
  /** Our own retries after the SDK gave up on a throttle or a 5xx. */
  extraRetries?: number;
  backoffBaseMs?: number;
  backoffCapMs?: number;
  maxSockets?: number;
  onCall?: (event: CallEvent) => void;
  /** Awaited before each call: how a paused collection holds its workers. */
  beforeCall?: () => Promise<void>;
}

/* eslint-disable @typescript-eslint/no-explicit-any -- commands and clients of every AWS service go through one
   send path; callers still get each command's precise output type through GetOutputType. */
export type AnyCommand = CommandIO<any, any> & { readonly middlewareStack: MiddlewareStack<any, any> };

/** A minimal view of an SDK v3 client: what `send` needs. */
export interface SdkClient {
  send(command: any, options?: { abortSignal?: AbortSignal }): Promise<any>;
  middlewareStack: { use(plugin: Pluggable<any, any>): void };
}
/* eslint-enable @typescript-eslint/no-explicit-any */

export interface ClientConfig {
  region: string;
  credentials: Credentials;
  endpoint?: string;
  retryMode: 'adaptive';
  maxAttempts: number;
  requestHandler: { httpAgent: http.Agent; httpsAgent: https.Agent; requestTimeout: number };
}

export type ClientConstructor<C extends SdkClient> = new (config: ClientConfig) => C;

interface Attempts {
  attempts: number;
  throttles: number;
}

const pairKey = (accountId: string, region: string) => `${accountId}\u0000${region}`;

export class AwsRuntime {
  private readonly clients = new Map<string, SdkClient>();
  private readonly credentialIds = new WeakMap<object, number>();
  private nextCredentialId = 1;
  /** Per account × region, its rows by "service:operation": a pair takes its own rows without visiting the others'. */
  private readonly stats = new Map<string, Map<string, CallStats>>();
  /** Per account × region, a signal that follows the collection's: see signalFor. */
  private readonly signals = new Map<string, AbortSignal>();
  private readonly httpAgent: http.Agent;
  private readonly httpsAgent: https.Agent;
  readonly totals = { calls: 0, throttles: 0, retries: 0, errors: 0 };

  constructor(readonly options: RuntimeOptions) {
    const maxSockets = options.maxSockets ?? 128;
    this.httpAgent = new http.Agent({ keepAlive: true, maxSockets });
    this.httpsAgent = new https.Agent({ keepAlive: true, maxSockets });
  }

  private credentialId(credentials: Credentials): number {
    let id = this.credentialIds.get(credentials);
    if (id === undefined) {
      id = this.nextCredentialId++;
      this.credentialIds.set(credentials, id);
    }
    return id;
  }

  /**
   * Every attempt listens for abort (the SDK's retry race, its HTTP handler, our bucket and backoff waits), and an
   * EventTarget checks each new listener against all present ones: thousands of calls in flight on the collection's
   * one signal made that a large share of the collector's CPU. A signal per account × region keeps each list short.
   */
  private signalFor(target: Pick<Target, 'accountId' | 'region'>): AbortSignal | undefined {
    const parent = this.options.signal;
    if (!parent) return undefined;
    const key = `${target.accountId}|${target.region}`;
    let signal = this.signals.get(key);
    if (!signal) {
      const controller = new AbortController();
      setMaxListeners(0, controller.signal);
      if (parent.aborted) controller.abort(parent.reason);
      else parent.addEventListener('abort', () => controller.abort(parent.reason), { once: true });
      signal = controller.signal;
      this.signals.set(key, signal);
    }
    return signal;
  }

  client<C extends SdkClient>(Ctor: ClientConstructor<C>, target: Pick<Target, 'region' | 'credentials'>): C {
    const key = `${Ctor.name}|${target.region}|${this.credentialId(target.credentials)}`;
    let client = this.clients.get(key);
    if (!client) {
      client = new Ctor({
        region: target.region,
        credentials: target.credentials,
        ...(this.options.endpoint ? { endpoint: this.options.endpoint } : {}),
        retryMode: 'adaptive',
        maxAttempts: this.options.sdkMaxAttempts ?? 3,
        // A socket idle for two minutes becomes a network error and is retried, not a frozen run. No connection
        // timeout: requests queued for one of the agent's sockets would time out while merely waiting their turn.
        requestHandler: { httpAgent: this.httpAgent, httpsAgent: this.httpsAgent, requestTimeout: 120_000 },
      });
      client.middlewareStack.use(readOnlyGuard);
      this.clients.set(key, client);
    }
    return client as C;
  }

  /**
   * Sends one command for `target`, waiting for its bucket, retrying throttles and 5xx with full jitter
   * once the SDK's own adaptive retries are spent. Returns the output and its provenance.
   */
  async send<C extends AnyCommand>(target: Target, Ctor: ClientConstructor<SdkClient>, command: C): Promise<{ output: GetOutputType<C>; provenance: Provenance }> {
    const clientName = Ctor.name;
    const operation = command.constructor.name.replace(/Command$/, '');
    const allowed = allowedOperation(clientName, command.constructor.name);
    // Refused before a client is built or a bucket waited for; the client's own guard refuses it too (guard.ts).
    if (!allowed) throw new ReadOnlyViolationError(clientName, command.constructor.name);
    const client = this.client(Ctor, target);
    const service = allowed.iamAction.split(':')[0];
    const family = `${service}:${operation}`;
    const bucket = this.options.rateLimiter.bucket(target.accountId, target.region, family);
    const counter: Attempts = { attempts: 0, throttles: 0 };
    // High priority puts the counter outside the deserializer, so it sees each attempt's parsed error.
    command.middlewareStack.add(attemptCounter(counter), { step: 'deserialize', priority: 'high', name: 'triadAttemptCounter', override: true });
    const started = performance.now();
    const extraRetries = this.options.extraRetries ?? 6;
    const signal = this.signalFor(target);
    let failure: ClassifiedError | undefined;
    try {
      for (let retry = 0; ; retry++) {
        await this.options.beforeCall?.();
        await bucket.take(signal);
        try {
          const output: GetOutputType<C> = await client.send(command, { abortSignal: signal });
          const provenance: Provenance = {
            service,
            operation,
            params: redactParams(command.input),
            accountId: target.accountId,
            region: target.region,
            retrievedAt: new Date().toISOString(),
          };
          return { output, provenance };
        } catch (error) {
          if (signal?.aborted) throw new AbortedError();
          const classified = classifyError(error);
          if (classified.kind === 'throttled') bucket.drain();
          const retryable = classified.kind === 'throttled' || classified.kind === 'server-error' || classified.kind === 'network';
          if (!retryable || retry >= extraRetries) {
            failure = classified;
            throw error;
          }
          await sleep(fullJitterDelay(retry, this.options.backoffBaseMs ?? 200, this.options.backoffCapMs ?? 20_000), signal);
        }
      }
    } finally {
      this.record(target, service, operation, counter, performance.now() - started, failure);
    }
  }

  private record(target: Target, service: string, operation: string, counter: Attempts, elapsedMs: number, error?: ClassifiedError): void {
    const pair = pairKey(target.accountId, target.region);
    let rows = this.stats.get(pair);
    if (!rows) this.stats.set(pair, (rows = new Map()));
    let row = rows.get(`${service}:${operation}`);
    if (!row) {
      row = { accountId: target.accountId, region: target.region, service, operation, calls: 0, throttles: 0, retries: 0, errors: 0, totalMs: 0 };
      rows.set(`${service}:${operation}`, row);
    }
    const retries = Math.max(0, counter.attempts - 1);
    row.calls += counter.attempts;
    row.throttles += counter.throttles;
    row.retries += retries;
    row.errors += error ? 1 : 0;
    row.totalMs += Math.round(elapsedMs);
    this.totals.calls += counter.attempts;
    this.totals.throttles += counter.throttles;
    this.totals.retries += retries;
    this.totals.errors += error ? 1 : 0;
    this.options.onCall?.({ accountId: target.accountId, region: target.region, service, operation, attempts: counter.attempts, throttles: counter.throttles, error });
  }

  /** Removes and returns the statistics gathered for one account × region. */
  takeStats(accountId: string, region: string): CallStats[] {
    const key = pairKey(accountId, region);
    const rows = this.stats.get(key);
    this.stats.delete(key);
    return rows ? [...rows.values()] : [];
  }

  takeAllStats(): CallStats[] {
    const out = [...this.stats.values()].flatMap((rows) => [...rows.values()]);
    this.stats.clear();
    return out;
  }

  /**
   * Drops the clients built on these credentials: after they were renewed (the SDK caches an identity until its
   * expiration, so only a new client asks the provider again), or once nothing will call with them for a while.
   * Clients are not destroyed: they share the runtime's agents, which calls of other pairs may still be using.
   */
  forget(credentials: Credentials): void {
    const suffix = `|${this.credentialId(credentials)}`;
    for (const key of [...this.clients.keys()]) if (key.endsWith(suffix)) this.clients.delete(key);
  }

  destroy(): void {
    this.clients.clear();
    this.signals.clear();
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }
}

/** Counts every HTTP attempt (the deserialize step runs once per attempt, inside the SDK's retry loop). */
function attemptCounter(counter: Attempts): DeserializeMiddleware<object, MetadataBearer> {
  return (next) => async (args) => {
    counter.attempts += 1;
    try {
      return await next(args);
    } catch (error) {
      if (classifyError(error).kind === 'throttled') counter.throttles += 1;
      throw error;
    }
  };
}
