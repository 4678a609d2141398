// Real Trusted Advisor results for one account, in order of preference:
// 1. the organization view the management account read once for the whole organization (no call per account);
// 2. the Trusted Advisor API (ListChecks, ListRecommendations, ListRecommendationResources);
// 3. the AWS Support API (DescribeTrustedAdvisorChecks, DescribeTrustedAdvisorCheckResult), when the Trusted Advisor
//    API is refused for another reason than the plan (e.g. a policy that grants only support:*) or fails.
// Whatever the source, the evidence has the Support API's shapes (checks/trusted-advisor.ts maps those onto controls)
// and the provenance of the call that returned it. Accounts without a Business or Enterprise support plan answer
// SubscriptionRequiredException (Support) or AccessDeniedException naming the subscription (Trusted Advisor): a
// property of the plan, recorded once as a coverage note, not a collection failure.

import { DescribeTrustedAdvisorCheckResultCommand, DescribeTrustedAdvisorChecksCommand, SupportClient } from '@aws-sdk/client-support';
import {
  ListChecksCommand,
  ListOrganizationRecommendationResourcesCommand,
  ListOrganizationRecommendationsCommand,
  ListRecommendationResourcesCommand,
  ListRecommendationsCommand,
  TrustedAdvisorClient,
  type RecommendationPillar,
} from '@aws-sdk/client-trustedadvisor';
import type { CollectionError, Provenance, TrustedAdvisorAvailability } from '../../../shared/domain';
import { GLOBAL } from '../../checks-collect/inputs';
import {
  TRUSTED_ADVISOR_CATEGORIES,
  TRUSTED_ADVISOR_EVIDENCE,
  TRUSTED_ADVISOR_UNAVAILABLE,
  type TrustedAdvisorCheck,
  type TrustedAdvisorResult,
} from '../../checks-collect/trusted-advisor';
import type { NewEvidence } from '../../snapshot/writer-contract';
import { classifyError, type ClassifiedError } from '../errors';
import { CredentialsNeedUser, type RefreshableTarget } from '../pair-run';
import { AbortedError } from '../rate-limit';
import type { Send } from './direct';

/** Both APIs have a single endpoint, in us-east-1. */
export const TRUSTED_ADVISOR_REGION = 'us-east-1';
/** ListChecks', ListRecommendations' and the organization lists' largest page; ListRecommendationResources allows 5000. */
const PAGE = 200;
const RESOURCES_PAGE = 5000;

export interface TrustedAdvisorCollection {
  availability: TrustedAdvisorAvailability;
  evidence: NewEvidence[];
  errors: CollectionError[];
}

/** An account's Trusted Advisor results as the organization view returned them (Support API shapes). */
interface AccountResults {
  results: { result: TrustedAdvisorResult; provenance: Provenance }[];
}

/** What the management account read once for the organization: the checks, and the results of each account it lists. */
export interface OrganizationTrustedAdvisor {
  checks: TrustedAdvisorCheck[];
  checksProvenance: Provenance;
  accounts: Map<string, AccountResults>;
}

type Outcome<T> = { ok: true; value: T } | { ok: false; error: ClassifiedError };

/** A refusal because of the support plan, not of a policy: Support's code, or the Trusted Advisor API's message. */
function planRefusal(error: ClassifiedError): boolean {
  return error.code === 'SubscriptionRequiredException' || (error.code === 'AccessDeniedException' && /subscription/i.test(error.message));
}

const inScope = (pillars: readonly string[] | undefined): string | undefined => pillars?.find((pillar) => (TRUSTED_ADVISOR_CATEGORIES as readonly string[]).includes(pillar));

/** A check id from a Trusted Advisor check ARN (`arn:aws:trustedadvisor:::check/<id>`). */
const checkIdOf = (checkArn: string | undefined): string | undefined => checkArn?.split('/').pop() || undefined;

/** The Trusted Advisor API keys metadata columns "0", "1", ...; the Support API lists them in that order. */
function columns(metadata: Record<string, string> | undefined): string[] {
  return Object.entries(metadata ?? {})
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([, value]) => value);
}

function flaggedResource(resource: { awsResourceId?: string; regionCode?: string; status?: string; exclusionStatus?: string; metadata?: Record<string, string> }) {
  return {
    resourceId: resource.awsResourceId ?? '',
    status: resource.status,
    region: resource.regionCode,
    isSuppressed: resource.exclusionStatus === 'excluded',
    metadata: columns(resource.metadata),
  };
}

function iso(date: Date | undefined): string | undefined {
  return date instanceof Date && !Number.isNaN(date.getTime()) ? date.toISOString() : undefined;
}

/** Calls that fail softly: aborts and expired IAM Identity Center logins still propagate. */
class TrustedAdvisorReader {
  constructor(private readonly signal: AbortSignal | undefined) {}

  async try<T>(run: () => Promise<T>): Promise<Outcome<T>> {
    try {
      return { ok: true, value: await run() };
    } catch (error) {
      if (error instanceof AbortedError || error instanceof CredentialsNeedUser || this.signal?.aborted) throw error;
      return { ok: false, error: classifyError(error) };
    }
  }

  /** Every page of a Trusted Advisor list, for each pillar Triad ingests; the first failure ends it. */
  async pages<P>(fetch: (pillar: RecommendationPillar, nextToken: string | undefined) => Promise<P & { nextToken?: string }>): Promise<Outcome<P[]>> {
    const out: P[] = [];
    for (const pillar of TRUSTED_ADVISOR_CATEGORIES) {
      for (let token: string | undefined, first = true; first || token; first = false) {
        const page = await this.try(() => fetch(pillar, token));
        if (!page.ok) return page;
        out.push(page.value);
        token = page.value.nextToken;
      }
    }
    return { ok: true, value: out };
  }
}

/**
 * The organization view, read once from the management account. Undefined when it is not available (not the
 * management account, the view is not enabled, no plan): each account then reads its own results.
 */
export async function readOrganizationTrustedAdvisor(send: Send, management: RefreshableTarget, signal?: AbortSignal): Promise<OrganizationTrustedAdvisor | undefined> {
  const reader = new TrustedAdvisorReader(signal);
  const target: RefreshableTarget = { ...management, region: TRUSTED_ADVISOR_REGION };
  const accountId = management.accountId;
  const checks = await reader.pages((pillar, nextToken) =>
    send(target, TrustedAdvisorClient, new ListChecksCommand({ pillar, language: 'en', maxResults: PAGE, nextToken })).then((r) => ({ ...r, nextToken: r.output.nextToken })),
  );
  if (!checks.ok || checks.value.length === 0) return undefined;
  const recommendations = await reader.pages((pillar, nextToken) =>
    send(target, TrustedAdvisorClient, new ListOrganizationRecommendationsCommand({ pillar, maxResults: PAGE, nextToken })).then((r) => ({ ...r, nextToken: r.output.nextToken })),
  );
  if (!recommendations.ok) return undefined;
  const view: OrganizationTrustedAdvisor = { checks: checksOf(checks.value.flatMap((page) => page.output.checkSummaries ?? [])), checksProvenance: { ...checks.value[0].provenance, accountId }, accounts: new Map() };
  const known = new Set(view.checks.map((check) => check.id));
  const seen = new Set<string>();
  for (const recommendation of recommendations.value.flatMap((page) => page.output.organizationRecommendationSummaries ?? [])) {
    const checkId = checkIdOf(recommendation.checkArn);
    if (!checkId || !known.has(checkId) || !recommendation.arn || seen.has(checkId)) continue;
    seen.add(checkId);
    const byAccount = new Map<string, { resources: ReturnType<typeof flaggedResource>[]; provenance: Provenance }>();
    for (let token: string | undefined, first = true; first || token; first = false) {
      const page = await reader.try(() =>
        send(target, TrustedAdvisorClient, new ListOrganizationRecommendationResourcesCommand({ organizationRecommendationIdentifier: recommendation.arn, maxResults: PAGE, nextToken: token })),
      );
      // A view that cannot be read whole is not used: an account missing from it would look clean.
      if (!page.ok) return undefined;
      for (const resource of page.value.output.organizationRecommendationResourceSummaries ?? []) {
        if (!resource.accountId) continue;
        const entry = byAccount.get(resource.accountId) ?? { resources: [], provenance: { ...page.value.provenance, accountId: resource.accountId } };
        entry.resources.push(flaggedResource(resource));
        byAccount.set(resource.accountId, entry);
      }
      token = page.value.output.nextToken;
    }
    for (const [member, entry] of byAccount) {
      const account = view.accounts.get(member) ?? { results: [] };
      const statuses = entry.resources.map((resource) => resource.status);
      const status = statuses.includes('error') ? 'error' : statuses.includes('warning') ? 'warning' : 'ok';
      account.results.push({ result: { checkId, timestamp: iso(recommendation.lastUpdatedAt), status, flaggedResources: entry.resources }, provenance: entry.provenance });
      view.accounts.set(member, account);
    }
  }
  // Checks the view lists nothing for in an account are not known to pass there: no result, not "ok".
  for (const account of view.accounts.values()) {
    const listed = new Set(account.results.map((r) => r.result.checkId));
    for (const check of view.checks) {
      if (!listed.has(check.id)) account.results.push({ result: { checkId: check.id, status: 'not_available', flaggedResources: [] }, provenance: view.checksProvenance });
    }
  }
  return view;
}

function checksOf(summaries: { id?: string; name?: string; description?: string; pillars?: string[]; metadata?: Record<string, string> }[]): (TrustedAdvisorCheck & { id: string })[] {
  const out: (TrustedAdvisorCheck & { id: string })[] = [];
  const seen = new Set<string>();
  for (const summary of summaries) {
    const category = inScope(summary.pillars);
    if (!summary.id || !category || seen.has(summary.id)) continue;
    seen.add(summary.id);
    out.push({ id: summary.id, name: summary.name, description: summary.description, category, metadata: columns(summary.metadata) });
  }
  return out;
}

export async function collectTrustedAdvisor(send: Send, target: RefreshableTarget, signal?: AbortSignal, organization?: OrganizationTrustedAdvisor): Promise<TrustedAdvisorCollection> {
  const { accountId } = target;
  const out: TrustedAdvisorCollection = { availability: { state: 'available', note: '' }, evidence: [], errors: [] };
  const checksEvidence = (checks: readonly object[], provenance: Provenance) =>
    out.evidence.push({ kind: 'api-response', ...TRUSTED_ADVISOR_EVIDENCE.checks, accountId, region: GLOBAL, body: checks, provenance: { ...provenance, accountId } });
  const resultEvidence = (result: TrustedAdvisorResult, provenance: Provenance) =>
    out.evidence.push({
      kind: 'api-response',
      resourceType: TRUSTED_ADVISOR_EVIDENCE.result.resourceType,
      resourceId: result.checkId ?? '',
      accountId,
      region: GLOBAL,
      body: result,
      provenance: { ...provenance, accountId },
    });
  const unavailable = (operation: string, error: ClassifiedError) => {
    out.availability = { state: 'not-available', note: `${TRUSTED_ADVISOR_UNAVAILABLE} (${error.code} from ${operation})` };
  };
  const failed = (service: string, operation: string, error: ClassifiedError) => {
    out.availability = { state: 'not-collected', note: `${operation} failed: ${error.code}: ${error.message}` };
    out.errors.push({ accountId, region: GLOBAL, service, operation, code: error.code, message: error.message, at: new Date().toISOString() });
  };

  const fromOrganization = organization?.accounts.get(accountId);
  if (organization && fromOrganization) {
    checksEvidence(organization.checks, organization.checksProvenance);
    for (const { result, provenance } of fromOrganization.results) resultEvidence(result, provenance);
    return out;
  }

  const reader = new TrustedAdvisorReader(signal);
  const taTarget: RefreshableTarget = { ...target, region: TRUSTED_ADVISOR_REGION };
  const listed = await reader.pages((pillar, nextToken) =>
    send(taTarget, TrustedAdvisorClient, new ListChecksCommand({ pillar, language: 'en', maxResults: PAGE, nextToken })).then((r) => ({ ...r, nextToken: r.output.nextToken })),
  );
  if (!listed.ok && planRefusal(listed.error)) {
    unavailable('ListChecks', listed.error);
    return out;
  }
  if (listed.ok) {
    const checks = checksOf(listed.value.flatMap((page) => page.output.checkSummaries ?? []));
    const recommendations = await reader.pages((pillar, nextToken) =>
      send(taTarget, TrustedAdvisorClient, new ListRecommendationsCommand({ pillar, maxResults: PAGE, nextToken })).then((r) => ({ ...r, nextToken: r.output.nextToken })),
    );
    if (!recommendations.ok) {
      failed('trustedadvisor', 'ListRecommendations', recommendations.error);
      return out;
    }
    checksEvidence(checks, listed.value[0].provenance);
    const known = new Set(checks.map((check) => check.id));
    const seen = new Set<string>();
    for (const recommendation of recommendations.value.flatMap((page) => page.output.recommendationSummaries ?? [])) {
      const checkId = checkIdOf(recommendation.checkArn);
      if (!checkId || !known.has(checkId) || !recommendation.arn || seen.has(checkId)) continue;
      seen.add(checkId);
      const resources: ReturnType<typeof flaggedResource>[] = [];
      let provenance: Provenance | undefined;
      let error: ClassifiedError | undefined;
      for (let token: string | undefined, first = true; first || token; first = false) {
        const page = await reader.try(() =>
          send(taTarget, TrustedAdvisorClient, new ListRecommendationResourcesCommand({ recommendationIdentifier: recommendation.arn, maxResults: RESOURCES_PAGE, nextToken: token })),
        );
        if (!page.ok) {
          error = page.error;
          break;
        }
        provenance ??= page.value.provenance;
        resources.push(...(page.value.output.recommendationResourceSummaries ?? []).map(flaggedResource));
        token = page.value.output.nextToken;
      }
      if (error) {
        // One failed recommendation leaves the others usable; the note says the account's results are incomplete.
        failed('trustedadvisor', 'ListRecommendationResources', error);
        continue;
      }
      resultEvidence({ checkId, timestamp: iso(recommendation.lastUpdatedAt), status: recommendation.status, flaggedResources: resources }, provenance!);
    }
    return out;
  }

  // The Trusted Advisor API was refused for another reason, or failed: the Support API may still answer.
  const described = await reader.try(() => send(taTarget, SupportClient, new DescribeTrustedAdvisorChecksCommand({ language: 'en' })));
  if (!described.ok) {
    if (planRefusal(described.error)) unavailable('DescribeTrustedAdvisorChecks', described.error);
    else {
      failed('trustedadvisor', 'ListChecks', listed.error);
      failed('support', 'DescribeTrustedAdvisorChecks', described.error);
    }
    return out;
  }
  const checks = (described.value.output.checks ?? []).filter((check) => (TRUSTED_ADVISOR_CATEGORIES as readonly string[]).includes(check.category ?? ''));
  checksEvidence(checks, described.value.provenance);
  for (const check of checks) {
    if (!check.id) continue;
    const checkId = check.id;
    const result = await reader.try(() => send(taTarget, SupportClient, new DescribeTrustedAdvisorCheckResultCommand({ checkId, language: 'en' })));
    if (!result.ok) {
      if (planRefusal(result.error)) {
        unavailable('DescribeTrustedAdvisorCheckResult', result.error);
        return out;
      }
      failed('support', 'DescribeTrustedAdvisorCheckResult', result.error);
      continue;
    }
    resultEvidence((result.value.output.result ?? { checkId, status: 'not_available', flaggedResources: [] }) as TrustedAdvisorResult, result.value.provenance);
  }
  return out;
}
