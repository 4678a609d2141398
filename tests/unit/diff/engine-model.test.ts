// The diff engine against a plain model of the rules in docs/diff.md: every finding of both snapshots read into
// memory, sorted by key and id, paired position by position within a key. The engine reads resources as SQLite
// serializes them and skips unchanged ones; these pairs exercise every path it takes: duplicate keys, findings
// without evidence, the same evidence stored under other ids, evidence that changed, findings written in another
// order, resources only on one side, lost coverage, a dropped control and non-ASCII resource ids.

import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ComplianceStatus, CoverageCell, CoverageState } from '../../../src/shared/domain';
import { DIFF_CATEGORIES, type DiffCategory, type DiffChange, type DiffCounts } from '../../../src/shared/diff';
import { categoryOfPair, compareKeys, diffSnapshots, emptyDiffCounts } from '../../../src/main/diff';
import { createSnapshotWriter } from '../../../src/main/snapshot';
import { DEV, FIXTURE_ACCOUNTS, FIXTURE_CONTROLS, PROD, S3_PUBLIC, TRAIL, tempFolder } from '../snapshot/fixture';
import { bucketEvidence } from './pair';

/** [control, account, region, resource id, status, evidence version (null: no evidence)] */
type Row = [string, string, string, string, ComplianceStatus, number | null];

const STATUSES: ComplianceStatus[] = ['COMPLIANT', 'NON_COMPLIANT', 'NOT_APPLICABLE', 'ERROR'];
const CONTROL_IDS = FIXTURE_CONTROLS.map((c) => c.id);
const REGIONS = ['eu-west-1', 'us-east-1'];
const RESOURCES = ['bucket-a', 'bucket-b', 'bucket-ä', 'bucket-\u{1F600}', 'bucket-\uE000', 'bucket', 'bucket-b-2'];

/** A small deterministic generator, so a failing case can be reproduced from its seed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function write(path: string, rows: Row[], coverage: CoverageCell[], controls: string[], createdAt: string, evidenceFirst: number[]): void {
  const writer = createSnapshotWriter(path);
  writer.setMeta({ title: path, createdAt, scope: { mode: 'organization', description: 'o-model' }, catalogVersion: 'test' });
  for (const account of FIXTURE_ACCOUNTS) writer.upsertAccount(account);
  for (const control of FIXTURE_CONTROLS) if (controls.includes(control.id)) writer.upsertControl(control);
  for (const cell of coverage) writer.setCoverage(cell);
  const evidenceOf = (accountId: string, region: string, resourceId: string, version: number) =>
    writer.addEvidence(bucketEvidence(accountId, region, resourceId, version, createdAt));
  // Evidence stored in another order than the findings need it, so equal content gets other ids on each side.
  for (const version of evidenceFirst) evidenceOf(PROD, 'eu-west-1', 'bucket-a', version);
  for (const [controlId, accountId, region, resourceId, status, version] of rows) {
    const evidenceId = version === null ? undefined : evidenceOf(accountId, region, resourceId, version);
    writer.addFinding({ controlId, accountId, region, resourceType: 'AWS::S3::Bucket', resourceId, status, evidenceId });
  }
  writer.finish({ partial: false });
}

interface ModelFinding {
  key: string[];
  status: ComplianceStatus;
  sha256: string | null;
  id: number;
}

/** Every finding of a snapshot, sorted as SQLite sorts the key columns, then by id. */
function readModel(path: string): { findings: ModelFinding[]; coverage: Map<string, CoverageState>; controls: Set<string> } {
  const db = new Database(path, { readonly: true });
  const findings = (
    db
      .prepare(
        `SELECT f.account_id, f.region, f.resource_type, f.resource_id, f.control_id, f.status, e.sha256, f.id
         FROM findings f LEFT JOIN evidence e ON e.id = f.evidence_id
         ORDER BY f.account_id, f.region, f.resource_type, f.resource_id, f.control_id, f.id`,
      )
      .raw(true)
      .all() as [string, string, string, string, string, ComplianceStatus, string | null, number][]
  ).map(([a, r, t, i, c, status, sha256, id]) => ({ key: [a, r, t, i, c], status, sha256, id }));
  const coverage = new Map((db.prepare('SELECT account_id, region, state FROM coverage').raw(true).all() as string[][]).map(([a, r, s]) => [`${a}/${r}`, s as CoverageState]));
  const controls = new Set(db.prepare('SELECT id FROM controls').pluck().all() as string[]);
  db.close();
  return { findings, coverage, controls };
}

type ModelChange = Pick<DiffChange, 'category' | 'controlId' | 'accountId' | 'region' | 'resourceType' | 'resourceId' | 'baseFindingId' | 'currentFindingId' | 'baseStatus' | 'currentStatus' | 'evidenceChanged'>;

/** The rules of docs/diff.md, applied the slow and obvious way. */
function modelDiff(basePath: string, currentPath: string): { changes: ModelChange[]; totals: DiffCounts; byControl: Map<string, DiffCounts>; evidenceChanged: number } {
  const base = readModel(basePath);
  const current = readModel(currentPath);
  const covers = (side: typeof base, key: string[]) => side.coverage.get(`${key[0]}/${key[1]}`) === 'collected' && side.controls.has(key[4]);
  const keyText = (f: ModelFinding) => f.key.join('\u0000');
  const changes: ModelChange[] = [];
  const totals = emptyDiffCounts();
  const byControl = new Map<string, DiffCounts>();
  let evidenceChanged = 0;
  const count = (controlId: string, category: DiffCategory | 'unchanged') => {
    totals[category]++;
    if (!byControl.has(controlId)) byControl.set(controlId, emptyDiffCounts());
    byControl.get(controlId)![category]++;
  };
  const add = (category: DiffCategory, a: ModelFinding | null, b: ModelFinding | null, evidence: boolean) => {
    const [accountId, region, resourceType, resourceId, controlId] = (a ?? b)!.key;
    changes.push({
      category,
      controlId,
      accountId,
      region,
      resourceType,
      resourceId,
      baseFindingId: a?.id ?? null,
      currentFindingId: b?.id ?? null,
      baseStatus: a?.status ?? null,
      currentStatus: b?.status ?? null,
      evidenceChanged: evidence,
    });
    count(controlId, category);
  };
  let i = 0;
  let j = 0;
  const A = base.findings;
  const B = current.findings;
  while (i < A.length || j < B.length) {
    const order = i >= A.length ? 1 : j >= B.length ? -1 : compareKeys(keyText(A[i]), keyText(B[j]));
    if (order === 0) {
      const evidence = A[i].sha256 !== B[j].sha256;
      if (evidence) evidenceChanged++;
      const category = categoryOfPair(A[i].status, B[j].status, evidence);
      if (category) add(category, A[i], B[j], evidence);
      else count(A[i].key[4], 'unchanged');
      i++;
      j++;
    } else if (order < 0) {
      add(covers(current, A[i].key) ? 'removed' : 'no-longer-collected', A[i], null, false);
      i++;
    } else {
      add(!covers(base, B[j].key) ? 'newly-collected' : B[j].status === 'NON_COMPLIANT' ? 'new-failing' : 'added', null, B[j], false);
      j++;
    }
  }
  return { changes, totals, byControl, evidenceChanged };
}

const collected = (accountId: string, region: string): CoverageCell => ({ accountId, region, state: 'collected', reason: '' });

/** A base and a current snapshot that differ in every way the generator can think of. */
function writeRandomPair(dir: string, seed: number, findings = 60): { base: string; current: string } {
  const next = random(seed);
  const pick = <T,>(items: readonly T[]) => items[Math.floor(next() * items.length)];
  const baseRows: Row[] = [];
  for (let n = 0; n < findings; n++) {
    const version = next() < 0.15 ? null : 1 + Math.floor(next() * 2);
    baseRows.push([pick(CONTROL_IDS), pick([PROD, DEV]), pick(REGIONS), pick(RESOURCES), pick(STATUSES), version]);
  }
  const currentRows: Row[] = [];
  for (const row of baseRows) {
    const roll = next();
    if (roll < 0.1) continue;
    if (roll < 0.2) currentRows.push([row[0], row[1], row[2], row[3], pick(STATUSES), row[5]]);
    else if (roll < 0.3) currentRows.push([row[0], row[1], row[2], row[3], row[4], row[5] === null ? 1 : 3 - row[5]]);
    else if (roll < 0.35) currentRows.push(row, row);
    else currentRows.push(row);
  }
  for (let n = 0; n < 8; n++) currentRows.push([pick(CONTROL_IDS), pick([PROD, DEV]), pick(REGIONS), pick(RESOURCES), pick(STATUSES), null]);
  // Another writing order on the current side: a resource's findings reach SQLite in a different sequence.
  if (seed % 3 === 0) currentRows.reverse();
  const base = join(dir, `base-${seed}.triad`);
  const current = join(dir, `current-${seed}.triad`);
  const all = REGIONS.flatMap((r) => [collected(PROD, r), collected(DEV, r)]);
  write(base, baseRows, all, CONTROL_IDS, '2026-11-01T00:00:00.000Z', [2, 1]);
  const lost: CoverageCell = { accountId: DEV, region: 'us-east-1', state: 'failed', reason: 'AccessDenied' };
  const dropsTrail = seed % 4 === 1;
  write(
    current,
    currentRows.filter((r) => (seed % 2 === 0 || r[1] !== DEV || r[2] !== 'us-east-1') && (!dropsTrail || r[0] !== TRAIL)),
    seed % 2 === 0 ? all : [...all.filter((c) => c.accountId !== DEV || c.region !== 'us-east-1'), lost],
    dropsTrail ? CONTROL_IDS.filter((c) => c !== TRAIL) : CONTROL_IDS,
    '2026-11-20T00:00:00.000Z',
    [1],
  );
  return { base, current };
}

let dir: string;
let cleanup: () => void;
beforeAll(() => ({ dir, cleanup } = tempFolder('triad-diff-model-')));
afterAll(() => cleanup());

describe('the diff engine agrees with the plain model of the rules', () => {
  // 600 findings make a few hundred changes: the engine writes them 64 to a statement, and the rest one by one.
  it.each([
    [1, 60],
    [2, 60],
    [3, 60],
    [4, 60],
    [5, 60],
    [6, 60],
    [7, 60],
    [8, 60],
    [9, 60],
    [10, 60],
    [11, 60],
    [12, 60],
    [13, 600],
    [14, 600],
  ])('random pair %i (%i findings)', (seed, findings) => {
    const { base, current } = writeRandomPair(dir, seed, findings);
    const model = modelDiff(base, current);
    const diff = diffSnapshots(base, current);
    try {
      const changes = [...diff.allChanges()].map(({ id: _id, ...change }) => change);
      expect(changes).toEqual(model.changes);
      if (findings > 60) expect(changes.length).toBeGreaterThan(2 * 64);
      expect(diff.summary.totals).toEqual(model.totals);
      expect(diff.summary.evidenceChanged).toBe(model.evidenceChanged);
      const changed = [...model.byControl].filter(([, counts]) => DIFF_CATEGORIES.some((c) => counts[c] > 0));
      expect(Object.fromEntries(diff.summary.controls.map((c) => [c.controlId, c.counts]))).toEqual(Object.fromEntries(changed));
    } finally {
      diff.close();
    }
  });

  it('pairs duplicate keys in id order and compares evidence by content, not by id', () => {
    const rows: Row[] = [
      [S3_PUBLIC, PROD, 'eu-west-1', 'bucket-a', 'NON_COMPLIANT', 1],
      [S3_PUBLIC, PROD, 'eu-west-1', 'bucket-a', 'COMPLIANT', 2],
      [S3_PUBLIC, PROD, 'eu-west-1', 'bucket-a', 'NON_COMPLIANT', null],
    ];
    const all = REGIONS.flatMap((r) => [collected(PROD, r), collected(DEV, r)]);
    const base = join(dir, 'dup-base.triad');
    const current = join(dir, 'dup-current.triad');
    write(base, rows, all, CONTROL_IDS, '2026-11-01T00:00:00.000Z', []);
    // The same three findings, the second one's evidence changed, and the evidence stored under other ids.
    write(current, [rows[0], [S3_PUBLIC, PROD, 'eu-west-1', 'bucket-a', 'COMPLIANT', 1], rows[2], rows[2]], all, CONTROL_IDS, '2026-11-20T00:00:00.000Z', [2, 1]);
    const diff = diffSnapshots(base, current);
    try {
      expect([...diff.allChanges()].map((c) => [c.category, c.baseFindingId, c.currentFindingId, c.evidenceChanged])).toEqual([
        ['still-failing', 1, 1, false],
        ['evidence-changed', 2, 2, true],
        ['still-failing', 3, 3, false],
        ['new-failing', null, 4, false],
      ]);
      expect(diff.summary.totals.unchanged).toBe(0);
      expect(modelDiff(base, current).changes.map((c) => c.category)).toEqual(['still-failing', 'evidence-changed', 'still-failing', 'new-failing']);
    } finally {
      diff.close();
    }
  });
});

describe('evidence tokens without the unique index on sha256', () => {
  it('still compares by content when a base stores one content under two ids', () => {
    const row: Row = [S3_PUBLIC, PROD, 'eu-west-1', 'bucket-a', 'COMPLIANT', 1];
    const all = REGIONS.flatMap((r) => [collected(PROD, r), collected(DEV, r)]);
    const base = join(dir, 'twice-base.triad');
    const current = join(dir, 'twice-current.triad');
    // Base evidence 1 holds version 2 (no finding uses it), evidence 2 version 1; the current side stores version 1 as 1.
    write(base, [row], all, CONTROL_IDS, '2026-11-01T00:00:00.000Z', [2, 1]);
    write(current, [row], all, CONTROL_IDS, '2026-11-20T00:00:00.000Z', []);
    // A file from elsewhere: the evidence table without its constraints, and evidence 1 given evidence 2's hash.
    const db = new Database(base);
    db.pragma('foreign_keys = OFF');
    db.exec(`CREATE TABLE evidence_loose AS SELECT * FROM evidence;
      DROP TABLE evidence;
      ALTER TABLE evidence_loose RENAME TO evidence;
      CREATE INDEX evidence_by_hash ON evidence (sha256);
      UPDATE evidence SET sha256 = (SELECT sha256 FROM evidence WHERE id = 2) WHERE id = 1;`);
    expect(db.prepare('SELECT evidence_id FROM findings').pluck().all()).toEqual([2]);
    db.close();

    const diff = diffSnapshots(base, current);
    try {
      expect([...diff.allChanges()]).toEqual([]);
      expect(diff.summary.evidenceChanged).toBe(0);
      expect(diff.summary.totals.unchanged).toBe(1);
      expect(modelDiff(base, current).changes).toEqual([]);
    } finally {
      diff.close();
    }
  });
});
