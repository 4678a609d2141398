// The checks whose inputs Triad reads directly (CloudTrail trail status, VPC flow logs, EBS snapshots with their
// createVolumePermission, manual RDS snapshots with their restore attribute, AWS Backup plans) as part of `collect`
// against the emulator's representative organization with the real AWS SDK: each gives COMPLIANT and NON_COMPLIANT
// findings with evidence, `evaluate` re-runs them from the stored responses, and a refused DescribeSnapshots turns
// the snapshot checks into NOT_EVALUATED naming the refusal.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ComplianceStatus } from '../../../src/shared/domain';
import { evaluateCommand } from '../../../src/main/cli/commands/evaluate';
import { openSnapshot, type SnapshotReader } from '../../../src/main/snapshot';
import { startEmulator, type Emulator } from '../../emulator/server';
import { AUDITOR_ROLE, MANAGEMENT, PRODUCTION, PRODUCTION_EXTERNAL_ID, PUBLIC_DB_CLUSTER_SNAPSHOT, PUBLIC_DB_SNAPSHOT, PUBLIC_EBS_SNAPSHOT, SECURITY, representativeScenario, vpcIdOf } from '../../emulator/scenarios/representative';
import { errorsOf, expectOnlyAllowlistedCalls, runCollect, snapshotPath, type Run } from '../collect/harness';

const CHECKS = [
  'vpc-flow-logs',
  'ebs-public-snapshots',
  'ebs-recent-snapshots',
  'rds-public-snapshots',
  'backup-plans',
  'cloudtrail-multi-region',
  'cloudtrail-bucket-not-public',
  'snapshot-encryption',
];

let emulator: Emulator;
let run: Run;

beforeAll(async () => {
  emulator = await startEmulator({ scenario: representativeScenario() });
  run = await runCollect(emulator, { accounts: [MANAGEMENT, SECURITY, PRODUCTION], role: AUDITOR_ROLE, externalId: PRODUCTION_EXTERNAL_ID, regions: ['us-east-1'] });
}, 60_000);

afterAll(async () => {
  run?.reader.close();
  run?.db.close();
  await emulator.stop();
});

function findingsOf(reader: SnapshotReader, checkId: string, statuses: ComplianceStatus[], accounts?: string[]) {
  const page = reader.findings({ controlId: `built-in:${checkId}`, filters: { statuses, ...(accounts ? { accounts } : {}) }, offset: 0, limit: 100 });
  expect(page, `built-in:${checkId} is a control of the snapshot`).not.toBeNull();
  return page!.rows.map((row) => ({ row, detail: reader.finding(row.id)! }));
}

describe('collect reads the inputs AWS Config does not record', () => {
  it('calls only allowlisted operations, and records no error for the inputs on the representative scenario', () => {
    expectOnlyAllowlistedCalls(emulator);
    const operations = [
      'DescribeTrails',
      'GetTrailStatus',
      'DescribeFlowLogs',
      'DescribeSnapshots',
      'DescribeSnapshotAttribute',
      'DescribeDBSnapshots',
      'DescribeDBSnapshotAttributes',
      'DescribeDBClusterSnapshots',
      'DescribeDBClusterSnapshotAttributes',
      'ListBackupPlans',
    ];
    const ofAccounts = errorsOf(run.db).filter((e) => e.account_id === MANAGEMENT || e.account_id === SECURITY);
    expect(ofAccounts.filter((e) => operations.includes(e.operation))).toEqual([]);
    for (const operation of operations) expect(emulator.calls.some((c) => c.operation === operation && c.status === 200), operation).toBe(true);
  });

  it.each(CHECKS)('%s gives COMPLIANT and NON_COMPLIANT findings, each with its evidence', (checkId) => {
    const passed = findingsOf(run.reader, checkId, ['COMPLIANT']);
    const failed = findingsOf(run.reader, checkId, ['NON_COMPLIANT']);
    expect(passed.length, `${checkId} passes somewhere`).toBeGreaterThan(0);
    expect(failed.length, `${checkId} fails somewhere`).toBeGreaterThan(0);
    for (const { detail } of [...passed, ...failed]) expect(detail.evidence, `${checkId} ${detail.finding?.resourceId ?? ''}`).not.toBeNull();
    const notEvaluated = findingsOf(run.reader, checkId, ['NOT_EVALUATED'], [MANAGEMENT, SECURITY]);
    expect(notEvaluated.map((f) => f.row.annotation)).toEqual([]);
  });

  it('flags the public EBS snapshot from its createVolumePermission, read with DescribeSnapshotAttribute', () => {
    const [snapshot] = findingsOf(run.reader, 'ebs-public-snapshots', ['NON_COMPLIANT']);
    expect(snapshot.row).toMatchObject({ accountId: MANAGEMENT, resourceId: PUBLIC_EBS_SNAPSHOT, region: 'us-east-1' });
    expect(snapshot.detail.evidence).toMatchObject({ kind: 'api-response', body: { CreateVolumePermissions: [{ Group: 'all' }] }, provenance: { service: 'ec2', operation: 'DescribeSnapshots' } });
  });

  it('flags the public manual RDS snapshot and the public Aurora cluster snapshot, with their restore attribute as evidence', () => {
    const failed = findingsOf(run.reader, 'rds-public-snapshots', ['NON_COMPLIANT'], [MANAGEMENT]);
    expect(failed.map((f) => f.row.resourceId)).toEqual([PUBLIC_DB_SNAPSHOT]);
    expect(failed[0].detail.evidence).toMatchObject({
      body: { DBSnapshotIdentifier: PUBLIC_DB_SNAPSHOT, DBSnapshotAttributes: [{ AttributeName: 'restore', AttributeValues: ['all'] }] },
      provenance: { service: 'rds', operation: 'DescribeDBSnapshotAttributes', accountId: MANAGEMENT },
    });
    const [cluster] = findingsOf(run.reader, 'rds-public-snapshots', ['NON_COMPLIANT'], [SECURITY]);
    expect(cluster.row).toMatchObject({ resourceId: PUBLIC_DB_CLUSTER_SNAPSHOT, resourceType: 'AWS::RDS::DBClusterSnapshot' });
    expect(cluster.detail.evidence?.provenance).toMatchObject({ service: 'rds', operation: 'DescribeDBClusterSnapshotAttributes', accountId: SECURITY });
    // Automated snapshots cannot be public: only manual ones are judged.
    expect(findingsOf(run.reader, 'rds-public-snapshots', ['COMPLIANT']).map((f) => f.row.resourceId).sort()).toEqual(['aurora-orders-pre-upgrade', 'orders-before-migration']);
  });

  it('flags the VPC without a flow log and passes the one with an active flow log', () => {
    const [failed] = findingsOf(run.reader, 'vpc-flow-logs', ['NON_COMPLIANT'], [SECURITY]);
    expect(failed.row.resourceId).toBe(vpcIdOf(SECURITY, 'us-east-1'));
    const [passed] = findingsOf(run.reader, 'vpc-flow-logs', ['COMPLIANT'], [MANAGEMENT]);
    expect(passed.row.annotation).toContain('fl-0111aaaa2222bbbb3');
  });

  it('judges trails with their GetTrailStatus: single-region red/yellow, stopped logging red, complete green', () => {
    const status = (account: string) => findingsOf(run.reader, 'cloudtrail-multi-region', ['COMPLIANT', 'NON_COMPLIANT'], [account]).map((f) => f.row);
    expect(status(MANAGEMENT)).toMatchObject([{ status: 'COMPLIANT' }]);
    expect(status(SECURITY)[0]).toMatchObject({ status: 'NON_COMPLIANT' });
    expect(status(SECURITY)[0].annotation).toMatch(/single-region/);
    expect(status(PRODUCTION)[0].annotation).toMatch(/No trail is logging/);
    const [evidence] = findingsOf(run.reader, 'cloudtrail-multi-region', ['COMPLIANT'], [MANAGEMENT]).map((f) => f.detail.evidence);
    expect(evidence?.provenance).toMatchObject({ service: 'cloudtrail', operation: 'DescribeTrails' });
    expect(JSON.stringify(evidence?.body)).toContain('"IsLogging":true');
  });

  it('finds the trail bucket among the configuration items: the public one fails', () => {
    const [failed] = findingsOf(run.reader, 'cloudtrail-bucket-not-public', ['NON_COMPLIANT']);
    expect(failed.row).toMatchObject({ accountId: SECURITY, resourceName: 'security-trail' });
    expect(failed.row.annotation).toContain(`triad-${SECURITY}-us-east-1-public`);
  });

  it('needs a backup plan where backup-eligible resources live', () => {
    expect(findingsOf(run.reader, 'backup-plans', ['COMPLIANT'], [MANAGEMENT])[0].row.annotation).toContain('daily-35-days');
    expect(findingsOf(run.reader, 'backup-plans', ['NON_COMPLIANT'], [SECURITY])[0].row.annotation).toMatch(/no AWS Backup plan/);
  });
});

describe('evaluate re-runs the checks from the stored responses', () => {
  it('gives the same counts for every check on the saved snapshot', async () => {
    const out = snapshotPath('inventory-evaluated');
    expect(await evaluateCommand.run([run.path, '--out', out])).toBe(0);
    const evaluated = openSnapshot(out);
    try {
      for (const checkId of CHECKS) {
        const control = `built-in:${checkId}`;
        expect(evaluated.control(control)?.score.counts, control).toEqual(run.reader.control(control)?.score.counts);
      }
    } finally {
      evaluated.close();
    }
  });
});

describe('a refused call', () => {
  it('AccessDenied on DescribeSnapshots: the snapshot checks are NOT_EVALUATED with the reason, never passed', async () => {
    const denied = await startEmulator({ scenario: representativeScenario(), faults: { accessDenied: [{ service: 'ec2', operation: 'DescribeSnapshots', accountId: MANAGEMENT }] } });
    const refused = await runCollect(denied, { accounts: [MANAGEMENT], role: AUDITOR_ROLE, regions: ['us-east-1'], outPath: snapshotPath('inventory-denied') });
    try {
      expect(errorsOf(refused.db)).toContainEqual(expect.objectContaining({ account_id: MANAGEMENT, region: 'us-east-1', operation: 'DescribeSnapshots', code: 'UnauthorizedOperation' }));
      for (const checkId of ['ebs-public-snapshots', 'ebs-recent-snapshots', 'snapshot-encryption']) {
        // No EBS snapshot is judged (snapshot-encryption still judges the Aurora cluster snapshots it could list).
        expect(findingsOf(refused.reader, checkId, ['COMPLIANT', 'NON_COMPLIANT']).filter((f) => f.row.resourceType === 'AWS::EC2::Snapshot'), checkId).toEqual([]);
        const [notEvaluated] = findingsOf(refused.reader, checkId, ['NOT_EVALUATED']);
        expect(notEvaluated.row.annotation, checkId).toMatch(/EBS snapshots not collected in us-east-1: DescribeSnapshots failed: UnauthorizedOperation/);
      }
      // The other inputs of the region were still read.
      expect(findingsOf(refused.reader, 'snapshot-encryption', ['COMPLIANT', 'NON_COMPLIANT']).map((f) => f.row.resourceType)).toContain('AWS::RDS::DBClusterSnapshot');
      expect(findingsOf(refused.reader, 'rds-public-snapshots', ['NON_COMPLIANT']).map((f) => f.row.resourceId)).toEqual([PUBLIC_DB_SNAPSHOT]);
      expect(refused.result.written).toBe(true);
    } finally {
      refused.reader.close();
      refused.db.close();
      await denied.stop();
    }
  }, 60_000);
});
