// The review file: created for one snapshot (by its content digest), validated by hand when read, refused for
// any other snapshot, and always written atomically (temp file in the same folder, then rename).

import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { SnapshotInfo } from '../../shared/api';
import { REVIEW_STATUSES, type ReviewFileContent, type ReviewItem, type ReviewSample, type ReviewStatus, type ReviewTarget } from '../../shared/review';

export class ReviewFileError extends Error {
  override name = 'ReviewFileError';
}

export function newReview(snapshot: SnapshotInfo): ReviewFileContent {
  if (!snapshot.meta.digest) {
    throw new ReviewFileError(`${snapshot.path} records no content digest, so a review cannot be tied to it; re-create the snapshot with this Triad`);
  }
  return {
    format: 'triad-review',
    version: 1,
    snapshot: { digest: snapshot.meta.digest, fileName: snapshot.fileName, title: snapshot.meta.title },
    items: [],
    samples: [],
    signOff: null,
  };
}

const sameTarget = (a: ReviewTarget, b: ReviewTarget) =>
  a.kind === b.kind && (a.kind === 'finding' ? a.findingId === (b as typeof a).findingId : a.controlId === (b as typeof a).controlId);

/** Sets the status, note or sample mark of one finding or control (other fields kept). */
export function updateItem(
  review: ReviewFileContent,
  target: ReviewTarget,
  change: { status?: ReviewStatus; note?: string; sampled?: boolean },
  now: string,
): ReviewItem {
  const existing = review.items.find((i) => sameTarget(i.target, target));
  const item: ReviewItem = existing ?? { target, status: 'to-review', note: '', sampled: false, updatedAt: now };
  if (change.status !== undefined) item.status = change.status;
  if (change.note !== undefined) item.note = change.note;
  if (change.sampled !== undefined) item.sampled = change.sampled;
  item.updatedAt = now;
  if (!existing) review.items.push(item);
  return item;
}

export function addSample(review: ReviewFileContent, sample: ReviewSample): void {
  review.samples = review.samples.filter((s) => s.controlId !== sample.controlId);
  review.samples.push(sample);
  for (const findingId of sample.findingIds) updateItem(review, { kind: 'finding', findingId }, { sampled: true }, sample.createdAt);
}

export function signOff(review: ReviewFileContent, name: string, date: string): void {
  if (!name.trim()) throw new ReviewFileError('the sign-off needs the reviewer’s name');
  review.signOff = { name: name.trim(), date };
}

export function saveReview(path: string, review: ReviewFileContent): void {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    writeFileSync(temp, `${JSON.stringify(review, null, 2)}\n`, { flag: 'wx' });
    const fd = openSync(temp, 'r+');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw new ReviewFileError(`${path} cannot be written (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); the previous version is unchanged`);
  }
}

/** Reads a review file and checks it belongs to the snapshot with `digest` (its content digest). */
export function loadReview(path: string, snapshot: SnapshotInfo): ReviewFileContent {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ReviewFileError(`${path}: ${code === 'ENOENT' ? 'file not found' : code ? `cannot be read (${code})` : `is not valid JSON (${(error as Error).message})`}`);
  }
  const review = validate(parsed, path);
  if (review.snapshot.digest !== snapshot.meta.digest) {
    throw new ReviewFileError(
      `${path} is the review of another snapshot ("${review.snapshot.title}", ${review.snapshot.fileName}, digest ${review.snapshot.digest.slice(0, 16)}…), ` +
        `not of ${snapshot.fileName} (digest ${snapshot.meta.digest ? `${snapshot.meta.digest.slice(0, 16)}…` : 'none'}); open the review made for this snapshot`,
    );
  }
  return review;
}

function validate(value: unknown, path: string): ReviewFileContent {
  const fail = (problem: string): never => {
    throw new ReviewFileError(`${path}: ${problem}`);
  };
  const r = value as Partial<ReviewFileContent> | null;
  if (typeof r !== 'object' || r === null || r.format !== 'triad-review') return fail('is not a Triad review file (no "format": "triad-review")');
  if (r.version !== 1) return fail(`review file version ${JSON.stringify(r.version)} is not supported (this Triad reads version 1)`);
  const s = r.snapshot;
  if (!s || typeof s.digest !== 'string' || typeof s.fileName !== 'string' || typeof s.title !== 'string') return fail('"snapshot" must have digest, fileName and title');
  if (!Array.isArray(r.items) || !Array.isArray(r.samples)) return fail('"items" and "samples" must be lists');
  r.items.forEach((item, index) => {
    const where = `item ${index + 1}`;
    const t = item?.target as ReviewTarget | undefined;
    const targetOk = t && ((t.kind === 'finding' && Number.isInteger(t.findingId) && t.findingId > 0) || (t.kind === 'control' && typeof t.controlId === 'string' && t.controlId !== ''));
    if (!targetOk) fail(`${where} has no valid "target" ({ "kind": "finding", "findingId" } or { "kind": "control", "controlId" })`);
    if (!REVIEW_STATUSES.includes(item.status)) fail(`${where} has status ${JSON.stringify(item.status)}; use one of ${REVIEW_STATUSES.join(', ')}`);
    if (typeof item.note !== 'string' || typeof item.sampled !== 'boolean' || typeof item.updatedAt !== 'string') fail(`${where} needs text "note", true/false "sampled" and "updatedAt"`);
  });
  r.samples.forEach((sample, index) => {
    const ok =
      sample &&
      typeof sample.controlId === 'string' &&
      typeof sample.seed === 'string' &&
      Number.isInteger(sample.size) &&
      Number.isInteger(sample.population) &&
      Array.isArray(sample.findingIds) &&
      sample.findingIds.every((id) => Number.isInteger(id)) &&
      typeof sample.createdAt === 'string';
    if (!ok) fail(`sample ${index + 1} needs controlId, seed, size, population, findingIds and createdAt`);
  });
  if (r.signOff !== null && (typeof r.signOff !== 'object' || typeof r.signOff?.name !== 'string' || typeof r.signOff?.date !== 'string')) {
    fail('"signOff" must be null or { "name", "date" }');
  }
  return r as ReviewFileContent;
}
