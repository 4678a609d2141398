// CloudTrail (JSON 1.1, X-Amz-Target CloudTrail_20131101.* as the SDK sends it, or the model's long form
// com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.*, both accepted by AWS): DescribeTrails and
// GetTrailStatus. No botocore model in the project: responses are validated against the schema the SDK client
// embeds (tests/unit/emulator/sdk-schema-validator.ts). Shadow trails follow AWS: a multi-region trail shows in
// every region of its account, an organization trail of the management account in every member account.
import { AwsError, type Handler, type HandlerContext } from '../context';
import type { TrailScenario } from '../scenario';

export const CLOUDTRAIL_TARGET_PREFIXES = ['CloudTrail_20131101', 'com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101'] as const;

interface VisibleTrail {
  trail: TrailScenario;
  ownerAccountId: string;
  arn: string;
}

const epochSeconds = (iso: string) => Date.parse(iso) / 1000;

function trailArn(trail: TrailScenario, ownerAccountId: string): string {
  return `arn:aws:cloudtrail:${trail.homeRegion}:${ownerAccountId}:trail/${trail.name}`;
}

/** Trails the caller sees in the region: its own home trails, and the shadows of multi-region and organization trails. */
function visibleTrails(context: HandlerContext, includeShadowTrails: boolean): VisibleTrail[] {
  const { account, region, state } = context;
  const inRegion = (trail: TrailScenario, own: boolean) => (own && trail.homeRegion === region) || (includeShadowTrails && (trail.homeRegion === region || trail.isMultiRegionTrail));
  const own = (account.trails ?? []).filter((trail) => inRegion(trail, true)).map((trail) => ({ trail, ownerAccountId: account.accountId, arn: trailArn(trail, account.accountId) }));
  const managementId = state.scenario.organization?.managementAccountId;
  const management = managementId && managementId !== account.accountId && account.parentId !== undefined ? state.accounts.get(managementId) : undefined;
  const organization = (management?.trails ?? [])
    .filter((trail) => trail.isOrganizationTrail && inRegion(trail, false))
    .map((trail) => ({ trail, ownerAccountId: management!.accountId, arn: trailArn(trail, management!.accountId) }));
  return [...own, ...organization];
}

function trailNotFound(name: string, context: HandlerContext): AwsError {
  return new AwsError('TrailNotFoundException', `Unknown trail: ${name} for the user: ${context.account.accountId}`, 404);
}

export const cloudTrailHandlers: Record<string, Handler> = {
  DescribeTrails: (context, input) => {
    const names = Array.isArray(input.trailNameList) ? (input.trailNameList as string[]) : [];
    const trails = visibleTrails(context, input.includeShadowTrails !== false).filter(({ trail, arn }) => names.length === 0 || names.includes(trail.name) || names.includes(arn));
    return {
      trailList: trails.map(({ trail, arn }) => ({
        Name: trail.name,
        S3BucketName: trail.s3BucketName,
        IncludeGlobalServiceEvents: trail.includeGlobalServiceEvents ?? trail.isMultiRegionTrail,
        IsMultiRegionTrail: trail.isMultiRegionTrail,
        HomeRegion: trail.homeRegion,
        TrailARN: arn,
        LogFileValidationEnabled: trail.logFileValidationEnabled,
        ...(trail.kmsKeyId ? { KmsKeyId: trail.kmsKeyId } : {}),
        HasCustomEventSelectors: false,
        HasInsightSelectors: false,
        IsOrganizationTrail: trail.isOrganizationTrail ?? false,
      })),
    };
  },
  GetTrailStatus: (context, input) => {
    const name = typeof input.Name === 'string' ? input.Name : '';
    if (!name) throw new AwsError('InvalidTrailNameException', 'Trail name or ARN can only contain uppercase letters, lowercase letters, numbers, periods (.), hyphens (-), and underscores (_).', 400);
    // A shadow trail answers only to its ARN, as in AWS.
    const found = name.startsWith('arn:')
      ? visibleTrails(context, true).find((candidate) => candidate.arn === name)
      : visibleTrails(context, false).find((candidate) => candidate.trail.name === name);
    if (!found) throw trailNotFound(name, context);
    const { trail } = found;
    const delivered = trail.latestDeliveryTime ?? '2026-11-25T07:55:00.000Z';
    return {
      IsLogging: trail.isLogging,
      ...(trail.latestDeliveryError ? { LatestDeliveryError: trail.latestDeliveryError } : {}),
      LatestDeliveryTime: epochSeconds(delivered),
      LatestDeliveryAttemptTime: delivered,
      ...(trail.latestDeliveryError ? {} : { LatestDeliveryAttemptSucceeded: delivered }),
      ...(trail.isLogging ? { StartLoggingTime: epochSeconds('2024-01-01T00:00:00.000Z'), TimeLoggingStarted: '2024-01-01T00:00:00Z' } : { StopLoggingTime: epochSeconds('2026-10-01T00:00:00.000Z'), TimeLoggingStopped: '2026-10-01T00:00:00Z' }),
    };
  },
};
