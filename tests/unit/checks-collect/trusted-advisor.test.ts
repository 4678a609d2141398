// Trusted Advisor results as controls beside the built-in checks: status mapping, grade, resource naming,
// classification from the built-in counterpart (or none).

import { describe, expect, it } from 'vitest';
import { gradeOf } from '../../../src/shared/grades';
import { loadCatalog } from '../../../src/main/catalog';
import { builtInCounterpart, trustedAdvisorControl, trustedAdvisorFindings } from '../../../src/main/checks-collect/trusted-advisor';

const ACCOUNT = '111111111111';
const provenance = { service: 'support', operation: 'DescribeTrustedAdvisorCheckResult', params: { checkId: 'HCP4007jGY' }, accountId: ACCOUNT, region: 'us-east-1', retrievedAt: '2026-11-25T08:00:00.000Z' };
const ports = {
  id: 'HCP4007jGY',
  name: 'Security Groups - Specific Ports Unrestricted',
  description: 'Checks security groups for rules that allow <b>unrestricted</b> access.',
  category: 'security',
  metadata: ['Region', 'Security Group Name', 'Security Group ID', 'Protocol', 'Port', 'Status', 'IP Range'],
};

describe('Trusted Advisor controls', () => {
  const catalog = loadCatalog();

  it('takes the classification of the built-in check that names the same Trusted Advisor check', () => {
    const counterpart = builtInCounterpart('HCP4007jGY');
    expect(counterpart?.meta.id).toBe('ec2-security-group-open-ports');
    const control = trustedAdvisorControl(ports, catalog);
    expect(control).toMatchObject({ id: 'trusted-advisor:HCP4007jGY', source: 'trusted-advisor', classificationOrigin: 'catalog', description: 'Checks security groups for rules that allow unrestricted access.' });
    expect(control.classification).toEqual(counterpart?.meta.classification);
  });

  it('leaves a Trusted Advisor check without a built-in counterpart unclassified', () => {
    const control = trustedAdvisorControl({ id: 'Zz9unknown', name: 'Something new', category: 'security' }, catalog);
    expect(control).toMatchObject({ classification: null, classificationOrigin: 'unclassified' });
  });
});

describe('Trusted Advisor findings', () => {
  it('maps error and warning to NON_COMPLIANT with the grade, ok to COMPLIANT, suppressed to NOT_APPLICABLE', () => {
    const rows = trustedAdvisorFindings(
      ACCOUNT,
      ports,
      {
        checkId: 'HCP4007jGY',
        status: 'error',
        timestamp: '2026-11-25T08:00:00.000Z',
        flaggedResources: [
          { resourceId: 'r1', status: 'error', region: 'us-east-1', metadata: ['us-east-1', 'web', 'sg-0111', 'tcp', '3389', 'Red', '0.0.0.0/0'] },
          { resourceId: 'r2', status: 'warning', region: 'eu-west-1', metadata: ['eu-west-1', 'app', 'sg-0222', 'tcp', '80', 'Yellow', '0.0.0.0/0'] },
          { resourceId: 'r3', status: 'ok', region: 'eu-west-1', metadata: ['eu-west-1', 'db', 'sg-0333', 'tcp', '5432', 'Green', '10.0.0.0/8'] },
          { resourceId: 'r4', status: 'error', region: 'eu-west-1', isSuppressed: true, metadata: ['eu-west-1', 'old', 'sg-0444', 'tcp', '21', 'Red', '0.0.0.0/0'] },
        ],
      },
      provenance,
    );
    expect(rows.map((r) => [r.finding.resourceId, r.finding.status, gradeOf(r.finding.annotation)])).toEqual([
      ['r1', 'NON_COMPLIANT', 'red'],
      ['r2', 'NON_COMPLIANT', 'yellow'],
      ['r3', 'COMPLIANT', 'green'],
      ['r4', 'NOT_APPLICABLE', null],
    ]);
    expect(rows[0].finding).toMatchObject({ controlId: 'trusted-advisor:HCP4007jGY', region: 'us-east-1', resourceName: 'sg-0111', evaluatedAt: '2026-11-25T08:00:00.000Z' });
    expect(rows[0].finding.annotation).toContain('Port: 3389');
    expect(rows[0].evidence).toMatchObject({ kind: 'api-response', provenance, body: { metadata: { 'Security Group ID': 'sg-0111', Port: '3389' } } });
  });

  it('gives one account finding when nothing is flagged: COMPLIANT when ok, NOT_EVALUATED without a result', () => {
    const ok = trustedAdvisorFindings(ACCOUNT, ports, { checkId: 'HCP4007jGY', status: 'ok', flaggedResources: [] }, provenance);
    expect(ok).toMatchObject([{ finding: { status: 'COMPLIANT', resourceId: ACCOUNT, resourceType: 'AWS::::Account', region: 'global' } }]);
    const none = trustedAdvisorFindings(ACCOUNT, ports, { checkId: 'HCP4007jGY', status: 'not_available', flaggedResources: [] }, provenance);
    expect(none[0].finding.status).toBe('NOT_EVALUATED');
  });
});
