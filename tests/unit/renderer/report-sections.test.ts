// @vitest-environment happy-dom
// The report's sections from the user's files, as the print route lays them out: findings under a live
// exception marked as excepted, the register with expired exceptions flagged, the review, the changes capped
// with "N of M shown", the tampered warning on the cover; text from the files stays text.
import { mount } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import ReportChanges from '../../../src/renderer/src/components/report/ReportChanges.vue';
import ReportControl from '../../../src/renderer/src/components/report/ReportControl.vue';
import ReportCover from '../../../src/renderer/src/components/report/ReportCover.vue';
import ReportExceptions from '../../../src/renderer/src/components/report/ReportExceptions.vue';
import ReportReview from '../../../src/renderer/src/components/report/ReportReview.vue';
import type {
  ReportChanges as Changes,
  ReportControl as Control,
  ReportCover as Cover,
  ReportExceptionRow,
  ReportExceptions as Exceptions,
  ReportFindingRow,
  ReportReview as Review,
} from '../../../src/shared/report';
import { HOSTILE } from './fake-api';

afterEach(() => {
  document.body.innerHTML = '';
});

const PROD = '222222222222';
const CONTROL_ID = 'config-rule:S3_BUCKET_PUBLIC_READ_PROHIBITED';

const exception = (id: string, state: ReportExceptionRow['state'], scope: ReportExceptionRow['scope'], covers: number): ReportExceptionRow => ({
  id,
  scope,
  scopeLines: Object.entries(scope).map(([k, v]) => `${k}: ${v}`),
  justification: HOSTILE,
  owner: 'web-team',
  approver: 'ciso',
  created: '2026-01-01',
  expires: state === 'expired' ? '2026-03-31' : '2026-12-31',
  state,
  covers,
});

const register = (entries: ReportExceptionRow[]): Exceptions => ({
  anchor: 'report-exceptions',
  title: 'Appendix C: Exception register',
  file: { fileName: 'exceptions.json', sha256: 'a'.repeat(64) },
  asOf: '2026-06-15',
  entries,
  counts: { live: entries.filter((e) => e.state === 'live').length, expired: entries.filter((e) => e.state === 'expired').length, pending: 0 },
  excepted: 1,
});

const row = (id: number, resourceId: string): ReportFindingRow => ({ id, accountId: PROD, region: 'eu-west-1', resourceType: 'AWS::S3::Bucket', resourceId, evidenceId: id });

describe('report sections in the print route', () => {
  it('marks the listed findings a live exception covers, and only those', () => {
    const rows = [row(1, 'public-site'), row(2, 'public-assets'), row(3, 'private-data')];
    const control = {
      id: CONTROL_ID,
      anchor: 'report-control-1',
      title: 'S3 public read',
      source: 'config-rule',
      sourceLabel: 'AWS Config rule',
      sourceIdentifier: 'S3_BUCKET_PUBLIC_READ_PROHIBITED',
      description: '',
      severity: 'high',
      principles: [],
      layer: null,
      secondaryPillars: [],
      rationale: '',
      classificationOrigin: 'catalog',
      references: [],
      score: { percent: 0, total: 3, counts: { COMPLIANT: 0, NON_COMPLIANT: 3, NOT_APPLICABLE: 0, INSUFFICIENT_DATA: 0, ERROR: 0, NOT_EVALUATED: 0 } },
      failing: 3,
      failingAccounts: 1,
      shown: 3,
      excepted: 2,
      byAccountRegion: [{ accountId: PROD, accountName: 'prod', region: 'eu-west-1', failing: 3 }],
    } as Control;
    const exceptions = [
      exception(`EX-1 ${HOSTILE}`, 'live', { controlId: CONTROL_ID, resourcePattern: 'public-*' }, 2),
      // Expired, and another control's: neither marks a line.
      exception('EX-2', 'expired', { accountId: PROD }, 3),
      exception('EX-3', 'live', { controlId: 'config-rule:OTHER' }, 0),
    ];
    const wrapper = mount(ReportControl, { props: { control, rows, number: '1.1', exceptions }, attachTo: document.body });
    const lines = wrapper.get('[data-testid="report-resource-lines"]').text().split('\n');
    expect(lines.filter((l) => l.startsWith('[EXCEPTED'))).toEqual([`[EXCEPTED EX-1 ${HOSTILE}]  public-site  [E1]`, `[EXCEPTED EX-1 ${HOSTILE}]  public-assets  [E2]`]);
    expect(lines).toContain('private-data  [E3]');
    expect(wrapper.get('[data-testid="report-control-excepted"]').text()).toBe('2 excepted by a live exception');
    expect(document.body.querySelector('img')).toBeNull();
  });

  it('lists the register with expired exceptions flagged, and hostile text as text', () => {
    const wrapper = mount(ReportExceptions, {
      props: { exceptions: register([exception('EX-1', 'live', { controlId: CONTROL_ID }, 1), exception('EX-2', 'expired', { accountId: PROD }, 3)]) },
      attachTo: document.body,
    });
    expect(wrapper.get('[data-testid="report-exceptions-expired"]').text()).toContain('EX-2 expired on 2026-03-31; 3 failing findings it covered count as failing again.');
    expect(wrapper.findAll('.exception-entry.expired')).toHaveLength(1);
    expect(wrapper.text()).toContain(`Justification${HOSTILE}`);
    expect(document.body.querySelector('img')).toBeNull();
    const none = mount(ReportExceptions, { props: { exceptions: { ...register([]), file: null } } });
    expect(none.text()).toContain('No exceptions file was applied to this report');
  });

  it('shows the sign-off, notes and sample picks with their results', () => {
    const finding = { findingId: 7, controlId: CONTROL_ID, controlTitle: 'S3 public read', accountId: PROD, region: 'eu-west-1', resourceType: 'AWS::S3::Bucket', resourceId: 'public-site', result: 'NON_COMPLIANT' as const };
    const review: Review = {
      anchor: 'report-review',
      title: 'Appendix D: Reviewer notes, sample and sign-off',
      file: { fileName: 'org.review.json', sha256: 'b'.repeat(64), snapshotDigest: 'c'.repeat(64) },
      signOff: { name: HOSTILE, date: '2026-06-02' },
      counts: { 'to-review': 1, 'reviewed-ok': 0, 'issue-raised': 1 },
      controlNotes: [],
      findingNotes: [{ finding, status: 'issue-raised', note: HOSTILE, sampled: true, updatedAt: '2026-06-01T10:00:00.000Z' }],
      samples: [{ controlId: CONTROL_ID, controlTitle: 'S3 public read', seed: 'fy2026', size: 1, population: 9, createdAt: '2026-06-01T11:00:00.000Z', picks: [{ finding, status: 'issue-raised', note: '' }] }],
    };
    const wrapper = mount(ReportReview, { props: { review }, attachTo: document.body });
    expect(wrapper.get('[data-testid="report-signoff"]').text()).toBe(`Signed off by ${HOSTILE} on 2026-06-02.`);
    expect(wrapper.get('[data-testid="report-sample"]').text()).toMatch(/^1 of 9 findings picked \(asked for 1\) with seed fy2026/);
    expect(wrapper.get('[data-testid="report-finding-notes"]').text()).toContain(`Non-compliantIssue raised${HOSTILE}`);
    expect(document.body.querySelector('img')).toBeNull();
    const unsigned = mount(ReportReview, { props: { review: { ...review, signOff: null } } });
    expect(unsigned.get('[data-testid="report-signoff"]').text()).toBe('Not signed off: the review file records no sign-off.');
  });

  it('says "N of M shown" for a capped change category and cites the complete list', () => {
    const changes: Changes = {
      anchor: 'report-changes',
      title: 'Changes since 2026-05-01',
      base: { title: 'Before', fileName: 'before.triad', createdAt: '2026-05-01T00:00:00.000Z', digest: null },
      warnings: [],
      counts: [{ category: 'regressed', label: 'Regressed', count: 3 }],
      unchanged: 5,
      evidenceChanged: 0,
      accounts: { added: [], removed: [] },
      regions: { added: [], removed: [] },
      controls: { added: [], removed: [] },
      coverage: [],
      lists: [
        {
          category: 'regressed',
          label: 'Regressed',
          total: 3,
          rows: [{ controlId: CONTROL_ID, controlTitle: 'S3 public read', accountId: PROD, region: 'eu-west-1', resourceType: 'AWS::S3::Bucket', resourceId: HOSTILE, baseStatus: 'COMPLIANT', currentStatus: 'NON_COMPLIANT', evidenceChanged: true }],
        },
      ],
      limit: 1,
      changesList: { fileName: 'r.changes.csv', sha256: 'd'.repeat(64), rows: 3 },
    };
    const wrapper = mount(ReportChanges, { props: { changes }, attachTo: document.body });
    expect(wrapper.get('[data-testid="report-changes-shown-of"]').text()).toMatch(/^1 of 3 shown: .* The complete list of 3 changes is in the file r\.changes\.csv/);
    expect(wrapper.text()).toContain('Compliant → Non-compliant (evidence changed)');
    expect(document.body.querySelector('img')).toBeNull();
  });

  it('puts a tampered snapshot’s warning on the cover', () => {
    const cover = {
      title: 'Compliance report: Org',
      snapshotTitle: 'Org',
      snapshotFile: 'org.triad',
      scope: { mode: 'organization', description: '' },
      snapshotTime: '2026-05-01T00:00:00.000Z',
      collectedBy: null,
      digest: { algorithm: 'SHA-256', value: 'e'.repeat(64), basis: 'content' },
      triadVersion: '0.1.0',
      snapshotTriadVersion: '0.1.0',
      formatVersion: '1.0',
      reportTime: '2026-06-15T00:00:00.000Z',
      isDemo: false,
      partial: false,
      filterLines: [],
      pillarLabels: [],
      failingOnly: false,
    } as Cover;
    const listing = { mode: 'complete', failingFindings: 0, shownFindings: 0, completeLimit: 1, resourceLimit: 1 } as const;
    const review = { anchor: 'report-review', title: 'D', file: null, signOff: null, counts: { 'to-review': 0, 'reviewed-ok': 0, 'issue-raised': 0 }, controlNotes: [], findingNotes: [], samples: [] };
    const integrity = { state: 'tampered', message: 'TAMPERED: the content differs from its recorded digest.', warning: true } as const;
    const wrapper = mount(ReportCover, { props: { cover, integrity, listing, exceptions: { ...register([]), file: null }, review } });
    expect(wrapper.get('[data-testid="report-integrity-warning"]').text()).toMatch(/^Warning: this snapshot is tampered\. TAMPERED: the content differs/);
    expect(wrapper.get('[data-testid="report-integrity"]').text()).toBe('Checked when this report was made: TAMPERED: the content differs from its recorded digest.');
    expect(wrapper.get('[data-testid="report-inputs"]').text()).toBe('No exceptions fileNo review file');
  });
});
