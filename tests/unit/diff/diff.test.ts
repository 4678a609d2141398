import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIFF_CATEGORIES, type DiffChange, type DiffSummary } from '../../../src/shared/diff';
import { categoryOfPair, changedJsonPaths, compareKeys, diffSnapshots, type SnapshotDiff } from '../../../src/main/diff';
import { projectRoot } from '../../../src/main/paths';
import { CUSTOM, DEV, PROD, S3_PUBLIC, SEC, TRAIL, tempFolder } from '../snapshot/fixture';
import { writePair } from './pair';

let dir: string;
let cleanup: () => void;
let paths: { base: string; current: string };
let diff: SnapshotDiff;
beforeAll(() => {
  ({ dir, cleanup } = tempFolder('triad-diff-'));
  paths = writePair(dir);
  diff = diffSnapshots(paths.base, paths.current);
});
afterAll(() => {
  diff.close();
  cleanup();
});

const allChanges = () => [...diff.allChanges()];

describe('diff of a constructed pair', () => {
  it('puts every finding key in the category it was built for', () => {
    const byResource = Object.fromEntries(allChanges().map((c) => [c.resourceId, c.category]));
    expect(byResource).toEqual({
      'still-failing': 'still-failing',
      'still-failing-new-evidence': 'still-failing',
      regressed: 'regressed',
      resolved: 'resolved',
      'evidence-changed': 'evidence-changed',
      'status-changed': 'status-changed',
      removed: 'removed',
      'no-longer-collected': 'no-longer-collected',
      'control-dropped': 'no-longer-collected',
      'new-failing': 'new-failing',
      added: 'added',
      'newly-collected': 'newly-collected',
      'newly-collected-control': 'newly-collected',
    });
    expect(allChanges().some((c) => c.resourceId === 'unchanged')).toBe(false);
  });

  it('counts every category, and never counts a finding that is no longer collected as resolved', () => {
    const t = diff.summary.totals;
    expect(Object.fromEntries(DIFF_CATEGORIES.map((c) => [c, t[c]]))).toEqual({
      'new-failing': 1,
      regressed: 1,
      resolved: 1,
      'still-failing': 2,
      'evidence-changed': 1,
      'status-changed': 1,
      removed: 1,
      added: 1,
      'no-longer-collected': 2,
      'newly-collected': 2,
    });
    expect(t.unchanged).toBe(1);
    expect(diff.summary.evidenceChanged).toBe(2);
    const lost = allChanges().find((c) => c.resourceId === 'no-longer-collected')!;
    expect(lost).toMatchObject({ accountId: DEV, region: 'us-east-1', baseStatus: 'NON_COMPLIANT', currentStatus: null, currentFindingId: null });
  });

  it('lists accounts, regions and controls that appear or disappear, and coverage that changed', () => {
    const s: DiffSummary = diff.summary;
    expect(s.accounts).toEqual({ added: [SEC], removed: [] });
    expect(s.regions).toEqual({ added: ['ap-southeast-2'], removed: [] });
    expect(s.controlsAdded).toEqual([CUSTOM]);
    expect(s.controlsRemoved).toEqual([TRAIL]);
    expect(s.coverage).toEqual([
      { accountId: PROD, region: 'ap-southeast-2', base: null, current: 'collected' },
      { accountId: DEV, region: 'us-east-1', base: 'collected', current: 'failed' },
      { accountId: SEC, region: 'eu-west-1', base: null, current: 'collected' },
    ].sort((a, b) => a.accountId.localeCompare(b.accountId) || a.region.localeCompare(b.region)));
    expect(s.warnings).toEqual([]);
    expect(s.controls.find((c) => c.controlId === S3_PUBLIC)!.counts).toMatchObject({ regressed: 1, 'new-failing': 1, 'no-longer-collected': 1 });
  });

  it('pages changes by category and control', () => {
    const page = diff.changes({ category: 'still-failing', controlId: S3_PUBLIC, offset: 1, limit: 10 });
    expect(page.total).toBe(2);
    expect(page.rows.map((r: DiffChange) => r.resourceId)).toEqual(['still-failing-new-evidence']);
    expect(page.rows[0].evidenceChanged).toBe(true);
  });

  it('drills into a change: both findings with their evidence, and the JSON paths that differ', () => {
    const id = allChanges().find((c) => c.resourceId === 'evidence-changed')!.id;
    const detail = diff.change(id)!;
    expect(detail.base!.finding.status).toBe('COMPLIANT');
    expect(detail.current!.evidence!.body).toMatchObject({ tags: { exposure: 'public' } });
    expect(detail.evidencePaths).toEqual([
      { path: ['configuration', 'versioning', 'status'], kind: 'changed' },
      { path: ['configuration', 'rules', 1], kind: 'removed' },
      { path: ['tags', 'exposure'], kind: 'added' },
    ]);
    expect(diff.change(99_999)).toBeNull();
  });

  it('warns when the base is newer than the current snapshot', () => {
    const backwards = diffSnapshots(paths.current, paths.base);
    try {
      expect(backwards.summary.warnings).toEqual([expect.stringContaining('base snapshot was taken after the current one')]);
      expect(backwards.summary.totals.resolved).toBe(1);
    } finally {
      backwards.close();
    }
  });
});

describe('diff building blocks', () => {
  it('categorizes status pairs', () => {
    expect(categoryOfPair('COMPLIANT', 'NON_COMPLIANT', false)).toBe('regressed');
    expect(categoryOfPair('NOT_APPLICABLE', 'NON_COMPLIANT', false)).toBe('regressed');
    expect(categoryOfPair('NON_COMPLIANT', 'NOT_APPLICABLE', false)).toBe('resolved');
    expect(categoryOfPair('NON_COMPLIANT', 'INSUFFICIENT_DATA', false)).toBe('status-changed');
    expect(categoryOfPair('COMPLIANT', 'COMPLIANT', true)).toBe('evidence-changed');
    expect(categoryOfPair('COMPLIANT', 'COMPLIANT', false)).toBeNull();
  });

  it('orders keys exactly as SQLite does, including characters beyond U+FFFF and prefixes', () => {
    const values = ['a', 'ab', 'a\u0000b', 'b', '\uE000x', '\u{1F600}', '\uFFFD', 'Z', 'é', 'e\u0301', '', '日本'];
    const db = new Database(':memory:');
    db.exec('CREATE TABLE t (v TEXT)');
    const insert = db.prepare('INSERT INTO t VALUES (?)');
    for (const v of values) insert.run(v);
    const sqliteOrder = db.prepare('SELECT v FROM t ORDER BY v').pluck().all() as string[];
    db.close();
    expect([...values].sort(compareKeys)).toEqual(sqliteOrder);
  });

  it('finds changed JSON paths and stops at its limit', () => {
    expect(changedJsonPaths({ a: 1, b: [1, 2] }, { a: 1, b: [1, 3], c: null }, 10)).toEqual({
      changes: [
        { path: ['b', 1], kind: 'changed' },
        { path: ['c'], kind: 'added' },
      ],
      truncated: false,
    });
    expect(changedJsonPaths({ a: 1, b: 2 }, { a: 2, b: 3 }, 1)).toEqual({ changes: [{ path: ['a'], kind: 'changed' }], truncated: true });
  });
});

describe('triad diff', () => {
  const triad = (...args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', join(projectRoot(), 'src/main/cli/index.ts'), ...args], { cwd: projectRoot(), encoding: 'utf8' });

  it('prints categories, coverage changes and the changed findings', () => {
    const { status, stdout, stderr } = triad('diff', paths.base, paths.current);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(stdout).toContain('Findings: 1 new failing, 1 regressed, 1 resolved, 2 still failing, 1 evidence changed, 1 status changed, 1 no longer evaluated, 1 newly evaluated, 2 no longer collected, 2 newly collected; 1 unchanged');
    expect(stdout).toContain(`${DEV} us-east-1: collected → failed`);
    expect(stdout).toContain(`Accounts: +${SEC}`);
    expect(stdout).toMatch(/No longer collected\s+config-rule:S3_BUCKET_PUBLIC_READ_PROHIBITED {2}222222222222 us-east-1 {2}AWS::S3::Bucket no-longer-collected {2}NON_COMPLIANT → —/);
  });

  it('--json has the summary and every change', () => {
    const { status, stdout } = triad('diff', paths.base, paths.current, '--json');
    expect(status).toBe(0);
    const json = JSON.parse(stdout) as { format: string; version: number; summary: DiffSummary; changes: DiffChange[] };
    expect(json.format).toBe('triad-diff');
    expect(json.changes).toHaveLength(13);
    expect(json.summary.totals['new-failing']).toBe(1);
  });

  it('names the file that cannot be compared', () => {
    const { status, stderr } = triad('diff', paths.base, join(dir, 'missing.triad'));
    expect(status).toBe(1);
    expect(stderr).toBe(`triad: ${join(dir, 'missing.triad')}: file not found\n`);
  });
});
