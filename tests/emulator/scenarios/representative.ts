// A small organization that exercises every emulated operation and every fault the collector must survive:
// a management account with the auditor user, a delegated-admin security account holding an organization
// aggregator, a production account (role with ExternalId), a development account (role requiring MFA),
// a suspended account, an opt-in region, a region without Config, a stuck rule and a conformance pack.
import { staticAccessKeyId, type AccountScenario, type RegionConfigScenario, type RegionEntry, type Scenario } from '../scenario';

export const MANAGEMENT = '111111111111';
export const SECURITY = '222222222222';
export const PRODUCTION = '333333333333';
export const DEVELOPMENT = '444444444444';
export const SUSPENDED = '555555555555';

export const AUDITOR_ROLE = 'TriadAuditor';
export const PRODUCTION_EXTERNAL_ID = 'triad-external-7f3a';
export const AUDITOR_ACCESS_KEY_ID = staticAccessKeyId(MANAGEMENT, 'AUDT');
export const AUDITOR_SECRET = 'emulator-secret-auditor-not-a-real-key';
export const AUDITOR_ARN = `arn:aws:iam::${MANAGEMENT}:user/auditor`;

const ROOT_ID = 'r-a1b2';
const OU_SECURITY = 'ou-a1b2-security1';
const OU_WORKLOADS = 'ou-a1b2-workload1';
const OU_PROD = 'ou-a1b2-prodprod1';

const STANDARD_REGIONS: RegionEntry[] = [
  { name: 'us-east-1', optInStatus: 'opt-in-not-required' },
  { name: 'eu-west-1', optInStatus: 'opt-in-not-required' },
  { name: 'ap-east-1', optInStatus: 'not-opted-in' },
];

const T0 = '2026-11-20T08:00:00.000Z';
const T1 = '2026-11-25T08:00:00.000Z';

/** Snapshot ages are judged against the real clock at evaluation: "recent" must stay recent whenever tests run. */
function daysAgo(days: number): string {
  return new Date(Date.now() - days * 86_400_000).toISOString();
}

function auditorRole(extra: Partial<AccountScenario['roles'][number]> = {}) {
  return { name: AUDITOR_ROLE, trustedPrincipals: [`arn:aws:iam::${MANAGEMENT}:user/auditor`, `arn:aws:iam::${MANAGEMENT}:root`], ...extra };
}

/** Config in one account × region: three managed rules, one custom rule, a two-rule conformance pack, five resources. */
export function regionConfig(accountId: string, region: string, options: { stuckRule?: boolean; recording?: boolean } = {}): RegionConfigScenario {
  const bucket = `triad-${accountId}-${region}-logs`;
  const publicBucket = `triad-${accountId}-${region}-public`;
  const volume = `vol-0${accountId.slice(0, 8)}${region === 'us-east-1' ? 'a' : 'b'}`;
  const group = `sg-0${accountId.slice(0, 8)}${region === 'us-east-1' ? 'a' : 'b'}`;
  const vpc = vpcIdOf(accountId, region);
  const packRule = (identifier: string) => `${identifier.toLowerCase().replace(/_/g, '-')}-conformance-pack-x1y2z3`;
  const evaluation = (ruleName: string, resourceType: string, resourceId: string, complianceType: 'COMPLIANT' | 'NON_COMPLIANT' | 'NOT_APPLICABLE', annotation?: string) => ({
    ruleName,
    resourceType,
    resourceId,
    complianceType,
    resultRecordedTime: T1,
    configRuleInvokedTime: T1,
    orderingTimestamp: T0,
    annotation,
  });
  return {
    recorder: {
      name: 'default',
      roleARN: `arn:aws:iam::${accountId}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig`,
      recording: options.recording ?? true,
      allSupported: true,
      includeGlobalResourceTypes: region === 'us-east-1',
      lastStatus: 'Success',
      lastStartTime: T0,
    },
    deliveryChannel: { name: 'default', s3BucketName: `config-bucket-${accountId}`, deliveryFrequency: 'TwentyFour_Hours', lastStatus: 'Success' },
    conformancePacks: [{ name: 'Operational-Best-Practices-for-Encryption', deliveryS3Bucket: `config-bucket-${accountId}`, inputParameters: { RetentionDays: '35' } }],
    rules: [
      {
        name: 's3-bucket-public-read-prohibited',
        description: 'Checks if your Amazon S3 buckets do not allow public read access.',
        owner: 'AWS',
        sourceIdentifier: 'S3_BUCKET_PUBLIC_READ_PROHIBITED',
        scope: { complianceResourceTypes: ['AWS::S3::Bucket'] },
        maximumExecutionFrequency: 'TwentyFour_Hours',
      },
      {
        name: 'encrypted-volumes',
        description: 'Checks if attached Amazon EBS volumes are encrypted.',
        owner: 'AWS',
        sourceIdentifier: 'ENCRYPTED_VOLUMES',
        scope: { complianceResourceTypes: ['AWS::EC2::Volume'] },
      },
      {
        name: 'restricted-ssh',
        owner: 'AWS',
        sourceIdentifier: 'INCOMING_SSH_DISABLED',
        scope: { complianceResourceTypes: ['AWS::EC2::SecurityGroup'] },
        stuckInEvaluation: options.stuckRule,
      },
      {
        name: 'custom-tagging-policy',
        description: 'Every resource carries an owner tag (custom Lambda rule).',
        owner: 'CUSTOM_LAMBDA',
        sourceIdentifier: `arn:aws:lambda:${region}:${accountId}:function:triad-tagging-rule`,
        inputParameters: { tagKey: 'owner' },
      },
      { name: packRule('S3_DEFAULT_ENCRYPTION_KMS'), owner: 'AWS', sourceIdentifier: 'S3_DEFAULT_ENCRYPTION_KMS', conformancePack: 'Operational-Best-Practices-for-Encryption' },
      { name: packRule('EC2_EBS_ENCRYPTION_BY_DEFAULT'), owner: 'AWS', sourceIdentifier: 'EC2_EBS_ENCRYPTION_BY_DEFAULT', conformancePack: 'Operational-Best-Practices-for-Encryption' },
    ],
    resources: [
      {
        resourceType: 'AWS::S3::Bucket',
        resourceId: bucket,
        resourceName: bucket,
        arn: `arn:aws:s3:::${bucket}`,
        configurationItemCaptureTime: T0,
        resourceCreationTime: '2025-01-10T10:00:00.000Z',
        tags: { owner: 'platform' },
        configuration: { name: bucket, owner: { id: 'abc' }, creationDate: '2025-01-10T10:00:00.000Z' },
        supplementaryConfiguration: {
          PublicAccessBlockConfiguration: { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true },
          ServerSideEncryptionConfiguration: { rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms' } }] },
        },
      },
      {
        resourceType: 'AWS::S3::Bucket',
        resourceId: publicBucket,
        resourceName: publicBucket,
        arn: `arn:aws:s3:::${publicBucket}`,
        configurationItemCaptureTime: T0,
        configuration: { name: publicBucket, owner: { id: 'abc' } },
        supplementaryConfiguration: {
          AccessControlList: '{"grantList":[{"grantee":"AllUsers","permission":"Read"}]}',
          PublicAccessBlockConfiguration: { blockPublicAcls: false, ignorePublicAcls: false, blockPublicPolicy: false, restrictPublicBuckets: false },
        },
      },
      {
        resourceType: 'AWS::EC2::Volume',
        resourceId: volume,
        arn: `arn:aws:ec2:${region}:${accountId}:volume/${volume}`,
        availabilityZone: `${region}a`,
        configurationItemCaptureTime: T0,
        tags: { owner: 'data' },
        configuration: { volumeId: volume, encrypted: false, size: 100, state: 'in-use', attachments: [{ instanceId: 'i-0abc' }] },
      },
      {
        resourceType: 'AWS::EC2::SecurityGroup',
        resourceId: group,
        resourceName: 'web',
        arn: `arn:aws:ec2:${region}:${accountId}:security-group/${group}`,
        configurationItemCaptureTime: T0,
        configuration: { groupId: group, ipPermissions: [{ fromPort: 22, toPort: 22, ipProtocol: 'tcp', ipv4Ranges: [{ cidrIp: '0.0.0.0/0' }] }] },
      },
      {
        resourceType: 'AWS::EC2::VPC',
        resourceId: vpc,
        arn: `arn:aws:ec2:${region}:${accountId}:vpc/${vpc}`,
        configurationItemCaptureTime: T0,
        configuration: { vpcId: vpc, cidrBlock: '10.0.0.0/16', isDefault: false, state: 'available' },
      },
      {
        resourceType: 'AWS::IAM::Role',
        resourceId: `AROA${accountId}EXAMPLE`,
        resourceName: AUDITOR_ROLE,
        arn: `arn:aws:iam::${accountId}:role/${AUDITOR_ROLE}`,
        configurationItemCaptureTime: T0,
        configurationItemStatus: 'ResourceDiscovered',
        configuration: { roleName: AUDITOR_ROLE },
      },
    ],
    evaluations: [
      evaluation('s3-bucket-public-read-prohibited', 'AWS::S3::Bucket', bucket, 'COMPLIANT'),
      evaluation('s3-bucket-public-read-prohibited', 'AWS::S3::Bucket', publicBucket, 'NON_COMPLIANT', 'The bucket ACL grants READ to AllUsers.'),
      evaluation('encrypted-volumes', 'AWS::EC2::Volume', volume, 'NON_COMPLIANT', 'The volume is not encrypted.'),
      evaluation('restricted-ssh', 'AWS::EC2::SecurityGroup', group, 'NON_COMPLIANT'),
      evaluation('custom-tagging-policy', 'AWS::S3::Bucket', bucket, 'COMPLIANT'),
      evaluation('custom-tagging-policy', 'AWS::S3::Bucket', publicBucket, 'NON_COMPLIANT', 'Missing tag "owner".'),
      evaluation('custom-tagging-policy', 'AWS::EC2::SecurityGroup', group, 'NOT_APPLICABLE'),
      evaluation(packRule('S3_DEFAULT_ENCRYPTION_KMS'), 'AWS::S3::Bucket', bucket, 'COMPLIANT'),
      evaluation(packRule('S3_DEFAULT_ENCRYPTION_KMS'), 'AWS::S3::Bucket', publicBucket, 'NON_COMPLIANT'),
    ],
  };
}

/** The VPC regionConfig records in an account × region. */
export function vpcIdOf(accountId: string, region: string): string {
  return `vpc-0${accountId.slice(0, 8)}${region === 'us-east-1' ? 'a' : 'b'}`;
}

/** The volume regionConfig records in an account × region. */
export function volumeIdOf(accountId: string, region: string): string {
  return `vol-0${accountId.slice(0, 8)}${region === 'us-east-1' ? 'a' : 'b'}`;
}

/** The public EBS snapshot and public RDS snapshot of the management account (us-east-1). */
export const PUBLIC_EBS_SNAPSHOT = 'snap-0111public00001';
export const PUBLIC_DB_SNAPSHOT = 'reporting-final';
/** The public Aurora DB cluster snapshot of the security account (us-east-1). */
export const PUBLIC_DB_CLUSTER_SNAPSHOT = 'aurora-analytics-share';

export function representativeScenario(): Scenario {
  return {
    name: 'representative',
    callers: [
      { accessKeyId: AUDITOR_ACCESS_KEY_ID, secretAccessKey: AUDITOR_SECRET, accountId: MANAGEMENT, userName: 'auditor' },
      { accessKeyId: staticAccessKeyId(SECURITY, 'SECA'), secretAccessKey: 'emulator-secret-security', accountId: SECURITY, userName: 'security-auditor' },
      { accessKeyId: staticAccessKeyId(DEVELOPMENT, 'DEVU'), secretAccessKey: 'emulator-secret-developer', accountId: DEVELOPMENT, userName: 'developer' },
    ],
    organization: {
      id: 'o-a1b2c3d4e5',
      managementAccountId: MANAGEMENT,
      featureSet: 'ALL',
      rootId: ROOT_ID,
      delegatedAdministrators: [SECURITY],
      organizationalUnits: [
        { id: OU_SECURITY, name: 'Security', parentId: ROOT_ID },
        { id: OU_WORKLOADS, name: 'Workloads', parentId: ROOT_ID },
        { id: OU_PROD, name: 'Prod', parentId: OU_WORKLOADS },
      ],
    },
    aggregators: [{ accountId: SECURITY, region: 'us-east-1', name: 'org-aggregator', kind: 'ORGANIZATION', sourceRegions: 'ALL' }],
    trustedAdvisorChecks: [
      {
        id: 'HCP4007jGY',
        name: 'Security Groups - Specific Ports Unrestricted',
        description: 'Checks security groups for rules that allow unrestricted access (0.0.0.0/0) to specific ports.',
        category: 'security',
        metadata: ['Region', 'Security Group Name', 'Security Group ID', 'Protocol', 'Port', 'Status', 'IP Range'],
      },
      {
        id: '7DAFEmoDos',
        name: 'MFA on Root Account',
        description: 'Checks the root account and warns if multi-factor authentication (MFA) is not enabled.',
        category: 'security',
        metadata: ['Status', 'Reason'],
      },
    ],
    accounts: [
      {
        accountId: MANAGEMENT,
        name: 'management',
        email: 'aws-management@example.com',
        status: 'ACTIVE',
        parentId: ROOT_ID,
        joinedMethod: 'CREATED',
        joinedTimestamp: '2019-03-01T00:00:00.000Z',
        roles: [auditorRole()],
        regions: STANDARD_REGIONS,
        config: { 'us-east-1': regionConfig(MANAGEMENT, 'us-east-1') },
        supportPlan: 'business',
        guardDutyDetectors: { 'us-east-1': [{ detectorId: '12abc34d567e8fa901bc2d34e56789f0', status: 'ENABLED', findingPublishingFrequency: 'SIX_HOURS' }] },
        accessAnalyzers: { 'us-east-1': [{ name: 'account-analyzer', type: 'ACCOUNT', status: 'ACTIVE' }] },
        s3PublicAccessBlock: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true },
        // Passes: a logging multi-region trail with log file validation, into the private logs bucket.
        trails: [{ name: 'management-trail', homeRegion: 'us-east-1', s3BucketName: `triad-${MANAGEMENT}-us-east-1-logs`, isMultiRegionTrail: true, logFileValidationEnabled: true, isLogging: true }],
        flowLogs: { 'us-east-1': [{ flowLogId: 'fl-0111aaaa2222bbbb3', resourceId: vpcIdOf(MANAGEMENT, 'us-east-1'), trafficType: 'ALL', logDestinationType: 'cloud-watch-logs' }] },
        ebsSnapshots: {
          'us-east-1': [
            { snapshotId: 'snap-0111recent000001', volumeId: volumeIdOf(MANAGEMENT, 'us-east-1'), startTime: daysAgo(2), encrypted: true, createVolumePermissions: [{ userId: SECURITY }] },
            { snapshotId: PUBLIC_EBS_SNAPSHOT, volumeId: 'vol-0deleted00000001', startTime: '2025-06-01T00:00:00.000Z', encrypted: false, createVolumePermissions: [{ group: 'all' }] },
          ],
        },
        dbSnapshots: {
          'us-east-1': [
            { dbSnapshotIdentifier: PUBLIC_DB_SNAPSHOT, dbInstanceIdentifier: 'reporting', snapshotType: 'manual', snapshotCreateTime: '2025-09-01T00:00:00.000Z', encrypted: false, restoreValues: ['all'] },
            { dbSnapshotIdentifier: 'orders-before-migration', dbInstanceIdentifier: 'orders', snapshotType: 'manual', snapshotCreateTime: T0, encrypted: true, restoreValues: [SECURITY] },
            { dbSnapshotIdentifier: 'rds:orders-2026-11-25-03-10', dbInstanceIdentifier: 'orders', snapshotType: 'automated', snapshotCreateTime: T1, encrypted: true },
          ],
        },
        dbClusterSnapshots: {
          'us-east-1': [{ dbClusterSnapshotIdentifier: 'aurora-orders-pre-upgrade', dbClusterIdentifier: 'aurora-orders', snapshotType: 'manual', snapshotCreateTime: T0, storageEncrypted: true, restoreValues: [] }],
        },
        backupPlans: { 'us-east-1': [{ backupPlanId: '8a1f2c3d-0b4e-4f5a-9c6d-7e8f9a0b1c2d', backupPlanName: 'daily-35-days', creationDate: '2025-01-10T10:00:00.000Z', lastExecutionDate: T1 }] },
        trustedAdvisorResults: [
          {
            checkId: 'HCP4007jGY',
            status: 'error',
            timestamp: T1,
            flaggedResources: [{ resourceId: 'sg-0111', status: 'error', region: 'us-east-1', metadata: ['us-east-1', 'web', 'sg-0111', 'tcp', '22', 'Red', '0.0.0.0/0'] }],
          },
          { checkId: '7DAFEmoDos', status: 'ok', timestamp: T1, flaggedResources: [] },
        ],
        iam: {
          root: { mfaActive: false, accessKeysActive: true, passwordLastUsed: '2026-11-01T12:00:00.000Z' },
          users: [
            {
              userName: 'auditor',
              createDate: '2024-05-01T00:00:00.000Z',
              passwordEnabled: true,
              passwordLastUsed: '2026-11-24T09:00:00.000Z',
              groups: ['Auditors'],
              mfaDevices: [{ serialNumber: `arn:aws:iam::${MANAGEMENT}:mfa/auditor`, enableDate: '2024-05-01T00:00:00.000Z' }],
              accessKeys: [{ accessKeyId: AUDITOR_ACCESS_KEY_ID, status: 'Active', createDate: '2026-10-01T00:00:00.000Z', lastUsedDate: T1, lastUsedRegion: 'us-east-1', lastUsedService: 'config' }],
            },
            {
              userName: 'legacy-admin',
              createDate: '2020-02-01T00:00:00.000Z',
              passwordEnabled: true,
              attachedPolicies: [{ policyName: 'AdministratorAccess', policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }],
              inlinePolicies: [{ policyName: 'everything', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } }],
              accessKeys: [{ accessKeyId: 'AKIAOLDKEY0000000001', status: 'Active', createDate: '2021-01-01T00:00:00.000Z' }],
            },
          ],
          groups: [{ groupName: 'Auditors', createDate: '2024-05-01T00:00:00.000Z', attachedPolicies: [{ policyName: 'SecurityAudit', policyArn: 'arn:aws:iam::aws:policy/SecurityAudit' }] }],
          managedPolicies: [
            { policyName: 'AdministratorAccess', arn: 'arn:aws:iam::aws:policy/AdministratorAccess', createDate: '2015-02-06T18:39:46.000Z', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } },
          ],
        },
      },
      {
        accountId: SECURITY,
        name: 'security',
        email: 'aws-security@example.com',
        status: 'ACTIVE',
        parentId: OU_SECURITY,
        roles: [auditorRole()],
        regions: [...STANDARD_REGIONS.slice(0, 2), { name: 'ap-east-1', optInStatus: 'opted-in' }],
        config: {
          'us-east-1': regionConfig(SECURITY, 'us-east-1'),
          'eu-west-1': regionConfig(SECURITY, 'eu-west-1'),
          'ap-east-1': regionConfig(SECURITY, 'ap-east-1', { recording: false }),
        },
        supportPlan: 'basic',
        // Fails: a single-region trail without log file validation, delivering into the public bucket; no flow log,
        // an old unencrypted snapshot, a public Aurora cluster snapshot and no AWS Backup plan.
        trails: [{ name: 'security-trail', homeRegion: 'us-east-1', s3BucketName: `triad-${SECURITY}-us-east-1-public`, isMultiRegionTrail: false, logFileValidationEnabled: false, isLogging: true }],
        dbClusterSnapshots: {
          'us-east-1': [{ dbClusterSnapshotIdentifier: PUBLIC_DB_CLUSTER_SNAPSHOT, dbClusterIdentifier: 'aurora-analytics', snapshotType: 'manual', snapshotCreateTime: T0, storageEncrypted: true, restoreValues: ['all'] }],
        },
        ebsSnapshots: { 'us-east-1': [{ snapshotId: 'snap-0222old000000001', volumeId: volumeIdOf(SECURITY, 'us-east-1'), startTime: daysAgo(60), encrypted: false }] },
        iam: {
          root: { mfaActive: true, accessKeysActive: false },
          users: [],
          passwordPolicy: { MinimumPasswordLength: 14, RequireSymbols: true, RequireNumbers: true, RequireUppercaseCharacters: true, RequireLowercaseCharacters: true, MaxPasswordAge: 90, PasswordReusePrevention: 24, ExpirePasswords: true, HardExpiry: false },
        },
      },
      {
        accountId: PRODUCTION,
        name: 'production',
        email: 'aws-production@example.com',
        status: 'ACTIVE',
        parentId: OU_PROD,
        roles: [auditorRole({ externalId: PRODUCTION_EXTERNAL_ID, maxSessionDuration: 7200 })],
        regions: STANDARD_REGIONS,
        // A trail that would pass but whose logging was stopped.
        trails: [{ name: 'production-trail', homeRegion: 'us-east-1', s3BucketName: `triad-${PRODUCTION}-us-east-1-logs`, isMultiRegionTrail: true, logFileValidationEnabled: true, isLogging: false }],
        // eu-west-1 has no Config at all: no recorder, no channel, no rules.
        config: { 'us-east-1': regionConfig(PRODUCTION, 'us-east-1', { stuckRule: true }) },
      },
      {
        accountId: DEVELOPMENT,
        name: 'development',
        email: 'aws-development@example.com',
        status: 'ACTIVE',
        parentId: ROOT_ID,
        roles: [auditorRole({ mfaRequired: true })],
        regions: STANDARD_REGIONS,
        config: { 'us-east-1': regionConfig(DEVELOPMENT, 'us-east-1'), 'eu-west-1': regionConfig(DEVELOPMENT, 'eu-west-1') },
      },
      {
        accountId: SUSPENDED,
        name: 'closed-sandbox',
        email: 'aws-sandbox@example.com',
        status: 'SUSPENDED',
        parentId: OU_WORKLOADS,
        roles: [auditorRole()],
        regions: STANDARD_REGIONS,
        config: {},
      },
    ],
  };
}
