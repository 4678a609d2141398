import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordContentDigest } from '../../../src/main/integrity';
import type { ReviewFileContent } from '../../../src/shared/review';
import { pickPositions, sampleControl } from '../../../src/main/review';
import { projectRoot } from '../../../src/main/paths';
import { S3_PUBLIC, tempFolder } from '../snapshot/fixture';
import { alteredCopy, sealedFixture } from '../integrity/helpers';

let dir: string;
let cleanup: () => void;
let snapshot: string;
let other: string;
beforeAll(() => {
  ({ dir, cleanup } = tempFolder('triad-review-'));
  snapshot = sealedFixture(dir);
  // Another snapshot: the same organization with one value changed and its digest recomputed.
  other = alteredCopy(snapshot, `UPDATE meta SET value = '"Another collection"' WHERE key = 'title'`, 'other.triad');
  const db = new Database(other);
  recordContentDigest(db);
  db.close();
});
afterAll(() => cleanup());

const triad = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', join(projectRoot(), 'src/main/cli/index.ts'), ...args], { cwd: projectRoot(), encoding: 'utf8' });

describe('sampling', () => {
  it('is reproducible from its seed, picks without repeats, and differs with another seed', () => {
    const a = pickPositions(1000, 25, 'seed-1', S3_PUBLIC);
    expect(pickPositions(1000, 25, 'seed-1', S3_PUBLIC)).toEqual(a);
    expect(new Set(a).size).toBe(25);
    expect(a.every((p) => p >= 0 && p < 1000)).toBe(true);
    expect(pickPositions(1000, 25, 'seed-2', S3_PUBLIC)).not.toEqual(a);
    expect(pickPositions(3, 10, 'seed-1', S3_PUBLIC).sort()).toEqual([0, 1, 2]);
  });

  it('picks findings of the control from the snapshot', () => {
    const { population, findingIds } = sampleControl(snapshot, S3_PUBLIC, 3, 'audit-2026');
    expect(population).toBe(6);
    expect(findingIds).toHaveLength(3);
    expect(sampleControl(snapshot, S3_PUBLIC, 3, 'audit-2026').findingIds).toEqual(findingIds);
  });
});

describe('triad review', () => {
  it('records notes, a reproducible sample and a sign-off, atomically, in a file tied to the snapshot', () => {
    const review = join(dir, 'org.review.json');
    expect(triad('review', 'init', review, snapshot).status).toBe(0);
    const note = triad('review', 'note', review, snapshot, '--finding', '2', '--status', 'issue-raised', '--note', 'Public bucket confirmed with owner.');
    expect(note.stderr).toBe('');
    expect(note.stdout).toBe('finding 2: Issue raised — Public bucket confirmed with owner.\n');
    const sample = triad('review', 'sample', review, snapshot, '--control', S3_PUBLIC, '--size', '2', '--seed', 'fy2026');
    expect(sample.stdout).toMatch(/^Sampled 2 of 6 findings of config-rule:S3_BUCKET_PUBLIC_READ_PROHIBITED with seed fy2026: \d+, \d+\n$/);
    expect(triad('review', 'sign-off', review, snapshot, '--name', 'Jane Auditor', '--date', '2026-11-26').status).toBe(0);

    const content = JSON.parse(readFileSync(review, 'utf8')) as ReviewFileContent;
    expect(content.signOff).toEqual({ name: 'Jane Auditor', date: '2026-11-26' });
    expect(content.samples[0]).toMatchObject({ controlId: S3_PUBLIC, seed: 'fy2026', size: 2, population: 6 });
    expect(content.samples[0].findingIds).toEqual(sampleControl(snapshot, S3_PUBLIC, 2, 'fy2026').findingIds);
    expect(content.items.find((i) => i.target.kind === 'finding' && i.target.findingId === 2)).toMatchObject({ status: 'issue-raised', note: 'Public bucket confirmed with owner.' });
    expect(content.items.filter((i) => i.sampled)).toHaveLength(2);
    // No temporary files are left beside it.
    expect(readdirSync(dir).filter((f) => f.includes('.tmp'))).toEqual([]);

    const shown = triad('review', 'show', review, snapshot);
    expect(shown.stdout).toContain('Signed off by Jane Auditor on 2026-11-26');
    expect(shown.stdout).toContain('finding 2: Issue raised — Public bucket confirmed with owner.');
  }, 240_000);

  it('refuses a review file made for a different snapshot, naming both', () => {
    const review = join(dir, 'mismatch.review.json');
    expect(triad('review', 'init', review, snapshot).status).toBe(0);
    const refused = triad('review', 'show', review, other);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/^triad: review show: .*mismatch\.review\.json is the review of another snapshot \("Fixture organization", org\.triad, digest [0-9a-f]{16}…\), not of other\.triad \(digest [0-9a-f]{16}…\); open the review made for this snapshot\n$/);
  }, 120_000);

  it('refuses a damaged review file and bad arguments with clear messages', () => {
    const review = join(dir, 'damaged.review.json');
    writeFileSync(review, JSON.stringify({ format: 'triad-review', version: 1, snapshot: { digest: 'x', fileName: 'x', title: 'x' }, items: [{ target: { kind: 'finding', findingId: 1 }, status: 'done', note: '', sampled: false, updatedAt: '' }], samples: [], signOff: null }));
    expect(triad('review', 'show', review, snapshot).stderr).toContain('item 1 has status "done"; use one of to-review, reviewed-ok, issue-raised');
    const good = join(dir, 'args.review.json');
    triad('review', 'init', good, snapshot);
    expect(triad('review', 'note', good, snapshot, '--finding', '999', '--status', 'reviewed-ok').stderr).toContain('org.triad has no finding 999');
    expect(triad('review', 'init', good, snapshot).stderr).toContain('already exists; it is never overwritten');
  }, 240_000);
});
