// The review file of the open snapshot (docs/review.md): which file, its content as last written, and the
// reviewer's actions. Every action goes through the main process, which checks the file belongs to this
// snapshot and writes it atomically; the answer is the whole file as written.
import { defineStore } from 'pinia';
import { ref, shallowRef, watch } from 'vue';
import type { ApiParams, ReviewDocument } from '../../../shared/api';
import type { ReviewItem, ReviewSample, ReviewTarget } from '../../../shared/review';
import { errorMessage, useApi } from '../api';
import { useSnapshotStore } from './snapshot';

/** `org.triad` → `org.review.json`, beside it (the convention of docs/review.md). */
export function defaultReviewPath(snapshotPath: string): string {
  return `${snapshotPath.replace(/\.triad$/i, '')}.review.json`;
}

const sameTarget = (a: ReviewTarget, b: ReviewTarget) =>
  a.kind === 'finding' ? b.kind === 'finding' && a.findingId === b.findingId : b.kind === 'control' && a.controlId === b.controlId;

export const useReviewStore = defineStore('review', () => {
  const api = useApi();
  const snapshot = useSnapshotStore();
  const document = shallowRef<ReviewDocument | null>(null);
  const busy = ref(false);
  const error = ref<string | null>(null);

  // A review belongs to one snapshot: another snapshot closes it.
  watch(
    () => snapshot.generation,
    () => {
      document.value = null;
      error.value = null;
    },
  );

  async function act(call: () => Promise<ReviewDocument>): Promise<boolean> {
    busy.value = true;
    error.value = null;
    try {
      document.value = await call();
      return true;
    } catch (cause) {
      error.value = errorMessage(cause);
      return false;
    } finally {
      busy.value = false;
    }
  }

  const open = (path: string, create: boolean) => act(() => api.call('review.open', { path, create }));
  const path = () => {
    if (!document.value) throw new Error('Open or create a review file first.');
    return document.value.path;
  };
  const note = (target: ReviewTarget, change: Omit<ApiParams<'review.note'>, 'path' | 'target'>) =>
    act(() => api.call('review.note', { path: path(), target, ...change }));
  const sample = (controlId: string, size: number, seed: string) =>
    act(() => api.call('review.sample', { path: path(), controlId, size, ...(seed.trim() ? { seed: seed.trim() } : {}) }));
  const signOff = (name: string, date: string) => act(() => api.call('review.signOff', { path: path(), name, date }));

  const itemOf = (target: ReviewTarget): ReviewItem | null => document.value?.review.items.find((i) => sameTarget(i.target, target)) ?? null;
  const sampleOf = (controlId: string): ReviewSample | null => document.value?.review.samples.find((s) => s.controlId === controlId) ?? null;

  return { document, busy, error, open, note, sample, signOff, itemOf, sampleOf };
});
