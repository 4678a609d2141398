// AWS Backup (rest-json): ListBackupPlans per region from the scenario. No botocore model in the project:
// responses are validated against the schema the SDK client embeds (tests/unit/emulator/sdk-schema-validator.ts).
import { AwsError, pageSize, paginate } from '../context';
import type { RestRoute } from './trustedadvisor';

const epochSeconds = (iso: string) => Date.parse(iso) / 1000;

export const backupRoutes: RestRoute[] = [
  {
    operation: 'ListBackupPlans',
    method: 'GET',
    pattern: /^\/backup\/plans\/?$/,
    input: (url) => ({
      maxResults: url.searchParams.get('maxResults') ?? undefined,
      nextToken: url.searchParams.get('nextToken') ?? undefined,
      includeDeleted: url.searchParams.get('includeDeleted') ?? undefined,
    }),
    handler: (context, input) => {
      const max = input.maxResults === undefined ? undefined : Number(input.maxResults);
      if (max !== undefined && (!Number.isInteger(max) || max < 1 || max > 1000)) {
        throw new AwsError('InvalidParameterValueException', `Invalid value for maxResults: ${String(input.maxResults)}. It must be between 1 and 1000.`, 400);
      }
      const plans = context.account.backupPlans?.[context.region] ?? [];
      const { page, nextToken } = paginate(plans, {
        operation: context.operation,
        query: input.includeDeleted ?? null,
        token: input.nextToken,
        pageSize: pageSize(max, 1000),
        invalidToken: () => new AwsError('InvalidParameterValueException', 'The pagination token is invalid.', 400),
      });
      return {
        BackupPlansList: page.map((plan) => ({
          BackupPlanArn: `arn:aws:backup:${context.region}:${context.account.accountId}:backup-plan:${plan.backupPlanId}`,
          BackupPlanId: plan.backupPlanId,
          CreationDate: epochSeconds(plan.creationDate),
          VersionId: `${plan.backupPlanId.replace(/-/g, '').slice(0, 8)}-version-1`,
          BackupPlanName: plan.backupPlanName,
          ...(plan.lastExecutionDate ? { LastExecutionDate: epochSeconds(plan.lastExecutionDate) } : {}),
        })),
        ...(nextToken ? { NextToken: nextToken } : {}),
      };
    },
  },
];
