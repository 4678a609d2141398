// One pattern for every "load this view's data" action: latest request wins, results are replaced whole
// (shallowRef, never deep-reactive), and failures go to the error banner as well as the view.
import { ref, shallowRef, type Ref, type ShallowRef } from 'vue';
import { ApiError } from '../../../shared/api';
import { errorMessage } from '../api';
import { useNoticesStore } from './notices';
import { useSnapshotStore } from './snapshot';

export interface Loader<T> {
  data: ShallowRef<T | null>;
  loading: Ref<boolean>;
  error: Ref<string | null>;
  /** `subject` names what is loaded (a control id, a pillar…): a new subject clears the old data at once. */
  run(fetch: () => Promise<T>, subject?: string): Promise<void>;
}

export function createLoader<T>(): Loader<T> {
  const notices = useNoticesStore();
  const snapshot = useSnapshotStore();
  const data = shallowRef<T | null>(null);
  const loading = ref(false);
  const error = ref<string | null>(null);
  let latest = 0;
  let current: string | undefined;

  async function run(fetch: () => Promise<T>, subject?: string) {
    const id = ++latest;
    // Same subject with other filters: keep showing the old numbers until the new ones arrive.
    if (subject !== current) data.value = null;
    current = subject;
    loading.value = true;
    error.value = null;
    try {
      const value = await fetch();
      if (id === latest) data.value = value;
    } catch (cause) {
      if (id !== latest) return;
      data.value = null;
      error.value = errorMessage(cause);
      if (cause instanceof ApiError && cause.code === 'no-snapshot') snapshot.markClosed();
      else notices.report(cause);
    } finally {
      if (id === latest) loading.value = false;
    }
  }

  return { data, loading, error, run };
}
