// @vitest-environment happy-dom
// The views render AWS text as inert text (never markup), show the numbers they are given, and link down.
import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FindingPage, GroupBy } from '../../../src/shared/api';
import App from '../../../src/renderer/src/App.vue';
import { setApiClient } from '../../../src/renderer/src/api';
import { HOSTILE, RTL, fakeApi, findingDetail, findingRow, overview, snapshotInfo } from './fake-api';
import { setupApp } from './setup-app';

afterEach(() => {
  vi.restoreAllMocks();
  setApiClient(null);
  document.body.innerHTML = '';
});

function baseHandlers() {
  return {
    'app.info': () => ({ version: '0.1.0', host: 'browser' as const, nativeDialogs: false, canSave: false, canOpenFiles: false, signingKeys: null }),
    'snapshot.current': () => snapshotInfo({ isDemo: true, title: HOSTILE }),
    'filters.options': () => ({ accounts: [{ id: '222222222222', name: HOSTILE, ouPath: 'Root/Prod' }], ous: ['Root/Prod'], regions: ['eu-west-1'] }),
    'overview.groups': ({ groupBy }: { groupBy: GroupBy }) => ({ groupBy, overlapping: groupBy === 'principle', groups: [] }),
  };
}

async function mountAt(path: string, handlers: Parameters<typeof fakeApi>[0]) {
  const api = fakeApi({ ...baseHandlers(), ...handlers });
  const { pinia, router } = await setupApp(api, path);
  const wrapper = mount(App, { attachTo: document.body, global: { plugins: [pinia, router], stubs: { ChartCanvas: true } } });
  await flushPromises();
  await flushPromises();
  return { wrapper, api, router };
}

/** No element was made from the hostile string, and it is shown as the literal text. */
function expectInert(html: HTMLElement) {
  expect(html.querySelector('img')).toBeNull();
  expect(html.querySelector('script')).toBeNull();
  expect(html.textContent).toContain(HOSTILE);
  expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
}

describe('evidence view', () => {
  it('shows the finding, its configuration item as text, provenance and related findings', async () => {
    const { wrapper } = await mountAt('/finding/7', {
      'finding.get': () => findingDetail({ annotation: HOSTILE, resourceName: RTL }),
    });
    expectInert(document.body);
    const json = wrapper.get('[data-testid="evidence-json"]');
    expect(json.element.tagName).toBe('PRE');
    expect(JSON.parse(json.text())).toEqual({ resourceType: 'AWS::S3::Bucket', tags: { Owner: HOSTILE } });
    expect(wrapper.get('[data-testid="provenance"]').text()).toContain('BatchGetResourceConfig');
    const related = wrapper.findAll('[data-testid="related-finding"]');
    expect(related).toHaveLength(1);
    expect(related[0].text()).toContain(HOSTILE);
    expect(related[0].get('a').attributes('href')).toBe('/finding/8');
    // Right-to-left and override characters stay inside an isolating element.
    expect(wrapper.get('h1 bdi').text()).toBe(RTL);
    expect(wrapper.get('[data-testid="demo-badge"]').text()).toBe('Demo data');
  });

  it('shows an API error in the banner instead of a blank window', async () => {
    const { wrapper } = await mountAt('/finding/99', {
      'finding.get': () => {
        throw Object.assign(new Error('No finding 99 in /data/acme.triad'), {});
      },
    });
    expect(wrapper.get('[data-testid="error-banner"]').text()).toContain('No finding 99 in /data/acme.triad');
  });
});

describe('overview', () => {
  it('shows the three pillar cards with their numbers and hostile names as text', async () => {
    const { wrapper, api } = await mountAt('/?regions=eu-west-1', { 'overview.get': () => overview() });
    expectInert(document.body);
    const card = wrapper.get('[data-testid="pillar-card-confidentiality"]');
    expect(card.get('h2').text()).toBe('Confidentiality');
    expect(card.get('[data-testid="pillar-percent"]').text()).toBe('75.0%');
    expect(card.get('[data-testid="pillar-compliant"]').text()).toBe('30');
    expect(card.get('[data-testid="pillar-noncompliant"]').text()).toBe('10');
    expect(card.get('[data-testid="pillar-percent"]').attributes('data-value')).toBe('75');
    expect(card.get('a').attributes('href')).toBe('/pillar/confidentiality?regions=eu-west-1');
    expect(wrapper.get('[data-testid="pillar-card-integrity"] h2').text()).toBe('Integrity');
    expect(wrapper.get('[data-testid="pillar-card-availability"] [data-testid="pillar-percent"]').text()).toBe('no data');
    expect(wrapper.find('[data-testid="pillar-card-unclassified"]').exists()).toBe(false);
    expect(wrapper.get('[data-testid="coverage-line"]').text()).toBe('3 of 4 account × region pairs collected, 1 error');
    expect(wrapper.get('[data-testid="snapshot-meta"]').text()).toContain('not computed');
    const row = wrapper.get('[data-testid="top-failing-row"]');
    expect(row.get('a').attributes('href')).toBe('/control/config-rule:custom:evil?regions=eu-west-1');
    expect(api.calls.find((c) => c.method === 'overview.get')?.params).toEqual({ filters: { regions: ['eu-west-1'] } });
  });

  it('opens a top failing control with Enter on its row', async () => {
    const { wrapper, router } = await mountAt('/', {
      'overview.get': () => overview(),
      'control.get': () => ({ control: findingDetail().control, score: overview().total }),
      'control.findings': (): FindingPage => ({ total: 0, offset: 0, rows: [] }),
    });
    await wrapper.get('[data-testid="top-failing-row"]').trigger('keydown', { key: 'Enter' });
    await flushPromises();
    expect(router.currentRoute.value.name).toBe('control');
    expect(router.currentRoute.value.params.id).toBe('config-rule:custom:evil');
  });
});

describe('control view', () => {
  it('lists findings from pages with hostile annotations as text and sortable headers', async () => {
    // happy-dom does no layout: give the scroller a height so the virtualizer renders rows.
    vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(600);
    const rows = [findingRow(1, { annotation: HOSTILE, resourceName: HOSTILE }), findingRow(2)];
    const { wrapper, api, router } = await mountAt('/control/config-rule%3AS3_BUCKET_PUBLIC_READ_PROHIBITED', {
      'control.get': () => ({ control: { ...findingDetail().control, classification: null, classificationOrigin: 'unclassified' as const }, score: overview().total }),
      'control.findings': ({ offset }): FindingPage => ({ total: 2, offset, rows }),
    });
    expectInert(document.body);
    expect(wrapper.get('[data-testid="control-classification"]').text()).toContain('Unclassified — not in catalog');
    expect(wrapper.get('[data-testid="findings-total"]').text()).toBe('2 findings');
    const found = wrapper.findAll('[data-testid="finding-row"]');
    expect(found).toHaveLength(2);
    expect(found[0].get('a').attributes('href')).toBe('/finding/1');

    const header = wrapper.findAll('[role="columnheader"]').find((h) => h.text().startsWith('Status'))!;
    expect(header.attributes('aria-sort')).toBe('none');
    await header.get('button').trigger('click');
    await flushPromises();
    expect(router.currentRoute.value.query).toEqual({ sort: 'status' });
    expect(wrapper.findAll('[role="columnheader"]').find((h) => h.text().startsWith('Status'))!.attributes('aria-sort')).toBe('ascending');
    const last = api.calls.filter((c) => c.method === 'control.findings').at(-1)!;
    expect(last.params).toMatchObject({ controlId: 'config-rule:S3_BUCKET_PUBLIC_READ_PROHIBITED', sort: 'status', descending: false, offset: 0 });
  });
});

describe('filter bar', () => {
  it('offers the snapshot options and writes choices to the URL', async () => {
    const { wrapper, router } = await mountAt('/', { 'overview.get': () => overview() });
    const select = wrapper.get('[data-testid="filter-accounts"]');
    expect(select.text()).toContain(HOSTILE);
    expectInert(document.body);
    const option = (select.element as HTMLSelectElement).options[0];
    option.selected = true;
    await select.trigger('change');
    await flushPromises();
    expect(router.currentRoute.value.query).toEqual({ accounts: '222222222222' });
    expect(wrapper.get('label[for="filter-accounts"]').text()).toBe('Account');
  });
});

describe('welcome screen', () => {
  it('appears when no snapshot is open, explaining how to open one in the browser host', async () => {
    const { wrapper } = await mountAt('/', { 'snapshot.current': () => null });
    expect(wrapper.find('[data-testid="welcome"]').exists()).toBe(true);
    const button = wrapper.get('[data-testid="open-snapshot"]');
    expect(button.attributes('disabled')).toBeDefined();
    expect(wrapper.text()).toContain('--snapshot FILE');
  });
});

describe('drag and drop', () => {
  function drop(name: string) {
    const file = new File(['x'], name);
    const event = new Event('drop', { cancelable: true }) as DragEvent;
    Object.defineProperty(event, 'dataTransfer', { value: { types: ['Files'], files: [file] } });
    window.dispatchEvent(event);
    return event;
  }

  it('explains in the browser host that dropping a snapshot needs the desktop app', async () => {
    const { wrapper, api } = await mountAt('/', { 'overview.get': () => overview() });
    expect(drop('other.triad').defaultPrevented).toBe(true);
    await flushPromises();
    expect(wrapper.get('[data-testid="info-banner"]').text()).toContain('needs the desktop app');
    expect(api.calls.some((c) => c.method === 'snapshot.open')).toBe(false);
  });

  it('opens a dropped snapshot through the bridge path in the desktop app', async () => {
    window.triad = { invoke: async () => ({ ok: true, value: null }), on: () => () => undefined, pathForFile: (f) => `/Users/a/${f.name}` };
    try {
      const { api } = await mountAt('/', { 'overview.get': () => overview(), 'snapshot.open': () => snapshotInfo({ title: 'Dropped' }) });
      drop('q3.triad');
      await flushPromises();
      expect(api.calls.find((c) => c.method === 'snapshot.open')?.params).toEqual({ path: '/Users/a/q3.triad' });
    } finally {
      delete window.triad;
    }
  });

  it('refuses a file that is not a snapshot, naming it', async () => {
    const { wrapper } = await mountAt('/', { 'overview.get': () => overview() });
    drop('report.pdf');
    await flushPromises();
    expect(wrapper.get('[data-testid="error-banner"]').text()).toContain('report.pdf is not a Triad snapshot');
  });
});
