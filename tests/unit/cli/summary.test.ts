import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SummaryJson } from '../../../src/main/cli/commands/summary';
import { printable, table } from '../../../src/main/cli/command';
import { projectRoot } from '../../../src/main/paths';
import { DEV, PROD, SEC, buildFixtureSnapshot, tempFolder } from '../snapshot/fixture';

let dir: string;
let cleanup: () => void;
let snapshot: string;
beforeAll(() => {
  ({ dir, cleanup } = tempFolder());
  snapshot = join(dir, 'org.triad');
  buildFixtureSnapshot(snapshot);
});
afterAll(() => cleanup());

/** Runs the CLI exactly as `npm run triad -- ...` does (tsx), in a child process. */
function triad(...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(projectRoot(), 'src/main/cli/index.ts'), ...args], {
    cwd: projectRoot(),
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('triad summary', () => {
  it('prints pillar scores, account scores and coverage', () => {
    const { status, stdout, stderr } = triad('summary', snapshot);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(stdout).toMatch(/^Confidentiality\s+57\.1%\s+4\s+3\s+1\s+1\s+0\s+0\s+3\s+2$/m);
    expect(stdout).toMatch(/^Integrity\s+100\.0%\s+2\s+0\s+0\s+0\s+1\s+0\s+1\s+0$/m);
    expect(stdout).toMatch(/^Unclassified\s+50\.0%/m);
    expect(stdout).toMatch(/^All\s+61\.5%\s+8\s+5\s+1\s+1\s+1\s+1$/m);
    expect(stdout).toMatch(new RegExp(`^dev-sandbox \\(${DEV}\\)\\s+Root/Workloads/Dev\\s+33\\.3%\\s+0\\.0%\\s+no data\\s+no data\\s+100\\.0%\\s+6\\s+2$`, 'm'));
    expect(stdout).toContain('Coverage: 4 of 6 account × region pairs collected; 2 not fully collected; 1 collection error');
    expect(stdout).toContain(`${SEC} us-east-1  not-enabled  AWS Config is not enabled in this region`);
  });

  it('--json gives the documented, stable shape', () => {
    const { status, stdout } = triad('summary', snapshot, '--json');
    expect(status).toBe(0);
    const json = JSON.parse(stdout) as SummaryJson;
    expect(Object.keys(json)).toEqual(['format', 'version', 'snapshot', 'filters', 'counts', 'total', 'pillars', 'accounts', 'coverage']);
    expect(json).toMatchObject({ format: 'triad-summary', version: 1, filters: {}, snapshot: { title: 'Fixture organization', partial: false } });
    expect(json.pillars.map((p) => [p.pillar, p.label, p.score.percent, p.controls, p.failingControls])).toEqual([
      ['confidentiality', 'Confidentiality', 57.1, 3, 2],
      ['integrity', 'Integrity', 100, 1, 0],
      ['availability', 'Availability', 50, 1, 1],
      ['unclassified', 'Unclassified', 50, 1, 1],
    ]);
    expect(json.total).toEqual({
      counts: { COMPLIANT: 8, NON_COMPLIANT: 5, NOT_APPLICABLE: 1, INSUFFICIENT_DATA: 1, ERROR: 1, NOT_EVALUATED: 1 },
      total: 17,
      percent: 61.5,
    });
    const prod = json.accounts.find((a) => a.id === PROD)!;
    expect([prod.name, prod.ouPath, prod.total.percent, prod.pillars.confidentiality.percent]).toEqual(['prod-main', 'Root/Workloads/Prod', 66.7, 75]);
    expect(json.coverage).toMatchObject({ pairs: 6, collected: 4, errorCount: 1 });
  });

  it('applies the global filters', () => {
    const { status, stdout } = triad('summary', snapshot, '--json', '--accounts', DEV, '--statuses', 'NON_COMPLIANT,COMPLIANT');
    expect(status).toBe(0);
    const json = JSON.parse(stdout) as SummaryJson;
    expect(json.filters).toEqual({ accounts: [DEV], statuses: ['COMPLIANT', 'NON_COMPLIANT'] });
    expect(json.total).toMatchObject({ total: 3, percent: 33.3 });
    expect(json.accounts.map((a) => a.id)).toEqual([DEV]);
  });

  it('documents the JSON output in its help', () => {
    const { status, stdout } = triad('summary', '--help');
    expect(status).toBe(0);
    expect(stdout).toContain('Usage: npm run triad -- summary <snapshot.triad> [--json] [filters]');
    expect(stdout).toContain('"format": "triad-summary", "version": 1');
    expect(stdout).toContain('percent = COMPLIANT / (COMPLIANT + NON_COMPLIANT)');
  });
});

describe('CLI errors are one line on stderr with a non-zero exit code', () => {
  const cases: [string, () => string[], () => string][] = [
    ['a missing file', () => ['summary', join(dir, 'missing.triad')], () => `triad: ${join(dir, 'missing.triad')}: file not found`],
    [
      'a file that is not a snapshot',
      () => {
        writeFileSync(join(dir, 'notes.txt'), 'just some notes\n'.repeat(20));
        return ['summary', join(dir, 'notes.txt')];
      },
      () => `triad: ${join(dir, 'notes.txt')}: not a Triad snapshot (not an SQLite file)`,
    ],
    ['an unknown command', () => ['sumary', 'x'], () => 'triad: unknown command "sumary" (see triad --help)'],
    ['an unknown option', () => ['summary', 'x', '--bogus'], () => "triad: summary: Unknown option '--bogus' (see triad summary --help)"],
    ['a bad filter value', () => ['summary', 'x', '--statuses', 'PWNED'], () => 'triad: summary: Unknown statuses filter value: PWNED'],
    ['no snapshot given', () => ['summary'], () => 'triad: summary: give exactly one snapshot file (see triad summary --help)'],
  ];
  it.each(cases)('%s', (_, args, expected) => {
    const { status, stdout, stderr } = triad(...args());
    expect(stderr).toBe(`${expected()}\n`);
    expect(stdout).toBe('');
    expect(status).toBe(1);
  });

  it('lists the commands with --help', () => {
    const { status, stdout } = triad('--help');
    expect(status).toBe(0);
    expect(stdout).toMatch(/^ {2}summary +Pillar and account scores/m);
  });
});

describe('terminal output helpers', () => {
  it('shows control and bidi-override characters from AWS text as escapes', () => {
    expect(printable('prod\u001b[31m-red\u202Egnp.exe\n')).toBe('prod\\u001b[31m-red\\u202egnp.exe\\u000a');
    expect(printable('<script>alert(1)</script>')).toBe('<script>alert(1)</script>');
  });

  it('aligns table columns', () => {
    expect(table([['a', '1'], ['bbb', '22']], [false, true])).toBe('a     1\nbbb  22');
  });
});
