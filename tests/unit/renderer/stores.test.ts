// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { nextTick } from 'vue';
import type { FindingPage } from '../../../src/shared/api';
import { setApiClient } from '../../../src/renderer/src/api';
import { MAX_CACHED_PAGES, PAGE_SIZE, useControlStore } from '../../../src/renderer/src/stores/control';
import { useFiltersStore } from '../../../src/renderer/src/stores/filters';
import { useOverviewStore } from '../../../src/renderer/src/stores/overview';
import { usePillarStore } from '../../../src/renderer/src/stores/pillar';
import { useNoticesStore } from '../../../src/renderer/src/stores/notices';
import { useSnapshotStore } from '../../../src/renderer/src/stores/snapshot';
import { ApiError } from '../../../src/shared/api';
import { fakeApi, findingRow, overview, snapshotInfo } from './fake-api';
import { setupApp } from './setup-app';

afterEach(() => setApiClient(null));

describe('filters store ↔ route query', () => {
  it('reads the filters from the URL query', async () => {
    const { app } = await setupApp(fakeApi({}), '/accounts?accounts=222222222222,111111111111&statuses=NON_COMPLIANT');
    const filters = app.runWithContext(() => useFiltersStore());
    expect(filters.filters).toEqual({ accounts: ['111111111111', '222222222222'], statuses: ['NON_COMPLIANT'] });
    expect(filters.active).toBe(true);
    expect(filters.forApi).toEqual(filters.filters);
  });

  it('writes a change to the query, keeping the view and its other query keys', async () => {
    const { app, router } = await setupApp(fakeApi({}), '/control/config-rule%3AX?text=bucket&regions=eu-west-1');
    const filters = app.runWithContext(() => useFiltersStore());
    await filters.set('statuses', ['ERROR', 'NON_COMPLIANT']);
    expect(router.currentRoute.value.name).toBe('control');
    expect(router.currentRoute.value.params.id).toBe('config-rule:X');
    expect(router.currentRoute.value.query).toEqual({ text: 'bucket', regions: 'eu-west-1', statuses: 'ERROR,NON_COMPLIANT' });
    await filters.clear();
    expect(router.currentRoute.value.query).toEqual({ text: 'bucket' });
    expect(filters.forApi).toBeUndefined();
  });

  it('reports a bad value and keeps the other filters', async () => {
    const { app } = await setupApp(fakeApi({}), '/?statuses=BROKEN&regions=us-east-1');
    const filters = app.runWithContext(() => useFiltersStore());
    expect(filters.filters).toEqual({ regions: ['us-east-1'] });
    expect(filters.problems).toEqual(['Unknown statuses filter value: BROKEN']);
  });

  it('sends the URL filters with the overview request', async () => {
    const api = fakeApi({ 'overview.get': () => overview() });
    const { app } = await setupApp(api, '/?severities=critical,high');
    await app.runWithContext(async () => {
      const filters = useFiltersStore();
      await useOverviewStore().load(filters.forApi);
    });
    expect(api.calls).toEqual([{ method: 'overview.get', params: { filters: { severities: ['critical', 'high'] } } }]);
  });
});

describe('control store: findings pages', () => {
  const TOTAL = 1000;
  function pagedApi() {
    return fakeApi({
      'control.findings': ({ offset, limit }): FindingPage => ({
        total: TOTAL,
        offset,
        rows: Array.from({ length: Math.min(limit, TOTAL - offset) }, (_, i) => findingRow(offset + i + 1)),
      }),
    });
  }

  it('asks for the first page of the query, then only the pages scrolled into view', async () => {
    const api = pagedApi();
    const { app } = await setupApp(api);
    const store = app.runWithContext(() => useControlStore());
    await store.setQuery({ controlId: 'config-rule:X', filters: { regions: ['eu-west-1'] }, text: 'pub', sort: 'status', descending: true });
    expect(store.total).toBe(TOTAL);
    expect(store.rowAt(0)?.id).toBe(1);
    expect(store.rowAt(PAGE_SIZE)).toBeNull();

    await store.ensureRows(150, 450);
    expect(api.calls.map((c) => (c.params as { offset: number }).offset)).toEqual([0, 200, 400]);
    expect(api.calls[0].params).toEqual({
      controlId: 'config-rule:X',
      filters: { regions: ['eu-west-1'] },
      text: 'pub',
      sort: 'status',
      descending: true,
      offset: 0,
      limit: PAGE_SIZE,
    });
    expect(store.rowAt(450)?.id).toBe(451);

    await store.ensureRows(0, 420);
    expect(api.calls).toHaveLength(3);
  });

  it('does not ask beyond the last row', async () => {
    const api = pagedApi();
    const { app } = await setupApp(api);
    const store = app.runWithContext(() => useControlStore());
    await store.setQuery({ controlId: 'c', filters: undefined, text: '', sort: undefined, descending: false });
    await store.ensureRows(900, 1400);
    expect(api.calls.map((c) => (c.params as { offset: number }).offset)).toEqual([0, 800]);
    expect(store.rowAt(999)?.id).toBe(1000);
    expect(api.calls[0].params).toEqual({ controlId: 'c', offset: 0, limit: PAGE_SIZE });
  });

  it('drops everything when the query changes, and ignores answers to the old query', async () => {
    let release: (() => void) | null = null;
    const api = fakeApi({
      'control.findings': async ({ offset, text }): Promise<FindingPage> => {
        if (text === 'slow') await new Promise<void>((resolve) => (release = resolve));
        return { total: 1, offset, rows: [findingRow(text === 'slow' ? 99 : 1)] };
      },
    });
    const { app } = await setupApp(api);
    const store = app.runWithContext(() => useControlStore());
    const slow = store.setQuery({ controlId: 'c', filters: undefined, text: 'slow', sort: undefined, descending: false });
    await store.setQuery({ controlId: 'c', filters: undefined, text: 'fast', sort: undefined, descending: false });
    release!();
    await slow;
    expect(store.rowAt(0)?.id).toBe(1);
  });

  it('keeps at most MAX_CACHED_PAGES pages, dropping the farthest', async () => {
    const many = fakeApi({
      'control.findings': ({ offset }): FindingPage => ({ total: 100 * PAGE_SIZE, offset, rows: [findingRow(offset + 1)] }),
    });
    const { app } = await setupApp(many);
    const store = app.runWithContext(() => useControlStore());
    await store.setQuery({ controlId: 'c', filters: undefined, text: '', sort: undefined, descending: false });
    for (let page = 1; page <= MAX_CACHED_PAGES + 5; page++) await store.ensureRows(page * PAGE_SIZE, page * PAGE_SIZE);
    expect(store.pages.size).toBe(MAX_CACHED_PAGES);
    expect(store.pages.has(0)).toBe(false);
    expect(store.pages.has(MAX_CACHED_PAGES + 5)).toBe(true);
  });
});

describe('snapshot store', () => {
  it('opens with the current snapshot and follows snapshot.changed', async () => {
    const api = fakeApi({
      'app.info': () => ({ version: '0.1.0', host: 'browser', nativeDialogs: false, canSave: false, canOpenFiles: false, signingKeys: null }),
      'snapshot.current': () => snapshotInfo({ isDemo: true }),
    });
    const { app } = await setupApp(api);
    const snapshot = app.runWithContext(() => useSnapshotStore());
    await snapshot.init();
    expect(snapshot.state).toBe('open');
    expect(snapshot.isDemo).toBe(true);
    expect(snapshot.canUseDialogs).toBe(false);
    const before = snapshot.generation;

    const other = snapshotInfo({ title: 'Other' });
    api.emit('snapshot.changed', { ...other, path: '/data/other.triad' });
    await nextTick();
    expect(snapshot.meta?.title).toBe('Other');
    expect(snapshot.generation).toBe(before + 1);

    api.emit('snapshot.changed', null);
    expect(snapshot.state).toBe('none');
  });

  it('shows the error of a snapshot that cannot be opened', async () => {
    const api = fakeApi({
      'snapshot.open': () => {
        throw new ApiError('snapshot-invalid', '/tmp/broken.triad is not a Triad snapshot (not a SQLite file)');
      },
    });
    const { app } = await setupApp(api);
    await app.runWithContext(() => useSnapshotStore().openPath('/tmp/broken.triad'));
    const notices = app.runWithContext(() => useNoticesStore());
    expect(notices.error).toEqual({ code: 'snapshot-invalid', message: '/tmp/broken.triad is not a Triad snapshot (not a SQLite file)' });
  });

  it('falls back to the welcome screen when a view learns no snapshot is open', async () => {
    const api = fakeApi({
      'app.info': () => ({ version: '0.1.0', host: 'electron', nativeDialogs: true, canSave: true, canOpenFiles: true, signingKeys: 'keychain' }),
      'snapshot.current': () => snapshotInfo(),
      'overview.get': () => {
        throw new ApiError('no-snapshot', 'No snapshot is open.');
      },
    });
    const { app } = await setupApp(api);
    await app.runWithContext(async () => {
      await useSnapshotStore().init();
      await useOverviewStore().load(undefined);
    });
    expect(app.runWithContext(() => useSnapshotStore()).state).toBe('none');
  });
});

describe('view loaders', () => {
  it('keep the old numbers while filters change, but never show one pillar under another', async () => {
    let release: () => void = () => undefined;
    const api = fakeApi({
      'pillar.get': async ({ pillar, filters }) => {
        if (filters) await new Promise<void>((resolve) => (release = resolve));
        return { pillar, score: overview().total, principles: [], controls: [] };
      },
    });
    const { app } = await setupApp(api);
    const store = app.runWithContext(() => usePillarStore());
    await store.load('integrity', undefined);
    const refiltered = store.load('integrity', { regions: ['eu-west-1'] });
    expect(store.detail?.pillar).toBe('integrity');
    expect(store.loading).toBe(true);
    release();
    await refiltered;
    const other = store.load('availability', { regions: ['eu-west-1'] });
    expect(store.detail).toBeNull();
    release();
    await other;
    expect(store.detail?.pillar).toBe('availability');
  });
});
