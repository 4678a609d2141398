// @vitest-environment happy-dom
// The integrity badge and the blocking warning of a tampered snapshot; the diff view's summary, drill-down and
// side-by-side evidence with the changed fields marked.
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, describe, expect, it } from 'vitest';
import { defineComponent, h } from 'vue';
import { createMemoryHistory, createRouter } from 'vue-router';
import type { DiffChange, DiffChangeDetail, DiffSummary } from '../../../src/shared/diff';
import type { IntegrityReport } from '../../../src/shared/integrity';
import { setApiClient } from '../../../src/renderer/src/api';
import IntegrityBadge from '../../../src/renderer/src/components/integrity/IntegrityBadge.vue';
import IntegrityGate from '../../../src/renderer/src/components/integrity/IntegrityGate.vue';
import { jsonLines } from '../../../src/renderer/src/components/diff/jsonLines';
import { useSnapshotStore } from '../../../src/renderer/src/stores/snapshot';
import DiffView from '../../../src/renderer/src/views/DiffView.vue';
import { HOSTILE, fakeApi, findingDetail, snapshotInfo } from './fake-api';

afterEach(() => {
  setApiClient(null);
  document.body.innerHTML = '';
});

const DIGEST = 'a'.repeat(64);
function report(state: IntegrityReport['state'], message: string): IntegrityReport {
  return { state, message, scheme: 'triad-content-1', recordedDigest: DIGEST, computedDigest: state === 'tampered' ? 'b'.repeat(64) : DIGEST, signatures: [], trustChecked: false };
}

async function mountGate(result: IntegrityReport) {
  const api = fakeApi({
    'app.info': () => ({ version: '0.1.0', host: 'browser' as const, nativeDialogs: false, canSave: false, canOpenFiles: false, signingKeys: null }),
    'snapshot.current': () => snapshotInfo(),
    'snapshot.verify': () => result,
  });
  setApiClient(api);
  const pinia = createPinia();
  setActivePinia(pinia);
  const Shell = defineComponent(() => () => h('div', [h(IntegrityBadge), h(IntegrityGate, null, { default: () => h('p', { 'data-testid': 'content' }, 'the overview') })]));
  const wrapper = mount(Shell, { attachTo: document.body, global: { plugins: [pinia] } });
  await useSnapshotStore().init();
  await flushPromises();
  await flushPromises();
  return { wrapper, api };
}

describe('integrity badge and warning', () => {
  it('an intact unsigned snapshot shows "Unsigned" and its content', async () => {
    const { wrapper, api } = await mountGate(report('unsigned', 'The content matches its recorded digest. Nobody has signed this snapshot.'));
    expect(wrapper.get('[data-testid="integrity-badge"]').text()).toBe('Unsigned');
    expect(wrapper.get('[data-testid="integrity-badge"]').attributes('title')).toContain('Nobody has signed');
    expect(wrapper.find('[data-testid="content"]').exists()).toBe(true);
    expect(api.calls.filter((c) => c.method === 'snapshot.verify')).toHaveLength(1);
  });

  it('a tampered snapshot stays hidden behind a warning until the user acknowledges it, then keeps a banner', async () => {
    const { wrapper } = await mountGate(report('tampered', `TAMPERED: the content differs. ${HOSTILE}`));
    expect(wrapper.get('[data-testid="integrity-badge"]').text()).toBe('Tampered');
    const warning = wrapper.get('[data-testid="integrity-warning"]');
    expect(warning.attributes('role')).toBe('alertdialog');
    expect(warning.text()).toContain('b'.repeat(64));
    expect(wrapper.find('[data-testid="content"]').exists()).toBe(false);
    expect(document.querySelector('img')).toBeNull();
    await wrapper.get('[data-testid="integrity-acknowledge"]').trigger('click');
    expect(wrapper.find('[data-testid="integrity-warning"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="content"]').exists()).toBe(true);
    expect(wrapper.get('[data-testid="integrity-banner"]').text()).toContain('Tampered snapshot.');
  });

  it('a verified snapshot shows "Verified"', async () => {
    const { wrapper } = await mountGate(report('verified', 'Verified.'));
    expect(wrapper.get('[data-testid="integrity-badge"]').text()).toBe('Verified');
    expect(wrapper.find('[data-testid="integrity-warning"]').exists()).toBe(false);
  });
});

describe('evidence lines', () => {
  it('marks changed and removed fields on the base side, changed and added ones on the current side', () => {
    const changes = [
      { path: ['configuration', 'versioning'], kind: 'changed' as const },
      { path: ['tags', 'old'], kind: 'removed' as const },
      { path: ['tags', 'new'], kind: 'added' as const },
    ];
    const base = jsonLines({ configuration: { versioning: 'Enabled' }, tags: { old: { a: 1 } } }, changes, 'base');
    expect(base.map((l) => [l.text, l.mark])).toEqual([
      ['{', null],
      ['"configuration": {', null],
      ['"versioning": "Enabled"', 'changed'],
      ['},', null],
      ['"tags": {', null],
      ['"old": {', 'removed'],
      ['"a": 1', 'removed'],
      ['}', 'removed'],
      ['}', null],
      ['}', null],
    ]);
    const current = jsonLines({ tags: { new: [] } }, changes, 'current');
    expect(current.find((l) => l.text === '"new": []')!.mark).toBe('added');
  });
});

const change = (id: number, category: DiffChange['category'], resourceId: string): DiffChange => ({
  id,
  category,
  controlId: 'config-rule:S3_BUCKET_PUBLIC_READ_PROHIBITED',
  accountId: '111111111111',
  region: 'eu-west-1',
  resourceType: 'AWS::S3::Bucket',
  resourceId,
  baseFindingId: category === 'new-failing' ? null : 10 + id,
  currentFindingId: 20 + id,
  baseStatus: category === 'new-failing' ? null : 'COMPLIANT',
  currentStatus: 'NON_COMPLIANT',
  evidenceChanged: category === 'regressed',
});

function diffSummary(): DiffSummary {
  const zero = { 'new-failing': 0, regressed: 0, resolved: 0, 'still-failing': 0, 'evidence-changed': 0, 'status-changed': 0, removed: 0, added: 0, 'no-longer-collected': 0, 'newly-collected': 0, unchanged: 0 };
  return {
    base: snapshotInfo({ title: 'Before' }),
    current: snapshotInfo({ title: 'After' }),
    warnings: ['The base snapshot is partial (its collection did not finish).'],
    totals: { ...zero, 'new-failing': 1, regressed: 1, 'no-longer-collected': 3, unchanged: 10 },
    evidenceChanged: 1,
    controls: [{ controlId: 'config-rule:S3_BUCKET_PUBLIC_READ_PROHIBITED', title: HOSTILE, pillar: 'confidentiality', counts: { ...zero, 'new-failing': 1, regressed: 1, 'no-longer-collected': 3 } }],
    accounts: { added: [], removed: [] },
    regions: { added: [], removed: [] },
    controlsAdded: [],
    controlsRemoved: [],
    coverage: [{ accountId: '222222222222', region: 'us-east-1', base: 'collected', current: 'failed' }],
    elapsedMs: 12,
  };
}

describe('diff view', () => {
  it('compares the two files in the route, lists changes and shows evidence side by side with changed fields marked', async () => {
    const rows = [change(1, 'new-failing', 'fresh-bucket'), change(2, 'regressed', 'public-bucket')];
    const baseDetail = findingDetail();
    const detail: DiffChangeDetail = {
      change: rows[1],
      base: { ...baseDetail, finding: { ...baseDetail.finding, status: 'COMPLIANT' }, evidence: { ...baseDetail.evidence!, body: { acl: 'private', owner: 'a' } } },
      current: { ...baseDetail, evidence: { ...baseDetail.evidence!, body: { acl: 'public-read', owner: 'a' } } },
      evidencePaths: [{ path: ['acl'], kind: 'changed' }],
      evidencePathsTruncated: false,
    };
    const api = fakeApi({
      'diff.run': () => diffSummary(),
      'diff.changes': (q) => ({ total: q.category === 'regressed' ? 1 : 2, offset: 0, rows: q.category === 'regressed' ? [rows[1]] : rows }),
      'diff.change': () => detail,
    });
    setApiClient(api);
    const pinia = createPinia();
    setActivePinia(pinia);
    const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/diff', name: 'diff', component: DiffView }] });
    await router.push({ name: 'diff', query: { base: '/data/before.triad', current: '/data/after.triad' } });
    const wrapper = mount(DiffView, { attachTo: document.body, global: { plugins: [pinia, router] } });
    await flushPromises();

    expect(api.calls.find((c) => c.method === 'diff.run')!.params).toEqual({ basePath: '/data/before.triad', currentPath: '/data/after.triad' });
    expect(wrapper.get('[data-testid="diff-total-no-longer-collected"]').text()).toMatch(/No longer collected\s*3/);
    expect(wrapper.get('[data-testid="diff-warnings"]').text()).toContain('partial');
    expect(wrapper.get('[data-testid="diff-coverage-row"]').text()).toMatch(/222222222222\s*us-east-1\s*collected\s*failed/);
    expect(wrapper.get('[data-testid="diff-control-row"]').text()).toContain(HOSTILE);
    expect(document.querySelector('img')).toBeNull();
    expect(wrapper.findAll('[data-testid="diff-change-row"]')).toHaveLength(2);

    await router.push({ name: 'diff', query: { ...router.currentRoute.value.query, category: 'regressed', change: '2' } });
    await flushPromises();
    expect(api.calls.filter((c) => c.method === 'diff.changes').pop()!.params).toEqual({ category: 'regressed', controlId: undefined, offset: 0, limit: 100 });
    expect(wrapper.findAll('[data-testid="diff-change-row"]')).toHaveLength(1);
    const base = wrapper.get('[data-testid="diff-evidence-base"]');
    const current = wrapper.get('[data-testid="diff-evidence-current"]');
    expect(base.get('[data-testid="diff-changed-line"]').text()).toContain('"acl": "private"');
    expect(current.get('[data-testid="diff-changed-line"]').text()).toContain('"acl": "public-read"');
    expect(current.findAll('[data-testid="diff-changed-line"]')).toHaveLength(1);
    expect(wrapper.get('[data-testid="diff-changed-paths"]').text()).toContain('acl (changed)');
  });
});
