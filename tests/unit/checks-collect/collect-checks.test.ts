// The built-in checks and real Trusted Advisor as part of `collect`, against the emulator's representative
// organization with the real AWS SDK: root without MFA, no password policy, a user with an admin `*` policy and a
// public bucket each show up as a failing finding with its evidence; Trusted Advisor results sit beside the
// checks, and an account without a Business plan gets one "not available on this plan" note, not an error.

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gradeOf } from '../../../src/shared/grades';
import { evaluateCommand } from '../../../src/main/cli/commands/evaluate';
import { REDACTED_EXTERNAL_ID, redactExternalIds } from '../../../src/main/collect/check-inputs/direct';
import { openSnapshot, type SnapshotReader } from '../../../src/main/snapshot';
import { startEmulator, type Emulator } from '../../emulator/server';
import { AUDITOR_ROLE, MANAGEMENT, SECURITY, representativeScenario } from '../../emulator/scenarios/representative';
import { errorsOf, expectOnlyAllowlistedCalls, runCollect, snapshotPath, type Run } from '../collect/harness';

let emulator: Emulator;
let run: Run;

beforeAll(async () => {
  const scenario = representativeScenario();
  // A resource no Config rule evaluates: Config fetches no item for it, the checks still judge it.
  scenario.accounts.find((a) => a.accountId === SECURITY)!.config['us-east-1'].resources.push({
    resourceType: 'AWS::RDS::DBInstance',
    resourceId: 'db-PUBLIC0001',
    resourceName: 'reporting',
    configurationItemCaptureTime: '2026-11-20T08:00:00.000Z',
    configuration: { dBInstanceIdentifier: 'reporting', publiclyAccessible: true, multiAZ: false },
  });
  emulator = await startEmulator({ scenario });
  run = await runCollect(emulator, { accounts: [MANAGEMENT, SECURITY], role: AUDITOR_ROLE, regions: ['us-east-1'] });
}, 60_000);

afterAll(async () => {
  run?.reader.close();
  run?.db.close();
  await emulator.stop();
});

function failing(reader: SnapshotReader, controlId: string, accountId: string) {
  const page = reader.findings({ controlId, filters: { accounts: [accountId], statuses: ['NON_COMPLIANT'] }, offset: 0, limit: 50 });
  expect(page, `${controlId} is a control of the snapshot`).not.toBeNull();
  return page!.rows.map((row) => ({ row, detail: reader.finding(row.id)! }));
}

describe('collect runs the built-in checks', () => {
  it('writes a snapshot with every built-in check as a classified control', () => {
    expect(run.result.written).toBe(true);
    const control = run.reader.control('built-in:iam-root-mfa')!.control;
    expect(control).toMatchObject({ source: 'built-in', sourceIdentifier: 'iam-root-mfa', title: 'Root user has MFA enabled', classificationOrigin: 'catalog' });
    expect(control.classification?.pillar).toBe('confidentiality');
    expect(control.references?.[0]).toMatch(/^https:\/\/docs\.aws\.amazon\.com\//);
    expectOnlyAllowlistedCalls(emulator);
  });

  it('flags the root user without MFA, with the account summary as evidence', () => {
    const [root] = failing(run.reader, 'built-in:iam-root-mfa', MANAGEMENT);
    expect(gradeOf(root.row.annotation)).toBe('red');
    expect(root.detail.evidence).toMatchObject({
      kind: 'api-response',
      body: { AccountMFAEnabled: 0 },
      provenance: { service: 'iam', operation: 'GetAccountSummary', accountId: MANAGEMENT },
    });
    expect(failing(run.reader, 'built-in:iam-root-mfa', SECURITY)).toEqual([]);
  });

  it('flags the missing password policy, with IAM\'s NoSuchEntity answer as evidence', () => {
    const [policy] = failing(run.reader, 'built-in:iam-password-policy', MANAGEMENT);
    expect(policy.row.annotation).toMatch(/no password policy/i);
    expect(policy.detail.evidence?.provenance).toMatchObject({ service: 'iam', operation: 'GetAccountPasswordPolicy' });
  });

  it('flags the user whose policies grant "*" on "*", with the policy as evidence', () => {
    const admins = failing(run.reader, 'built-in:iam-policy-full-admin', MANAGEMENT);
    expect(admins.map((a) => a.row.resourceName ?? a.row.resourceId).join(' ')).toMatch(/legacy-admin|AdministratorAccess/);
    expect(admins[0].detail.evidence?.provenance.operation).toBe('GetAccountAuthorizationDetails');
  });

  it('flags the public bucket where no Block Public Access neutralizes it, with its configuration item', () => {
    const [bucket] = failing(run.reader, 'built-in:s3-bucket-public-access', SECURITY);
    expect(bucket.row.resourceId).toBe(`triad-${SECURITY}-us-east-1-public`);
    expect(bucket.detail.evidence).toMatchObject({ kind: 'configuration-item', provenance: { operation: 'BatchGetResourceConfig' } });
    expect(JSON.stringify(bucket.detail.evidence?.body)).toContain('AllUsers');
  });

  it('judges recorded resources no Config rule evaluated, read with SelectResourceConfig', () => {
    const [db] = failing(run.reader, 'built-in:rds-public-instance', SECURITY);
    expect(db.row).toMatchObject({ resourceId: 'db-PUBLIC0001', resourceName: 'reporting' });
    expect(db.detail.evidence).toMatchObject({ kind: 'configuration-item', provenance: { service: 'config', operation: 'SelectResourceConfig' } });
  });

  it('ingests real Trusted Advisor results beside the built-in check that names them', () => {
    const [port] = failing(run.reader, 'trusted-advisor:HCP4007jGY', MANAGEMENT);
    expect(port.row).toMatchObject({ resourceId: 'sg-0111', region: 'us-east-1' });
    expect(gradeOf(port.row.annotation)).toBe('red');
    expect(port.detail.evidence?.provenance).toMatchObject({ service: 'trustedadvisor', operation: 'ListRecommendationResources' });
    const control = run.reader.control('trusted-advisor:HCP4007jGY')!.control;
    expect(control.classification).toEqual(run.reader.control('built-in:ec2-security-group-open-ports')!.control.classification);
  });

  it('records "Trusted Advisor not available on this plan" once for an account without Business support, not as an error', () => {
    const availability = run.reader.info().meta.trustedAdvisor ?? {};
    expect(availability[MANAGEMENT]).toEqual({ state: 'available', note: '' });
    expect(availability[SECURITY]?.state).toBe('not-available');
    expect(availability[SECURITY]?.note).toMatch(/Trusted Advisor not available on this plan/);
    expect(errorsOf(run.db).filter((e) => e.code === 'SubscriptionRequiredException' || e.code === 'AccessDeniedException')).toEqual([]);
    const asked = emulator.calls.filter((c) => c.accountId === SECURITY && (c.service === 'support' || c.service === 'trustedadvisor'));
    expect(asked.map((c) => c.operation)).toEqual(['ListChecks']);
  });
});

describe('evaluate on the collected snapshot', () => {
  it('writes G with the checks and leaves F byte-for-byte unchanged', async () => {
    const digest = () => createHash('sha256').update(readFileSync(run.path)).digest('hex');
    const before = digest();
    const out = snapshotPath('evaluated');
    expect(await evaluateCommand.run([run.path, '--out', out])).toBe(0);
    expect(digest()).toBe(before);
    const g = openSnapshot(out);
    try {
      expect(failing(g, 'built-in:iam-root-mfa', MANAGEMENT)).toHaveLength(1);
      expect(failing(g, 'built-in:s3-bucket-public-access', SECURITY)).toHaveLength(1);
      expect(failing(g, 'trusted-advisor:HCP4007jGY', MANAGEMENT)).toHaveLength(1);
      for (const id of ['built-in:iam-root-mfa', 'built-in:iam-password-policy', 'config-rule:S3_BUCKET_PUBLIC_READ_PROHIBITED']) {
        expect(g.control(id)?.score.counts, id).toEqual(run.reader.control(id)?.score.counts);
      }
      expect(g.info().meta.trustedAdvisor).toEqual(run.reader.info().meta.trustedAdvisor);
    } finally {
      g.close();
    }
  });
});

describe('trust policies in the stored authorization details', () => {
  it('keep the sts:ExternalId condition the checks judge, never its value', () => {
    const statement = { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::999999999999:root' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'sts:ExternalId': 'shared-secret-42' } } };
    const redacted = decodeURIComponent(redactExternalIds(encodeURIComponent(JSON.stringify({ Version: '2012-10-17', Statement: [statement] }))));
    expect(redacted).not.toContain('shared-secret-42');
    expect(JSON.parse(redacted).Statement[0]).toEqual({ ...statement, Condition: { StringEquals: { 'sts:ExternalId': REDACTED_EXTERNAL_ID } } });
  });
});
