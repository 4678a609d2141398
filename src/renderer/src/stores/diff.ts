// The comparison of two snapshots: run in the main process, paged here. One comparison at a time.
import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { DiffCategory, DiffChangeDetail, DiffChangePage, DiffSummary } from '../../../shared/diff';
import { useApi } from '../api';

export const DIFF_PAGE_SIZE = 100;

export const useDiffStore = defineStore('diff', () => {
  const api = useApi();
  const summary = shallowRef<DiffSummary | null>(null);
  const page = shallowRef<DiffChangePage | null>(null);
  const detail = shallowRef<DiffChangeDetail | null>(null);
  const running = ref(false);
  const error = ref<string | null>(null);
  /** Which request is current; answers to older ones are dropped. */
  let ticket = 0;

  const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

  async function run(basePath: string, currentPath: string) {
    const mine = ++ticket;
    running.value = true;
    error.value = null;
    try {
      const result = await api.call('diff.run', { basePath, currentPath });
      if (mine === ticket) summary.value = result;
    } catch (e) {
      if (mine === ticket) {
        summary.value = null;
        page.value = null;
        detail.value = null;
        error.value = messageOf(e);
      }
    } finally {
      if (mine === ticket) running.value = false;
    }
  }

  async function loadChanges(query: { category?: DiffCategory; controlId?: string; offset: number }) {
    if (!summary.value) return;
    try {
      page.value = await api.call('diff.changes', { ...query, limit: DIFF_PAGE_SIZE });
    } catch (e) {
      error.value = messageOf(e);
    }
  }

  async function openChange(id: number | null) {
    if (id === null || !summary.value) {
      detail.value = null;
      return;
    }
    try {
      detail.value = await api.call('diff.change', { id });
    } catch (e) {
      detail.value = null;
      error.value = messageOf(e);
    }
  }

  return { summary, page, detail, running, error, run, loadChanges, openChange };
});
