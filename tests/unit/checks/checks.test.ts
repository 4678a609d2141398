// Runs every built-in check over its own fixtures (pass, fail, not evaluated) and compares the findings with the
// ones each fixture expects, plus the invariants every finding must keep whatever the check.

import { describe, expect, it } from 'vitest';
import { ALL_CHECKS, runChecks } from '../../../src/main/checks';
import type { CheckFinding, CheckFixture } from '../../../src/main/checks/types';
import { loadFixtures } from './load-fixtures';

const fixturesByCheck = await loadFixtures();

const key = (f: { resourceId: string; status: string; grade: string | null }) => `${f.resourceId} | ${f.status} | ${f.grade}`;

function assertInvariants(checkId: string, fixture: CheckFixture, findings: CheckFinding[]): void {
  for (const finding of findings) {
    expect(finding.checkId).toBe(checkId);
    expect(finding.accountId).toBe(fixture.inputs.accountId);
    expect(finding.annotation.trim()).not.toBe('');
    if (finding.status === 'COMPLIANT') expect(finding.grade).toBe('green');
    else if (finding.status === 'NON_COMPLIANT') expect(['red', 'yellow']).toContain(finding.grade);
    else expect(finding.grade).toBeNull();
    if (finding.status === 'COMPLIANT' || finding.status === 'NON_COMPLIANT') {
      expect(finding.evidence, `${finding.resourceId} carries evidence`).not.toBeNull();
      expect(finding.evidence?.provenance.operation).toBeTruthy();
      expect(finding.evidence?.body).toBeTruthy();
    }
  }
}

describe('fixture coverage', () => {
  it.each(ALL_CHECKS.map((check) => check.meta.id))('%s has pass, fail and not-evaluated fixtures', (id) => {
    const kinds = new Set((fixturesByCheck.get(id) ?? []).map((fixture) => fixture.kind));
    expect([...kinds].sort()).toEqual(['fail', 'not-evaluated', 'pass']);
  });

  it('every fixture file belongs to a registered check', () => {
    const ids = new Set(ALL_CHECKS.map((check) => check.meta.id));
    expect([...fixturesByCheck.keys()].filter((id) => !ids.has(id))).toEqual([]);
  });
});

for (const check of ALL_CHECKS) {
  describe(check.meta.id, () => {
    for (const fixture of fixturesByCheck.get(check.meta.id) ?? []) {
      it(`${fixture.kind}: ${fixture.name}`, () => {
        const findings = runChecks(fixture.inputs, [check]);
        assertInvariants(check.meta.id, fixture, findings);

        expect(findings.map(key).sort()).toEqual(fixture.expected.map(key).sort());
        for (const expected of fixture.expected) {
          const actual = findings.find((f) => key(f) === key(expected));
          if (expected.region) expect(actual?.region).toBe(expected.region);
          if (expected.annotationIncludes) expect(actual?.annotation).toContain(expected.annotationIncludes);
        }

        const statuses = findings.map((f) => f.status);
        if (fixture.kind === 'pass') expect(statuses).not.toContain('NON_COMPLIANT');
        if (fixture.kind === 'fail') expect(statuses).toContain('NON_COMPLIANT');
        if (fixture.kind === 'not-evaluated') expect(statuses).toContain('NOT_EVALUATED');
      });
    }
  });
}
