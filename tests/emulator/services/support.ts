// AWS Support's Trusted Advisor operations; accounts without a Business or Enterprise plan get
// SubscriptionRequiredException, as AWS answers them.
import { AwsError, type Handler, type HandlerContext } from '../context';

export function requireTrustedAdvisorPlan(context: HandlerContext, code: string, status?: number): void {
  const plan = context.account.supportPlan ?? 'basic';
  if (plan !== 'business' && plan !== 'enterprise') {
    throw new AwsError(code, 'AWS Premium Support Subscription is required to use this service.', status);
  }
}

export const supportHandlers: Record<string, Handler> = {
  DescribeTrustedAdvisorChecks: (context) => {
    requireTrustedAdvisorPlan(context, 'SubscriptionRequiredException');
    return { checks: context.state.scenario.trustedAdvisorChecks ?? [] };
  },

  DescribeTrustedAdvisorCheckResult: (context, input) => {
    requireTrustedAdvisorPlan(context, 'SubscriptionRequiredException');
    const checkId = String(input.checkId);
    if (!(context.state.scenario.trustedAdvisorChecks ?? []).some((check) => check.id === checkId)) {
      throw new AwsError('InvalidParameterValueException', `Check Id ${checkId} is invalid.`);
    }
    const result = (context.account.trustedAdvisorResults ?? []).find((candidate) => candidate.checkId === checkId);
    const flagged = result?.flaggedResources ?? [];
    const suppressed = flagged.filter((resource) => resource.isSuppressed).length;
    return {
      result: {
        checkId,
        timestamp: result?.timestamp ?? context.state.now().toISOString(),
        status: result?.status ?? 'not_available',
        resourcesSummary: { resourcesProcessed: flagged.length, resourcesFlagged: flagged.filter((resource) => resource.status !== 'ok').length, resourcesIgnored: 0, resourcesSuppressed: suppressed },
        categorySpecificSummary: {},
        flaggedResources: flagged.map((resource) => ({
          status: resource.status,
          region: resource.region,
          resourceId: resource.resourceId,
          isSuppressed: resource.isSuppressed ?? false,
          metadata: resource.metadata,
        })),
      },
    };
  },
};
