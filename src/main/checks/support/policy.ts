// Reading IAM and resource policy documents as AWS hands them over: IAM returns URL-encoded JSON, Config and S3
// return plain JSON strings, and single values may stand where lists are allowed.

import { asArray } from './findings';

export interface PolicyStatement {
  Sid?: string;
  Effect?: string;
  Principal?: unknown;
  NotPrincipal?: unknown;
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  Condition?: Record<string, Record<string, unknown>>;
}

export interface PolicyDocument {
  Version?: string;
  Statement?: PolicyStatement | PolicyStatement[];
}

export type ParsedPolicy = { ok: true; document: PolicyDocument } | { ok: false; error: string };

/** Parses a policy given as an object, JSON text or URL-encoded JSON text (IAM's form). */
export function parsePolicy(raw: unknown): ParsedPolicy {
  if (raw !== null && typeof raw === 'object') return { ok: true, document: raw as PolicyDocument };
  if (typeof raw !== 'string' || raw.trim() === '') return { ok: false, error: 'the policy document is empty' };
  let text = raw.trim();
  if (!text.startsWith('{')) {
    try {
      text = decodeURIComponent(text);
    } catch {
      return { ok: false, error: 'the policy document is neither JSON nor URL-encoded JSON' };
    }
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed === null || typeof parsed !== 'object') return { ok: false, error: 'the policy document is not a JSON object' };
    return { ok: true, document: parsed as PolicyDocument };
  } catch (error) {
    return { ok: false, error: `the policy document is not valid JSON (${(error as Error).message})` };
  }
}

export function statementsOf(document: PolicyDocument): PolicyStatement[] {
  return asArray(document.Statement).filter((s): s is PolicyStatement => s !== null && typeof s === 'object');
}

export function values(value: unknown): string[] {
  return asArray(value as string | string[] | undefined).filter((v): v is string => typeof v === 'string');
}

/** Principal "*" or {"AWS": "*"} (alone or in a list): anyone, including anonymous callers. */
export function isEveryonePrincipal(principal: unknown): boolean {
  if (principal === '*') return true;
  if (principal !== null && typeof principal === 'object') {
    return values((principal as Record<string, unknown>).AWS).includes('*');
  }
  return false;
}

/** The AWS account ids named by a Principal's "AWS" entries (ARNs or bare ids); "*" is reported as '*'. */
export function principalAccounts(principal: unknown): string[] {
  if (principal === '*') return ['*'];
  if (principal === null || typeof principal !== 'object') return [];
  return values((principal as Record<string, unknown>).AWS).map((entry) => {
    if (entry === '*') return '*';
    if (/^\d{12}$/.test(entry)) return entry;
    const match = /^arn:[^:]+:(?:iam|sts)::(\d{12}):/.exec(entry);
    return match ? match[1] : entry;
  });
}

/** Condition keys in any operator block, lower-cased (IAM condition keys are case-insensitive). */
export function conditionKeys(statement: PolicyStatement): string[] {
  const keys: string[] = [];
  for (const block of Object.values(statement.Condition ?? {})) {
    if (block && typeof block === 'object') keys.push(...Object.keys(block).map((k) => k.toLowerCase()));
  }
  return keys;
}

/** Allow with Action "*" on Resource "*": full administrator access. */
export function grantsFullAdmin(statement: PolicyStatement): boolean {
  return (
    statement.Effect === 'Allow' &&
    values(statement.Action).includes('*') &&
    values(statement.Resource).includes('*')
  );
}
