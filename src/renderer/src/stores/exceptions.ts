// The accepted risks applied to the open snapshot: which exceptions file, and what it does to the scores.
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { ExceptionsApplied } from '../../../shared/exceptions';
import { useApi } from '../api';
import { useSnapshotStore } from './snapshot';

export const useExceptionsStore = defineStore('exceptions', () => {
  const api = useApi();
  const snapshot = useSnapshotStore();
  const path = ref('');
  /** The snapshot generation the result belongs to: another snapshot needs the file applied again. */
  const appliedFor = ref(-1);
  const applied = shallowRef<ExceptionsApplied | null>(null);
  const loading = ref(false);
  const error = ref<string | null>(null);
  const expired = computed(() => applied.value?.outcomes.filter((o) => o.state === 'expired') ?? []);

  async function apply(file: string) {
    path.value = file;
    loading.value = true;
    error.value = null;
    try {
      appliedFor.value = snapshot.generation;
      applied.value = await api.call('exceptions.apply', { path: file });
    } catch (e) {
      applied.value = null;
      error.value = e instanceof Error ? e.message : String(e);
    } finally {
      loading.value = false;
    }
  }

  /** Applies the current file again when the open snapshot changed since it was applied. */
  async function refresh() {
    if (path.value && applied.value && appliedFor.value !== snapshot.generation) await apply(path.value);
  }

  function clear() {
    applied.value = null;
    error.value = null;
  }

  return { path, applied, loading, error, expired, apply, refresh, clear };
});
