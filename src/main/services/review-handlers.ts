// review.*: the reviewer's file beside the open snapshot (docs/review.md). Every call reads the file again and
// checks it belongs to the open snapshot (by content digest), changes it, and writes it atomically, so the file
// on disk is always the whole truth and a review of another snapshot is refused with a message naming both.

import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { ApiError, type ApiHandlers, type ReviewDocument } from '../../shared/api';
import type { ReviewFileContent } from '../../shared/review';
import { ReviewFileError, addSample, loadReview, newReview, sampleControl, saveReview, signOff, updateItem } from '../review';
import { SnapshotError, type SnapshotReader } from '../snapshot';
import type { SnapshotSession } from './snapshot-handlers';

export type ReviewHandlers = Pick<ApiHandlers, 'review.open' | 'review.note' | 'review.sample' | 'review.signOff'>;

/**
 * The path comes from the renderer, which must not be able to write anywhere: a review file is a .json file in
 * the open snapshot's own folder, where docs/review.md says it lives.
 */
function reviewPathProblem(path: string, reader: SnapshotReader): string | null {
  if (!isAbsolute(path) || !path.toLowerCase().endsWith('.json')) return `A review file is a .json file given by its full path; "${path.slice(0, 200)}" is not`;
  if (dirname(resolve(path)) !== dirname(resolve(reader.path))) return `A review file lives beside its snapshot, in ${dirname(reader.path)}; "${path.slice(0, 200)}" is elsewhere`;
  return null;
}

export function reviewHandlers(session: Pick<SnapshotSession, 'current'>): ReviewHandlers {
  const withReview = (path: string, change: (review: ReviewFileContent, reader: SnapshotReader) => void): ReviewDocument => {
    const reader = session.current();
    if (!reader) throw new ApiError('no-snapshot', 'No snapshot is open. Open a .triad file first.');
    const problem = reviewPathProblem(path, reader);
    if (problem) throw new ApiError('bad-request', problem);
    try {
      const review = loadReview(path, reader.info());
      change(review, reader);
      saveReview(path, review);
      return { path, review };
    } catch (error) {
      if (error instanceof ReviewFileError) throw new ApiError('bad-request', error.message);
      if (error instanceof SnapshotError) throw new ApiError('snapshot-invalid', error.message);
      throw error;
    }
  };
  const now = () => new Date().toISOString();

  return {
    'review.open': ({ path, create }) => {
      const reader = session.current();
      if (reader && create && !reviewPathProblem(path, reader) && !existsSync(path)) {
        try {
          saveReview(path, newReview(reader.info()));
        } catch (error) {
          throw error instanceof ReviewFileError ? new ApiError('bad-request', error.message) : error;
        }
      }
      // Opening writes the file back unchanged: it proves the folder is writable before the reviewer starts.
      return withReview(path, () => undefined);
    },
    'review.note': ({ path, target, status, note, sampled }) =>
      withReview(path, (review, reader) => {
        if (target.kind === 'finding' && !reader.finding(target.findingId)) throw new ReviewFileError(`${reader.info().fileName} has no finding ${target.findingId}`);
        if (target.kind === 'control' && !reader.control(target.controlId)) throw new ReviewFileError(`${reader.info().fileName} has no control ${target.controlId}`);
        if (status === undefined && note === undefined && sampled === undefined) throw new ReviewFileError('give a status, a note or a sample mark to record');
        updateItem(review, target, { status, note, sampled }, now());
      }),
    'review.sample': ({ path, controlId, size, seed }) =>
      withReview(path, (review, reader) => {
        const used = seed?.trim() || randomBytes(8).toString('hex');
        const picked = sampleControl(reader.path, controlId, size, used);
        addSample(review, { controlId, seed: used, size, population: picked.population, findingIds: picked.findingIds, createdAt: now() });
      }),
    'review.signOff': ({ path, name, date }) => withReview(path, (review) => signOff(review, name, date)),
  };
}
