// GuardDuty (rest-json; no botocore model in the project: responses are validated against the schema the SDK client
// embeds, tests/unit/emulator/sdk-schema-validator.ts):
// ListDetectors and GetDetector, per region from the scenario.
import { AwsError, pageSize, paginate } from '../context';
import type { RestRoute } from './trustedadvisor';

const DEFAULT_CREATED = '2024-01-01T00:00:00.000Z';

export const guardDutyRoutes: RestRoute[] = [
  {
    operation: 'ListDetectors',
    method: 'GET',
    pattern: /^\/detector$/,
    input: (url) => ({ maxResults: url.searchParams.get('maxResults') ?? undefined, nextToken: url.searchParams.get('nextToken') ?? undefined }),
    handler: (context, input) => {
      const detectors = context.account.guardDutyDetectors?.[context.region] ?? [];
      const { page, nextToken } = paginate(detectors, {
        operation: context.operation,
        query: null,
        token: input.nextToken,
        pageSize: pageSize(input.maxResults === undefined ? undefined : Number(input.maxResults), 50),
        invalidToken: () => new AwsError('BadRequestException', 'The request is rejected because an invalid or out-of-range value is specified as an input parameter.', 400),
      });
      return { detectorIds: page.map((detector) => detector.detectorId), nextToken };
    },
  },
  {
    operation: 'GetDetector',
    method: 'GET',
    pattern: /^\/detector\/[^/]+$/,
    input: (url) => ({ detectorId: decodeURIComponent(url.pathname.split('/')[2]) }),
    handler: (context, input) => {
      const detector = (context.account.guardDutyDetectors?.[context.region] ?? []).find((candidate) => candidate.detectorId === input.detectorId);
      if (!detector) {
        throw new AwsError('BadRequestException', 'The request is rejected because the input detectorId is not owned by the current account.', 400);
      }
      return {
        createdAt: detector.createdAt ?? DEFAULT_CREATED,
        findingPublishingFrequency: detector.findingPublishingFrequency ?? 'SIX_HOURS',
        serviceRole: `arn:aws:iam::${context.account.accountId}:role/aws-service-role/guardduty.amazonaws.com/AWSServiceRoleForAmazonGuardDuty`,
        status: detector.status,
        updatedAt: detector.createdAt ?? DEFAULT_CREATED,
        tags: {},
      };
    },
  },
];
