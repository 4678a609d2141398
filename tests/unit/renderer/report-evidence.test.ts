// @vitest-environment happy-dom
// The evidence appendix: one paragraph per evidence item with its resource, key fields (shortened ones with their
// full length), the count of fields left out, and its provenance; untrusted text inert.
import { mount } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import ReportEvidence from '../../../src/renderer/src/components/report/ReportEvidence.vue';
import type { ReportEvidence as Evidence, ReportListing } from '../../../src/shared/report';
import { HOSTILE } from './fake-api';

afterEach(() => {
  document.body.innerHTML = '';
});

const listing: ReportListing = { mode: 'complete', failingFindings: 3, shownFindings: 3, completeLimit: 100_000, resourceLimit: 100 };

function item(id: number, extra: Partial<Evidence> = {}): Evidence {
  return {
    id,
    kind: 'configuration-item',
    resourceType: 'AWS::S3::Bucket',
    resourceId: `bucket-${id}`,
    accountId: '222222222222',
    region: 'eu-west-1',
    fields: [{ name: 'configuration.acl', value: 'private' }],
    moreFields: 0,
    provenance: { service: 'config', operation: 'GetResourceConfigHistory', params: '{"resourceId":"bucket"}', accountId: '222222222222', region: 'eu-west-1', retrievedAt: '2026-11-01T10:00:00Z' },
    ...extra,
  };
}

describe('the evidence appendix', () => {
  it('shows each item as one paragraph with its fields and provenance, and says how many of the cited items it details', () => {
    const evidence = [
      item(7, { fields: [{ name: 'tags.Owner', value: HOSTILE }, { name: 'configuration.policy', value: 'x…', fullLength: 4321 }], moreFields: 12 }),
      item(9),
    ];
    const wrapper = mount(ReportEvidence, { props: { evidence, total: 5, listing }, attachTo: document.body });
    const items = wrapper.findAll('.evidence-item');
    expect(items.map((p) => p.attributes('id'))).toEqual(['evidence-7', 'evidence-9']);
    const first = items[0].text();
    expect(first).toContain('E7 AWS::S3::Bucket bucket-7');
    expect(first).toContain(`tags.Owner: ${HOSTILE}`);
    expect(first).toContain('configuration.policy: x… (4,321 characters in full)');
    expect(first).toContain('12 more fields in the snapshot');
    expect(first).toContain('Provenance: config:GetResourceConfigHistory {"resourceId":"bucket"} · 222222222222 · eu-west-1 · retrieved');
    expect(items[1].text()).not.toContain('more field');
    expect(wrapper.get('[data-testid="report-evidence-shown-of"]').text()).toContain('2 of 5 evidence items shown');
    expect(document.body.querySelector('img')).toBeNull();
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
  });
});
