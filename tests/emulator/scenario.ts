// The data an emulator run serves. Field names follow the AWS API members they feed, so a scenario reads like
// the responses it produces. Times are ISO-8601 strings; the emulator serializes them per protocol.
import type { FaultConfig } from './faults';

export type ComplianceType = 'COMPLIANT' | 'NON_COMPLIANT' | 'NOT_APPLICABLE' | 'INSUFFICIENT_DATA';
export type AccountStatus = 'ACTIVE' | 'SUSPENDED' | 'PENDING_CLOSURE';
export type RegionOptInStatus = 'opt-in-not-required' | 'opted-in' | 'not-opted-in';
export type SupportPlan = 'basic' | 'developer' | 'business' | 'enterprise';

export interface Scenario {
  name: string;
  /** Long-term credentials the tests hand to the SDK (the "auditor" and other callers). */
  callers: Caller[];
  organization?: OrganizationScenario;
  accounts: AccountScenario[];
  aggregators?: AggregatorScenario[];
  /** Trusted Advisor check catalog (Support API DescribeTrustedAdvisorChecks), shared by every account. */
  trustedAdvisorChecks?: TrustedAdvisorCheck[];
  faults?: FaultConfig;
}

/** Static access key: `AKIA` + the 12-digit account id + 4 characters (see `staticAccessKeyId`). */
export interface Caller {
  accessKeyId: string;
  secretAccessKey: string;
  accountId: string;
  /** IAM user name, or `root` for the account's root user. */
  userName: string;
}

export interface OrganizationScenario {
  /** `o-` + 10..32 lowercase alphanumerics. */
  id: string;
  managementAccountId: string;
  featureSet: 'ALL' | 'CONSOLIDATED_BILLING';
  /** `r-` + 4..32 lowercase alphanumerics. */
  rootId: string;
  organizationalUnits: OrganizationalUnitScenario[];
  /** Accounts registered as delegated administrators (they may list the organization too). */
  delegatedAdministrators?: string[];
}

export interface OrganizationalUnitScenario {
  /** `ou-<root suffix>-<8..32 chars>`. */
  id: string;
  name: string;
  /** The root id or another OU id. */
  parentId: string;
}

export interface AccountScenario {
  accountId: string;
  name: string;
  email: string;
  status: AccountStatus;
  /** Root or OU id; omitted for accounts outside the organization. */
  parentId?: string;
  joinedTimestamp?: string;
  joinedMethod?: 'INVITED' | 'CREATED';
  roles: RoleScenario[];
  /** Every region the account knows with its opt-in status; calls to `not-opted-in` regions are refused. */
  regions: RegionEntry[];
  /** AWS Config state per region name; a region absent here has Config not set up. */
  config: Record<string, RegionConfigScenario>;
  iam?: IamScenario;
  supportPlan?: SupportPlan;
  /** Trusted Advisor results (Support API), served only for business/enterprise plans. */
  trustedAdvisorResults?: TrustedAdvisorCheckResult[];
  /** GuardDuty detectors per region name (absent: no detector). */
  guardDutyDetectors?: Record<string, GuardDutyDetectorScenario[]>;
  /** IAM Access Analyzer analyzers per region name (absent: none). */
  accessAnalyzers?: Record<string, AccessAnalyzerScenario[]>;
  /** Account-level S3 Block Public Access (absent: NoSuchPublicAccessBlockConfiguration). */
  s3PublicAccessBlock?: {
    BlockPublicAcls: boolean;
    IgnorePublicAcls: boolean;
    BlockPublicPolicy: boolean;
    RestrictPublicBuckets: boolean;
  };
  /**
   * CloudTrail trails this account owns, each in its home region. A multi-region trail is also seen (as a shadow)
   * in the account's other regions; an organization trail of the management account in every member account.
   */
  trails?: TrailScenario[];
  /** VPC flow logs per region name (absent: none). */
  flowLogs?: Record<string, FlowLogScenario[]>;
  /** EBS snapshots the account owns, per region name (absent: none). */
  ebsSnapshots?: Record<string, EbsSnapshotScenario[]>;
  /** RDS DB snapshots (manual and automated) per region name (absent: none). */
  dbSnapshots?: Record<string, DbSnapshotScenario[]>;
  /** Aurora DB cluster snapshots (manual and automated) per region name (absent: none). */
  dbClusterSnapshots?: Record<string, DbClusterSnapshotScenario[]>;
  /** AWS Backup plans per region name (absent: none). */
  backupPlans?: Record<string, BackupPlanScenario[]>;
}

export interface TrailScenario {
  name: string;
  homeRegion: string;
  s3BucketName: string;
  isMultiRegionTrail: boolean;
  isOrganizationTrail?: boolean;
  logFileValidationEnabled: boolean;
  includeGlobalServiceEvents?: boolean;
  kmsKeyId?: string;
  isLogging: boolean;
  latestDeliveryError?: string;
  latestDeliveryTime?: string;
}

export interface FlowLogScenario {
  flowLogId: string;
  /** The VPC, subnet or network interface id. */
  resourceId: string;
  flowLogStatus?: 'ACTIVE';
  trafficType: 'ACCEPT' | 'REJECT' | 'ALL';
  logDestinationType: 'cloud-watch-logs' | 's3' | 'kinesis-data-firehose';
  creationTime?: string;
}

export interface EbsSnapshotScenario {
  snapshotId: string;
  volumeId: string;
  startTime: string;
  state?: 'pending' | 'completed' | 'error';
  encrypted: boolean;
  volumeSize?: number;
  /** createVolumePermission: `{ group: 'all' }` makes it public, `{ userId }` shares it with one account. */
  createVolumePermissions?: ({ group: 'all' } | { userId: string })[];
}

export interface DbSnapshotScenario {
  dbSnapshotIdentifier: string;
  dbInstanceIdentifier: string;
  snapshotType: 'manual' | 'automated';
  snapshotCreateTime: string;
  encrypted: boolean;
  engine?: string;
  /** Values of the "restore" attribute: 'all' makes it public, account ids share it. */
  restoreValues?: string[];
}

export interface DbClusterSnapshotScenario {
  dbClusterSnapshotIdentifier: string;
  dbClusterIdentifier: string;
  snapshotType: 'manual' | 'automated';
  snapshotCreateTime: string;
  storageEncrypted: boolean;
  engine?: string;
  /** Values of the "restore" attribute: 'all' makes it public, account ids share it. */
  restoreValues?: string[];
}

export interface BackupPlanScenario {
  backupPlanId: string;
  backupPlanName: string;
  creationDate: string;
  lastExecutionDate?: string;
}

export interface GuardDutyDetectorScenario {
  detectorId: string;
  status: 'ENABLED' | 'DISABLED';
  findingPublishingFrequency?: 'FIFTEEN_MINUTES' | 'ONE_HOUR' | 'SIX_HOURS';
  createdAt?: string;
}

export interface AccessAnalyzerScenario {
  name: string;
  type: 'ACCOUNT' | 'ORGANIZATION' | 'ACCOUNT_UNUSED_ACCESS' | 'ORGANIZATION_UNUSED_ACCESS';
  status: 'ACTIVE' | 'CREATING' | 'DISABLED' | 'FAILED';
  createdAt?: string;
}

export interface RegionEntry {
  name: string;
  optInStatus: RegionOptInStatus;
}

export interface RoleScenario {
  name: string;
  /** Principal ARNs allowed to assume it (`arn:aws:iam::<acct>:root` trusts the whole account). */
  trustedPrincipals: string[];
  externalId?: string;
  mfaRequired?: boolean;
  /** Maximum session duration in seconds (default 3600). */
  maxSessionDuration?: number;
}

export interface RegionConfigScenario {
  recorder?: ConfigurationRecorderScenario;
  deliveryChannel?: DeliveryChannelScenario;
  rules: ConfigRuleScenario[];
  resources: ConfigurationItemScenario[];
  evaluations: EvaluationScenario[];
  conformancePacks?: ConformancePackScenario[];
}

export interface ConfigurationRecorderScenario {
  name: string;
  roleARN: string;
  recording: boolean;
  allSupported?: boolean;
  includeGlobalResourceTypes?: boolean;
  resourceTypes?: string[];
  lastStatus?: 'Pending' | 'Success' | 'Failure';
  lastStartTime?: string;
  lastStopTime?: string;
  lastErrorCode?: string;
  lastErrorMessage?: string;
}

export interface DeliveryChannelScenario {
  name: string;
  s3BucketName: string;
  s3KeyPrefix?: string;
  snsTopicARN?: string;
  deliveryFrequency?: 'One_Hour' | 'Three_Hours' | 'Six_Hours' | 'Twelve_Hours' | 'TwentyFour_Hours';
  lastStatus?: 'Success' | 'Failure' | 'Not_Applicable';
}

export interface ConfigRuleScenario {
  name: string;
  /** Defaults to a stable id derived from the name. */
  id?: string;
  description?: string;
  owner: 'AWS' | 'CUSTOM_LAMBDA' | 'CUSTOM_POLICY';
  /** Managed rule identifier (e.g. `S3_BUCKET_PUBLIC_READ_PROHIBITED`) or the custom rule's Lambda ARN. */
  sourceIdentifier?: string;
  scope?: {
    complianceResourceTypes?: string[];
    tagKey?: string;
    tagValue?: string;
    complianceResourceId?: string;
  };
  /** Served as the JSON string `InputParameters`, like AWS. */
  inputParameters?: Record<string, string>;
  maximumExecutionFrequency?: 'One_Hour' | 'Three_Hours' | 'Six_Hours' | 'Twelve_Hours' | 'TwentyFour_Hours';
  state?: 'ACTIVE' | 'DELETING' | 'DELETING_RESULTS' | 'EVALUATING';
  /** Name of the conformance pack that deployed the rule (CreatedBy becomes config-conforms.amazonaws.com). */
  conformancePack?: string;
  /** A rule stuck in evaluation: no LastSuccessfulInvocationTime, compliance INSUFFICIENT_DATA, no results. */
  stuckInEvaluation?: boolean;
  firstActivatedTime?: string;
  lastSuccessfulInvocationTime?: string;
}

export interface ConfigurationItemScenario {
  resourceType: string;
  resourceId: string;
  resourceName?: string;
  arn?: string;
  availabilityZone?: string;
  configurationItemCaptureTime: string;
  configurationItemStatus?: 'OK' | 'ResourceDiscovered' | 'ResourceNotRecorded' | 'ResourceDeleted' | 'ResourceDeletedNotRecorded';
  configurationStateId?: string;
  resourceCreationTime?: string;
  tags?: Record<string, string>;
  /** Served as a JSON string, like AWS. */
  configuration: unknown;
  /** Each value is served as a JSON string, like AWS. */
  supplementaryConfiguration?: Record<string, unknown>;
}

export interface EvaluationScenario {
  ruleName: string;
  resourceType: string;
  resourceId: string;
  complianceType: ComplianceType;
  resultRecordedTime: string;
  configRuleInvokedTime: string;
  orderingTimestamp?: string;
  annotation?: string;
}

export interface ConformancePackScenario {
  name: string;
  /** Defaults to a stable id derived from the name. */
  id?: string;
  deliveryS3Bucket?: string;
  inputParameters?: Record<string, string>;
  lastUpdateRequestedTime?: string;
}

export interface AggregatorScenario {
  /** Account and region that own the aggregator (where the aggregate APIs are called). */
  accountId: string;
  region: string;
  name: string;
  kind: 'ORGANIZATION' | 'ACCOUNTS';
  /** For ACCOUNTS aggregators: the source accounts. ORGANIZATION aggregators cover every ACTIVE account. */
  sourceAccountIds?: string[];
  /** Source regions, or 'ALL'. */
  sourceRegions: string[] | 'ALL';
  creationTime?: string;
}

export interface IamScenario {
  root: {
    mfaActive: boolean;
    accessKeysActive: boolean;
    passwordLastUsed?: string;
    accessKeyLastUsed?: string;
  };
  users: IamUserScenario[];
  groups?: IamGroupScenario[];
  /** Roles visible through GetAccountAuthorizationDetails (the assumable `roles` above are added automatically). */
  roles?: IamRoleDetailScenario[];
  managedPolicies?: IamManagedPolicyScenario[];
  /** Absent: GetAccountPasswordPolicy answers NoSuchEntity. */
  passwordPolicy?: IamPasswordPolicyScenario;
  /** Extra or overriding GetAccountSummary entries (Users, MFADevices... are computed). */
  accountSummary?: Record<string, number>;
  /** ISO time the credential report was generated (default: the report is generated on demand, "now"). */
  credentialReportGeneratedTime?: string;
}

export interface IamUserScenario {
  userName: string;
  userId?: string;
  createDate: string;
  passwordEnabled: boolean;
  passwordLastUsed?: string;
  passwordLastChanged?: string;
  groups?: string[];
  attachedPolicies?: { policyName: string; policyArn: string }[];
  inlinePolicies?: { policyName: string; document: unknown }[];
  mfaDevices?: { serialNumber: string; enableDate: string }[];
  accessKeys?: IamAccessKeyScenario[];
}

export interface IamAccessKeyScenario {
  accessKeyId: string;
  status: 'Active' | 'Inactive';
  createDate: string;
  lastUsedDate?: string;
  lastUsedRegion?: string;
  lastUsedService?: string;
}

export interface IamGroupScenario {
  groupName: string;
  attachedPolicies?: { policyName: string; policyArn: string }[];
  inlinePolicies?: { policyName: string; document: unknown }[];
  createDate: string;
}

export interface IamRoleDetailScenario {
  roleName: string;
  assumeRolePolicyDocument: unknown;
  attachedPolicies?: { policyName: string; policyArn: string }[];
  createDate: string;
}

export interface IamManagedPolicyScenario {
  policyName: string;
  arn: string;
  document: unknown;
  attachmentCount?: number;
  createDate: string;
}

export interface IamPasswordPolicyScenario {
  MinimumPasswordLength?: number;
  RequireSymbols?: boolean;
  RequireNumbers?: boolean;
  RequireUppercaseCharacters?: boolean;
  RequireLowercaseCharacters?: boolean;
  AllowUsersToChangePassword?: boolean;
  ExpirePasswords?: boolean;
  MaxPasswordAge?: number;
  PasswordReusePrevention?: number;
  HardExpiry?: boolean;
}

export interface TrustedAdvisorCheck {
  id: string;
  name: string;
  description: string;
  category: 'cost_optimizing' | 'security' | 'fault_tolerance' | 'performance' | 'service_limits';
  metadata: string[];
}

export interface TrustedAdvisorCheckResult {
  checkId: string;
  status: 'ok' | 'warning' | 'error' | 'not_available';
  timestamp: string;
  flaggedResources: {
    resourceId: string;
    status: 'ok' | 'warning' | 'error';
    region?: string;
    isSuppressed?: boolean;
    metadata: string[];
  }[];
}

/** `AKIA` + account id + a 4-character suffix: 20 characters like a real key, and the account is readable from it. */
export function staticAccessKeyId(accountId: string, suffix = 'AUDT'): string {
  if (!/^\d{12}$/.test(accountId)) throw new Error(`staticAccessKeyId: account id "${accountId}" is not 12 digits`);
  if (!/^[A-Z0-9]{4}$/.test(suffix)) throw new Error(`staticAccessKeyId: suffix "${suffix}" must be 4 characters A-Z0-9`);
  return `AKIA${accountId}${suffix}`;
}
