// Benchmark: every built-in check over one account holding 100,000 synthetic resources spread over four
// regions (configuration items, EBS snapshots and IAM identities). Target: under 2 s for the whole set.
// Run: npm run bench -- checks   (prints figures; asserts nothing about time)

import { pathToFileURL } from 'node:url';
import { ALL_CHECKS, runChecks } from '../../src/main/checks';
import {
  FIXTURE_ACCOUNT,
  checkInputs,
  ci,
  collected,
  credentialRow,
  daysAgo,
  iamEncoded,
  items,
  regionInputs,
} from '../../src/main/checks/support/fixture-kit';
import type { CheckInputs, ConfigurationItem, EbsSnapshot } from '../../src/main/checks/types';

export const TARGET_MS = 2000;
const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1', 'ap-southeast-2'];

/** Deterministic synthetic inputs: `total` resources, about a tenth of them misconfigured. */
export function syntheticInputs(total = 100_000): { inputs: CheckInputs; resources: number } {
  const share = (fraction: number) => Math.floor((total * fraction) / REGIONS.length);
  let resources = 0;
  const regions = REGIONS.map((region, r) => {
    const list: ConfigurationItem[] = [];
    const at = { awsRegion: region };
    for (let i = 0; i < share(0.25); i++) {
      const port = [443, 80, 3389, 8080, 22, 5432][i % 6];
      const cidr = i % 10 === 0 ? '0.0.0.0/0' : '10.0.0.0/8';
      list.push(ci('AWS::EC2::SecurityGroup', `sg-${r}-${i}`, { groupId: `sg-${r}-${i}`, groupName: i % 50 === 0 ? 'default' : `app-${i}`, vpcId: `vpc-${r}-${i % 500}`, ipPermissions: [{ ipProtocol: 'tcp', fromPort: port, toPort: port, ipv4Ranges: [{ cidrIp: cidr }] }], ipPermissionsEgress: [] }, { ...at, relationships: [{ resourceType: 'AWS::EC2::NetworkInterface', resourceId: `eni-${r}-${i}` }] }));
    }
    for (let i = 0; i < share(0.2); i++) list.push(ci('AWS::EC2::Volume', `vol-${r}-${i}`, { volumeId: `vol-${r}-${i}`, encrypted: i % 10 !== 0, state: 'in-use' }, at));
    for (let i = 0; i < share(0.12); i++) {
      const publicAcl = i % 20 === 0 ? [{ grantee: 'AllUsers', permission: 'Read' }] : [];
      const policy = { policyText: JSON.stringify({ Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: `arn:aws:s3:::b-${r}-${i}/*`, Condition: { Bool: { 'aws:SecureTransport': 'false' } } }] }) };
      list.push(ci('AWS::S3::Bucket', `b-${r}-${i}`, { name: `b-${r}-${i}` }, { ...at, resourceName: `b-${r}-${i}`, supplementaryConfiguration: { AccessControlList: { grantList: publicAcl }, BucketPolicy: i % 3 ? policy : { policyText: null }, ServerSideEncryptionConfiguration: { rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }] } } }));
    }
    for (let i = 0; i < share(0.1); i++) list.push(ci('AWS::RDS::DBInstance', `db-${r}-${i}`, { dBInstanceIdentifier: `db-${r}-${i}`, engine: 'postgres', multiAZ: i % 4 !== 0, publiclyAccessible: i % 25 === 0, storageEncrypted: i % 8 !== 0, backupRetentionPeriod: i % 5 }, at));
    for (let i = 0; i < share(0.05); i++) list.push(ci('AWS::RDS::DBSnapshot', `rs-${r}-${i}`, { dBSnapshotIdentifier: `rs-${r}-${i}`, encrypted: i % 7 !== 0 }, at));
    for (let i = 0; i < share(0.05); i++) list.push(ci('AWS::KMS::Key', `k-${r}-${i}`, { keyManager: 'CUSTOMER', keySpec: 'SYMMETRIC_DEFAULT', origin: 'AWS_KMS', keyState: 'Enabled' }, { ...at, supplementaryConfiguration: { KeyRotationStatus: i % 3 !== 0 } }));
    for (let i = 0; i < share(0.03); i++) list.push(ci('AWS::EC2::VPC', `vpc-${r}-${i}`, { vpcId: `vpc-${r}-${i}` }, at));
    for (let i = 0; i < share(0.03); i++) list.push(ci('AWS::ElasticLoadBalancingV2::LoadBalancer', `lb-${r}-${i}`, { loadBalancerName: `lb-${r}-${i}`, availabilityZones: i % 6 ? [{ zoneName: `${region}a` }, { zoneName: `${region}b` }] : [{ zoneName: `${region}a` }] }, at));
    const snapshots: EbsSnapshot[] = [];
    for (let i = 0; i < share(0.05); i++) snapshots.push({ SnapshotId: `snap-${r}-${i}`, VolumeId: `vol-${r}-${i}`, StartTime: daysAgo(i % 40), State: 'completed', Encrypted: i % 9 !== 0, CreateVolumePermissions: i % 100 === 0 ? [{ Group: 'all' }] : [] });
    resources += list.length + snapshots.length;
    return regionInputs(region, {
      configurationItems: items(list, region),
      ebsSnapshots: collected(snapshots, 'ec2', 'DescribeSnapshots', region),
      flowLogs: collected(Array.from({ length: share(0.02) }, (_, i) => ({ FlowLogId: `fl-${r}-${i}`, ResourceId: `vpc-${r}-${i}`, FlowLogStatus: 'ACTIVE' })), 'ec2', 'DescribeFlowLogs', region),
      guardDutyDetectors: collected(r % 2 ? [{ DetectorId: `d-${r}`, Status: 'ENABLED' }] : [], 'guardduty', 'ListDetectors', region),
    });
  });
  const users = Math.floor(total * 0.08);
  const rows = [credentialRow('<root_account>', { password_last_used: daysAgo(3) })];
  for (let i = 0; i < users; i++) rows.push(credentialRow(`user-${i}`, { password_enabled: i % 2 ? 'true' : 'false', mfa_active: i % 3 ? 'true' : 'false', password_last_used: daysAgo(i % 120), access_key_1_active: 'true', access_key_1_last_rotated: daysAgo(i % 900), access_key_1_last_used_date: daysAgo(i % 100) }));
  const admin = iamEncoded({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] });
  const scoped = iamEncoded({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] });
  const trust = iamEncoded({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::444455556666:root' }, Action: 'sts:AssumeRole' }] });
  const authorization = {
    UserDetailList: Array.from({ length: users }, (_, i) => ({ UserName: `user-${i}`, UserId: `AIDA${i}`, Arn: `arn:aws:iam::${FIXTURE_ACCOUNT}:user/user-${i}`, GroupList: ['staff'], AttachedManagedPolicies: i % 10 ? [] : [{ PolicyName: 'x', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }] })),
    GroupDetailList: [],
    RoleDetailList: Array.from({ length: Math.floor(users / 2) }, (_, i) => ({ RoleName: `role-${i}`, RoleId: `AROA${i}`, Arn: `arn:aws:iam::${FIXTURE_ACCOUNT}:role/role-${i}`, Path: '/', AssumeRolePolicyDocument: trust })),
    Policies: Array.from({ length: Math.floor(users / 4) }, (_, i) => ({ PolicyName: `p-${i}`, PolicyId: `ANPA${i}`, Arn: `arn:aws:iam::${FIXTURE_ACCOUNT}:policy/p-${i}`, PolicyVersionList: [{ VersionId: 'v1', IsDefaultVersion: true, Document: i % 20 ? scoped : admin }] })),
  };
  resources += rows.length + authorization.RoleDetailList.length + authorization.Policies.length;
  const inputs = checkInputs({ credentialReport: collected(rows, 'iam', 'GetCredentialReport'), authorizationDetails: collected(authorization, 'iam', 'GetAccountAuthorizationDetails'), regions });
  return { inputs, resources };
}

export interface ChecksBenchResult {
  resources: number;
  findings: number;
  /** Median and fastest wall time of the timed runs of the whole check set, in ms. */
  medianMs: number;
  minMs: number;
  /** CPU time (user + system) of the fastest run, in ms: less distorted than wall time on a busy machine. */
  cpuMs: number;
  perCheck: { id: string; ms: number }[];
}

export function benchChecks(total = 100_000, runs = 3): ChecksBenchResult {
  const { inputs, resources } = syntheticInputs(total);
  runChecks(inputs); // warm-up: JIT and inline caches, as in a long-running collector
  const perCheck = ALL_CHECKS.map((check) => {
    const start = performance.now();
    runChecks(inputs, [check]);
    return { id: check.meta.id, ms: performance.now() - start };
  });
  let findings = 0;
  const runsMeasured: { ms: number; cpuMs: number }[] = [];
  for (let run = 0; run < runs; run++) {
    const cpu = process.cpuUsage();
    const start = performance.now();
    findings = runChecks(inputs).length;
    const ms = performance.now() - start;
    const used = process.cpuUsage(cpu);
    runsMeasured.push({ ms, cpuMs: (used.user + used.system) / 1000 });
  }
  runsMeasured.sort((a, b) => a.ms - b.ms);
  return { resources, findings, medianMs: runsMeasured[Math.floor(runs / 2)].ms, minMs: runsMeasured[0].ms, cpuMs: runsMeasured[0].cpuMs, perCheck };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const result = benchChecks();
  const slowest = [...result.perCheck].sort((a, b) => b.ms - a.ms).slice(0, 5);
  const verdict = result.medianMs < TARGET_MS ? 'within target' : 'OVER TARGET';
  console.log(
    `checks: ${ALL_CHECKS.length} checks over ${result.resources.toLocaleString('en-US')} resources -> ${result.findings.toLocaleString('en-US')} findings: median ${result.medianMs.toFixed(0)} ms, fastest ${result.minMs.toFixed(0)} ms (CPU ${result.cpuMs.toFixed(0)} ms) (target < ${TARGET_MS} ms) ${verdict}`,
  );
  console.log(`  slowest checks: ${slowest.map((c) => `${c.id} ${c.ms.toFixed(0)} ms`).join(', ')}`);
}
