// The direct reads behind the trail, flow-log, snapshot and backup checks, with the real AWS SDK clients against the
// emulator: what each call stores as evidence, how buildCheckInputs reads it back, and what a refused, failing or
// oversized read leaves (a recorded error and a reason, never a pass).

import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { afterEach, describe, expect, it } from 'vitest';
import { buildCheckInputs, type AccountEvidence } from '../../../src/main/checks-collect/inputs';
import { check as ebsPublicSnapshots } from '../../../src/main/checks/ebs-public-snapshots';
import { check as rdsPublicSnapshots } from '../../../src/main/checks/rds-public-snapshots';
import type { CheckInputs, RegionInputs } from '../../../src/main/checks/types';
import { collectAccountInputs, type DirectInputs } from '../../../src/main/collect/check-inputs/direct';
import { READ_LIMIT_CODE } from '../../../src/main/collect/check-inputs/inventory';
import { RateLimiter } from '../../../src/main/collect/rate-limit';
import { AwsRuntime } from '../../../src/main/collect/runtime';
import type { FaultConfig } from '../../emulator/faults';
import { staticAccessKeyId, type Scenario } from '../../emulator/scenario';
import { AUDITOR_ACCESS_KEY_ID, AUDITOR_SECRET, MANAGEMENT, PUBLIC_DB_SNAPSHOT, PUBLIC_EBS_SNAPSHOT, SECURITY, representativeScenario } from '../../emulator/scenarios/representative';
import { LARGE_AUDITOR_CREDENTIALS, LARGE_AUDITOR_ROLE, buildLargeScenario } from '../../emulator/scenarios/large';
import { startEmulator, type Emulator } from '../../emulator/server';

const EVALUATED_AT = '2026-11-27T00:00:00.000Z';
const CALLERS = {
  [MANAGEMENT]: { accessKeyId: AUDITOR_ACCESS_KEY_ID, secretAccessKey: AUDITOR_SECRET },
  [SECURITY]: { accessKeyId: staticAccessKeyId(SECURITY, 'SECA'), secretAccessKey: 'emulator-secret-security' },
};

let emulator: Emulator | undefined;
let runtime: AwsRuntime | undefined;

afterEach(async () => {
  runtime?.destroy();
  await emulator?.stop();
  emulator = undefined;
  runtime = undefined;
});

async function collectFor(
  accountId: typeof MANAGEMENT | typeof SECURITY,
  regions: string[],
  options: { scenario?: Scenario; faults?: FaultConfig; attributeReadLimit?: number } = {},
): Promise<{ direct: DirectInputs; inputs: CheckInputs }> {
  emulator = await startEmulator({ scenario: options.scenario ?? representativeScenario(), faults: options.faults });
  runtime = new AwsRuntime({ endpoint: emulator.url, rateLimiter: new RateLimiter({ ratePerSecond: 1000, burst: 1000 }), backoffBaseMs: 1, extraRetries: 0, sdkMaxAttempts: 1 });
  const rt = runtime;
  const direct = await collectAccountInputs(
    { send: (target, Ctor, command) => rt.send(target, Ctor, command), endpoint: emulator.url, reportPollMs: 0, attributeReadLimit: options.attributeReadLimit },
    { accountId, region: 'us-east-1', credentials: CALLERS[accountId] },
    regions,
  );
  const source: AccountEvidence = {
    accountId,
    evidence: direct.evidence,
    coverage: regions.map((region) => ({ accountId, region, state: 'not-enabled', reason: 'AWS Config is not set up' }) as AccountEvidence['coverage'][number]),
    errors: direct.errors,
  };
  return { direct, inputs: buildCheckInputs(source, EVALUATED_AT) };
}

const region = (inputs: CheckInputs, name: string): RegionInputs => inputs.regions.find((r) => r.region === name)!;
const callsOf = (operation: string) => emulator!.calls.filter((call) => call.operation === operation);

describe('CloudTrail', () => {
  it('keeps each trail once, from its home region, with its GetTrailStatus asked once by ARN', async () => {
    const { inputs } = await collectFor(MANAGEMENT, ['eu-west-1', 'us-east-1']);
    expect(inputs.cloudTrailTrails).toMatchObject({
      state: 'collected',
      data: [{ Name: 'management-trail', HomeRegion: 'us-east-1', IsMultiRegionTrail: true, LogFileValidationEnabled: true, S3BucketName: `triad-${MANAGEMENT}-us-east-1-logs`, Status: { IsLogging: true } }],
      provenance: { service: 'cloudtrail', operation: 'DescribeTrails', accountId: MANAGEMENT },
    });
    expect(callsOf('DescribeTrails').map((call) => call.region)).toEqual(['eu-west-1', 'us-east-1']);
    expect(callsOf('GetTrailStatus').map((call) => call.region)).toEqual(['us-east-1']);
  });

  it("lets a member account see its organization's trail, homed in a region it did not collect", async () => {
    const scenario = representativeScenario();
    scenario.accounts.find((account) => account.accountId === MANAGEMENT)!.trails![0].isOrganizationTrail = true;
    const { inputs } = await collectFor(SECURITY, ['eu-west-1'], { scenario });
    // The member's own single-region trail lives in us-east-1, which was not collected: only the organization's shows.
    expect(inputs.cloudTrailTrails).toMatchObject({ state: 'collected', data: [{ Name: 'management-trail', IsOrganizationTrail: true, Status: { IsLogging: true } }] });
    expect(inputs.cloudTrailTrails.state === 'collected' && inputs.cloudTrailTrails.data[0].TrailARN).toBe(`arn:aws:cloudtrail:us-east-1:${MANAGEMENT}:trail/management-trail`);
  });

  it('a failed GetTrailStatus leaves the trails not collected, naming the failure', async () => {
    const { inputs, direct } = await collectFor(MANAGEMENT, ['us-east-1'], { faults: { accessDenied: [{ service: 'cloudtrail', operation: 'GetTrailStatus' }] } });
    expect(direct.errors).toContainEqual(expect.objectContaining({ operation: 'GetTrailStatus', code: 'AccessDeniedException', region: 'us-east-1' }));
    expect(inputs.cloudTrailTrails).toMatchObject({ state: 'not-collected', reason: expect.stringMatching(/^GetTrailStatus failed in us-east-1: AccessDeniedException: arn:aws:cloudtrail/) });
  });
});

describe('flow logs, snapshots and backup plans', () => {
  it('stores each response as evidence and reads them back as the checks expect them', async () => {
    const { inputs, direct } = await collectFor(MANAGEMENT, ['us-east-1']);
    expect(direct.errors).toEqual([]);
    const east = region(inputs, 'us-east-1');
    expect(east.flowLogs).toMatchObject({ state: 'collected', data: [{ FlowLogId: 'fl-0111aaaa2222bbbb3', FlowLogStatus: 'ACTIVE', TrafficType: 'ALL' }], provenance: { operation: 'DescribeFlowLogs' } });
    expect(east.ebsSnapshots).toMatchObject({ state: 'collected', provenance: { service: 'ec2', operation: 'DescribeSnapshots', params: { OwnerIds: ['self'], MaxResults: 1000 } } });
    const snapshots = east.ebsSnapshots.state === 'collected' ? east.ebsSnapshots.data : [];
    expect(snapshots.find((s) => s.SnapshotId === PUBLIC_EBS_SNAPSHOT)).toMatchObject({ Encrypted: false, CreateVolumePermissions: [{ Group: 'all' }] });
    expect(snapshots.find((s) => s.SnapshotId !== PUBLIC_EBS_SNAPSHOT)).toMatchObject({ Encrypted: true, CreateVolumePermissions: [{ UserId: SECURITY }] });
    // Manual snapshots only: the automated one is neither listed nor asked about.
    expect(east.rdsSnapshotAttributes.state === 'collected' && east.rdsSnapshotAttributes.data.map((a) => a.DBSnapshotIdentifier).sort()).toEqual(['orders-before-migration', PUBLIC_DB_SNAPSHOT]);
    expect(callsOf('DescribeDBSnapshotAttributes')).toHaveLength(2);
    expect(east.rdsSnapshotAttributes.state === 'collected' && east.rdsSnapshotAttributes.provenance.params).toEqual({ DBSnapshotIdentifiers: ['orders-before-migration', PUBLIC_DB_SNAPSHOT] });
    expect(east.rdsClusterSnapshotAttributes).toMatchObject({
      state: 'collected',
      data: [{ DBClusterSnapshotIdentifier: 'aurora-orders-pre-upgrade', DBClusterSnapshotAttributes: [{ AttributeName: 'restore', AttributeValues: [] }] }],
      provenance: { operation: 'DescribeDBClusterSnapshotAttributes' },
    });
    expect(east.backupPlans).toMatchObject({ state: 'collected', data: [{ BackupPlanName: 'daily-35-days', CreationDate: '2025-01-10T10:00:00.000Z' }], provenance: { service: 'backup' } });
    const findings = rdsPublicSnapshots.evaluate(inputs);
    expect(findings.find((f) => f.resourceId === PUBLIC_DB_SNAPSHOT)).toMatchObject({ status: 'NON_COMPLIANT', grade: 'red' });
  });

  it('an account with nothing of the kind answers empty lists, which are evidence too', async () => {
    const { inputs } = await collectFor(SECURITY, ['eu-west-1']);
    const west = region(inputs, 'eu-west-1');
    for (const kind of ['flowLogs', 'ebsSnapshots', 'rdsSnapshotAttributes', 'rdsClusterSnapshotAttributes', 'backupPlans'] as const) expect(west[kind], kind).toMatchObject({ state: 'collected', data: [] });
  });

  it('reads at most the limit of snapshot attributes, newest first, and records an error naming the rest', async () => {
    const scenario = representativeScenario();
    const many = Array.from({ length: 1003 }, (_, i) => ({
      snapshotId: `snap-${String(i).padStart(17, '0')}`,
      volumeId: 'vol-0many',
      startTime: new Date(Date.parse('2026-01-01T00:00:00.000Z') + i * 60_000).toISOString(),
      encrypted: true,
    }));
    scenario.accounts.find((account) => account.accountId === SECURITY)!.ebsSnapshots = { 'eu-west-1': many };
    const { inputs, direct } = await collectFor(SECURITY, ['eu-west-1'], { scenario, attributeReadLimit: 3 });
    expect(callsOf('DescribeSnapshots')).toHaveLength(2);
    expect(callsOf('DescribeSnapshotAttribute')).toHaveLength(3);
    const limit = direct.errors.find((e) => e.code === READ_LIMIT_CODE);
    expect(limit).toMatchObject({ operation: 'DescribeSnapshotAttribute', region: 'eu-west-1', message: expect.stringContaining('1003 EBS snapshots in eu-west-1') });
    const findings = ebsPublicSnapshots.evaluate(inputs);
    expect(findings.filter((f) => f.status === 'COMPLIANT').map((f) => f.resourceId).sort()).toEqual(['snap-00000000000001000', 'snap-00000000000001001', 'snap-00000000000001002']);
    const unread = findings.filter((f) => f.status === 'NOT_EVALUATED');
    expect(unread).toHaveLength(1000);
    expect(unread[0].annotation).toContain('Triad read the attributes of the 3 newest only');
  });

  it('a refused DescribeSnapshotAttribute stops the reads after one error; the snapshots stay listed, not evaluated', async () => {
    const { inputs, direct } = await collectFor(MANAGEMENT, ['us-east-1'], { faults: { accessDenied: [{ service: 'ec2', operation: 'DescribeSnapshotAttribute' }] } });
    expect(direct.errors.filter((e) => e.operation === 'DescribeSnapshotAttribute')).toHaveLength(1);
    const findings = ebsPublicSnapshots.evaluate(inputs);
    expect(findings.map((f) => f.status)).toEqual(['NOT_EVALUATED', 'NOT_EVALUATED']);
    expect(findings[0].annotation).toMatch(/DescribeSnapshotAttribute failed: UnauthorizedOperation/);
  });

  it('a region whose ListBackupPlans keeps failing has its plans not collected, with the reason', async () => {
    const { inputs, direct } = await collectFor(MANAGEMENT, ['us-east-1'], { faults: { serverErrors: [{ match: { service: 'backup', operation: 'ListBackupPlans' }, code: 'InternalFailure', count: 100 }] } });
    expect(direct.errors).toContainEqual(expect.objectContaining({ operation: 'ListBackupPlans', code: 'InternalFailure' }));
    expect(region(inputs, 'us-east-1').backupPlans).toMatchObject({ state: 'not-collected', reason: expect.stringMatching(/^ListBackupPlans failed: InternalFailure/) });
    expect(region(inputs, 'us-east-1').flowLogs.state).toBe('collected');
  });
});

describe('the large scenario with check inputs', () => {
  it("gives every member its organization's trail, and every tenth account a public EBS and RDS snapshot", async () => {
    const scenario = buildLargeScenario({ accounts: 10, regions: 1, rules: 8, resourcesPerRule: 2, checkInputs: true });
    emulator = await startEmulator({ scenario });
    runtime = new AwsRuntime({ endpoint: emulator.url, rateLimiter: new RateLimiter({ ratePerSecond: 1000, burst: 1000 }), extraRetries: 0, sdkMaxAttempts: 1 });
    const member = scenario.accounts[9].accountId;
    const sts = new STSClient({ endpoint: emulator.url, region: 'us-east-1', credentials: LARGE_AUDITOR_CREDENTIALS });
    const { Credentials: session } = await sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${member}:role/${LARGE_AUDITOR_ROLE}`, RoleSessionName: 'triad-test' }));
    const rt = runtime;
    const direct = await collectAccountInputs(
      { send: (target, Ctor, command) => rt.send(target, Ctor, command), endpoint: emulator.url, reportPollMs: 0 },
      { accountId: member, region: 'us-east-1', credentials: { accessKeyId: session!.AccessKeyId!, secretAccessKey: session!.SecretAccessKey!, sessionToken: session!.SessionToken! } },
      ['us-east-1'],
    );
    const inputs = buildCheckInputs({ accountId: member, evidence: direct.evidence, coverage: [{ accountId: member, region: 'us-east-1', state: 'not-enabled', reason: 'test' }] as AccountEvidence['coverage'], errors: direct.errors }, EVALUATED_AT);
    expect(inputs.cloudTrailTrails).toMatchObject({ state: 'collected', data: [{ Name: 'organization-trail', IsOrganizationTrail: true, Status: { IsLogging: true } }] });
    expect(ebsPublicSnapshots.evaluate(inputs).map((f) => f.status).sort()).toEqual(['COMPLIANT', 'NON_COMPLIANT']);
    expect(rdsPublicSnapshots.evaluate(inputs).map((f) => f.status)).toEqual(['NON_COMPLIANT']);
    expect(region(inputs, 'us-east-1').backupPlans).toMatchObject({ state: 'collected', data: [] });
  });
});
