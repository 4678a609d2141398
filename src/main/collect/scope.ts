// Pure planning: which accounts and regions a collection covers, the role ARNs and session names it uses.

import type { CollectionRequest } from '../../shared/api';

export type ScopeMode = 'self' | 'accounts' | 'organization' | 'aggregator';

/** `triad-<user>`: the caller's user or session name, reduced to what RoleSessionName accepts (2-64 of [\w+=,.@-]). */
export function sessionNameFor(callerArn: string): string {
  const resource = callerArn.split(':').slice(5).join(':');
  const parts = resource.split('/');
  // assumed-role/<role>/<session> → session; user/<path>/<name> → name; root → root
  const user = parts[0] === 'assumed-role' ? (parts[2] ?? parts[1] ?? '') : (parts[parts.length - 1] ?? '');
  const cleaned = user.replace(/[^\w+=,.@-]/g, '-') || 'auditor';
  return `triad-${cleaned}`.slice(0, 64);
}

export function partitionOf(arn: string): string {
  return arn.split(':')[1] || 'aws';
}

/** A role name (optionally with a path, e.g. "audit/TriadAuditor") or a full ARN template with the account left out. */
export function roleArnFor(role: string, accountId: string, partition: string): string {
  if (role.startsWith('arn:')) {
    const parts = role.split(':');
    parts[4] = accountId;
    return parts.join(':');
  }
  return `arn:${partition}:iam::${accountId}:role/${role.replace(/^\/+/, '')}`;
}

export function scopeModes(request: Pick<CollectionRequest, 'self' | 'accounts' | 'organization' | 'aggregator'>): ScopeMode[] {
  const modes: ScopeMode[] = [];
  if (request.self) modes.push('self');
  if (request.accounts?.length) modes.push('accounts');
  if (request.organization) modes.push('organization');
  if (request.aggregator) modes.push('aggregator');
  return modes;
}

/** Problems with a request, each a sentence the user can act on; empty when it can run. */
export function requestProblems(request: CollectionRequest): string[] {
  const problems: string[] = [];
  const modes = scopeModes(request);
  if (modes.length === 0) problems.push('Choose a scope: self, a list of accounts, the organization, or an aggregator');
  if ((request.accounts?.length || request.organization) && !request.role) {
    problems.push('A role name to assume in each account is required with --accounts and --org');
  }
  if (request.mfaCode && !request.mfaSerial) problems.push('An MFA code needs the MFA device serial (--mfa-serial)');
  if (request.mfaSerial && !request.mfaCode) problems.push('The MFA device serial needs a current code (--mfa-code)');
  if (request.regions?.length && request.allRegions) problems.push('Give either a list of regions or all regions, not both');
  if (!request.regions?.length && !request.allRegions && modes.some((m) => m !== 'aggregator')) {
    problems.push('Choose the regions: a list (e.g. eu-west-1,us-east-1) or all enabled regions');
  }
  for (const id of request.accounts ?? []) if (!/^\d{12}$/.test(id)) problems.push(`Account id ${id} is not 12 digits`);
  return problems;
}

export function describeScope(request: CollectionRequest): string {
  const parts: string[] = [];
  if (request.self) parts.push('own account');
  if (request.accounts?.length) parts.push(`${request.accounts.length} listed account(s) via role ${request.role}`);
  if (request.organization) parts.push(`organization accounts via role ${request.role}`);
  if (request.aggregator) parts.push(`aggregator ${request.aggregator}`);
  const regions = request.regions?.length ? request.regions.join(', ') : request.allRegions ? 'all enabled regions' : 'aggregator regions';
  return `${parts.join(' + ')}; regions: ${regions}`;
}

/** Builds "Root/Workloads/Prod" from the chain of parent names, nearest last. */
export function ouPathOf(names: string[]): string {
  return names.join('/');
}
