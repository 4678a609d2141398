// @vitest-environment happy-dom
// The "New collection" flow in the real app shell with a fake API: the form checks itself before calling the
// service, sends the request it shows, and the progress events the service pushes drive what the user sees.
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError, type CollectionProgress, type CollectionRequest } from '../../../src/shared/api';
import App from '../../../src/renderer/src/App.vue';
import { setApiClient } from '../../../src/renderer/src/api';
import { HOSTILE, fakeApi, overview, snapshotInfo, type FakeApi } from './fake-api';
import { setupApp } from './setup-app';

afterEach(() => {
  setApiClient(null);
  document.body.innerHTML = '';
});

const OUT = '/audits/acme-2026.triad';

function progress(overrides: Partial<CollectionProgress> = {}): CollectionProgress {
  return {
    state: 'running',
    outPath: OUT,
    pairsDone: 0,
    pairsTotal: 0,
    calls: 0,
    throttles: 0,
    retries: 0,
    errors: 0,
    elapsedMs: 0,
    etaSeconds: null,
    ...overrides,
  };
}

async function mountCollect(handlers: Parameters<typeof fakeApi>[0] = {}) {
  const api = fakeApi({
    'app.info': () => ({ version: '0.1.0', host: 'browser' as const, nativeDialogs: false, canSave: false, canOpenFiles: false, signingKeys: null }),
    'snapshot.current': () => null,
    'filters.options': () => ({ accounts: [], ous: [], regions: [] }),
    'collection.profiles': () => [
      { name: 'audit-sso', kind: 'sso' as const, accountId: '111122223333', region: 'eu-west-1' },
      { name: 'ci', kind: 'static' as const },
    ],
    'collection.start': (request: CollectionRequest) => progress({ outPath: request.outPath }),
    'collection.pause': () => undefined,
    'collection.resume': () => undefined,
    'collection.cancel': () => undefined,
    'overview.groups': ({ groupBy }) => ({ groupBy, overlapping: groupBy === 'principle', groups: [] }),
    ...handlers,
  });
  const { pinia, router } = await setupApp(api, '/collect');
  const wrapper = mount(App, { attachTo: document.body, global: { plugins: [pinia, router], stubs: { ChartCanvas: true } } });
  await flushPromises();
  await flushPromises();
  return { wrapper, api, router };
}

const startCalls = (api: FakeApi) => api.calls.filter((c) => c.method === 'collection.start');

async function fillOwnAccount(wrapper: VueWrapper, regions = 'eu-west-1, us-east-1') {
  await wrapper.get('[data-testid="collect-regions"]').setValue(regions);
  await wrapper.get('[data-testid="collect-out"]').setValue(OUT);
}

async function emit(api: FakeApi, payload: CollectionProgress) {
  api.emit('collection.progress', payload);
  await flushPromises();
}

async function startRun(handlers: Parameters<typeof fakeApi>[0] = {}) {
  const mounted = await mountCollect(handlers);
  await fillOwnAccount(mounted.wrapper);
  await mounted.wrapper.get('[data-testid="collect-form"]').trigger('submit');
  await flushPromises();
  return mounted;
}

describe('new collection form', () => {
  it('is reachable without an open snapshot and lists the profiles by name and kind', async () => {
    const { wrapper } = await mountCollect();
    expect(wrapper.find('[data-testid="welcome"]').exists()).toBe(false);
    expect(wrapper.get('h1').text()).toBe('New collection');
    const options = wrapper.get('[data-testid="collect-profile"]').findAll('option').map((o) => o.text());
    expect(options).toEqual([
      'Default credential chain',
      'audit-sso — IAM Identity Center (SSO), account 111122223333, eu-west-1',
      'ci — static keys or environment',
    ]);
    expect(wrapper.get('[data-testid="collect-readonly"]').text()).toContain('resources/iam/triad-auditor-policy.json');
  });

  it('shows the sso login command for an IAM Identity Center profile', async () => {
    const { wrapper } = await mountCollect();
    await wrapper.get('[data-testid="collect-profile"]').setValue('audit-sso');
    expect(wrapper.get('#collect-profile-hint').text()).toContain('aws sso login --profile audit-sso');
  });

  it('lists the problems, marks the fields and does not call the service', async () => {
    const { wrapper, api } = await mountCollect();
    await wrapper.get('[data-testid="collect-out"]').setValue('/audits/acme.db');
    await wrapper.get('[data-testid="collect-scope-accounts"]').setValue(true);
    await wrapper.get('#collect-accounts').setValue('12345');
    await wrapper.get('[data-testid="collect-form"]').trigger('submit');
    await flushPromises();

    const summary = wrapper.get('[data-testid="collect-problems"]');
    expect(summary.attributes('role')).toBe('alert');
    expect(summary.text()).toContain('Account ids are 12 digits; not valid: 12345.');
    expect(summary.text()).toContain('Give the name of the role to assume in each account');
    expect(summary.text()).toContain('List at least one region');
    expect(summary.text()).toContain('Snapshot files end in .triad');
    expect(document.activeElement).toBe(summary.element);
    const regions = wrapper.get('[data-testid="collect-regions"]');
    expect(regions.attributes('aria-invalid')).toBe('true');
    expect(regions.attributes('aria-describedby')).toContain('collect-regions-error');
    expect(wrapper.get('#collect-regions-error').text()).toContain('List at least one region');
    expect(startCalls(api)).toHaveLength(0);
  });

  it('sends the request built from the form, with the common-region helper and role options', async () => {
    const { wrapper, api } = await mountCollect();
    await wrapper.get('[data-testid="collect-profile"]').setValue('audit-sso');
    await wrapper.get('[data-testid="collect-scope-self"]').setValue(false);
    await wrapper.get('[data-testid="collect-scope-accounts"]').setValue(true);
    await wrapper.get('#collect-accounts').setValue('111122223333\n444455556666');
    await wrapper.get('#collect-role').setValue('TriadAuditor');
    await wrapper.get('#collect-externalId').setValue('triad-external-7f3a');
    await wrapper.get('#collect-region-eu-west-1').setValue(true);
    await wrapper.get('#collect-region-us-east-1').setValue(true);
    expect((wrapper.get('[data-testid="collect-regions"]').element as HTMLInputElement).value).toBe('eu-west-1, us-east-1');
    await wrapper.get('#collect-region-eu-west-1').setValue(false);
    await wrapper.get('[data-testid="collect-out"]').setValue(OUT);
    await wrapper.get('[data-testid="collect-form"]').trigger('submit');
    await flushPromises();

    expect(startCalls(api).map((c) => c.params)).toEqual([
      {
        outPath: OUT,
        profile: 'audit-sso',
        accounts: ['111122223333', '444455556666'],
        role: 'TriadAuditor',
        externalId: 'triad-external-7f3a',
        regions: ['us-east-1'],
      },
    ]);
    // The progress view replaces the form, with the planned pairs pending.
    expect(wrapper.find('[data-testid="collect-form"]').exists()).toBe(false);
    const pairs = wrapper.findAll('[data-testid="collect-pair"]');
    expect(pairs.map((p) => [p.findAll('td')[0].text(), p.findAll('td')[1].text(), p.attributes('data-state')])).toEqual([
      ['111122223333', 'us-east-1', 'pending'],
      ['444455556666', 'us-east-1', 'pending'],
    ]);
  });

  it('shows a refusal from the service in the error banner and keeps the form', async () => {
    const { wrapper } = await mountCollect({
      'collection.start': () => {
        throw new ApiError('bad-request', `${OUT}.partial: an interrupted collection already uses this work file; resume it, or delete the file to start again`);
      },
    });
    await fillOwnAccount(wrapper);
    await wrapper.get('[data-testid="collect-form"]').trigger('submit');
    await flushPromises();
    expect(wrapper.get('[data-testid="error-banner"]').text()).toContain('an interrupted collection already uses this work file');
    expect(wrapper.find('[data-testid="collect-form"]').exists()).toBe(true);
    expect(wrapper.find('[data-testid="collect-progress"]').exists()).toBe(false);
  });
});

describe('collection progress', () => {
  it('follows the progress events: pairs with their state and reason, counters, ETA and errors newest first', async () => {
    const { wrapper, api } = await startRun();
    const view = () => wrapper.get('[data-testid="collect-progress"]');
    expect(view().get('[data-testid="collect-status"]').attributes('aria-live')).toBe('polite');
    expect(view().get('[data-testid="collect-status"]').text()).toContain('finding the accounts and regions in scope');
    // Own account: the pairs are known by region until the caller's account id is reported.
    expect(wrapper.findAll('[data-testid="collect-pair"]').map((p) => p.findAll('td')[0].text())).toEqual(['This account', 'This account']);

    await emit(api, progress({ pairsTotal: 2, calls: 12, throttles: 1, retries: 2, elapsedMs: 4_000 }));
    await emit(
      api,
      progress({
        pairsTotal: 2,
        pairsDone: 1,
        calls: 30,
        throttles: 3,
        retries: 4,
        elapsedMs: 65_000,
        etaSeconds: 65,
        lastPair: { accountId: '123456789012', region: 'eu-west-1', state: 'collected', reason: '' },
      }),
    );
    const first = { accountId: '123456789012', region: 'us-east-1', service: 'config', operation: 'DescribeConfigRules', code: 'AccessDeniedException', message: HOSTILE, at: '2026-11-27T00:10:00.000Z' };
    const second = { ...first, operation: 'GetComplianceDetailsByConfigRule', code: 'ThrottlingException', message: 'Rate exceeded', at: '2026-11-27T00:10:05.000Z' };
    await emit(api, progress({ pairsTotal: 2, pairsDone: 1, calls: 31, throttles: 3, retries: 4, errors: 1, elapsedMs: 66_000, etaSeconds: 64, lastError: first }));
    await emit(api, progress({ pairsTotal: 2, pairsDone: 1, calls: 32, throttles: 3, retries: 5, errors: 2, elapsedMs: 67_000, etaSeconds: 63, lastError: second }));

    expect(view().get('[data-testid="collect-pairs-done"]').text()).toBe('1 / 2');
    expect(view().get('[data-testid="collect-calls"]').text()).toBe('32');
    expect(view().get('[data-testid="collect-throttles"]').text()).toBe('3');
    expect(view().get('[data-testid="collect-retries"]').text()).toBe('5');
    expect(view().get('[data-testid="collect-elapsed"]').text()).toBe('1 min 07 s');
    expect(view().get('[data-testid="collect-eta"]').text()).toBe('about 1 min 03 s');
    expect(view().get('[data-testid="collect-status"]').text()).toBe('Collecting: 1 of 2 account × region pairs done, 2 errors.');
    const rows = wrapper.findAll('[data-testid="collect-pair"]').map((p) => [p.findAll('td')[0].text(), p.findAll('td')[1].text(), p.attributes('data-state')]);
    expect(rows).toEqual([
      ['123456789012', 'eu-west-1', 'collected'],
      ['123456789012', 'us-east-1', 'pending'],
    ]);
    const errors = wrapper.get('[data-testid="collect-errors"]').findAll('[data-testid="collect-error"]');
    expect(errors.map((e) => e.text())).toEqual([
      expect.stringContaining('ThrottlingException Rate exceeded'),
      expect.stringContaining(`AccessDeniedException ${HOSTILE}`),
    ]);
    // AWS text stays text.
    expect(document.body.querySelector('img')).toBeNull();

    await emit(
      api,
      progress({
        pairsTotal: 2,
        pairsDone: 2,
        errors: 2,
        lastPair: { accountId: '123456789012', region: 'us-east-1', state: 'failed', reason: 'AccessDeniedException: not authorized to perform config:DescribeConfigRules' },
      }),
    );
    const failed = wrapper.findAll('[data-testid="collect-pair"]')[1];
    expect(failed.attributes('data-state')).toBe('failed');
    expect(failed.text()).toContain('Failed');
    expect(failed.text()).toContain('not authorized to perform config:DescribeConfigRules');
  });

  it('pauses and resumes through the API, and shows the sso login command when the collector asks for it', async () => {
    const { wrapper, api } = await startRun({ 'snapshot.current': () => null });
    await wrapper.get('[data-testid="collect-pause"]').trigger('click');
    await flushPromises();
    expect(api.calls.at(-1)?.method).toBe('collection.pause');

    await emit(api, progress({ state: 'paused', message: 'SSO session for profile audit-sso expired: run "aws sso login --profile audit-sso"' }));
    expect(wrapper.get('[data-testid="collect-sso-hint"]').text()).toBe('aws sso login --profile audit-sso');
    const resume = wrapper.get('[data-testid="collect-pause"]');
    expect(resume.text()).toBe('Resume');
    await resume.trigger('click');
    await flushPromises();
    expect(api.calls.at(-1)?.method).toBe('collection.resume');
  });

  it('asks before cancelling, explains the partial snapshot, and cancels only when confirmed', async () => {
    const { wrapper, api } = await startRun();
    await wrapper.get('[data-testid="collect-cancel"]').trigger('click');
    await flushPromises();
    const confirm = wrapper.get('[data-testid="collect-confirm"]');
    expect(confirm.attributes('role')).toBe('alertdialog');
    expect(confirm.text()).toContain('valid snapshot');
    expect(confirm.text()).toContain('partial');
    expect(document.activeElement?.textContent).toBe('Keep collecting');

    await confirm.findAll('button')[1].trigger('click');
    await flushPromises();
    expect(wrapper.find('[data-testid="collect-confirm"]').exists()).toBe(false);
    expect(api.calls.some((c) => c.method === 'collection.cancel')).toBe(false);

    await wrapper.get('[data-testid="collect-cancel"]').trigger('click');
    await flushPromises();
    await wrapper.get('[data-testid="collect-cancel-confirm"]').trigger('click');
    await flushPromises();
    expect(api.calls.filter((c) => c.method === 'collection.cancel')).toHaveLength(1);

    await emit(api, progress({ state: 'running', pairsTotal: 2, pairsDone: 1, lastPair: { accountId: '123456789012', region: 'eu-west-1', state: 'collected', reason: '' } }));
    await emit(api, progress({ state: 'cancelled', pairsTotal: 2, pairsDone: 1 }));
    const done = wrapper.get('[data-testid="collect-done"]');
    expect(done.text()).toContain('Cancelled: partial snapshot written');
    expect(done.get('[data-testid="collect-coverage"]').text()).toBe('1 of 2 account × region pairs collected, 0 errors.');
    // The pair the cancel stopped is no longer shown as pending.
    const rows = wrapper.findAll('[data-testid="collect-pair"]');
    expect(rows.map((r) => r.attributes('data-state'))).toEqual(['collected', 'skipped']);
    expect(rows[1].text()).toContain('Collection cancelled before this account and region were collected');
    expect(wrapper.get('[data-testid="collect-tally-skipped"]').text()).toContain('Skipped: 1');
    expect(wrapper.find('[data-testid="collect-tally-pending"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="collect-cancel"]').exists()).toBe(false);
  });

  it('when finished, shows the coverage and opens the written snapshot on request', async () => {
    const opened = { ...snapshotInfo(), path: OUT, fileName: 'acme-2026.triad' };
    const { wrapper, api, router } = await startRun({ 'snapshot.open': () => opened, 'overview.get': () => ({ ...overview(), snapshot: opened }) });
    await emit(api, progress({ pairsTotal: 2, pairsDone: 1, lastPair: { accountId: '123456789012', region: 'eu-west-1', state: 'collected', reason: '' } }));
    await emit(api, progress({ pairsTotal: 2, pairsDone: 2, errors: 1, lastPair: { accountId: '123456789012', region: 'us-east-1', state: 'not-enabled', reason: 'AWS Config is not recording in this region' } }));
    await emit(api, progress({ state: 'finished', pairsTotal: 2, pairsDone: 2, errors: 1 }));

    const done = wrapper.get('[data-testid="collect-done"]');
    expect(done.text()).toContain('Collection finished');
    expect(done.get('[data-testid="collect-coverage"]').text()).toBe('1 of 2 account × region pairs collected, 1 error.');
    expect(document.activeElement?.textContent?.trim()).toBe('Collection finished');
    await done.get('[data-testid="collect-open"]').trigger('click');
    await flushPromises();
    await flushPromises();
    expect(api.calls.find((c) => c.method === 'snapshot.open')?.params).toEqual({ path: OUT });
    expect(wrapper.get('[data-testid="snapshot-meta"]').text()).toContain(OUT);
    expect(router.currentRoute.value.name).toBe('overview');
  });

  it('when the service opens the finished snapshot itself, moves to the overview and says what was collected', async () => {
    const opened = { ...snapshotInfo(), path: OUT, fileName: 'acme-2026.triad' };
    const { wrapper, api, router } = await startRun({ 'overview.get': () => overview() });
    await emit(api, progress({ pairsTotal: 1, pairsDone: 1, lastPair: { accountId: '123456789012', region: 'eu-west-1', state: 'collected', reason: '' } }));
    await emit(api, progress({ state: 'finished', pairsTotal: 1, pairsDone: 1 }));
    api.emit('snapshot.changed', opened);
    await flushPromises();
    await flushPromises();
    expect(router.currentRoute.value.name).toBe('overview');
    expect(wrapper.get('[data-testid="info-banner"]').text()).toContain(`Collection finished: 1 of 1 account × region pairs collected, 0 errors. Snapshot ${OUT}.`);
    expect(api.calls.some((c) => c.method === 'snapshot.open')).toBe(false);
  });

  it('shows why a collection failed, with the way back to the form', async () => {
    const { wrapper, api } = await startRun();
    await emit(api, progress({ state: 'failed', message: 'Cannot use the credentials of the default credential chain: InvalidClientTokenId: The security token included in the request is invalid.' }));
    const done = wrapper.get('[data-testid="collect-done"]');
    expect(done.get('[data-testid="collect-failure"]').text()).toContain('InvalidClientTokenId');
    expect(done.find('[data-testid="collect-open"]').exists()).toBe(false);
    await done.get('[data-testid="collect-new"]').trigger('click');
    await flushPromises();
    expect(wrapper.find('[data-testid="collect-form"]').exists()).toBe(true);
    // What was typed is still there.
    expect((wrapper.get('[data-testid="collect-regions"]').element as HTMLInputElement).value).toBe('eu-west-1, us-east-1');
    // Nothing was written, so the same file is still the right one.
    expect((wrapper.get('[data-testid="collect-out"]').element as HTMLInputElement).value).toBe(OUT);
  });
});

describe('entry points', () => {
  it('the welcome screen offers a new collection beside opening a snapshot', async () => {
    const { wrapper, router } = await mountCollect();
    await router.push('/');
    await flushPromises();
    expect(wrapper.find('[data-testid="welcome"]').exists()).toBe(true);
    const link = wrapper.get('[data-testid="welcome-collect"]');
    expect(link.text()).toBe('New collection…');
    expect(link.attributes('href')).toBe('/collect');
    expect(wrapper.get('[data-testid="nav-collect"]').text()).toBe('New collection');
  });
});
