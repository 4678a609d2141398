// Whether an S3 bucket is open to the public, decided the way Trusted Advisor's "Amazon S3 Bucket Permissions"
// grades it, after applying bucket- and account-level Block Public Access the way S3 itself applies them.

import type { ConfigurationItem, Grade, PublicAccessBlock } from '../types';
import { bool } from './findings';
import { isEveryonePrincipal, parsePolicy, statementsOf, values, type PolicyStatement } from './policy';

const PUBLIC_GROUPS: Record<string, string> = {
  allusers: 'Everyone (AllUsers)',
  authenticatedusers: 'Any authenticated AWS user (AuthenticatedUsers)',
};

/** Condition keys that pin a statement to known callers; S3 does not treat such statements as public. */
const RESTRICTING_KEYS = new Set([
  'aws:sourceip',
  'aws:sourcearn',
  'aws:sourcevpc',
  'aws:sourcevpce',
  'aws:sourceaccount',
  'aws:sourceowner',
  'aws:principalaccount',
  'aws:principalorgid',
  'aws:principalorgpaths',
  'aws:principalarn',
  'aws:userid',
  's3:dataaccesspointaccount',
  's3:dataaccesspointarn',
]);
const OPEN_VALUES = new Set(['*', '0.0.0.0/0', '::/0']);
const WRITE_PERMISSIONS = new Set(['WRITE', 'WRITEACP', 'FULLCONTROL']);

export interface PublicGrant {
  grantee: string;
  permission: string;
}

export interface BucketExposure {
  grade: Grade;
  /** Plain-words reasons, most serious first; empty when the bucket is not public. */
  reasons: string[];
  /** Public grants and statements that Block Public Access neutralizes: shown so the auditor sees why it passes. */
  neutralized: string[];
  /** Set when the bucket policy could not be read: the bucket cannot be judged. */
  policyError: string | null;
}

/** Block Public Access as the bucket's configuration item records it (camelCase) or S3 Control returns it. */
export function blockFlags(config: unknown): Required<PublicAccessBlock> {
  const c = (config ?? {}) as Record<string, unknown>;
  return {
    BlockPublicAcls: bool(c.BlockPublicAcls ?? c.blockPublicAcls),
    IgnorePublicAcls: bool(c.IgnorePublicAcls ?? c.ignorePublicAcls),
    BlockPublicPolicy: bool(c.BlockPublicPolicy ?? c.blockPublicPolicy),
    RestrictPublicBuckets: bool(c.RestrictPublicBuckets ?? c.restrictPublicBuckets),
  };
}

function publicGroupOf(grantee: unknown): string | null {
  let text = '';
  if (typeof grantee === 'string') text = grantee;
  else if (grantee && typeof grantee === 'object') {
    const g = grantee as Record<string, unknown>;
    text = String(g.uri ?? g.URI ?? g.identifier ?? g.id ?? '');
  }
  const last = text.split('/').pop()?.toLowerCase() ?? '';
  return PUBLIC_GROUPS[last] ?? null;
}

export function publicGrants(item: ConfigurationItem): PublicGrant[] {
  const acl = item.supplementaryConfiguration?.AccessControlList as Record<string, unknown> | undefined;
  const grants = Array.isArray(acl?.grantList) ? (acl.grantList as Record<string, unknown>[]) : [];
  const out: PublicGrant[] = [];
  for (const grant of grants) {
    const group = publicGroupOf(grant?.grantee);
    if (group) out.push({ grantee: group, permission: String(grant.permission ?? '') });
  }
  return out;
}

function isOpenStatement(statement: PolicyStatement): boolean {
  if (statement.Effect !== 'Allow' || !isEveryonePrincipal(statement.Principal)) return false;
  for (const [, block] of Object.entries(statement.Condition ?? {})) {
    for (const [key, value] of Object.entries(block ?? {})) {
      if (RESTRICTING_KEYS.has(key.toLowerCase()) && !values(value).some((v) => OPEN_VALUES.has(v))) return false;
    }
  }
  return true;
}

export type BucketPolicyRead = { present: false } | { present: true; statements: PolicyStatement[] } | { present: true; error: string };

/** Several checks read the same bucket's policy; inputs are never mutated, so each item is parsed once. */
const policyByItem = new WeakMap<ConfigurationItem, BucketPolicyRead>();

export function bucketPolicy(item: ConfigurationItem): BucketPolicyRead {
  const known = policyByItem.get(item);
  if (known) return known;
  const policy = item.supplementaryConfiguration?.BucketPolicy as Record<string, unknown> | undefined;
  const text = policy?.policyText;
  let read: BucketPolicyRead;
  if (text === undefined || text === null || text === '') read = { present: false };
  else {
    const parsed = parsePolicy(text);
    read = parsed.ok ? { present: true, statements: statementsOf(parsed.document) } : { present: true, error: parsed.error };
  }
  policyByItem.set(item, read);
  return read;
}

export function bucketExposure(item: ConfigurationItem, account: PublicAccessBlock | 'none'): BucketExposure {
  const bucketBlock = blockFlags(item.supplementaryConfiguration?.PublicAccessBlockConfiguration);
  const accountBlock = blockFlags(account === 'none' ? {} : account);
  const aclsIgnoredBy = bucketBlock.IgnorePublicAcls ? 'bucket' : accountBlock.IgnorePublicAcls ? 'account' : null;
  const policyRestrictedBy = bucketBlock.RestrictPublicBuckets ? 'bucket' : accountBlock.RestrictPublicBuckets ? 'account' : null;

  const red: string[] = [];
  const yellow: string[] = [];
  const neutralized: string[] = [];

  for (const grant of publicGrants(item)) {
    const normalized = grant.permission.replace(/_/g, '').toUpperCase();
    const what = `ACL grants ${grant.permission} to ${grant.grantee}`;
    if (aclsIgnoredBy) neutralized.push(`${what}, ignored by IgnorePublicAcls (${aclsIgnoredBy} level)`);
    else (WRITE_PERMISSIONS.has(normalized) ? red : yellow).push(what);
  }

  const policy = bucketPolicy(item);
  let policyError: string | null = null;
  if (policy.present && 'error' in policy) policyError = `Bucket policy could not be read: ${policy.error}`;
  if (policy.present && 'statements' in policy) {
    for (const statement of policy.statements.filter(isOpenStatement)) {
      const label = statement.Sid ? `statement "${statement.Sid}"` : 'a statement';
      const what = `Bucket policy ${label} allows ${values(statement.Action).join(', ') || 'actions'} to Principal "*"`;
      if (policyRestrictedBy) neutralized.push(`${what}, restricted by RestrictPublicBuckets (${policyRestrictedBy} level)`);
      else yellow.push(what);
    }
  }

  const grade: Grade = red.length ? 'red' : yellow.length ? 'yellow' : 'green';
  return { grade, reasons: [...red, ...yellow], neutralized, policyError };
}

/** True when a Deny statement refuses every S3 action to everyone when aws:SecureTransport is false. */
export function deniesInsecureTransport(statement: PolicyStatement): boolean {
  if (statement.Effect !== 'Deny' || !isEveryonePrincipal(statement.Principal)) return false;
  if (!values(statement.Action).some((action) => action === '*' || action === 's3:*')) return false;
  const bool = statement.Condition?.Bool;
  if (!bool) return false;
  const entry = Object.entries(bool).find(([key]) => key.toLowerCase() === 'aws:securetransport');
  if (!entry) return false;
  const value = entry[1];
  return value === false || values(value).includes('false');
}
