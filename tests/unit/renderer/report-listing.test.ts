// @vitest-environment happy-dom
// The failing-resource listing of a report control: every listed finding on its own line under its account and
// region, all in one text block (the shape that keeps a 100,000-finding PDF within its time budget), and
// untrusted AWS text inert in it.
import { mount } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import ReportControl from '../../../src/renderer/src/components/report/ReportControl.vue';
import type { ReportControl as Control, ReportFindingRow } from '../../../src/shared/report';
import { HOSTILE, RTL } from './fake-api';

afterEach(() => {
  document.body.innerHTML = '';
});

const PROD = '222222222222';
const DEV = '333333333333';

function control(rows: ReportFindingRow[]): Control {
  const failing = rows.length;
  return {
    id: 'config-rule:s3-bucket-public-read-prohibited',
    anchor: 'report-control-1',
    title: 'S3 buckets prohibit public read access',
    source: 'config-rule',
    sourceLabel: 'AWS Config rule',
    sourceIdentifier: 'S3_BUCKET_PUBLIC_READ_PROHIBITED',
    description: 'Checks that buckets do not allow public read access.',
    severity: 'high',
    principles: [],
    layer: null,
    secondaryPillars: [],
    rationale: 'Public read exposes data.',
    classificationOrigin: 'catalog',
    references: [],
    score: { percent: 50, total: failing * 2, counts: { COMPLIANT: failing, NON_COMPLIANT: failing, NOT_APPLICABLE: 0, INSUFFICIENT_DATA: 0, ERROR: 0, NOT_EVALUATED: 0 } },
    failing,
    failingAccounts: 2,
    shown: failing,
    byAccountRegion: [
      { accountId: PROD, accountName: HOSTILE, region: 'eu-west-1', failing: rows.filter((r) => r.accountId === PROD).length },
      { accountId: DEV, accountName: 'dev', region: 'us-east-1', failing: rows.filter((r) => r.accountId === DEV).length },
    ],
  } as Control;
}

const row = (id: number, accountId: string, region: string, extra: Partial<ReportFindingRow> = {}): ReportFindingRow => ({
  id,
  accountId,
  region,
  resourceType: 'AWS::S3::Bucket',
  resourceId: `bucket-${id}`,
  evidenceId: id + 100,
  ...extra,
});

describe('the failing-resource listing of a report control', () => {
  it('lists every finding on its own line under an account and region heading, in one text block', () => {
    const rows = [
      row(1, PROD, 'eu-west-1', { resourceName: HOSTILE }),
      row(2, PROD, 'eu-west-1', { annotation: RTL }),
      ...Array.from({ length: 500 }, (_, i) => row(10 + i, DEV, 'us-east-1')),
    ];
    const wrapper = mount(ReportControl, { props: { control: control(rows), rows, number: '1.1' }, attachTo: document.body });
    const blocks = wrapper.findAll('[data-testid="report-resource-lines"]');
    expect(blocks).toHaveLength(1);
    const block = blocks[0].element as HTMLElement;
    // Per group: its heading and the account name isolated in it; no element per finding.
    expect(block.querySelectorAll('*')).toHaveLength(4);
    const lines = block.textContent!.split('\n');
    expect(lines).toHaveLength(2 + rows.length);
    expect(lines[0]).toBe(`${HOSTILE} ${PROD} · eu-west-1 · 2 failing resources`);
    expect(lines[1]).toBe(`${HOSTILE} (bucket-1)  [E101]`);
    expect(lines[2]).toBe(`bucket-2  — \u2068${RTL}\u2069  [E102]`);
    expect(lines[3]).toBe(`dev ${DEV} · us-east-1 · 500 failing resources`);
    expect(lines.slice(4)).toEqual(Array.from({ length: 500 }, (_, i) => `bucket-${10 + i}  [E${110 + i}]`));
    // The shared resource type is printed once above the block; the legend names the per-line annotation.
    expect(wrapper.text()).toContain('Resource type AWS::S3::Bucket');
    expect(wrapper.get('.resources-legend').text()).toContain('the evaluation’s annotation');
    // Hostile text stays text.
    expect(document.body.querySelector('img')).toBeNull();
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
    expect([...block.querySelectorAll('.resource-group-title')].map((e) => e.textContent)).toEqual([lines[0], lines[3]]);
  });

  it('without annotations the legend does not promise one, and a control with no failing finding says so', () => {
    const rows = [row(1, PROD, 'eu-west-1'), row(2, PROD, 'eu-west-1')];
    const wrapper = mount(ReportControl, { props: { control: control(rows), rows, number: '1.1' } });
    expect(wrapper.get('.resources-legend').text()).not.toContain('annotation');
    const passing = mount(ReportControl, { props: { control: control([]), rows: [], number: '1.2' } });
    expect(passing.find('[data-testid="report-resource-lines"]').exists()).toBe(false);
    expect(passing.text()).toContain('No failing resource in scope.');
  });
});
