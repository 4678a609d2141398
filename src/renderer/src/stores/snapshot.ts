// Which snapshot is open (or none), what the host can do, and opening another one.
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { AppInfo, SnapshotInfo } from '../../../shared/api';
import { useApi } from '../api';
import { useNoticesStore } from './notices';

function sameSnapshot(a: SnapshotInfo | null, b: SnapshotInfo | null): boolean {
  if (!a || !b) return a === b;
  return a.path === b.path && a.meta.createdAt === b.meta.createdAt && a.counts.findings === b.counts.findings;
}

export type SnapshotState = 'loading' | 'open' | 'none';

export const useSnapshotStore = defineStore('snapshot', () => {
  const api = useApi();
  const notices = useNoticesStore();

  const info = shallowRef<SnapshotInfo | null>(null);
  const appInfo = shallowRef<AppInfo | null>(null);
  const state = ref<SnapshotState>('loading');
  /** Bumped whenever a (possibly different) snapshot is opened; views reload on it. */
  const generation = ref(0);
  const opening = ref(false);

  const meta = computed(() => info.value?.meta ?? null);
  const isDemo = computed(() => meta.value?.isDemo === true);
  const isPartial = computed(() => meta.value?.partial === true);
  const canUseDialogs = computed(() => appInfo.value?.nativeDialogs === true);
  const isDesktop = computed(() => appInfo.value?.host === 'electron');

  function setCurrent(next: SnapshotInfo | null) {
    // The open call's answer and the snapshot.changed event both announce the same file: reload once.
    if (state.value !== 'loading' && sameSnapshot(info.value, next)) return;
    info.value = next;
    state.value = next ? 'open' : 'none';
    generation.value++;
  }

  let unsubscribe: (() => void) | null = null;

  async function init() {
    unsubscribe ??= api.on('snapshot.changed', (next) => {
      notices.dismiss();
      setCurrent(next);
    });
    try {
      const [app, current] = await Promise.all([api.call('app.info'), api.call('snapshot.current')]);
      appInfo.value = app;
      setCurrent(current);
    } catch (error) {
      state.value = 'none';
      notices.report(error);
    }
  }

  async function open(run: () => Promise<SnapshotInfo | null>) {
    opening.value = true;
    try {
      const opened = await run();
      if (opened) {
        notices.dismiss();
        setCurrent(opened);
      }
    } catch (error) {
      notices.report(error);
    } finally {
      opening.value = false;
    }
  }

  const openDialog = () => open(() => api.call('snapshot.openDialog'));
  const openPath = (path: string) => open(() => api.call('snapshot.open', { path }));

  /** A call answered 'no-snapshot': the host closed it (or never had one). */
  function markClosed() {
    if (state.value !== 'none') setCurrent(null);
  }

  return { info, appInfo, state, generation, opening, meta, isDemo, isPartial, canUseDialogs, isDesktop, init, openDialog, openPath, markClosed };
});
