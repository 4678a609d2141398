// A generated organization for benchmarks (e.g. 200 accounts × 2 regions × 80 rules): deterministic, with
// realistic rule names, resource types, configuration items and a mix of compliance results.
import { staticAccessKeyId, type AccountScenario, type ComplianceType, type RegionConfigScenario, type Scenario } from '../scenario';

export interface LargeScenarioOptions {
  accounts: number;
  regions: number;
  rules: number;
  /** Resources each rule evaluates in one account × region. */
  resourcesPerRule: number;
  /** Rules (by index) deployed through one conformance pack; default 0. */
  conformancePackRules?: number;
  /**
   * Also seed what the built-in checks read outside AWS Config (trails, snapshots, backup plans), which adds
   * per-item calls (GetTrailStatus, DescribeSnapshotAttribute, DescribeDBSnapshotAttributes); default false, so
   * benchmarks counting calls keep their expected minimum.
   */
  checkInputs?: boolean;
}

export const LARGE_MANAGEMENT_ACCOUNT = '100000000000';
export const LARGE_AUDITOR_ROLE = 'TriadAuditor';
export const LARGE_AUDITOR_CREDENTIALS = {
  accessKeyId: staticAccessKeyId(LARGE_MANAGEMENT_ACCOUNT, 'AUDT'),
  secretAccessKey: 'emulator-secret-large-auditor',
};

const REGIONS = ['us-east-1', 'eu-west-1', 'eu-central-1', 'us-west-2', 'ap-southeast-2', 'ap-northeast-1', 'sa-east-1', 'ca-central-1'];

/** Managed rules with the resource type they evaluate and how a resource's configuration looks. */
const RULE_TEMPLATES: { identifier: string; resourceType: string; configuration: (id: string, index: number) => unknown }[] = [
  { identifier: 'S3_BUCKET_PUBLIC_READ_PROHIBITED', resourceType: 'AWS::S3::Bucket', configuration: (id) => ({ name: id }) },
  { identifier: 'ENCRYPTED_VOLUMES', resourceType: 'AWS::EC2::Volume', configuration: (id, index) => ({ volumeId: id, encrypted: index % 3 !== 0, size: 100 }) },
  { identifier: 'INCOMING_SSH_DISABLED', resourceType: 'AWS::EC2::SecurityGroup', configuration: (id) => ({ groupId: id, ipPermissions: [] }) },
  { identifier: 'RDS_MULTI_AZ_SUPPORT', resourceType: 'AWS::RDS::DBInstance', configuration: (id, index) => ({ dBInstanceIdentifier: id, multiAZ: index % 2 === 0 }) },
  { identifier: 'CLOUD_TRAIL_ENABLED', resourceType: 'AWS::CloudTrail::Trail', configuration: (id) => ({ name: id, isMultiRegionTrail: true }) },
  { identifier: 'IAM_ROLE_MANAGED_POLICY_CHECK', resourceType: 'AWS::IAM::Role', configuration: (id) => ({ roleName: id }) },
  { identifier: 'LAMBDA_FUNCTION_PUBLIC_ACCESS_PROHIBITED', resourceType: 'AWS::Lambda::Function', configuration: (id) => ({ functionName: id, runtime: 'nodejs20.x' }) },
  { identifier: 'DYNAMODB_PITR_ENABLED', resourceType: 'AWS::DynamoDB::Table', configuration: (id, index) => ({ tableName: id, pointInTimeRecoveryEnabled: index % 4 !== 0 }) },
];

const COMPLIANCE_CYCLE: ComplianceType[] = ['COMPLIANT', 'NON_COMPLIANT', 'COMPLIANT', 'COMPLIANT', 'NOT_APPLICABLE'];
const CAPTURE = '2026-11-20T08:00:00.000Z';
const EVALUATED = '2026-11-25T08:00:00.000Z';

function accountId(index: number): string {
  return String(100000000000 + index).padStart(12, '0');
}

function regionConfig(account: string, region: string, options: LargeScenarioOptions): RegionConfigScenario {
  const typeCount = Math.min(RULE_TEMPLATES.length, options.rules);
  const resources = RULE_TEMPLATES.slice(0, typeCount).flatMap((template) =>
    Array.from({ length: options.resourcesPerRule }, (_, index) => {
      const id = `${template.resourceType.split('::')[2].toLowerCase()}-${account}-${region}-${index}`;
      return {
        resourceType: template.resourceType,
        resourceId: id,
        resourceName: id,
        arn: `arn:aws:${template.resourceType.split('::')[1].toLowerCase()}:${region}:${account}:${id}`,
        configurationItemCaptureTime: CAPTURE,
        tags: { owner: `team-${index % 7}` },
        configuration: template.configuration(id, index),
        supplementaryConfiguration: {},
      };
    }),
  );
  const packRules = options.conformancePackRules ?? 0;
  const rules = Array.from({ length: options.rules }, (_, ruleIndex) => {
    const template = RULE_TEMPLATES[ruleIndex % typeCount];
    const inPack = ruleIndex < packRules;
    const base = template.identifier.toLowerCase().replace(/_/g, '-');
    return {
      name: inPack ? `${base}-${ruleIndex}-conformance-pack-bench01` : `${base}-${ruleIndex}`,
      owner: 'AWS' as const,
      sourceIdentifier: template.identifier,
      scope: { complianceResourceTypes: [template.resourceType] },
      conformancePack: inPack ? 'Operational-Best-Practices-Bench' : undefined,
    };
  });
  const evaluations = rules.flatMap((rule, ruleIndex) => {
    const template = RULE_TEMPLATES[ruleIndex % typeCount];
    return resources
      .filter((resource) => resource.resourceType === template.resourceType)
      .map((resource, index) => ({
        ruleName: rule.name,
        resourceType: resource.resourceType,
        resourceId: resource.resourceId,
        complianceType: COMPLIANCE_CYCLE[(index + ruleIndex) % COMPLIANCE_CYCLE.length],
        resultRecordedTime: EVALUATED,
        configRuleInvokedTime: EVALUATED,
        annotation: undefined,
      }));
  });
  return {
    recorder: { name: 'default', roleARN: `arn:aws:iam::${account}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig`, recording: true, lastStatus: 'Success' },
    deliveryChannel: { name: 'default', s3BucketName: `config-bucket-${account}` },
    conformancePacks: packRules > 0 ? [{ name: 'Operational-Best-Practices-Bench' }] : [],
    rules,
    resources,
    evaluations,
  };
}

/**
 * What the built-in checks read outside AWS Config, a few per account × region so collection stays realistic: the
 * management account's organization trail (seen by every member), two EBS snapshots and one manual DB snapshot per
 * region (public in every tenth account), and a backup plan in every other account.
 */
function directInputs(account: string, index: number, regions: string[], options: LargeScenarioOptions): Partial<AccountScenario> {
  const exposed = index % 10 === 9;
  const volume = (n: number) => `volume-${account}-%REGION%-${n}`;
  const perRegion = <T>(build: (region: string) => T[]) => Object.fromEntries(regions.map((region) => [region, build(region)]));
  return {
    ...(index === 0
      ? { trails: [{ name: 'organization-trail', homeRegion: regions[0], s3BucketName: `cloudtrail-${account}`, isMultiRegionTrail: true, isOrganizationTrail: true, logFileValidationEnabled: true, isLogging: true }] }
      : {}),
    ebsSnapshots: perRegion((region) =>
      Array.from({ length: Math.min(2, options.resourcesPerRule) }, (_, n) => ({
        snapshotId: `snap-${account}${String(n).padStart(5, '0')}`,
        volumeId: volume(n).replace('%REGION%', region),
        startTime: n === 0 ? EVALUATED : CAPTURE,
        encrypted: n === 0,
        createVolumePermissions: exposed && n === 1 ? [{ group: 'all' as const }] : [],
      })),
    ),
    dbSnapshots: perRegion((region) => [
      { dbSnapshotIdentifier: `manual-${account}-${region}`, dbInstanceIdentifier: `dbinstance-${account}-${region}-0`, snapshotType: 'manual' as const, snapshotCreateTime: CAPTURE, encrypted: !exposed, restoreValues: exposed ? ['all'] : [] },
    ]),
    backupPlans: index % 2 === 0 ? perRegion(() => [{ backupPlanId: `plan-${account}`, backupPlanName: 'daily', creationDate: CAPTURE, lastExecutionDate: EVALUATED }]) : {},
  };
}

export function buildLargeScenario(options: LargeScenarioOptions): Scenario {
  if (options.regions > REGIONS.length) throw new Error(`buildLargeScenario: at most ${REGIONS.length} regions (asked for ${options.regions})`);
  if (options.accounts < 1 || options.rules < 1) throw new Error('buildLargeScenario: accounts and rules must be at least 1');
  const regions = REGIONS.slice(0, options.regions);
  const rootId = 'r-bnch';
  const accounts: AccountScenario[] = Array.from({ length: options.accounts }, (_, index) => {
    const id = accountId(index);
    return {
      accountId: id,
      name: index === 0 ? 'management' : `member-${index}`,
      email: `aws-${id}@example.com`,
      status: 'ACTIVE',
      parentId: index === 0 ? rootId : 'ou-bnch-workload1',
      roles: [{ name: LARGE_AUDITOR_ROLE, trustedPrincipals: [`arn:aws:iam::${LARGE_MANAGEMENT_ACCOUNT}:root`] }],
      regions: REGIONS.map((name) => ({ name, optInStatus: 'opt-in-not-required' as const })),
      config: Object.fromEntries(regions.map((region) => [region, regionConfig(id, region, options)])),
      ...(options.checkInputs ? directInputs(id, index, regions, options) : {}),
    };
  });
  return {
    name: `large-${options.accounts}x${options.regions}x${options.rules}x${options.resourcesPerRule}`,
    callers: [{ ...LARGE_AUDITOR_CREDENTIALS, accountId: LARGE_MANAGEMENT_ACCOUNT, userName: 'auditor' }],
    organization: {
      id: 'o-bench00000',
      managementAccountId: LARGE_MANAGEMENT_ACCOUNT,
      featureSet: 'ALL',
      rootId,
      organizationalUnits: [{ id: 'ou-bnch-workload1', name: 'Workloads', parentId: rootId }],
    },
    aggregators: [{ accountId: LARGE_MANAGEMENT_ACCOUNT, region: regions[0], name: 'bench-aggregator', kind: 'ORGANIZATION', sourceRegions: regions }],
    accounts,
  };
}
