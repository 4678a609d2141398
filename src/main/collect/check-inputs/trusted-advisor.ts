// Real Trusted Advisor results through the AWS Support API (us-east-1): the check list, then each security and
// fault-tolerance check's result. Accounts without a Business or Enterprise support plan answer
// SubscriptionRequiredException: that is a property of the account's plan, recorded once as a coverage note,
// not a collection failure.

import { DescribeTrustedAdvisorCheckResultCommand, DescribeTrustedAdvisorChecksCommand, SupportClient } from '@aws-sdk/client-support';
import type { CollectionError, TrustedAdvisorAvailability } from '../../../shared/domain';
import { GLOBAL } from '../../checks-collect/inputs';
import { TRUSTED_ADVISOR_CATEGORIES, TRUSTED_ADVISOR_EVIDENCE, TRUSTED_ADVISOR_UNAVAILABLE } from '../../checks-collect/trusted-advisor';
import type { NewEvidence } from '../../snapshot/writer-contract';
import { classifyError } from '../errors';
import { CredentialsNeedUser, type RefreshableTarget } from '../pair-run';
import { AbortedError } from '../rate-limit';
import type { Send } from './direct';

/** The Support API has a single endpoint, in us-east-1. */
const SUPPORT_REGION = 'us-east-1';

export interface TrustedAdvisorCollection {
  availability: TrustedAdvisorAvailability;
  evidence: NewEvidence[];
  errors: CollectionError[];
}

export async function collectTrustedAdvisor(send: Send, target: RefreshableTarget, signal?: AbortSignal): Promise<TrustedAdvisorCollection> {
  const { accountId } = target;
  const supportTarget: RefreshableTarget = { ...target, region: SUPPORT_REGION };
  const out: TrustedAdvisorCollection = { availability: { state: 'available', note: '' }, evidence: [], errors: [] };
  const request = async <T>(operation: string, run: () => Promise<T>): Promise<T | null> => {
    try {
      return await run();
    } catch (error) {
      if (error instanceof AbortedError || error instanceof CredentialsNeedUser || signal?.aborted) throw error;
      const e = classifyError(error);
      if (e.code === 'SubscriptionRequiredException') {
        out.availability = { state: 'not-available', note: TRUSTED_ADVISOR_UNAVAILABLE };
      } else {
        out.availability = { state: 'not-collected', note: `${operation} failed: ${e.code}: ${e.message}` };
        out.errors.push({ accountId, region: GLOBAL, service: 'support', operation, code: e.code, message: e.message, at: new Date().toISOString() });
      }
      return null;
    }
  };

  const listed = await request('DescribeTrustedAdvisorChecks', () => send(supportTarget, SupportClient, new DescribeTrustedAdvisorChecksCommand({ language: 'en' })));
  if (!listed) return out;
  const checks = (listed.output.checks ?? []).filter((check) => (TRUSTED_ADVISOR_CATEGORIES as readonly string[]).includes(check.category ?? ''));
  out.evidence.push({
    kind: 'api-response',
    resourceType: TRUSTED_ADVISOR_EVIDENCE.checks.resourceType,
    resourceId: TRUSTED_ADVISOR_EVIDENCE.checks.resourceId,
    accountId,
    region: GLOBAL,
    body: checks,
    provenance: { ...listed.provenance, accountId },
  });
  for (const check of checks) {
    if (!check.id) continue;
    const checkId = check.id;
    const result = await request('DescribeTrustedAdvisorCheckResult', () =>
      send(supportTarget, SupportClient, new DescribeTrustedAdvisorCheckResultCommand({ checkId, language: 'en' })),
    );
    if (!result) {
      // One failed result leaves the others usable; the note says the account's results are incomplete.
      if (out.availability.state === 'not-available') return out;
      continue;
    }
    out.evidence.push({
      kind: 'api-response',
      resourceType: TRUSTED_ADVISOR_EVIDENCE.result.resourceType,
      resourceId: checkId,
      accountId,
      region: GLOBAL,
      body: result.output.result ?? null,
      provenance: { ...result.provenance, accountId },
    });
  }
  return out;
}
