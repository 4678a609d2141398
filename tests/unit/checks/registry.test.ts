// What the check registry promises to auditors: enough checks, unique ids, valid classification, actionable
// metadata, Trusted Advisor's port grading, honest "not evaluated" results and untouched hostile names.

import { describe, expect, it } from 'vitest';
import { LAYERS, PILLARS, PRINCIPLES, SEVERITIES } from '../../../src/shared/domain';
import { ALL_CHECKS, findCheck, runChecks } from '../../../src/main/checks';
import { GREEN_PORTS, RED_PORTS, gradePortRange } from '../../../src/main/checks/ec2-security-group-open-ports';
import {
  checkInputs,
  ci,
  collected,
  credentialRow,
  items,
  notCollected,
  regionInputs,
} from '../../../src/main/checks/support/fixture-kit';
import { loadFixtures } from './load-fixtures';
import type { AccountInputKind, CheckInputs, Input, InputKind, RegionInputKind } from '../../../src/main/checks/types';

const ACCOUNT_KINDS: AccountInputKind[] = ['credentialReport', 'accountSummary', 'passwordPolicy', 'authorizationDetails', 's3AccountPublicAccessBlock', 'cloudTrailTrails'];
const REGION_KINDS: RegionInputKind[] = ['configurationItems', 'guardDutyDetectors', 'accessAnalyzers', 'configRecorders', 'flowLogs', 'ebsSnapshots', 'rdsSnapshotAttributes', 'rdsClusterSnapshotAttributes', 'backupPlans'];

/** The same inputs with the given kinds marked not collected (in every region for regional kinds). */
function without(inputs: CheckInputs, kinds: InputKind[], reason = 'withheld by the test'): CheckInputs {
  const missing = notCollected(reason) as Input<never>;
  const copy: CheckInputs = { ...inputs, regions: inputs.regions.map((r) => ({ ...r })) };
  for (const kind of kinds) {
    if ((ACCOUNT_KINDS as string[]).includes(kind)) (copy as unknown as Record<string, unknown>)[kind] = missing;
    else for (const region of copy.regions) (region as unknown as Record<string, unknown>)[kind] = missing;
  }
  return copy;
}

const fixturesByCheck = await loadFixtures();
const passFixture = (id: string) => fixturesByCheck.get(id)?.find((f) => f.kind === 'pass');

describe('check registry', () => {
  it('has at least 30 checks with unique kebab-case ids', () => {
    const ids = ALL_CHECKS.map((c) => c.meta.id);
    expect(ids.length).toBeGreaterThanOrEqual(30);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(findCheck('iam-root-mfa')?.meta.title).toBe('Root user has MFA enabled');
  });

  it.each(ALL_CHECKS.map((c) => [c.meta.id, c] as const))('%s has a valid classification and actionable metadata', (_id, check) => {
    const { meta } = check;
    expect(PILLARS).toContain(meta.classification.pillar);
    for (const pillar of meta.classification.secondaryPillars) expect(PILLARS).toContain(pillar);
    expect(meta.classification.secondaryPillars).not.toContain(meta.classification.pillar);
    expect(meta.classification.principles.length).toBeGreaterThan(0);
    for (const principle of meta.classification.principles) expect(PRINCIPLES).toContain(principle);
    expect(LAYERS).toContain(meta.classification.layer);
    expect(SEVERITIES).toContain(meta.classification.severity);
    expect(meta.classification.rationale.length).toBeGreaterThan(20);
    expect(meta.title.trim()).not.toBe('');
    expect(meta.description.length).toBeGreaterThan(20);
    expect(meta.remediation.length).toBeGreaterThan(20);
    expect(meta.references.length).toBeGreaterThan(0);
    for (const url of meta.references) expect(url).toMatch(/^https:\/\/[a-z0-9.-]+\.amazon(aws)?\.com\//);
    expect(meta.grading.green.trim()).not.toBe('');
    expect(meta.grading.red ?? meta.grading.yellow).toBeTruthy();
    if (meta.configRule) expect(meta.configRule).toMatch(/^[A-Z0-9_]+$/);
    if (meta.trustedAdvisor) expect(meta.trustedAdvisor.checkId).toMatch(/^[A-Za-z0-9]{10}$/);
    expect(check.inputs.length).toBeGreaterThan(0);
  });

  it.each(ALL_CHECKS.map((c) => [c.meta.id, c] as const))('%s reports NOT_EVALUATED, never a pass, for each declared input that is missing', (id, check) => {
    const fixture = passFixture(id);
    expect(fixture, `${id} has a pass fixture`).toBeDefined();
    for (const kind of check.inputs) {
      const findings = runChecks(without(fixture!.inputs, [kind], `${kind} withheld`), [check]);
      const notEvaluated = findings.filter((f) => f.status === 'NOT_EVALUATED');
      expect(notEvaluated.length, `${id} without ${kind}`).toBeGreaterThan(0);
      expect(notEvaluated.some((f) => f.annotation.includes(`${kind} withheld`))).toBe(true);
    }
  });

  it.each(ALL_CHECKS.map((c) => [c.meta.id, c] as const))('%s reads no input it does not declare', (id, check) => {
    const fixture = passFixture(id)!;
    const undeclared = [...ACCOUNT_KINDS, ...REGION_KINDS].filter((kind) => !check.inputs.includes(kind));
    expect(runChecks(without(fixture.inputs, undeclared), [check])).toEqual(runChecks(fixture.inputs, [check]));
  });
});

describe('Trusted Advisor "Security Groups - Specific Ports Unrestricted" grading', () => {
  const check = findCheck('ec2-security-group-open-ports')!;

  it('is mapped to the Trusted Advisor check HCP4007jGY', () => {
    expect(check.meta.trustedAdvisor).toEqual({ name: 'Security Groups - Specific Ports Unrestricted', checkId: 'HCP4007jGY' });
    expect(RED_PORTS).toEqual([20, 21, 1433, 1434, 3306, 3389, 4333, 5432, 5500]);
    expect(GREEN_PORTS).toEqual([25, 80, 443, 465]);
  });

  it.each(RED_PORTS.map((p) => [p]))('port %i open to the world is red', (port) => {
    expect(gradePortRange('tcp', port, port)).toBe('red');
  });

  it.each([[80], [25], [443], [465]])('port %i open to the world is green', (port) => {
    expect(gradePortRange('tcp', port, port)).toBe('green');
  });

  it('other ports are yellow; ranges and all-traffic rules covering a red port are red', () => {
    expect(gradePortRange('tcp', 8080, 8080)).toBe('yellow');
    expect(gradePortRange('udp', 53, 53)).toBe('yellow');
    expect(gradePortRange('icmp', -1, -1)).toBe('yellow');
    expect(gradePortRange('tcp', 80, 443)).toBe('yellow');
    expect(gradePortRange('tcp', 3000, 4000)).toBe('red');
    expect(gradePortRange('tcp', 0, 65535)).toBe('red');
    expect(gradePortRange('-1')).toBe('red');
  });

  it('grades a security group by its worst open rule, for IPv4 and IPv6 alike', () => {
    const group = (groupId: string, port: number, cidr: string) =>
      ci('AWS::EC2::SecurityGroup', groupId, {
        groupId,
        groupName: groupId,
        ipPermissions: [
          { ipProtocol: 'tcp', fromPort: 443, toPort: 443, ipv4Ranges: [{ cidrIp: '0.0.0.0/0' }] },
          { ipProtocol: 'tcp', fromPort: port, toPort: port, ...(cidr === '::/0' ? { ipv6Ranges: [{ cidrIpv6: cidr }] } : { ipv4Ranges: [{ cidrIp: cidr }] }) },
        ],
      });
    const inputs = checkInputs({ regions: [regionInputs('us-east-1', { configurationItems: items([group('sg-v4', 5432, '0.0.0.0/0'), group('sg-v6', 5432, '::/0'), group('sg-in', 5432, '10.0.0.0/8')]) })] });
    const grades = Object.fromEntries(runChecks(inputs, [check]).map((f) => [f.resourceId, f.grade]));
    expect(grades).toEqual({ 'sg-v4': 'red', 'sg-v6': 'red', 'sg-in': 'green' });
  });
});

describe('untrusted text from AWS', () => {
  const hostile = [`<img src=x onerror="alert('xss')">`, `'; DROP TABLE findings; --`, '\u202Egnp.exe', '{{constructor.constructor("x")()}}'];

  it('keeps hostile resource names verbatim in findings', () => {
    const inputs = checkInputs({
      credentialReport: collected(hostile.map((name) => credentialRow(name, { password_enabled: 'true', mfa_active: 'false' }))),
      regions: [
        regionInputs('us-east-1', {
          configurationItems: items(
            hostile.map((name, i) =>
              ci('AWS::EC2::SecurityGroup', `sg-${i}`, { groupId: `sg-${i}`, groupName: name, ipPermissions: [{ ipProtocol: 'tcp', fromPort: 3389, toPort: 3389, ipv4Ranges: [{ cidrIp: '0.0.0.0/0' }] }] }),
            ),
          ),
        }),
      ],
    });
    const findings = runChecks(inputs, [findCheck('ec2-security-group-open-ports')!, findCheck('iam-console-user-mfa')!]);
    const names = findings.map((f) => f.resourceName);
    for (const name of hostile) expect(names.filter((n) => n === name)).toHaveLength(2);
    expect(findings.filter((f) => f.resourceType === 'AWS::IAM::User').map((f) => f.annotation)).toContain(`User "${hostile[0]}" can sign in to the console without MFA.`);
  });

  it('turns a check crashing on malformed input into one ERROR finding and runs the others', () => {
    const inputs = checkInputs({ credentialReport: collected(null as never), accountSummary: collected({ AccountMFAEnabled: 1 }) });
    const findings = runChecks(inputs, [findCheck('iam-console-user-mfa')!, findCheck('iam-root-mfa')!]);
    expect(findings.map((f) => [f.checkId, f.status])).toEqual([
      ['iam-console-user-mfa', 'ERROR'],
      ['iam-root-mfa', 'COMPLIANT'],
    ]);
    expect(findings[0].annotation).toContain(inputs.accountId);
  });
});
