// The contract of Triad's built-in, Trusted-Advisor-style checks: what a check claims (metadata), what it reads
// (CheckInputs) and what it returns (CheckFinding). Pure types: no Node, Electron or AWS SDK imports, so checks
// run the same in the collector, in `evaluate` over a saved snapshot, in tests and in benchmarks.

import type { Classification, ComplianceStatus, Provenance } from '../../shared/domain';

/**
 * One input as the collector left it. A check whose input is 'not-collected' reports NOT_EVALUATED with the
 * reason, never COMPLIANT.
 */
export type Input<T> =
  | { state: 'collected'; data: T; provenance: Provenance }
  | { state: 'not-collected'; reason: string };

// ---------------------------------------------------------------------------------------------------------------
// Account-level inputs (IAM and S3 account settings are global). The AWS operations that fill each one are listed
// beside it; all are read-only and belong in the auditor policy.
// ---------------------------------------------------------------------------------------------------------------

/**
 * One row of the IAM credential report, columns named exactly as in the CSV. Values stay strings as IAM writes
 * them: 'true'/'false', ISO-8601 times, 'N/A', 'no_information', 'not_supported'. The root user's row has
 * user '<root_account>'. Filled by iam:GenerateCredentialReport + iam:GetCredentialReport (CSV parsed).
 */
export interface CredentialReportRow {
  user: string;
  arn: string;
  user_creation_time: string;
  password_enabled: string;
  password_last_used: string;
  password_last_changed: string;
  password_next_rotation: string;
  mfa_active: string;
  access_key_1_active: string;
  access_key_1_last_rotated: string;
  access_key_1_last_used_date: string;
  access_key_1_last_used_region: string;
  access_key_1_last_used_service: string;
  access_key_2_active: string;
  access_key_2_last_rotated: string;
  access_key_2_last_used_date: string;
  access_key_2_last_used_region: string;
  access_key_2_last_used_service: string;
  cert_1_active: string;
  cert_1_last_rotated: string;
  cert_2_active: string;
  cert_2_last_rotated: string;
}

/** iam:GetAccountSummary SummaryMap, e.g. { AccountMFAEnabled: 1, AccountAccessKeysPresent: 0, Users: 12 }. */
export type AccountSummary = Record<string, number>;

/** iam:GetAccountPasswordPolicy PasswordPolicy. */
export interface PasswordPolicy {
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

/** iam:GetAccountPasswordPolicy answers NoSuchEntity when the account has no policy: recorded as 'none'. */
export type PasswordPolicyInput = PasswordPolicy | 'none';

export interface AttachedPolicy {
  PolicyName: string;
  PolicyArn: string;
}

/** An inline policy; PolicyDocument is URL-encoded JSON, exactly as IAM returns it. */
export interface InlinePolicy {
  PolicyName: string;
  PolicyDocument: string;
}

export interface UserDetail {
  UserName: string;
  UserId: string;
  Arn: string;
  Path?: string;
  CreateDate?: string;
  GroupList?: string[];
  AttachedManagedPolicies?: AttachedPolicy[];
  UserPolicyList?: InlinePolicy[];
}

export interface GroupDetail {
  GroupName: string;
  GroupId: string;
  Arn: string;
  AttachedManagedPolicies?: AttachedPolicy[];
  GroupPolicyList?: InlinePolicy[];
}

export interface RoleDetail {
  RoleName: string;
  RoleId: string;
  Arn: string;
  Path?: string;
  /** URL-encoded JSON, exactly as IAM returns it. */
  AssumeRolePolicyDocument?: string;
  AttachedManagedPolicies?: AttachedPolicy[];
  RolePolicyList?: InlinePolicy[];
}

export interface ManagedPolicyDetail {
  PolicyName: string;
  PolicyId: string;
  Arn: string;
  DefaultVersionId?: string;
  AttachmentCount?: number;
  /** Document is URL-encoded JSON, exactly as IAM returns it. */
  PolicyVersionList?: { Document?: string; VersionId: string; IsDefaultVersion: boolean }[];
}

/** iam:GetAccountAuthorizationDetails, all pages merged. */
export interface AuthorizationDetails {
  UserDetailList: UserDetail[];
  GroupDetailList: GroupDetail[];
  RoleDetailList: RoleDetail[];
  Policies: ManagedPolicyDetail[];
}

/** s3control:GetPublicAccessBlock for the account; 'none' when S3 answers NoSuchPublicAccessBlockConfiguration. */
export interface PublicAccessBlock {
  BlockPublicAcls?: boolean;
  IgnorePublicAcls?: boolean;
  BlockPublicPolicy?: boolean;
  RestrictPublicBuckets?: boolean;
}
export type AccountPublicAccessBlockInput = PublicAccessBlock | 'none';

/**
 * A trail as cloudtrail:DescribeTrails returns it (asked in every collected region, shadow trails included, each
 * trail kept once), with cloudtrail:GetTrailStatus (asked by ARN) merged in as `Status`.
 */
export interface Trail {
  Name: string;
  TrailARN: string;
  HomeRegion: string;
  S3BucketName?: string;
  IsMultiRegionTrail?: boolean;
  IsOrganizationTrail?: boolean;
  LogFileValidationEnabled?: boolean;
  IncludeGlobalServiceEvents?: boolean;
  KmsKeyId?: string;
  Status?: { IsLogging?: boolean; LatestDeliveryError?: string; LatestDeliveryTime?: string };
}

// ---------------------------------------------------------------------------------------------------------------
// Regional inputs
// ---------------------------------------------------------------------------------------------------------------

/**
 * An AWS Config configuration item (config:BatchGetResourceConfig / SelectResourceConfig / GetResourceConfigHistory
 * shape), with `configuration` and each `supplementaryConfiguration` value already parsed from their JSON strings.
 * Nested JSON strings that AWS itself embeds (e.g. BucketPolicy.policyText) stay strings.
 */
export interface ConfigurationItem {
  accountId: string;
  awsRegion: string;
  resourceType: string;
  resourceId: string;
  resourceName?: string;
  arn?: string;
  availabilityZone?: string;
  configurationItemCaptureTime?: string;
  configurationItemStatus?: string;
  configuration: Record<string, unknown>;
  supplementaryConfiguration?: Record<string, unknown>;
  tags?: Record<string, string>;
  relationships?: { resourceType?: string; resourceId?: string; resourceName?: string; relationshipName?: string }[];
}

/** Configuration items of one region, grouped by resource type ('AWS::EC2::SecurityGroup' → items). */
export type ConfigurationItemsByType = Partial<Record<string, ConfigurationItem[]>>;

/** guardduty:ListDetectors + guardduty:GetDetector for each id. */
export interface GuardDutyDetector {
  DetectorId: string;
  Status: 'ENABLED' | 'DISABLED' | string;
  FindingPublishingFrequency?: string;
}

/** access-analyzer:ListAnalyzers. */
export interface AccessAnalyzer {
  arn: string;
  name: string;
  type: string;
  status: string;
}

/** config:DescribeConfigurationRecorders + config:DescribeConfigurationRecorderStatus. */
export interface ConfigRecorders {
  recorders: { name: string; roleARN?: string; recordingGroup?: Record<string, unknown> }[];
  statuses: { name: string; recording?: boolean; /** AWS RecorderStatus: Pending | Success | Failure | NotApplicable. */ lastStatus?: string; lastErrorCode?: string; lastErrorMessage?: string }[];
}

/** ec2:DescribeFlowLogs (all pages). */
export interface FlowLog {
  FlowLogId: string;
  ResourceId: string;
  FlowLogStatus?: string;
  TrafficType?: string;
  LogDestinationType?: string;
}

/**
 * ec2:DescribeSnapshots (OwnerIds: self) with ec2:DescribeSnapshotAttribute (createVolumePermission) merged in as
 * `CreateVolumePermissions`. Config does not record EBS snapshots, hence the direct calls.
 */
export interface EbsSnapshot {
  SnapshotId: string;
  VolumeId?: string;
  StartTime: string;
  State?: string;
  Encrypted?: boolean;
  OwnerId?: string;
  /** Absent when the attribute was not read; CreateVolumePermissionsNotRead then says why. */
  CreateVolumePermissions?: { Group?: string; UserId?: string }[];
  CreateVolumePermissionsNotRead?: string;
}

/**
 * rds:DescribeDBSnapshotAttributes (DBSnapshotAttributesResult) for each manual DB snapshot rds:DescribeDBSnapshots
 * lists. A snapshot whose attributes could not be read has no DBSnapshotAttributes and a NotReadReason.
 */
export interface DbSnapshotAttributes {
  DBSnapshotIdentifier: string;
  DBSnapshotAttributes?: { AttributeName: string; AttributeValues: string[] }[];
  NotReadReason?: string;
}

/**
 * rds:DescribeDBClusterSnapshotAttributes (DBClusterSnapshotAttributesResult) for each manual Aurora DB cluster
 * snapshot rds:DescribeDBClusterSnapshots lists; NotReadReason as for DB snapshots.
 */
export interface DbClusterSnapshotAttributes {
  DBClusterSnapshotIdentifier: string;
  /** From the DescribeDBClusterSnapshots listing, so encryption is judged even when the attributes were not read. */
  StorageEncrypted?: boolean;
  DBClusterSnapshotAttributes?: { AttributeName: string; AttributeValues: string[] }[];
  NotReadReason?: string;
}

/** backup:ListBackupPlans BackupPlansList entries (all pages). */
export interface BackupPlanSummary {
  BackupPlanId: string;
  BackupPlanArn?: string;
  BackupPlanName: string;
  CreationDate?: string;
  LastExecutionDate?: string;
  DeletionDate?: string;
}

export interface RegionInputs {
  region: string;
  /** AWS Config configuration items (requires a recorder in that region). */
  configurationItems: Input<ConfigurationItemsByType>;
  guardDutyDetectors: Input<GuardDutyDetector[]>;
  accessAnalyzers: Input<AccessAnalyzer[]>;
  configRecorders: Input<ConfigRecorders>;
  flowLogs: Input<FlowLog[]>;
  ebsSnapshots: Input<EbsSnapshot[]>;
  rdsSnapshotAttributes: Input<DbSnapshotAttributes[]>;
  rdsClusterSnapshotAttributes: Input<DbClusterSnapshotAttributes[]>;
  backupPlans: Input<BackupPlanSummary[]>;
}

/** Everything the checks read for one account. */
export interface CheckInputs {
  accountId: string;
  /** The instant "now" for age-based checks (key age, last use, snapshot age): keeps evaluate() pure. ISO-8601. */
  evaluatedAt: string;
  credentialReport: Input<CredentialReportRow[]>;
  accountSummary: Input<AccountSummary>;
  passwordPolicy: Input<PasswordPolicyInput>;
  authorizationDetails: Input<AuthorizationDetails>;
  s3AccountPublicAccessBlock: Input<AccountPublicAccessBlockInput>;
  cloudTrailTrails: Input<Trail[]>;
  regions: RegionInputs[];
}

export type AccountInputKind = Exclude<keyof CheckInputs, 'accountId' | 'evaluatedAt' | 'regions'>;
export type RegionInputKind = Exclude<keyof RegionInputs, 'region'>;
export type InputKind = AccountInputKind | RegionInputKind;

// ---------------------------------------------------------------------------------------------------------------
// Metadata and results
// ---------------------------------------------------------------------------------------------------------------

export type Grade = 'red' | 'yellow' | 'green';

export interface CheckMeta {
  /** kebab-case, stable: the control id is `built-in:<id>`. */
  id: string;
  title: string;
  description: string;
  classification: Classification;
  /** The Trusted Advisor counterpart, only where one really exists (name and id as Trusted Advisor lists them). */
  trustedAdvisor?: { name: string; checkId: string };
  /** The equivalent AWS Config managed rule identifier. */
  configRule?: string;
  /** How red / yellow / green is decided; follows Trusted Advisor's published criteria where one exists. */
  grading: { red?: string; yellow?: string; green: string };
  remediation: string;
  /** https URLs to AWS documentation. */
  references: string[];
}

export interface CheckEvidence {
  kind: 'configuration-item' | 'api-response';
  /** The slice of the input that proves the result, as AWS returned it. */
  body: unknown;
  provenance: Provenance;
}

export interface CheckFinding {
  checkId: string;
  accountId: string;
  /** An AWS region, or 'global' for account-wide IAM results. */
  region: string;
  resourceType: string;
  resourceId: string;
  resourceName?: string;
  status: ComplianceStatus;
  /** null when the check did not grade the resource (NOT_APPLICABLE, NOT_EVALUATED, ERROR). */
  grade: Grade | null;
  /** Why, in plain words, with the offending detail. */
  annotation: string;
  /** null only when there was nothing to show (NOT_EVALUATED because the input was not collected, or ERROR). */
  evidence: CheckEvidence | null;
}

export interface Check {
  meta: CheckMeta;
  /** The inputs the check reads; if one is not collected the affected results are NOT_EVALUATED. */
  inputs: InputKind[];
  evaluate(inputs: CheckInputs): CheckFinding[];
}

/** A fixture beside each check: inputs plus the findings the check must produce (order-insensitive). */
export interface CheckFixture {
  name: string;
  kind: 'pass' | 'fail' | 'not-evaluated';
  inputs: CheckInputs;
  expected: { resourceId: string; region?: string; status: ComplianceStatus; grade: Grade | null; annotationIncludes?: string }[];
}
