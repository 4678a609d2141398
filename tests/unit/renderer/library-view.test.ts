// @vitest-environment happy-dom
// The library view: snapshots of a folder grouped by scope, the trend table beside the chart, unreadable files
// listed with their reason, and "Open" opening that snapshot.
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import type { Library, LibraryEntry } from '../../../src/shared/library';
import { setApiClient } from '../../../src/renderer/src/api';
import LibraryView from '../../../src/renderer/src/views/LibraryView.vue';
import { HOSTILE, fakeApi, snapshotInfo } from './fake-api';

afterEach(() => {
  setApiClient(null);
  document.body.innerHTML = '';
});

const entry = (fileName: string, createdAt: string, percent: number, failing: number): LibraryEntry => ({
  path: `/lib/${fileName}`,
  fileName,
  title: 'Org',
  createdAt,
  scope: { mode: 'organization', description: 'o-1' },
  scopeKey: 'organization\u0000o-1',
  findings: 100,
  failing,
  percent,
  pillars: [
    { pillar: 'confidentiality', percent, failing },
    { pillar: 'integrity', percent: 90, failing: 1 },
    { pillar: 'availability', percent: null, failing: 0 },
    { pillar: 'unclassified', percent: null, failing: 0 },
  ],
  digest: 'c'.repeat(64),
  integrity: fileName === 'feb.triad' ? 'tampered' : 'unsigned',
  isDemo: false,
  partial: false,
});

describe('library view', () => {
  it('shows each scope’s snapshots oldest first, with scores, integrity and unreadable files; Open opens one', async () => {
    const library: Library = {
      folder: '/lib',
      entries: [entry('jan.triad', '2026-01-31T00:00:00.000Z', 60, 40), entry('feb.triad', '2026-02-28T00:00:00.000Z', 70, 30)],
      scopes: [{ key: 'organization\u0000o-1', label: 'organization: o-1', paths: ['/lib/jan.triad', '/lib/feb.triad'] }],
      unreadable: [{ fileName: HOSTILE, problem: 'not a Triad snapshot (not an SQLite file)' }],
    };
    const api = fakeApi({ 'library.scan': () => library, 'snapshot.open': () => snapshotInfo() });
    setApiClient(api);
    const pinia = createPinia();
    setActivePinia(pinia);
    const router = createRouter({
      history: createMemoryHistory(),
      routes: [
        { path: '/library', name: 'library', component: LibraryView },
        { path: '/', name: 'overview', component: { render: () => null } },
      ],
    });
    await router.push({ name: 'library', query: { folder: '/lib', verify: '1' } });
    const wrapper = mount(LibraryView, { attachTo: document.body, global: { plugins: [pinia, router], stubs: { ChartCanvas: true } } });
    await flushPromises();

    expect(api.calls[0]).toEqual({ method: 'library.scan', params: { folder: '/lib', verify: true } });
    const rows = wrapper.findAll('[data-testid="library-row"]').map((r) => r.findAll('td').map((c) => c.text()));
    expect(rows.map((r) => [r[1], r[3], r[4], r[9]])).toEqual([
      ['jan.triad', '40', '60.0%', 'Unsigned'],
      ['feb.triad', '30', '70.0%', 'Tampered'],
    ]);
    expect(wrapper.get('[data-testid="library-unreadable"]').text()).toContain(HOSTILE);
    expect(document.querySelector('img')).toBeNull();

    await wrapper.findAll('[data-testid="library-open"]')[1].trigger('click');
    await flushPromises();
    expect(api.calls.find((c) => c.method === 'snapshot.open')!.params).toEqual({ path: '/lib/feb.triad' });
    expect(router.currentRoute.value.name).toBe('overview');
  });
});
