// The Config rules deployed in the demo organization: AWS managed rules (real identifiers), two conformance
// packs built from them, and two custom Lambda rules the catalog cannot know (they stay unclassified).

import type { ResourceTypeName } from './resources';

export interface DemoRule {
  /** The AWS managed rule identifier (Source.SourceIdentifier). */
  identifier: string;
  resourceTypes: readonly ResourceTypeName[];
  description: string;
  /** The resource fact deciding compliance; NON_COMPLIANT when the resource fails it. */
  fact: string;
  /** Periodic rules sometimes lack data for a resource (INSUFFICIENT_DATA). */
  periodic: boolean;
  /** Annotation Config records with a NON_COMPLIANT result, when the rule writes one. */
  annotation?: string;
  /** Resource traits the rule needs; others get NOT_APPLICABLE. */
  appliesTo?: (traits: ResourceTraits) => boolean;
}

export type ResourceTraits = Readonly<Record<string, string | boolean>>;

function rule(
  identifier: string,
  resourceTypes: readonly ResourceTypeName[],
  fact: string,
  description: string,
  extra: Partial<Pick<DemoRule, 'periodic' | 'annotation' | 'appliesTo'>> = {},
): DemoRule {
  return { identifier, resourceTypes, fact, description, periodic: extra.periodic ?? false, ...extra };
}

const S3: readonly ResourceTypeName[] = ['AWS::S3::Bucket'];
const USER: readonly ResourceTypeName[] = ['AWS::IAM::User'];
const POLICY: readonly ResourceTypeName[] = ['AWS::IAM::Policy'];
const ACCOUNT: readonly ResourceTypeName[] = ['AWS::::Account'];
const SG: readonly ResourceTypeName[] = ['AWS::EC2::SecurityGroup'];
const VOLUME: readonly ResourceTypeName[] = ['AWS::EC2::Volume'];
const RDS: readonly ResourceTypeName[] = ['AWS::RDS::DBInstance'];
const TRAIL: readonly ResourceTypeName[] = ['AWS::CloudTrail::Trail'];
const KMS: readonly ResourceTypeName[] = ['AWS::KMS::Key'];
const ALB: readonly ResourceTypeName[] = ['AWS::ElasticLoadBalancingV2::LoadBalancer'];
const PERIODIC = { periodic: true } as const;

const customerManagedKey = (t: ResourceTraits): boolean => t.keyManager === 'CUSTOMER';
const applicationLoadBalancer = (t: ResourceTraits): boolean => t.lbType === 'application';
const consoleUser = (t: ResourceTraits): boolean => t.hasConsolePassword === true;
const defaultSecurityGroup = (t: ResourceTraits): boolean => t.isDefault === true;

export const MANAGED_RULES: readonly DemoRule[] = [
  rule('S3_BUCKET_PUBLIC_READ_PROHIBITED', S3, 'publicRead', 'Checks that S3 buckets do not allow public read access through Block Public Access, the bucket policy or the bucket ACL.', { periodic: true, annotation: 'The bucket policy or ACL grants public read access.' }),
  rule('S3_BUCKET_PUBLIC_WRITE_PROHIBITED', S3, 'publicWrite', 'Checks that S3 buckets do not allow public write access.', { annotation: 'The bucket policy or ACL grants public write access.' }),
  rule('S3_BUCKET_LEVEL_PUBLIC_ACCESS_PROHIBITED', S3, 'publicAccessBlock', 'Checks that S3 buckets have all four bucket-level Block Public Access settings enabled.'),
  rule('S3_BUCKET_SERVER_SIDE_ENCRYPTION_ENABLED', S3, 'sse', 'Checks that S3 buckets have default server-side encryption enabled or a policy that denies unencrypted puts.'),
  rule('S3_DEFAULT_ENCRYPTION_KMS', S3, 'sseKms', 'Checks that S3 buckets are encrypted by default with an AWS KMS key.', { annotation: 'Default encryption uses SSE-S3 (AES256), not an AWS KMS key.' }),
  rule('S3_BUCKET_SSL_REQUESTS_ONLY', S3, 'sslOnly', 'Checks that S3 bucket policies deny requests that do not use HTTPS (aws:SecureTransport).', { annotation: 'The bucket policy does not deny requests where aws:SecureTransport is false.' }),
  rule('S3_BUCKET_LOGGING_ENABLED', S3, 'logging', 'Checks that server access logging is enabled for S3 buckets.'),
  rule('S3_BUCKET_VERSIONING_ENABLED', S3, 'versioning', 'Checks that versioning is enabled for S3 buckets.'),
  rule('S3_BUCKET_REPLICATION_ENABLED', S3, 'replication', 'Checks that S3 buckets have replication rules enabled.'),
  rule('S3_BUCKET_CROSS_REGION_REPLICATION_ENABLED', S3, 'replication', 'Checks that S3 buckets replicate objects to another AWS Region.'),
  rule('S3_BUCKET_DEFAULT_LOCK_ENABLED', S3, 'objectLock', 'Checks that S3 Object Lock is enabled by default on S3 buckets.'),
  rule('S3_BUCKET_MFA_DELETE_ENABLED', S3, 'mfaDelete', 'Checks that MFA Delete is enabled in the S3 bucket versioning configuration.'),
  rule('S3_BUCKET_ACL_PROHIBITED', S3, 'aclsEnabled', 'Checks that S3 buckets do not allow ACLs (Object Ownership is BucketOwnerEnforced).'),
  rule('S3_BUCKET_POLICY_GRANTEE_CHECK', S3, 'foreignGrantee', 'Checks that S3 bucket policies only grant access to the allowed principals, accounts and services.'),
  rule('S3_BUCKET_POLICY_NOT_MORE_PERMISSIVE', S3, 'permissivePolicy', 'Checks that S3 bucket policies are not more permissive than the control policy.'),
  rule('S3_BUCKET_BLACKLISTED_ACTIONS_PROHIBITED', S3, 'blockedActions', 'Checks that S3 bucket policies do not allow blocked actions (such as s3:DeleteBucket) to principals of other accounts.'),

  rule('IAM_USER_MFA_ENABLED', USER, 'mfa', 'Checks that IAM users have multi-factor authentication (MFA) enabled.', PERIODIC),
  rule('MFA_ENABLED_FOR_IAM_CONSOLE_ACCESS', USER, 'mfa', 'Checks that MFA is enabled for IAM users who have a console password.', { periodic: true, appliesTo: consoleUser }),
  rule('ACCESS_KEYS_ROTATED', USER, 'staleAccessKey', 'Checks that active IAM access keys were rotated within maxAccessKeyAge (90 days).', { periodic: true, annotation: 'Access key is older than 90 days.' }),
  rule('IAM_USER_UNUSED_CREDENTIALS_CHECK', USER, 'unusedCredentials', 'Checks that IAM users have no passwords or active access keys unused for maxCredentialUsageAge (90 days).', { periodic: true, annotation: 'The user has credentials unused for more than 90 days.' }),
  rule('IAM_USER_NO_POLICIES_CHECK', USER, 'directPolicies', 'Checks that IAM users have no policies attached directly; permissions should come from groups or roles.'),
  rule('IAM_USER_GROUP_MEMBERSHIP_CHECK', USER, 'noGroup', 'Checks that IAM users are members of at least one IAM group.'),
  rule('IAM_NO_INLINE_POLICY_CHECK', ['AWS::IAM::User', 'AWS::IAM::Role'], 'inlinePolicy', 'Checks that IAM users, roles and groups do not use inline policies.'),
  rule('IAM_POLICY_NO_STATEMENTS_WITH_ADMIN_ACCESS', POLICY, 'adminStatement', 'Checks that customer managed IAM policies do not allow "Action": "*" on "Resource": "*".'),
  rule('IAM_POLICY_NO_STATEMENTS_WITH_FULL_ACCESS', POLICY, 'fullServiceAccess', 'Checks that customer managed IAM policies do not grant full access to a service (such as "s3:*").'),

  rule('IAM_PASSWORD_POLICY', ACCOUNT, 'weakPasswordPolicy', 'Checks that the account password policy meets the required length, complexity, reuse and age settings.', { periodic: true, annotation: 'The password policy does not meet MinimumPasswordLength 14 and RequireSymbols.' }),
  rule('IAM_ROOT_ACCESS_KEY_CHECK', ACCOUNT, 'rootAccessKey', 'Checks that the root user has no access keys.', PERIODIC),
  rule('ROOT_ACCOUNT_MFA_ENABLED', ACCOUNT, 'rootNoMfa', 'Checks that the root user signs in with multi-factor authentication.', PERIODIC),
  rule('ROOT_ACCOUNT_HARDWARE_MFA_ENABLED', ACCOUNT, 'rootNoHardwareMfa', 'Checks that the root user uses a hardware MFA device.', PERIODIC),
  rule('CLOUD_TRAIL_ENABLED', ACCOUNT, 'noTrail', 'Checks that at least one CloudTrail trail is logging in the account.', PERIODIC),
  rule('MULTI_REGION_CLOUD_TRAIL_ENABLED', ACCOUNT, 'noMultiRegionTrail', 'Checks that at least one multi-Region CloudTrail trail is logging management events.', PERIODIC),
  rule('CLOUDTRAIL_SECURITY_TRAIL_ENABLED', ACCOUNT, 'noSecurityTrail', 'Checks that a trail follows security best practices: multi-Region, encrypted, with log file validation and management events.', PERIODIC),
  rule('CLOUDTRAIL_S3_DATAEVENTS_ENABLED', ACCOUNT, 'noS3DataEvents', 'Checks that a trail logs Amazon S3 data events.', PERIODIC),
  rule('EC2_EBS_ENCRYPTION_BY_DEFAULT', ACCOUNT, 'ebsDefaultUnencrypted', 'Checks that EBS encryption by default is enabled in the Region.', PERIODIC),
  rule('GUARDDUTY_ENABLED_CENTRALIZED', ACCOUNT, 'noGuardDuty', 'Checks that Amazon GuardDuty is enabled and centrally administered.', PERIODIC),
  rule('SECURITYHUB_ENABLED', ACCOUNT, 'noSecurityHub', 'Checks that AWS Security Hub is enabled.', PERIODIC),
  rule('S3_ACCOUNT_LEVEL_PUBLIC_ACCESS_BLOCKS_PERIODIC', ACCOUNT, 'noAccountPublicAccessBlock', 'Checks that account-level S3 Block Public Access settings are all enabled.', PERIODIC),
  rule('EBS_SNAPSHOT_PUBLIC_RESTORABLE_CHECK', ACCOUNT, 'publicSnapshot', 'Checks that EBS snapshots are not publicly restorable.', { periodic: true, annotation: 'One or more EBS snapshots are shared publicly.' }),
  rule('IAM_EXTERNAL_ACCESS_ANALYZER_ENABLED', ACCOUNT, 'noAccessAnalyzer', 'Checks that an IAM Access Analyzer external access analyzer exists in the Region.', PERIODIC),

  rule('INCOMING_SSH_DISABLED', SG, 'openSsh', 'Checks that security groups do not allow unrestricted incoming SSH (0.0.0.0/0 to port 22).', { annotation: 'The security group allows inbound TCP 22 from 0.0.0.0/0.' }),
  rule('RESTRICTED_INCOMING_TRAFFIC', SG, 'openCommonPorts', 'Checks that security groups do not allow unrestricted incoming traffic to common ports (20, 21, 3389, 3306, 4333).'),
  rule('VPC_SG_OPEN_ONLY_TO_AUTHORIZED_PORTS', SG, 'unauthorizedOpenPort', 'Checks that security groups open to 0.0.0.0/0 only allow the authorized TCP ports (443).'),
  rule('VPC_SG_PORT_RESTRICTION_CHECK', SG, 'openRestrictedPort', 'Checks that security groups restrict inbound traffic from 0.0.0.0/0 to the restricted ports.', PERIODIC),
  rule('VPC_DEFAULT_SECURITY_GROUP_CLOSED', SG, 'defaultOpen', 'Checks that the default security group of each VPC allows no inbound or outbound traffic.', { appliesTo: defaultSecurityGroup }),
  rule('VPC_FLOW_LOGS_ENABLED', ['AWS::EC2::VPC'], 'noFlowLogs', 'Checks that VPC Flow Logs are enabled for each VPC.', PERIODIC),

  rule('ENCRYPTED_VOLUMES', VOLUME, 'unencrypted', 'Checks that attached EBS volumes are encrypted.', { appliesTo: (t) => t.attached === true }),
  rule('EBS_IN_BACKUP_PLAN', VOLUME, 'notInBackupPlan', 'Checks that EBS volumes are protected by an AWS Backup plan.', PERIODIC),

  rule('RDS_STORAGE_ENCRYPTED', RDS, 'unencrypted', 'Checks that storage encryption is enabled for RDS DB instances.'),
  rule('RDS_INSTANCE_PUBLIC_ACCESS_CHECK', RDS, 'public', 'Checks that RDS DB instances are not publicly accessible.', { annotation: 'PubliclyAccessible is true for this DB instance.' }),
  rule('RDS_MULTI_AZ_SUPPORT', RDS, 'singleAz', 'Checks that RDS DB instances are deployed in multiple Availability Zones.'),
  rule('DB_INSTANCE_BACKUP_ENABLED', RDS, 'noBackups', 'Checks that automated backups are enabled (backup retention period greater than zero).'),
  rule('RDS_INSTANCE_DELETION_PROTECTION_ENABLED', RDS, 'noDeletionProtection', 'Checks that deletion protection is enabled for RDS DB instances.'),
  rule('RDS_INSTANCE_IAM_AUTHENTICATION_ENABLED', RDS, 'noIamAuth', 'Checks that IAM database authentication is enabled for RDS DB instances.', { appliesTo: (t) => t.engine === 'mysql' || t.engine === 'postgres' }),
  rule('RDS_LOGGING_ENABLED', RDS, 'noLogExports', 'Checks that the engine logs of RDS DB instances are exported to CloudWatch Logs.'),
  rule('RDS_IN_BACKUP_PLAN', RDS, 'notInBackupPlan', 'Checks that RDS DB instances are protected by an AWS Backup plan.', PERIODIC),

  rule('CLOUD_TRAIL_ENCRYPTION_ENABLED', TRAIL, 'unencrypted', 'Checks that CloudTrail trails encrypt log files with an AWS KMS key (SSE-KMS).', PERIODIC),
  rule('CLOUD_TRAIL_LOG_FILE_VALIDATION_ENABLED', TRAIL, 'noValidation', 'Checks that CloudTrail creates signed digest files for log file integrity validation.', PERIODIC),
  rule('CLOUD_TRAIL_CLOUD_WATCH_LOGS_ENABLED', TRAIL, 'noCloudWatchLogs', 'Checks that CloudTrail trails send logs to CloudWatch Logs.', PERIODIC),
  rule('CLOUDTRAIL_S3_BUCKET_ACCESS_LOGGING', TRAIL, 'bucketNotLogged', 'Checks that the S3 bucket receiving CloudTrail logs has server access logging enabled.', PERIODIC),
  rule('CLOUDTRAIL_S3_BUCKET_PUBLIC_ACCESS_PROHIBITED', TRAIL, 'bucketPublic', 'Checks that the S3 bucket receiving CloudTrail logs is not publicly accessible.', PERIODIC),

  rule('CMK_BACKING_KEY_ROTATION_ENABLED', KMS, 'noRotation', 'Checks that automatic key rotation is enabled for customer managed KMS keys.', { periodic: true, appliesTo: customerManagedKey }),
  rule('KMS_CMK_NOT_SCHEDULED_FOR_DELETION', KMS, 'pendingDeletion', 'Checks that KMS keys are not scheduled for deletion.', { periodic: true, annotation: 'The key is in PendingDeletion state.' }),
  rule('KMS_KEY_POLICY_NO_PUBLIC_ACCESS', KMS, 'publicPolicy', 'Checks that KMS key policies do not grant access to everyone ("Principal": "*") without conditions.', { appliesTo: customerManagedKey }),

  rule('ELB_DELETION_PROTECTION_ENABLED', ALB, 'noDeletionProtection', 'Checks that Elastic Load Balancing has deletion protection enabled.'),
  rule('ELB_LOGGING_ENABLED', ALB, 'noAccessLogs', 'Checks that Application and Network Load Balancers deliver access logs to S3.'),
  rule('ALB_HTTP_DROP_INVALID_HEADER_ENABLED', ALB, 'keepsInvalidHeaders', 'Checks that Application Load Balancers drop invalid HTTP headers.', { appliesTo: applicationLoadBalancer }),
  rule('ALB_HTTP_TO_HTTPS_REDIRECTION_CHECK', ALB, 'noHttpsRedirect', 'Checks that HTTP listeners of Application Load Balancers redirect to HTTPS.', { periodic: true, appliesTo: applicationLoadBalancer, annotation: 'Listener on port 80 forwards HTTP without redirecting to HTTPS.' }),
  rule('ALB_WAF_ENABLED', ALB, 'noWaf', 'Checks that AWS WAF is associated with Application Load Balancers.', { appliesTo: applicationLoadBalancer }),
  rule('ELBV2_MULTIPLE_AZ', ALB, 'singleAz', 'Checks that Elastic Load Balancing V2 load balancers span at least two Availability Zones.'),
];

export interface DemoConformancePack {
  name: string;
  identifiers: readonly string[];
  deployedTo: (environment: string) => boolean;
}

export const CONFORMANCE_PACKS: readonly DemoConformancePack[] = [
  {
    name: 'Operational-Best-Practices-for-CIS-AWS-v1.4-Level1',
    identifiers: [
      'IAM_PASSWORD_POLICY', 'IAM_ROOT_ACCESS_KEY_CHECK', 'ROOT_ACCOUNT_MFA_ENABLED', 'MFA_ENABLED_FOR_IAM_CONSOLE_ACCESS',
      'ACCESS_KEYS_ROTATED', 'IAM_USER_UNUSED_CREDENTIALS_CHECK', 'IAM_POLICY_NO_STATEMENTS_WITH_ADMIN_ACCESS',
      'MULTI_REGION_CLOUD_TRAIL_ENABLED', 'CLOUD_TRAIL_LOG_FILE_VALIDATION_ENABLED', 'CLOUD_TRAIL_CLOUD_WATCH_LOGS_ENABLED',
      'CLOUD_TRAIL_ENCRYPTION_ENABLED', 'CLOUDTRAIL_S3_BUCKET_ACCESS_LOGGING', 'CMK_BACKING_KEY_ROTATION_ENABLED',
      'VPC_FLOW_LOGS_ENABLED', 'INCOMING_SSH_DISABLED', 'VPC_DEFAULT_SECURITY_GROUP_CLOSED',
      'S3_BUCKET_LEVEL_PUBLIC_ACCESS_PROHIBITED', 'S3_BUCKET_SSL_REQUESTS_ONLY', 'EC2_EBS_ENCRYPTION_BY_DEFAULT',
      'RDS_STORAGE_ENCRYPTED',
    ],
    deployedTo: () => true,
  },
  {
    name: 'Operational-Best-Practices-for-NIST-800-53-rev-5',
    identifiers: [
      'S3_BUCKET_PUBLIC_READ_PROHIBITED', 'S3_BUCKET_PUBLIC_WRITE_PROHIBITED', 'S3_BUCKET_SERVER_SIDE_ENCRYPTION_ENABLED',
      'S3_BUCKET_LOGGING_ENABLED', 'S3_BUCKET_VERSIONING_ENABLED', 'S3_BUCKET_REPLICATION_ENABLED', 'ENCRYPTED_VOLUMES',
      'EBS_IN_BACKUP_PLAN', 'RDS_STORAGE_ENCRYPTED', 'RDS_INSTANCE_PUBLIC_ACCESS_CHECK', 'RDS_MULTI_AZ_SUPPORT',
      'DB_INSTANCE_BACKUP_ENABLED', 'RDS_IN_BACKUP_PLAN', 'ELB_LOGGING_ENABLED', 'ELB_DELETION_PROTECTION_ENABLED',
      'ALB_HTTP_TO_HTTPS_REDIRECTION_CHECK', 'IAM_USER_NO_POLICIES_CHECK', 'IAM_NO_INLINE_POLICY_CHECK',
      'KMS_CMK_NOT_SCHEDULED_FOR_DELETION', 'GUARDDUTY_ENABLED_CENTRALIZED', 'SECURITYHUB_ENABLED',
      'RESTRICTED_INCOMING_TRAFFIC',
    ],
    deployedTo: (environment) => environment === 'prod' || environment === 'security' || environment === 'management',
  },
];

export interface DemoCustomRule {
  ruleName: string;
  /** Lambda function name; the rule's SourceIdentifier is its ARN in the security tooling account. */
  functionName: string;
  resourceTypes: readonly ResourceTypeName[];
  description: string;
  fact: string;
  annotation: string;
  /** Custom Lambdas sometimes fail: how often an evaluation ends in ERROR. */
  errorRate: number;
}

export const CUSTOM_RULES: readonly DemoCustomRule[] = [
  {
    ruleName: 'require-owner-and-cost-center-tags',
    functionName: 'config-rule-required-tags',
    resourceTypes: ['AWS::S3::Bucket', 'AWS::EC2::Volume', 'AWS::RDS::DBInstance'],
    description: 'Organization rule: every data store carries the Owner and CostCenter tags used for chargeback and incident contacts.',
    fact: 'missingOwnerTags',
    annotation: 'Missing required tags: Owner, CostCenter.',
    errorRate: 0,
  },
  {
    ruleName: 'sg-ingress-change-ticket',
    functionName: 'config-rule-sg-change-ticket',
    resourceTypes: ['AWS::EC2::SecurityGroup'],
    description: 'Organization rule: every security group with ingress from the internet references an approved change ticket in its ChangeTicket tag.',
    fact: 'noChangeTicket',
    annotation: 'Internet-facing ingress without an approved ChangeTicket tag.',
    errorRate: 0.02,
  },
];

/** Config's managed-rule names are the identifier in kebab case. */
export function managedRuleName(identifier: string): string {
  return identifier.toLowerCase().replace(/_/g, '-');
}

export function ruleDocumentationUrl(identifier: string): string {
  return `https://docs.aws.amazon.com/config/latest/developerguide/${managedRuleName(identifier)}.html`;
}
