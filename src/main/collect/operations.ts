// The single allowlist of AWS operations the collector may send. The read-only guard (guard.ts) refuses
// every other command at run time, the IAM policy in resources/iam is derived from it, and
// tests/unit/collect/read-only.test.ts proves the collector's source sends nothing else.

/** Who needs the IAM permission for an operation. */
export type GrantedTo =
  /** The auditor role in each member account (resources/iam/triad-auditor-policy.json). */
  | 'auditor-role'
  /** The auditor's own principal in the auditor account: it assumes the role, the role does not. */
  | 'auditor-principal'
  /** AWS allows it to every principal; no policy statement can grant or deny it. */
  | 'none';

export interface AllowedOperation {
  /** SDK client name without "Client", e.g. "ConfigService". */
  client: string;
  /** Operation name as the SDK command names it, without "Command". */
  operation: string;
  iamAction: string;
  grantedTo: GrantedTo;
}

const op = (client: string, operation: string, iamPrefix: string, grantedTo: GrantedTo = 'auditor-role', iamName = operation): AllowedOperation => ({
  client,
  operation,
  iamAction: `${iamPrefix}:${iamName}`,
  grantedTo,
});

export const ALLOWED_OPERATIONS: readonly AllowedOperation[] = [
  op('STS', 'GetCallerIdentity', 'sts', 'none'),
  op('STS', 'AssumeRole', 'sts', 'auditor-principal'),
  op('EC2', 'DescribeRegions', 'ec2'),
  op('Organizations', 'ListAccounts', 'organizations'),
  op('Organizations', 'ListParents', 'organizations'),
  op('Organizations', 'DescribeOrganizationalUnit', 'organizations'),
  op('ConfigService', 'DescribeConfigurationRecorders', 'config'),
  op('ConfigService', 'DescribeConfigurationRecorderStatus', 'config'),
  op('ConfigService', 'DescribeDeliveryChannels', 'config'),
  op('ConfigService', 'DescribeDeliveryChannelStatus', 'config'),
  op('ConfigService', 'DescribeConfigRules', 'config'),
  op('ConfigService', 'DescribeComplianceByConfigRule', 'config'),
  op('ConfigService', 'DescribeConfigRuleEvaluationStatus', 'config'),
  op('ConfigService', 'GetComplianceDetailsByConfigRule', 'config'),
  op('ConfigService', 'DescribeConformancePacks', 'config'),
  op('ConfigService', 'DescribeConformancePackCompliance', 'config'),
  op('ConfigService', 'GetConformancePackComplianceDetails', 'config'),
  op('ConfigService', 'BatchGetResourceConfig', 'config'),
  op('ConfigService', 'DescribeConfigurationAggregators', 'config'),
  op('ConfigService', 'DescribeAggregateComplianceByConfigRules', 'config'),
  op('ConfigService', 'GetAggregateComplianceDetailsByConfigRule', 'config'),
  op('ConfigService', 'BatchGetAggregateResourceConfig', 'config'),
  // Links an aggregator's conformance-pack rules to their packs (AWS::Config::ConformancePackCompliance items).
  op('ConfigService', 'SelectAggregateResourceConfig', 'config'),
  // The built-in checks' direct reads (src/main/collect/check-inputs).
  op('ConfigService', 'SelectResourceConfig', 'config'),
  op('IAM', 'GenerateCredentialReport', 'iam'),
  op('IAM', 'GetCredentialReport', 'iam'),
  op('IAM', 'GetAccountSummary', 'iam'),
  op('IAM', 'GetAccountPasswordPolicy', 'iam'),
  op('IAM', 'GetAccountAuthorizationDetails', 'iam'),
  // S3 Control's GetPublicAccessBlock reads the account-level setting; IAM names that permission differently.
  op('S3Control', 'GetPublicAccessBlock', 's3', 'auditor-role', 'GetAccountPublicAccessBlock'),
  op('GuardDuty', 'ListDetectors', 'guardduty'),
  op('GuardDuty', 'GetDetector', 'guardduty'),
  op('AccessAnalyzer', 'ListAnalyzers', 'access-analyzer'),
  op('CloudTrail', 'DescribeTrails', 'cloudtrail'),
  op('CloudTrail', 'GetTrailStatus', 'cloudtrail'),
  op('EC2', 'DescribeFlowLogs', 'ec2'),
  op('EC2', 'DescribeSnapshots', 'ec2'),
  op('EC2', 'DescribeSnapshotAttribute', 'ec2'),
  op('RDS', 'DescribeDBSnapshots', 'rds'),
  op('RDS', 'DescribeDBSnapshotAttributes', 'rds'),
  op('RDS', 'DescribeDBClusterSnapshots', 'rds'),
  op('RDS', 'DescribeDBClusterSnapshotAttributes', 'rds'),
  op('Backup', 'ListBackupPlans', 'backup'),
  op('Support', 'DescribeTrustedAdvisorChecks', 'support'),
  op('Support', 'DescribeTrustedAdvisorCheckResult', 'support'),
  op('TrustedAdvisor', 'ListChecks', 'trustedadvisor'),
  op('TrustedAdvisor', 'ListRecommendations', 'trustedadvisor'),
  op('TrustedAdvisor', 'ListRecommendationResources', 'trustedadvisor'),
  // The organization view: only the management account can read it (from the caller, in organization scope).
  op('TrustedAdvisor', 'ListOrganizationRecommendations', 'trustedadvisor'),
  op('TrustedAdvisor', 'ListOrganizationRecommendationResources', 'trustedadvisor'),
];

/** The read prefixes; the names in READ_ONLY_EXCEPTIONS are the only other ones allowed. */
export const READ_ONLY_PREFIXES = ['Describe', 'Get', 'List', 'Select', 'BatchGet'] as const;

/**
 * Operations that read although their names do not say so: sts:AssumeRole, and iam:GenerateCredentialReport,
 * which only asks IAM to build the read-only credential report (AWS's ReadOnlyAccess and SecurityAudit grant it).
 */
export const READ_ONLY_EXCEPTIONS = ['AssumeRole', 'GenerateCredentialReport'] as const;

const allowedByKey = new Map(ALLOWED_OPERATIONS.map((o) => [`${o.client}:${o.operation}`, o]));

export function isReadOnlyName(operation: string): boolean {
  return READ_ONLY_PREFIXES.some((prefix) => operation.startsWith(prefix)) || (READ_ONLY_EXCEPTIONS as readonly string[]).includes(operation);
}

/** The allowlist entry for an SDK client and command name, or undefined when the collector may not send it. */
export function allowedOperation(clientName: string, commandName: string): AllowedOperation | undefined {
  const client = clientName.replace(/Client$/, '');
  const operation = commandName.replace(/Command$/, '');
  return allowedByKey.get(`${client}:${operation}`);
}

/** IAM service prefix of an allowlisted operation name ("config" for DescribeConfigRules). */
export function serviceOfOperation(operation: string): string {
  return ALLOWED_OPERATIONS.find((o) => o.operation === operation)?.iamAction.split(':')[0] ?? 'unknown';
}
