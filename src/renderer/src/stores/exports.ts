// "Export report…" and "Export data…": one export at a time, its progress (export.progress events) and outcome.
import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { ApiParams } from '../../../shared/api';
import type { ExportKind, ExportOutcome, ExportProgress } from '../../../shared/exports';
import { errorMessage, useApi } from '../api';

export const useExportsStore = defineStore('exports', () => {
  const api = useApi();
  const running = ref<ExportKind | null>(null);
  const progress = shallowRef<ExportProgress | null>(null);
  const outcome = shallowRef<ExportOutcome | null>(null);
  const cancelled = ref(false);
  const error = ref<string | null>(null);

  let unsubscribe: (() => void) | null = null;
  function listen() {
    unsubscribe ??= api.on('export.progress', (next) => {
      if (running.value === next.kind) progress.value = next;
    });
  }

  async function run(kind: ExportKind, call: () => Promise<ExportOutcome | null>) {
    listen();
    running.value = kind;
    progress.value = null;
    outcome.value = null;
    cancelled.value = false;
    error.value = null;
    try {
      const result = await call();
      outcome.value = result;
      cancelled.value = result === null;
    } catch (cause) {
      error.value = errorMessage(cause);
    } finally {
      running.value = null;
    }
  }

  const exportReport = (params: ApiParams<'export.report'>) => run('report', () => api.call('export.report', params));
  const exportData = (params: ApiParams<'export.data'>) => run('data', () => api.call('export.data', params));

  function reset() {
    if (running.value) return;
    progress.value = null;
    outcome.value = null;
    cancelled.value = false;
    error.value = null;
  }

  return { running, progress, outcome, cancelled, error, exportReport, exportData, reset };
});
