// What every service handler receives, the error it throws, and the opaque pagination AWS uses.
import { createHash } from 'node:crypto';
import type { AccountScenario, Scenario } from './scenario';
import type { FaultEngine } from './faults';

/** An AWS error response: `code` is the wire error code (e.g. NoSuchConfigRuleException, NoSuchEntity). */
export class AwsError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'AwsError';
  }
}

export interface Identity {
  accountId: string;
  arn: string;
  userId: string;
  accessKeyId: string;
  /** Set for AssumeRole sessions. */
  roleName?: string;
  sessionName?: string;
}

export interface IssuedSession {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  accountId: string;
  roleName: string;
  sessionName: string;
  externalId?: string;
  sourceIdentityArn: string;
  expiration: Date;
  /** Calls left before the token answers ExpiredToken (fault `expireCredentials`); undefined means unlimited. */
  remainingCalls?: number;
}

export interface EmulatorState {
  scenario: Scenario;
  accounts: Map<string, AccountScenario>;
  sessions: Map<string, IssuedSession>;
  faults: FaultEngine;
  /** Accounts whose credential report was generated (IAM's GenerateCredentialReport → GetCredentialReport). */
  credentialReports: Map<string, Date>;
  now(): Date;
}

export interface HandlerContext {
  state: EmulatorState;
  identity: Identity;
  account: AccountScenario;
  region: string;
  service: string;
  operation: string;
}

export type Handler = (context: HandlerContext, input: Record<string, unknown>) => unknown | Promise<unknown>;

interface TokenPayload {
  operation: string;
  query: string;
  offset: number;
}

function fingerprint(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('base64url').slice(0, 16);
}

/**
 * One page of `items`, with an opaque token bound to the operation and to the query (filters) that produced it,
 * so a token replayed against another query is refused like AWS refuses it.
 */
export function paginate<T>(
  items: readonly T[],
  options: { operation: string; query: unknown; token: unknown; pageSize: number; invalidToken: () => AwsError },
): { page: T[]; nextToken?: string } {
  const query = fingerprint(options.query);
  let offset = 0;
  if (typeof options.token === 'string' && options.token !== '') {
    let payload: TokenPayload;
    try {
      payload = JSON.parse(Buffer.from(options.token, 'base64url').toString('utf8')) as TokenPayload;
    } catch {
      throw options.invalidToken();
    }
    if (payload.operation !== options.operation || payload.query !== query || !Number.isInteger(payload.offset) || payload.offset < 0) {
      throw options.invalidToken();
    }
    offset = payload.offset;
  }
  const page = items.slice(offset, offset + options.pageSize);
  const next = offset + options.pageSize;
  if (next >= items.length) return { page };
  const payload: TokenPayload = { operation: options.operation, query, offset: next };
  return { page, nextToken: Buffer.from(JSON.stringify(payload)).toString('base64url') };
}

/** The page size AWS applies: the caller's limit when given and non-zero, the API default otherwise. */
export function pageSize(limit: unknown, defaultSize: number): number {
  return typeof limit === 'number' && limit > 0 ? limit : defaultSize;
}

/** A stable identifier of `length` lowercase alphanumerics derived from `seed` (rule ids, pack ids...). */
export function stableId(seed: string, length: number, alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789'): string {
  const digest = createHash('sha256').update(seed).digest();
  let id = '';
  for (let index = 0; index < length; index += 1) id += alphabet[digest[index % digest.length] % alphabet.length];
  return id;
}
