// What a real estate throws at the collector: each fault gives a recorded error and a coverage gap (or is
// absorbed, for throttling and transient failures), never a crash or a lost snapshot.

import { describe, expect, it } from 'vitest';
import { CollectionControl } from '../../../src/main/collect';
import { AUDITOR_ROLE, MANAGEMENT, SECURITY } from '../../emulator/scenarios/representative';
import { AUDITOR, coverageOf, errorsOf, runCollect } from './harness';
import { representativeEmulatorPerFile } from '../emulator/harness';

const emulator = representativeEmulatorPerFile();

const twoAccounts = { accounts: [MANAGEMENT, SECURITY], role: AUDITOR_ROLE, regions: ['us-east-1', 'eu-west-1'] };

describe('faults', () => {
  it('AccessDenied on a region stops that pair only; on one API it loses only that part', async () => {
    emulator().setFaults({
      accessDenied: [
        { service: 'config', accountId: MANAGEMENT, region: 'us-east-1', operation: 'DescribeConfigurationRecorders' },
        { service: 'config', accountId: SECURITY, region: 'eu-west-1', operation: 'DescribeConformancePacks' },
      ],
    });
    const { result, db, reader } = await runCollect(emulator(), twoAccounts);
    expect(result.written).toBe(true);
    const coverage = coverageOf(db);
    expect(coverage[`${MANAGEMENT} us-east-1`]).toEqual({ state: 'failed', reason: expect.stringMatching(/^Access denied on DescribeConfigurationRecorders/) });
    expect(coverage[`${SECURITY} eu-west-1`]).toEqual({ state: 'partial', reason: 'Conformance packs not collected (DescribeConformancePacks: AccessDeniedException)' });
    expect(coverage[`${SECURITY} us-east-1`].state).toBe('collected');
    expect(errorsOf(db).map((e) => `${e.account_id} ${e.region} ${e.operation} ${e.code}`)).toEqual(
      expect.arrayContaining([`${MANAGEMENT} us-east-1 DescribeConfigurationRecorders AccessDeniedException`, `${SECURITY} eu-west-1 DescribeConformancePacks AccessDeniedException`]),
    );
    // Not collected never counts as compliant: the failed pair contributes no finding at all.
    expect(reader.findings({ controlId: 'config-rule:ENCRYPTED_VOLUMES', offset: 0, limit: 100, filters: { accounts: [MANAGEMENT], regions: ['us-east-1'] } })?.total ?? 0).toBe(0);
    reader.close();
    db.close();
  });

  it('a region where Config is not enabled is a not-enabled gap with an error', async () => {
    emulator().setFaults({ configNotEnabled: [{ accountId: SECURITY, region: 'us-east-1' }] });
    const { db } = await runCollect(emulator(), twoAccounts);
    expect(coverageOf(db)[`${SECURITY} us-east-1`]).toEqual({ state: 'not-enabled', reason: 'AWS Config is not enabled: no configuration recorder in this region' });
    expect(errorsOf(db).find((e) => e.account_id === SECURITY && e.region === 'us-east-1')).toMatchObject({ code: 'ConfigNotRecording' });
    db.close();
  });

  it('an opt-in region the account has not enabled is skipped with the error AWS gave', async () => {
    const { db } = await runCollect(emulator(), { self: true, regions: ['ap-east-1', 'us-east-1'] });
    expect(coverageOf(db)[`${MANAGEMENT} ap-east-1`]).toEqual({ state: 'skipped', reason: 'Region not enabled for this account (opt-in region): UnrecognizedClientException' });
    expect(coverageOf(db)[`${MANAGEMENT} us-east-1`].state).toBe('collected');
    db.close();
  });

  it('a rule stuck in evaluation gives a NOT_EVALUATED row, an error and a partial cell', async () => {
    emulator().setFaults({ stuckRules: [{ accountId: MANAGEMENT, region: 'us-east-1', ruleName: 'encrypted-volumes' }] });
    const { db, reader } = await runCollect(emulator(), { self: true, regions: ['us-east-1'] });
    const rows = reader.findings({ controlId: 'config-rule:ENCRYPTED_VOLUMES', offset: 0, limit: 10 })!.rows;
    expect(rows.map((r) => r.status)).toEqual(['NOT_EVALUATED']);
    expect(coverageOf(db)[`${MANAGEMENT} us-east-1`]).toEqual({ state: 'partial', reason: 'Rule encrypted-volumes has not completed an evaluation' });
    expect(errorsOf(db).map((e) => e.code)).toEqual(['RuleNotEvaluated']);
    reader.close();
    db.close();
  });

  it('role credentials that expire mid-run are renewed by assuming the role again', async () => {
    emulator().setFaults({ expireCredentials: [{ match: { accountId: SECURITY }, afterCalls: 6 }] });
    const before = emulator().sessions().length;
    const { db } = await runCollect(emulator(), twoAccounts);
    expect(emulator().sessions().slice(before).filter((s) => s.accountId === SECURITY).length).toBeGreaterThan(1);
    expect(emulator().calls.some((c) => c.errorCode === 'ExpiredTokenException')).toBe(true);
    expect(coverageOf(db)[`${SECURITY} us-east-1`].state).toBe('collected');
    expect(coverageOf(db)[`${SECURITY} eu-west-1`].state).toBe('collected');
    db.close();
  });

  it('credentials that expire and cannot be renewed fail their pair with the error; the rest continues', async () => {
    emulator().setFaults({ expireCredentials: [{ match: { accountId: SECURITY }, afterCalls: 1 }] });
    const { result, db } = await runCollect(emulator(), twoAccounts);
    expect(result.written).toBe(true);
    const coverage = coverageOf(db);
    expect(coverage[`${SECURITY} us-east-1`]).toEqual({ state: 'failed', reason: expect.stringMatching(/^Credentials expired during \w+ and could not be renewed$/) });
    expect(errorsOf(db).filter((e) => e.account_id === SECURITY).map((e) => e.code)).toContain('ExpiredTokenException');
    expect(coverage[`${MANAGEMENT} us-east-1`].state).toBe('collected');
    db.close();
  });

  it('HTTP 5xx from one API: transient ones are retried away, persistent ones become an error and a gap', async () => {
    emulator().setFaults({ serverErrors: [{ match: { operation: 'DescribeConfigRules', accountId: MANAGEMENT }, code: 'ServiceUnavailable', count: 2 }] });
    const transient = await runCollect(emulator(), { self: true, regions: ['us-east-1'] });
    expect(coverageOf(transient.db)[`${MANAGEMENT} us-east-1`].state).toBe('collected');
    const stats = transient.db.prepare("SELECT calls, retries, errors FROM call_stats WHERE operation = 'DescribeConfigRules'").get() as { calls: number; retries: number; errors: number };
    expect(stats).toEqual({ calls: 3, retries: 2, errors: 0 });
    transient.db.close();

    emulator().setFaults({ serverErrors: [{ match: { operation: 'BatchGetResourceConfig', accountId: MANAGEMENT, region: 'us-east-1' }, code: 'InternalFailure', probability: 1 }] });
    const persistent = await runCollect(emulator(), { self: true, regions: ['us-east-1'], backoffBaseMs: 1 });
    expect(coverageOf(persistent.db)[`${MANAGEMENT} us-east-1`]).toEqual({
      state: 'partial',
      reason: 'Some configuration items not collected (BatchGetResourceConfig: InternalFailure)',
    });
    expect(errorsOf(persistent.db)).toMatchObject([{ operation: 'BatchGetResourceConfig', code: 'InternalFailure' }]);
    // The findings are kept; they just have no configuration item.
    const page = persistent.reader.findings({ controlId: 'config-rule:S3_BUCKET_PUBLIC_READ_PROHIBITED', offset: 0, limit: 10 })!;
    expect(page.total).toBeGreaterThan(0);
    expect(page.rows.every((r) => r.evidenceId === undefined)).toBe(true);
    persistent.reader.close();
    persistent.db.close();
  });

  it('throttling is absorbed: backoff and retries, recorded in the call statistics, no gap', async () => {
    emulator().setFaults({ throttle: [{ match: { service: 'config' }, ratePerSecond: 5, burst: 2 }] });
    const { result, db } = await runCollect(emulator(), { self: true, regions: ['us-east-1'], ratePerSecond: 50, backoffBaseMs: 50 });
    expect(result.throttles).toBeGreaterThan(0);
    expect(coverageOf(db)[`${MANAGEMENT} us-east-1`]).toEqual({ state: 'collected', reason: '' });
    const totals = db.prepare('SELECT sum(throttles) AS throttles, sum(retries) AS retries FROM call_stats').get() as { throttles: number; retries: number };
    expect(totals.throttles).toBe(result.throttles);
    expect(totals.retries).toBeGreaterThanOrEqual(totals.throttles);
    db.close();
  });

  it('unprocessed BatchGetResourceConfig keys are fetched again until every item is in', async () => {
    emulator().setFaults({ unprocessedKeys: [{ processAtMost: 2 }] });
    const { db } = await runCollect(emulator(), { self: true, regions: ['us-east-1'] });
    // The four evaluated resources, two keys per answer (the built-in checks' own slices of items are not counted).
    const items = db
      .prepare("SELECT count(*) AS n FROM evidence WHERE kind = 'configuration-item' AND provenance_id IN (SELECT id FROM provenance WHERE params LIKE '%resourceKeys%') AND id IN (SELECT evidence_id FROM findings WHERE control_id LIKE 'config-rule:%' OR control_id LIKE 'conformance-pack:%')")
      .get() as { n: number };
    expect(items.n).toBe(4);
    expect(emulator().calls.filter((c) => c.operation === 'BatchGetResourceConfig')).toHaveLength(2);
    expect(coverageOf(db)[`${MANAGEMENT} us-east-1`].state).toBe('collected');
    db.close();
  });

  it('an expired SSO session pauses the collection with the login to run, and it continues once resumed', async () => {
    let expired = false;
    let served = 0;
    const ssoProvider = async () => {
      served += 1;
      if (served === 3) expired = true;
      if (expired) {
        throw Object.assign(new Error('The SSO session associated with this profile has expired or is otherwise invalid. To refresh this SSO session run aws sso login with the corresponding profile.'), { name: 'CredentialsProviderError' });
      }
      return AUDITOR;
    };
    const control = new CollectionControl();
    const messages: string[] = [];
    const { result, db } = await runCollect(
      emulator(),
      { self: true, profile: 'audit', regions: ['us-east-1', 'eu-west-1'], concurrency: 1 },
      {
        credentials: ssoProvider,
        control,
        onProgress: (p) => {
          if (p.state === 'paused' && p.message && !messages.includes(p.message)) {
            messages.push(p.message);
            expired = false; // the user ran "aws sso login"
            setTimeout(() => control.resume(), 10);
          }
        },
      },
    );
    expect(messages).toEqual(['SSO session for profile audit expired: run "aws sso login --profile audit"']);
    expect(result.written).toBe(true);
    expect(Object.values(coverageOf(db)).map((c) => c.state).sort()).toEqual(['collected', 'not-enabled']);
    db.close();
  });
});
