// The Trusted Advisor API (rest-json): checks from the scenario's catalog, recommendations from each account's
// results. Like AWS, it needs a Business or Enterprise support plan (AccessDeniedException otherwise). The
// organization views answer only the organization's management account, over its member accounts on such a plan.
import { AwsError, pageSize, paginate, type Handler, type HandlerContext } from '../context';
import type { TrustedAdvisorCheck, TrustedAdvisorCheckResult } from '../scenario';
import { requireTrustedAdvisorPlan } from './support';

/** A REST operation: matched by method and path; `input` reads the path, query string and headers. */
export interface RestRoute {
  operation: string;
  method: string;
  pattern: RegExp;
  input(url: URL, headers: Record<string, string | string[] | undefined>): Record<string, unknown>;
  handler: Handler;
}

const PILLAR: Record<TrustedAdvisorCheck['category'], string> = {
  cost_optimizing: 'cost_optimizing',
  security: 'security',
  fault_tolerance: 'fault_tolerance',
  performance: 'performance',
  service_limits: 'service_limits',
};

const STATUS: Record<TrustedAdvisorCheckResult['status'], 'ok' | 'warning' | 'error'> = { ok: 'ok', warning: 'warning', error: 'error', not_available: 'ok' };

function query(url: URL, names: string[]): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const name of names) {
    const value = url.searchParams.get(name);
    if (value !== null) input[name] = name === 'maxResults' ? Number(value) : value;
  }
  return input;
}

function invalidToken(): AwsError {
  return new AwsError('ValidationException', 'The nextToken provided is invalid', 400);
}

function checkArn(checkId: string): string {
  return `arn:aws:trustedadvisor:::check/${checkId}`;
}

function recommendationArn(context: HandlerContext, checkId: string): string {
  return `arn:aws:trustedadvisor::${context.account.accountId}:recommendation/${checkId}`;
}

function recommendationsOf(context: HandlerContext) {
  const checks = context.state.scenario.trustedAdvisorChecks ?? [];
  return (context.account.trustedAdvisorResults ?? []).flatMap((result) => {
    const check = checks.find((candidate) => candidate.id === result.checkId);
    return check ? [{ check, result }] : [];
  });
}

function gate(context: HandlerContext): void {
  requireTrustedAdvisorPlan(context, 'AccessDeniedException', 403);
}

function organizationRecommendationArn(checkId: string): string {
  return `arn:aws:trustedadvisor:::organization-recommendation/${checkId}`;
}

/** Per check: the flagged resources of every member account on a plan that has Trusted Advisor, with their account. */
function organizationRecommendationsOf(context: HandlerContext) {
  gate(context);
  const organization = context.state.scenario.organization;
  if (organization?.managementAccountId !== context.account.accountId) {
    throw new AwsError('AccessDeniedException', 'Organization recommendations are available only to the management account of the organization.', 403);
  }
  const checks = context.state.scenario.trustedAdvisorChecks ?? [];
  const byCheck = new Map<string, { check: TrustedAdvisorCheck; timestamp: string; resources: (TrustedAdvisorCheckResult['flaggedResources'][number] & { accountId: string })[] }>();
  for (const account of context.state.scenario.accounts) {
    if (account.supportPlan !== 'business' && account.supportPlan !== 'enterprise') continue;
    for (const result of account.trustedAdvisorResults ?? []) {
      const check = checks.find((candidate) => candidate.id === result.checkId);
      if (!check) continue;
      const entry = byCheck.get(check.id) ?? { check, timestamp: result.timestamp, resources: [] };
      if (result.timestamp > entry.timestamp) entry.timestamp = result.timestamp;
      entry.resources.push(...result.flaggedResources.map((resource) => ({ ...resource, accountId: account.accountId })));
      byCheck.set(check.id, entry);
    }
  }
  return [...byCheck.values()];
}

const worstStatus = (statuses: string[]): 'ok' | 'warning' | 'error' => (statuses.includes('error') ? 'error' : statuses.includes('warning') ? 'warning' : 'ok');

export const trustedAdvisorRoutes: RestRoute[] = [
  {
    operation: 'ListChecks',
    method: 'GET',
    pattern: /^\/v1\/checks$/,
    input: (url) => query(url, ['nextToken', 'maxResults', 'pillar', 'awsService', 'source', 'language']),
    handler: (context, input) => {
      gate(context);
      const checks = (context.state.scenario.trustedAdvisorChecks ?? []).filter((check) => input.pillar === undefined || PILLAR[check.category] === input.pillar);
      const { page, nextToken } = paginate(checks, { operation: context.operation, query: input.pillar ?? null, token: input.nextToken, pageSize: pageSize(input.maxResults, 100), invalidToken });
      return {
        checkSummaries: page.map((check) => ({
          id: check.id,
          arn: checkArn(check.id),
          name: check.name,
          description: check.description,
          pillars: [PILLAR[check.category]],
          awsServices: [],
          source: 'ta_check',
          metadata: Object.fromEntries(check.metadata.map((name, index) => [String(index), name])),
        })),
        nextToken,
      };
    },
  },
  {
    operation: 'ListRecommendations',
    method: 'GET',
    pattern: /^\/v1\/recommendations$/,
    input: (url) => query(url, ['nextToken', 'maxResults', 'type', 'status', 'pillar', 'awsService', 'source', 'checkIdentifier', 'language']),
    handler: (context, input) => {
      gate(context);
      const { page, nextToken } = paginate(recommendationsOf(context), { operation: context.operation, query: null, token: input.nextToken, pageSize: pageSize(input.maxResults, 100), invalidToken });
      return {
        recommendationSummaries: page.map(({ check, result }) => {
          const count = (status: string) => result.flaggedResources.filter((resource) => resource.status === status).length;
          return {
            id: result.checkId,
            type: 'standard',
            checkArn: checkArn(check.id),
            status: STATUS[result.status],
            pillars: [PILLAR[check.category]],
            source: 'ta_check',
            name: check.name,
            resourcesAggregates: { okCount: count('ok'), warningCount: count('warning'), errorCount: count('error') },
            lastUpdatedAt: result.timestamp,
            arn: recommendationArn(context, result.checkId),
          };
        }),
        nextToken,
      };
    },
  },
  {
    operation: 'ListRecommendationResources',
    method: 'GET',
    pattern: /^\/v1\/recommendations\/[^/]+\/resources$/,
    input: (url) => ({
      ...query(url, ['nextToken', 'maxResults', 'status', 'exclusionStatus', 'regionCode', 'language']),
      recommendationIdentifier: decodeURIComponent(url.pathname.split('/')[3]),
    }),
    handler: (context, input) => {
      gate(context);
      const identifier = String(input.recommendationIdentifier);
      const found = recommendationsOf(context).find(({ result }) => result.checkId === identifier || recommendationArn(context, result.checkId) === identifier);
      if (!found) throw new AwsError('ResourceNotFoundException', `Recommendation ${identifier} was not found.`, 404);
      const resources = found.result.flaggedResources.filter((resource) => input.regionCode === undefined || resource.region === input.regionCode);
      const { page, nextToken } = paginate(resources, { operation: context.operation, query: [identifier, input.regionCode ?? null], token: input.nextToken, pageSize: pageSize(input.maxResults, 100), invalidToken });
      return {
        recommendationResourceSummaries: page.map((resource) => ({
          id: `${found.result.checkId}-${resource.resourceId}`,
          arn: `arn:aws:trustedadvisor::${context.account.accountId}:recommendation-resource/${found.result.checkId}/${resource.resourceId}`,
          awsResourceId: resource.resourceId,
          regionCode: resource.region ?? '-',
          status: resource.status,
          metadata: Object.fromEntries(resource.metadata.map((value, index) => [String(index), value])),
          lastUpdatedAt: found.result.timestamp,
          exclusionStatus: resource.isSuppressed ? 'excluded' : 'included',
          recommendationArn: recommendationArn(context, found.result.checkId),
        })),
        nextToken,
      };
    },
  },
  {
    operation: 'ListOrganizationRecommendations',
    method: 'GET',
    pattern: /^\/v1\/organization-recommendations$/,
    input: (url) => query(url, ['nextToken', 'maxResults', 'type', 'status', 'pillar', 'awsService', 'source', 'checkIdentifier', 'afterLastUpdatedAt', 'beforeLastUpdatedAt']),
    handler: (context, input) => {
      const recommendations = organizationRecommendationsOf(context).filter(({ check }) => input.pillar === undefined || PILLAR[check.category] === input.pillar);
      const { page, nextToken } = paginate(recommendations, { operation: context.operation, query: input.pillar ?? null, token: input.nextToken, pageSize: pageSize(input.maxResults, 100), invalidToken });
      return {
        organizationRecommendationSummaries: page.map(({ check, timestamp, resources }) => {
          const count = (status: string) => resources.filter((resource) => resource.status === status).length;
          return {
            id: check.id,
            type: 'standard',
            checkArn: checkArn(check.id),
            status: worstStatus(resources.map((resource) => resource.status)),
            pillars: [PILLAR[check.category]],
            source: 'ta_check',
            name: check.name,
            resourcesAggregates: { okCount: count('ok'), warningCount: count('warning'), errorCount: count('error') },
            lastUpdatedAt: timestamp,
            arn: organizationRecommendationArn(check.id),
          };
        }),
        nextToken,
      };
    },
  },
  {
    operation: 'ListOrganizationRecommendationResources',
    method: 'GET',
    pattern: /^\/v1\/organization-recommendations\/[^/]+\/resources$/,
    input: (url) => ({
      ...query(url, ['nextToken', 'maxResults', 'status', 'exclusionStatus', 'regionCode', 'affectedAccountId']),
      organizationRecommendationIdentifier: decodeURIComponent(url.pathname.split('/')[3]),
    }),
    handler: (context, input) => {
      const identifier = String(input.organizationRecommendationIdentifier);
      const found = organizationRecommendationsOf(context).find(({ check }) => check.id === identifier || organizationRecommendationArn(check.id) === identifier);
      if (!found) throw new AwsError('ResourceNotFoundException', `Organization recommendation ${identifier} was not found.`, 404);
      const resources = found.resources.filter(
        (resource) => (input.regionCode === undefined || resource.region === input.regionCode) && (input.affectedAccountId === undefined || resource.accountId === input.affectedAccountId),
      );
      const { page, nextToken } = paginate(resources, {
        operation: context.operation,
        query: [identifier, input.regionCode ?? null, input.affectedAccountId ?? null],
        token: input.nextToken,
        pageSize: pageSize(input.maxResults, 100),
        invalidToken,
      });
      return {
        organizationRecommendationResourceSummaries: page.map((resource) => ({
          id: `${found.check.id}-${resource.accountId}-${resource.resourceId}`,
          arn: `arn:aws:trustedadvisor::${resource.accountId}:recommendation-resource/${found.check.id}/${resource.resourceId}`,
          awsResourceId: resource.resourceId,
          regionCode: resource.region ?? '-',
          status: resource.status,
          metadata: Object.fromEntries(resource.metadata.map((value, index) => [String(index), value])),
          lastUpdatedAt: found.timestamp,
          exclusionStatus: resource.isSuppressed ? 'excluded' : 'included',
          accountId: resource.accountId,
          recommendationArn: organizationRecommendationArn(found.check.id),
        })),
        nextToken,
      };
    },
  },
];
