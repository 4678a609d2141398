// Where real Trusted Advisor results come from, against the emulator with the real SDK: the Trusted Advisor API
// first, the organization view read once by the management account, the Support API when the Trusted Advisor API is
// refused by a policy, and "not available on this plan" (once, not an error) for an account without Business support.

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { NewEvidence } from '../../../src/main/snapshot/writer-contract';
import { collectTrustedAdvisor, readOrganizationTrustedAdvisor } from '../../../src/main/collect/check-inputs/trusted-advisor';
import type { Send } from '../../../src/main/collect/check-inputs/direct';
import { RateLimiter } from '../../../src/main/collect/rate-limit';
import { AwsRuntime, type Target } from '../../../src/main/collect/runtime';
import { staticAccessKeyId } from '../../emulator/scenario';
import { startEmulator, type Emulator } from '../../emulator/server';
import { AUDITOR_ACCESS_KEY_ID, AUDITOR_SECRET, AUDITOR_ROLE, MANAGEMENT, PRODUCTION, PRODUCTION_EXTERNAL_ID, SECURITY, representativeScenario } from '../../emulator/scenarios/representative';
import { runCollect } from '../collect/harness';

const T = '2026-11-25T08:00:00.000Z';
let emulator: Emulator;
let runtime: AwsRuntime;
let send: Send;

const management: Target = { accountId: MANAGEMENT, region: 'us-east-1', credentials: { accessKeyId: AUDITOR_ACCESS_KEY_ID, secretAccessKey: AUDITOR_SECRET } };
const security: Target = { accountId: SECURITY, region: 'us-east-1', credentials: { accessKeyId: staticAccessKeyId(SECURITY, 'SECA'), secretAccessKey: 'emulator-secret-security' } };

const resultOf = (evidence: NewEvidence[], checkId: string) =>
  evidence.find((e) => e.resourceType === 'AWS::TrustedAdvisor::CheckResult' && e.resourceId === checkId) as
    | (NewEvidence & { body: { status?: string; flaggedResources?: { resourceId?: string; status?: string; region?: string; metadata?: string[] }[] } })
    | undefined;

beforeAll(async () => {
  const scenario = representativeScenario();
  // A second account on a Business plan, so the organization view spans more than the management account.
  const production = scenario.accounts.find((a) => a.accountId === PRODUCTION)!;
  production.supportPlan = 'business';
  production.trustedAdvisorResults = [
    {
      checkId: 'HCP4007jGY',
      status: 'warning',
      timestamp: T,
      flaggedResources: [{ resourceId: 'sg-0999', status: 'warning', region: 'eu-west-1', metadata: ['eu-west-1', 'app', 'sg-0999', 'tcp', '80', 'Yellow', '0.0.0.0/0'] }],
    },
  ];
  emulator = await startEmulator({ scenario });
  runtime = new AwsRuntime({ endpoint: emulator.url, rateLimiter: new RateLimiter({ ratePerSecond: 200, burst: 200 }) });
  send = (target, Ctor, command) => runtime.send(target, Ctor, command);
});

beforeEach(() => {
  emulator.clearCalls();
  emulator.setFaults({});
});

afterAll(async () => {
  runtime.destroy();
  await emulator.stop();
});

describe('Trusted Advisor API', () => {
  it('reads checks, recommendations and their resources, in the Support API shapes the controls are built from', async () => {
    const out = await collectTrustedAdvisor(send, management);
    expect(out.availability).toEqual({ state: 'available', note: '' });
    expect(out.errors).toEqual([]);
    const checks = out.evidence.find((e) => e.resourceType === 'AWS::TrustedAdvisor::Checks')!;
    expect(checks.body).toEqual([
      expect.objectContaining({ id: 'HCP4007jGY', category: 'security', metadata: ['Region', 'Security Group Name', 'Security Group ID', 'Protocol', 'Port', 'Status', 'IP Range'] }),
      expect.objectContaining({ id: '7DAFEmoDos', category: 'security', metadata: ['Status', 'Reason'] }),
    ]);
    const ports = resultOf(out.evidence, 'HCP4007jGY')!;
    expect(ports.body).toMatchObject({ status: 'error', flaggedResources: [{ resourceId: 'sg-0111', status: 'error', region: 'us-east-1', metadata: ['us-east-1', 'web', 'sg-0111', 'tcp', '22', 'Red', '0.0.0.0/0'] }] });
    expect(ports.provenance).toMatchObject({ service: 'trustedadvisor', operation: 'ListRecommendationResources', accountId: MANAGEMENT });
    expect(resultOf(out.evidence, '7DAFEmoDos')!.body).toMatchObject({ status: 'ok', flaggedResources: [] });
    expect(new Set(emulator.calls.map((c) => c.service))).toEqual(new Set(['trustedadvisor']));
  });

  it('falls back to the Support API when a policy refuses the Trusted Advisor API', async () => {
    emulator.setFaults({ accessDenied: [{ service: 'trustedadvisor' }] });
    const out = await collectTrustedAdvisor(send, management);
    expect(out.availability.state).toBe('available');
    expect(out.errors).toEqual([]);
    const ports = resultOf(out.evidence, 'HCP4007jGY')!;
    expect(ports.provenance).toMatchObject({ service: 'support', operation: 'DescribeTrustedAdvisorCheckResult' });
    expect(ports.body.flaggedResources?.map((r) => r.resourceId)).toEqual(['sg-0111']);
    expect(emulator.calls.map((c) => `${c.service}:${c.operation}`)).toEqual([
      'trustedadvisor:ListChecks',
      'support:DescribeTrustedAdvisorChecks',
      'support:DescribeTrustedAdvisorCheckResult',
      'support:DescribeTrustedAdvisorCheckResult',
    ]);
  });

  it('records "not available on this plan" after one call for an account without Business support, with no error', async () => {
    const out = await collectTrustedAdvisor(send, security);
    expect(out.availability.state).toBe('not-available');
    expect(out.availability.note).toMatch(/^Trusted Advisor not available on this plan: .*\(AccessDeniedException from ListChecks\)$/);
    expect(out.errors).toEqual([]);
    expect(out.evidence).toEqual([]);
    expect(emulator.calls.map((c) => c.operation)).toEqual(['ListChecks']);
  });

  it('records a failure, not "not available", when both APIs fail for another reason', async () => {
    emulator.setFaults({ accessDenied: [{ service: 'trustedadvisor' }, { service: 'support' }] });
    const out = await collectTrustedAdvisor(send, management);
    expect(out.availability.state).toBe('not-collected');
    expect(out.errors.map((e) => `${e.service}:${e.operation} ${e.code}`)).toEqual(['trustedadvisor:ListChecks AccessDeniedException', 'support:DescribeTrustedAdvisorChecks AccessDeniedException']);
  });
});

describe('organization view', () => {
  it('is read once by the management account and answers for each member account on a plan, with no call in it', async () => {
    const view = await readOrganizationTrustedAdvisor(send, management);
    expect(view).toBeDefined();
    expect([...view!.accounts.keys()].sort()).toEqual([MANAGEMENT, PRODUCTION].sort());
    const calls = emulator.calls.length;
    const prodTarget: Target = { ...management, accountId: PRODUCTION };
    const out = await collectTrustedAdvisor(send, prodTarget, undefined, view);
    expect(emulator.calls.length).toBe(calls);
    const ports = resultOf(out.evidence, 'HCP4007jGY')!;
    expect(ports.accountId).toBe(PRODUCTION);
    expect(ports.body).toMatchObject({ status: 'warning', flaggedResources: [{ resourceId: 'sg-0999', region: 'eu-west-1', status: 'warning' }] });
    expect(ports.provenance).toMatchObject({ service: 'trustedadvisor', operation: 'ListOrganizationRecommendationResources', accountId: PRODUCTION });
    // The view lists nothing of this account for the root MFA check: no result, never "ok".
    expect(resultOf(out.evidence, '7DAFEmoDos')!.body).toMatchObject({ status: 'not_available', flaggedResources: [] });
  });

  it('is not used from an account that is not the management account: each account then reads its own', async () => {
    expect(await readOrganizationTrustedAdvisor(send, security)).toBeUndefined();
  });

  it('drives an organization collection: members on a plan come from the view, the others say "not available"', async () => {
    const run = await runCollect(emulator, { organization: true, role: AUDITOR_ROLE, externalId: PRODUCTION_EXTERNAL_ID, regions: ['us-east-1'] });
    try {
      const organizationCalls = emulator.calls.filter((c) => c.operation.startsWith('ListOrganizationRecommendation'));
      expect(new Set(organizationCalls.map((c) => c.accountId))).toEqual(new Set([MANAGEMENT]));
      // Accounts the view covers make no Trusted Advisor call of their own.
      const own = emulator.calls.filter((c) => (c.service === 'trustedadvisor' || c.service === 'support') && !c.operation.startsWith('ListOrganization'));
      expect(own.filter((c) => c.accountId === PRODUCTION)).toEqual([]);
      expect(own.filter((c) => c.accountId === SECURITY).map((c) => c.operation)).toEqual(['ListChecks']);
      const page = run.reader.findings({ controlId: 'trusted-advisor:HCP4007jGY', filters: { accounts: [PRODUCTION], statuses: ['NON_COMPLIANT'] }, offset: 0, limit: 10 })!;
      expect(page.rows.map((r) => r.resourceId)).toEqual(['sg-0999']);
      const availability = run.reader.info().meta.trustedAdvisor ?? {};
      expect(availability[PRODUCTION]).toEqual({ state: 'available', note: '' });
      expect(availability[SECURITY]?.state).toBe('not-available');
    } finally {
      run.reader.close();
      run.db.close();
    }
  }, 60_000);
});
