// End to end, each scope: real SDK clients over HTTP to the emulator, a real snapshot file, read back.

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startEmulator, type Emulator } from '../../emulator/server';
import {
  AUDITOR_ARN,
  AUDITOR_ROLE,
  AUDITOR_SECRET,
  DEVELOPMENT,
  MANAGEMENT,
  PRODUCTION,
  PRODUCTION_EXTERNAL_ID,
  SECURITY,
  SUSPENDED,
  representativeScenario,
} from '../../emulator/scenarios/representative';
import { collect } from '../../../src/main/collect';
import { AwsRuntime } from '../../../src/main/collect/runtime';
import { createSnapshotWriter, openSnapshot } from '../../../src/main/snapshot';
import { AUDITOR, coverageOf, errorsOf, expectNoSecrets, expectOnlyAllowlistedCalls, runCollect, snapshotPath } from './harness';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ scenario: representativeScenario() });
});
afterAll(() => emulator.stop());

describe('self scope', () => {
  it('collects findings, parsed configuration items with provenance, and coverage of every requested region', async () => {
    emulator.clearCalls();
    const { result, reader, db, path } = await runCollect(emulator, { self: true, regions: ['us-east-1', 'eu-west-1', 'ap-east-1'] });
    expect(result.written).toBe(true);
    expect(result.partial).toBe(false);

    const info = reader.info();
    expect(info.meta.collectedBy).toEqual({ account: MANAGEMENT, arn: AUDITOR_ARN, userId: expect.any(String) });
    expect(info.meta.scope.mode).toBe('self');
    expect(info.meta.partial).toBe(false);

    // The public bucket fails the managed rule, with its configuration item as evidence.
    const control = reader.control('config-rule:S3_BUCKET_PUBLIC_READ_PROHIBITED');
    expect(control?.control.description).toBe('Checks if your Amazon S3 buckets do not allow public read access.');
    expect(control?.control.classificationOrigin).toBe('catalog');
    const page = reader.findings({ controlId: 'config-rule:S3_BUCKET_PUBLIC_READ_PROHIBITED', offset: 0, limit: 10 })!;
    const publicBucket = page.rows.find((r) => r.resourceId === `triad-${MANAGEMENT}-us-east-1-public`)!;
    expect(publicBucket.status).toBe('NON_COMPLIANT');
    expect(publicBucket.ruleName).toBe('s3-bucket-public-read-prohibited');
    expect(publicBucket.recordedAt).toBe('2026-11-25T08:00:00.000Z');
    const detail = reader.finding(publicBucket.id)!;
    expect(detail.evidence?.kind).toBe('configuration-item');
    const body = detail.evidence?.body as { configuration: { name: string }; supplementaryConfiguration: Record<string, unknown> };
    expect(body.configuration.name).toBe(`triad-${MANAGEMENT}-us-east-1-public`);
    expect(typeof body.supplementaryConfiguration).toBe('object');
    expect(body.supplementaryConfiguration.AccessControlList).toEqual({ grantList: [{ grantee: 'AllUsers', permission: 'Read' }] });
    expect(body.supplementaryConfiguration.PublicAccessBlockConfiguration).toMatchObject({ blockPublicAcls: false });
    expect(detail.evidence?.provenance).toMatchObject({ service: 'config', operation: 'BatchGetResourceConfig', accountId: MANAGEMENT, region: 'us-east-1' });
    expect(detail.evidence?.provenance.params).toEqual({ resourceKeys: [{ resourceType: 'AWS::S3::Bucket', resourceId: `triad-${MANAGEMENT}-us-east-1-public` }] });
    expect(Date.parse(detail.evidence!.provenance.retrievedAt)).toBeGreaterThan(Date.now() - 60_000);

    // Conformance-pack rules are reported under the pack, with the suffix-free control id.
    const packControl = reader.control('conformance-pack:Operational-Best-Practices-for-Encryption:S3_DEFAULT_ENCRYPTION_KMS');
    expect(packControl?.control.source).toBe('conformance-pack');
    expect(packControl?.score.counts).toMatchObject({ COMPLIANT: 1, NON_COMPLIANT: 1 });
    expect(reader.control('config-rule:S3_DEFAULT_ENCRYPTION_KMS')).toBeNull();
    // Custom rules keep their name and stay unclassified.
    expect(reader.control('config-rule:custom:custom-tagging-policy')?.control.classificationOrigin).toBe('unclassified');

    expect(coverageOf(db)).toEqual({
      [`${MANAGEMENT} us-east-1`]: { state: 'collected', reason: '' },
      [`${MANAGEMENT} eu-west-1`]: { state: 'not-enabled', reason: 'AWS Config is not enabled: no configuration recorder in this region' },
      [`${MANAGEMENT} ap-east-1`]: { state: 'skipped', reason: expect.stringContaining('opt-in') },
    });
    expect(errorsOf(db).map((e) => `${e.region} ${e.operation} ${e.code}`).sort()).toEqual([
      'ap-east-1 DescribeConfigurationRecorders UnrecognizedClientException',
      'eu-west-1 DescribeConfigurationRecorderStatus ConfigNotRecording',
    ]);

    // Caller identity and recorder status are evidence too; call statistics are kept per API.
    const identity = db.prepare("SELECT body FROM evidence WHERE resource_type = 'AWS::STS::CallerIdentity'").get() as { body: string };
    expect(JSON.parse(identity.body)).toMatchObject({ account: MANAGEMENT, arn: AUDITOR_ARN });
    const recorder = db.prepare("SELECT body FROM evidence WHERE resource_type = 'AWS::Config::ConfigurationRecorder' AND resource_id = 'recorder-status' AND region = 'us-east-1'").get() as { body: string };
    expect(JSON.parse(recorder.body)[0]).toMatchObject({ name: 'default', recording: true });
    const stats = db.prepare("SELECT calls FROM call_stats WHERE account_id = ? AND region = 'us-east-1' AND operation = 'GetComplianceDetailsByConfigRule'").get(MANAGEMENT) as { calls: number };
    expect(stats.calls).toBe(emulator.calls.filter((c) => c.operation === 'GetComplianceDetailsByConfigRule' && c.region === 'us-east-1').length);
    expect(emulator.calls.filter((c) => c.operation === 'GetComplianceDetailsByConfigRule' && c.region === 'us-east-1').length).toBe(4);

    expectOnlyAllowlistedCalls(emulator);
    expectNoSecrets(path, [AUDITOR_SECRET]);
    reader.close();
    db.close();
  });
});

describe('accounts scope', () => {
  it('assumes the role with its ExternalId as triad-<user>, records the identity, and never stores the ExternalId', async () => {
    emulator.clearCalls();
    const forget = vi.spyOn(AwsRuntime.prototype, 'forget');
    const before = emulator.sessions().length;
    const { reader, db, path } = await runCollect(emulator, {
      accounts: [PRODUCTION],
      role: AUDITOR_ROLE,
      externalId: PRODUCTION_EXTERNAL_ID,
      sessionDurationSeconds: 3600,
      regions: ['us-east-1'],
    });
    const sessions = emulator.sessions().slice(before);
    expect(sessions).toHaveLength(1);
    // The account's SDK clients are dropped once its built-in checks have read what they need.
    expect(forget).toHaveBeenCalledTimes(1);
    forget.mockRestore();
    expect(sessions[0]).toMatchObject({ accountId: PRODUCTION, roleName: AUDITOR_ROLE, sessionName: 'triad-auditor', externalId: PRODUCTION_EXTERNAL_ID });
    // Every Config call went with the role's credentials, into the production account.
    expect(new Set(emulator.calls.filter((c) => c.service === 'config').map((c) => c.accountId))).toEqual(new Set([PRODUCTION]));
    // IAM is asked for the credential report when the role is assumed, before the account's pairs, so the checks
    // after them find it generated: asked again then, it is complete and read at once.
    const production = emulator.calls.filter((c) => c.accountId === PRODUCTION);
    const reportAsked = production.filter((c) => c.operation === 'GenerateCredentialReport').map((c) => c.seq);
    const pairCalls = production.filter((c) => ['DescribeConfigRules', 'GetComplianceDetailsByConfigRule', 'BatchGetResourceConfig'].includes(c.operation)).map((c) => c.seq);
    expect(reportAsked).toHaveLength(2);
    expect(reportAsked[0]).toBeLessThan(Math.min(...pairCalls));
    expect(reportAsked[1]).toBeGreaterThan(Math.max(...pairCalls));
    const identity = db.prepare("SELECT body FROM evidence WHERE resource_type = 'AWS::STS::CallerIdentity' AND account_id = ?").get(PRODUCTION) as { body: string };
    expect(JSON.parse(identity.body)).toMatchObject({ account: PRODUCTION, arn: `arn:aws:sts::${PRODUCTION}:assumed-role/${AUDITOR_ROLE}/triad-auditor` });
    expect(reader.info().meta.scope.mode).toBe('accounts');
    // Production's us-east-1 has a rule stuck in evaluation: a NOT_EVALUATED row, an error and a partial cell.
    const stuck = reader.findings({ controlId: 'config-rule:INCOMING_SSH_DISABLED', offset: 0, limit: 10 })!;
    expect(stuck.rows.map((r) => [r.status, r.resourceType, r.resourceId])).toEqual([['NOT_EVALUATED', 'AWS::Config::ConfigRule', 'restricted-ssh']]);
    expect(coverageOf(db)[`${PRODUCTION} us-east-1`]).toEqual({ state: 'partial', reason: 'Rule restricted-ssh has not completed an evaluation' });
    expect(errorsOf(db).map((e) => e.code)).toContain('RuleNotEvaluated');
    expectNoSecrets(path, [PRODUCTION_EXTERNAL_ID, sessions[0].secretAccessKey, sessions[0].sessionToken]);
    reader.close();
    db.close();
  });

  it('passes the MFA serial and code, and reports a role it cannot assume as a failed account', async () => {
    const { reader, db, path } = await runCollect(emulator, {
      accounts: [DEVELOPMENT, PRODUCTION],
      role: AUDITOR_ROLE,
      mfaSerial: `arn:aws:iam::${MANAGEMENT}:mfa/auditor`,
      mfaCode: '123456',
      regions: ['us-east-1', 'eu-west-1'],
    });
    const coverage = coverageOf(db);
    expect(coverage[`${DEVELOPMENT} us-east-1`].state).toBe('collected');
    expect(coverage[`${DEVELOPMENT} eu-west-1`].state).toBe('collected');
    // Production requires its ExternalId, which was not given.
    expect(coverage[`${PRODUCTION} us-east-1`]).toEqual({ state: 'failed', reason: expect.stringMatching(/^Access denied on AssumeRole/) });
    expect(coverage[`${PRODUCTION} eu-west-1`].state).toBe('failed');
    expect(errorsOf(db).filter((e) => e.account_id === PRODUCTION).map((e) => e.operation)).toEqual(['AssumeRole', 'AssumeRole']);
    expect(reader.overview().coverage).toMatchObject({ pairs: 4, collected: 2 });
    expectNoSecrets(path, ['123456']);
    reader.close();
    db.close();
  });
});

describe('organization scope', () => {
  it('lists ACTIVE accounts with OU paths, skips suspended ones, and collects every enabled region', async () => {
    emulator.clearCalls();
    const { result, reader, db } = await runCollect(emulator, {
      organization: true,
      role: AUDITOR_ROLE,
      externalId: PRODUCTION_EXTERNAL_ID,
      mfaSerial: `arn:aws:iam::${MANAGEMENT}:mfa/auditor`,
      mfaCode: '654321',
      allRegions: true,
      concurrency: 4,
    });
    expect(result.written).toBe(true);
    const accounts = Object.fromEntries(reader.filterOptions().accounts.map((a) => [a.id, a]));
    expect(accounts[PRODUCTION]).toMatchObject({ name: 'production', ouPath: 'Root/Workloads/Prod', email: 'aws-production@example.com' });
    expect(accounts[SECURITY].ouPath).toBe('Root/Security');
    expect(accounts[MANAGEMENT].ouPath).toBe('Root');
    expect(accounts[SUSPENDED].ouPath).toBe('Root/Workloads');

    const coverage = coverageOf(db);
    expect(coverage[`${SUSPENDED} *`]).toEqual({ state: 'skipped', reason: `Account ${SUSPENDED} is SUSPENDED in the organization; it was not collected` });
    expect(errorsOf(db).find((e) => e.account_id === SUSPENDED)?.code).toBe('AccountNotActive');
    // All enabled regions: the opted-in ap-east-1 of the security account is included, not-opted-in ones are not.
    expect(coverage[`${SECURITY} ap-east-1`]).toEqual({ state: 'not-enabled', reason: expect.stringContaining('not recording') });
    expect(coverage[`${MANAGEMENT} ap-east-1`]).toBeUndefined();
    expect(coverage[`${PRODUCTION} eu-west-1`].state).toBe('not-enabled');
    expect(coverage[`${DEVELOPMENT} eu-west-1`].state).toBe('collected');
    // The management account is collected with the caller's own credentials, never through a role.
    const assumed = emulator.calls.filter((c) => c.operation === 'AssumeRole').length;
    expect(assumed).toBe(3);
    expect(emulator.calls.filter((c) => c.operation === 'DescribeRegions').length).toBe(4);
    expect(reader.info().meta.scope.mode).toBe('organization');
    expectOnlyAllowlistedCalls(emulator);
    reader.close();
    db.close();
  });
});

describe('aggregator scope', () => {
  it('reads every source account × region through the aggregate APIs, without assuming any role', async () => {
    emulator.clearCalls();
    const { result, reader, db } = await runCollect(
      emulator,
      { aggregator: 'org-aggregator' },
      { credentials: { accessKeyId: 'AKIA222222222222SECA', secretAccessKey: 'emulator-secret-security' } },
    );
    expect(result.written).toBe(true);
    expect(emulator.calls.filter((c) => c.operation === 'AssumeRole')).toEqual([]);
    expect(new Set(emulator.calls.map((c) => `${c.accountId} ${c.region}`))).toEqual(new Set([`${SECURITY} us-east-1`]));
    const coverage = coverageOf(db);
    expect(coverage[`${DEVELOPMENT} eu-west-1`]).toEqual({ state: 'collected', reason: '' });
    expect(coverage[`${MANAGEMENT} us-east-1`].state).toBe('collected');
    expect(reader.info().meta.scope.mode).toBe('aggregator');

    const page = reader.findings({ controlId: 'config-rule:S3_BUCKET_PUBLIC_READ_PROHIBITED', offset: 0, limit: 100, filters: { accounts: [DEVELOPMENT], regions: ['eu-west-1'] } })!;
    const row = page.rows.find((r) => r.resourceId === `triad-${DEVELOPMENT}-eu-west-1-public`)!;
    expect(row.status).toBe('NON_COMPLIANT');
    const detail = reader.finding(row.id)!;
    expect(detail.evidence?.accountId).toBe(DEVELOPMENT);
    expect(detail.evidence?.region).toBe('eu-west-1');
    expect((detail.evidence?.body as { configuration: { name: string } }).configuration.name).toBe(`triad-${DEVELOPMENT}-eu-west-1-public`);
    expect(detail.evidence?.provenance).toMatchObject({ operation: 'BatchGetAggregateResourceConfig', accountId: SECURITY, region: 'us-east-1' });
    expect(detail.evidence?.provenance.params).toMatchObject({ ConfigurationAggregatorName: 'org-aggregator' });

    // Conformance-pack rules are filed under their pack, as outside an aggregator, linked by the pack's recorded
    // AWS::Config::ConformancePackCompliance item (one SelectAggregateResourceConfig query for every source).
    const packControl = reader.control('conformance-pack:Operational-Best-Practices-for-Encryption:S3_DEFAULT_ENCRYPTION_KMS');
    expect(packControl?.control.source).toBe('conformance-pack');
    expect(reader.control('config-rule:S3_DEFAULT_ENCRYPTION_KMS')).toBeNull();
    const packRows = reader.findings({ controlId: 'conformance-pack:Operational-Best-Practices-for-Encryption:S3_DEFAULT_ENCRYPTION_KMS', offset: 0, limit: 100 })!.rows;
    expect(new Set(packRows.map((r) => r.accountId))).toEqual(new Set([MANAGEMENT, SECURITY, PRODUCTION, DEVELOPMENT]));
    expect(emulator.calls.filter((c) => c.operation === 'SelectAggregateResourceConfig')).toHaveLength(1);
    const packItem = db
      .prepare("SELECT body FROM evidence WHERE resource_type = 'AWS::Config::ConformancePackCompliance' AND account_id = ? AND region = 'eu-west-1'")
      .pluck()
      .get(DEVELOPMENT) as string;
    expect(JSON.parse(packItem)).toMatchObject({ resourceName: 'Operational-Best-Practices-for-Encryption', configuration: { configRuleList: expect.any(Array) } });
    expectOnlyAllowlistedCalls(emulator);
    reader.close();
    db.close();
  });

  it('combines with a direct scope without collecting a pair twice', async () => {
    emulator.clearCalls();
    const { db } = await runCollect(
      emulator,
      { aggregator: 'org-aggregator', self: true, regions: ['us-east-1'] },
      { credentials: { accessKeyId: 'AKIA222222222222SECA', secretAccessKey: 'emulator-secret-security' } },
    );
    const aggregated = emulator.calls.filter((c) => c.operation === 'GetAggregateComplianceDetailsByConfigRule');
    expect(aggregated.length).toBeGreaterThan(0);
    const duplicates = db.prepare('SELECT count(*) AS n FROM (SELECT control_id, account_id, region, resource_type, resource_id FROM findings GROUP BY 1, 2, 3, 4, 5 HAVING count(*) > 1)').get() as { n: number };
    expect(duplicates.n).toBe(0);
    expect(emulator.calls.filter((c) => c.operation === 'DescribeConfigRules').map((c) => `${c.accountId} ${c.region}`)).toEqual([`${SECURITY} us-east-1`]);
    db.close();
  });
});


describe('endpoints', () => {
  it('honours AWS_ENDPOINT_URL_<SERVICE> without any endpoint option', async () => {
    // Every service the collector calls, the built-in checks' direct reads included.
    const services = ['STS', 'CONFIG_SERVICE', 'IAM', 'S3_CONTROL', 'GUARDDUTY', 'ACCESSANALYZER', 'SUPPORT', 'TRUSTEDADVISOR', 'EC2', 'RDS', 'BACKUP', 'CLOUDTRAIL'];
    for (const service of services) process.env[`AWS_ENDPOINT_URL_${service}`] = emulator.url;
    emulator.clearCalls();
    try {
      const path = snapshotPath('endpoint');
      const result = await collect({ outPath: path, self: true, regions: ['us-east-1'], homeRegion: 'us-east-1' }, { writer: createSnapshotWriter(path), credentials: AUDITOR });
      expect(result.pairsWithData).toBe(1);
      // No call went anywhere else: one that did would have failed (no network here) and been recorded.
      expect(result.errors).toBe(0);
      expect(new Set(emulator.calls.map((c) => c.service))).toEqual(
        new Set(['sts', 'config', 'iam', 's3', 'guardduty', 'access-analyzer', 'trustedadvisor', 'ec2', 'rds', 'backup', 'cloudtrail']),
      );
      const reader = openSnapshot(path);
      expect(reader.info().counts.findings).toBeGreaterThan(0);
      reader.close();
    } finally {
      for (const service of services) delete process.env[`AWS_ENDPOINT_URL_${service}`];
    }
  });
});
