// @vitest-environment happy-dom
// The overview's exceptions panel: applying a file shows each exception's state, flags expired ones, and states
// the scores without and with exceptions; a bad file shows the error naming its entry.
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, describe, expect, it } from 'vitest';
import type { ExceptionsApplied } from '../../../src/shared/exceptions';
import { ApiError } from '../../../src/shared/api';
import { setApiClient } from '../../../src/renderer/src/api';
import ExceptionsPanel from '../../../src/renderer/src/components/exceptions/ExceptionsPanel.vue';
import { HOSTILE, counts, fakeApi } from './fake-api';
import { scoreOf } from '../../../src/shared/scoring';

afterEach(() => {
  setApiClient(null);
  document.body.innerHTML = '';
});

const views = (c: number, nc: number, excepted: number) => ({
  withoutExceptions: scoreOf(counts({ COMPLIANT: c, NON_COMPLIANT: nc })),
  withExceptions: { percent: Math.round((c / (c + nc - excepted)) * 1000) / 10, excepted, nonCompliant: nc - excepted },
});
const applied: ExceptionsApplied = {
  asOf: '2026-11-26T12:00:00.000Z',
  outcomes: [
    { entry: { id: 'EX-1', scope: { accountId: '111111111111' }, justification: HOSTILE, owner: 'o', approver: 'a', created: '2026-01-01', expires: '2026-12-31' }, state: 'live', matched: 2 },
    { entry: { id: 'EX-OLD', scope: { region: 'eu-west-1' }, justification: 'j', owner: 'o', approver: 'a', created: '2025-01-01', expires: '2026-06-30' }, state: 'expired', matched: 4 },
  ],
  excepted: 2,
  total: views(8, 5, 2),
  pillars: { confidentiality: views(4, 3, 2), integrity: views(2, 0, 0), availability: views(1, 1, 0), unclassified: views(1, 1, 0) },
};

async function mountPanel(handler: () => ExceptionsApplied) {
  const api = fakeApi({ 'exceptions.apply': handler });
  setApiClient(api);
  const pinia = createPinia();
  setActivePinia(pinia);
  const wrapper = mount(ExceptionsPanel, { attachTo: document.body, global: { plugins: [pinia] } });
  await wrapper.get('[data-testid="exceptions-path"]').setValue('/data/exceptions.json');
  await wrapper.get('form').trigger('submit');
  await flushPromises();
  return { wrapper, api };
}

describe('exceptions panel', () => {
  it('flags expired exceptions and shows both score views', async () => {
    const { wrapper, api } = await mountPanel(() => applied);
    expect(api.calls[0]).toEqual({ method: 'exceptions.apply', params: { path: '/data/exceptions.json' } });
    expect(wrapper.get('[data-testid="exceptions-expired"]').text()).toContain('EX-OLD (expired 2026-06-30, 4 failing)');
    expect(wrapper.findAll('[data-testid="exception-row"]').map((r) => r.text())).toEqual([expect.stringMatching(/^EX-1.*Live\s*2026-12-31/s), expect.stringMatching(/^EX-OLD.*Expired/s)]);
    const rows = wrapper.findAll('[data-testid="exceptions-score-row"]').map((r) => r.findAll('th, td').map((cell) => cell.text()).join(' '));
    expect(rows[0]).toBe('Confidentiality 57.1% 80.0% 2');
    expect(rows[4]).toBe('All 61.5% 72.7% 2');
    expect(document.querySelector('img')).toBeNull();
  });

  it('shows the error naming the bad entry', async () => {
    const { wrapper } = await mountPanel(() => {
      throw new ApiError('bad-request', '/data/exceptions.json: entry 2 ("EX-2"): "owner" is missing or empty');
    });
    expect(wrapper.get('[data-testid="exceptions-error"]').text()).toBe('/data/exceptions.json: entry 2 ("EX-2"): "owner" is missing or empty');
    expect(wrapper.find('[data-testid="exception-row"]').exists()).toBe(false);
  });
});

describe('exception form', () => {
  it('records an accepted risk for the finding’s scope, then re-applies the file', async () => {
    const { default: ExceptionForm } = await import('../../../src/renderer/src/components/exceptions/ExceptionForm.vue');
    const api = fakeApi({ 'exceptions.save': () => [], 'exceptions.apply': () => applied });
    setApiClient(api);
    const pinia = createPinia();
    setActivePinia(pinia);
    const scope = { controlId: 'config-rule:S3_BUCKET_PUBLIC_READ_PROHIBITED', accountId: '111111111111', region: 'eu-west-1', resourcePattern: 'prod-public-site' };
    const wrapper = mount(ExceptionForm, { attachTo: document.body, props: { scope, suggestedId: 'EX-7' }, global: { plugins: [pinia] } });
    await wrapper.get('[data-testid="exception-form-open"]').trigger('click');
    await wrapper.get('[data-testid="exception-file"]').setValue('/data/exceptions.json');
    await wrapper.get('[data-testid="exception-justification"]').setValue('Public website bucket.');
    await wrapper.get('[data-testid="exception-owner"]').setValue('web-team');
    await wrapper.get('[data-testid="exception-approver"]').setValue('ciso');
    await wrapper.get('[data-testid="exception-expires"]').setValue('2027-05-31');
    await wrapper.get('[data-testid="exception-form"]').trigger('submit');
    await flushPromises();
    const saved = api.calls.find((c) => c.method === 'exceptions.save')!.params as { path: string; entry: Record<string, unknown> };
    expect(saved.path).toBe('/data/exceptions.json');
    expect(saved.entry).toMatchObject({ id: 'EX-7', scope, justification: 'Public website bucket.', owner: 'web-team', approver: 'ciso', expires: '2027-05-31' });
    expect(api.calls.at(-1)).toEqual({ method: 'exceptions.apply', params: { path: '/data/exceptions.json' } });
    expect(wrapper.get('[data-testid="exception-saved"]').text()).toBe('Saved EX-7 to /data/exceptions.json.');
  });
});
