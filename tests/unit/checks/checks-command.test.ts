// `npm run triad -- checks`: run exactly as users run it (tsx, child process) and read back what they see.

import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../../src/main/checks';
import type { ChecksJson } from '../../../src/main/cli/commands/checks';
import { projectRoot } from '../../../src/main/paths';

function triad(...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(projectRoot(), 'src/main/cli/index.ts'), ...args], {
    cwd: projectRoot(),
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('triad checks', () => {
  it('--json lists every built-in check with its metadata in the stable v1 shape', () => {
    const { status, stdout, stderr } = triad('checks', '--json');
    expect(stderr).toBe('');
    expect(status).toBe(0);
    const json = JSON.parse(stdout) as ChecksJson;
    expect(json.format).toBe('triad-checks');
    expect(json.version).toBe(1);
    expect(json.checks.map((c) => c.id)).toEqual(ALL_CHECKS.map((c) => c.meta.id));
    const sg = json.checks.find((c) => c.id === 'ec2-security-group-open-ports')!;
    expect(sg.controlId).toBe('built-in:ec2-security-group-open-ports');
    expect(sg.trustedAdvisor).toEqual({ name: 'Security Groups - Specific Ports Unrestricted', checkId: 'HCP4007jGY' });
    expect(sg.grading.red).toContain('20, 21, 1433, 1434, 3306, 3389, 4333, 5432, 5500');
    expect(json.checks.find((c) => c.id === 'iam-root-recent-use')?.trustedAdvisor).toBeNull();
    expect(Object.keys(json.checks[0])).toEqual(['id', 'controlId', 'title', 'description', 'classification', 'trustedAdvisor', 'configRule', 'grading', 'remediation', 'references', 'inputs']);
  });

  it('prints a table of all checks, and one check in full when named', () => {
    const list = triad('checks');
    expect(list.status).toBe(0);
    expect(list.stdout).toMatch(/^iam-root-mfa\s+Confidentiality\s+critical\s+7DAFEmoDos\s+ROOT_ACCOUNT_MFA_ENABLED\s+Root user has MFA enabled$/m);
    expect(list.stdout).toContain(`${ALL_CHECKS.length} built-in checks:`);

    const one = triad('checks', 'rds-backups');
    expect(one.status).toBe(0);
    expect(one.stdout).toContain('Trusted Advisor: Amazon RDS Backups (opQPADkZvH)');
    expect(one.stdout).toContain('AWS Config rule: DB_INSTANCE_BACKUP_ENABLED');
    expect(one.stdout).toMatch(/^ {2}red {4}The backup retention period is 0 days/m);
    expect(one.stdout).toContain('Reads: AWS Config configuration items');
  });

  it('names an unknown check and exits 1', () => {
    const { status, stdout, stderr } = triad('checks', 'iam-root-mfa', 'no-such-check');
    expect(status).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe('triad: checks: no built-in check named "no-such-check" (run triad checks for the list)\n');
  });
});
