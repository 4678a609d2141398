// The report sections made from an exceptions file, a review file, an earlier snapshot and the Trusted Advisor
// record: the pure builders on constructed inputs, then the whole path (files read and checked, counts from the
// real fixture snapshot, the model) with the figures an auditor would check by hand.

import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIFF_CATEGORIES, type DiffChange } from '../../../src/shared/diff';
import { reportIntegrityOf } from '../../../src/shared/integrity';
import { reportPageCss } from '../../../src/shared/report-page';
import { defaultReportOptions, reportOptionsFromQuery, reportOptionsToQuery, type ReportOptions } from '../../../src/shared/report';
import type { ReviewFileContent } from '../../../src/shared/review';
import { verifySnapshotFile } from '../../../src/main/integrity';
import { snapshotDigest } from '../../../src/main/report/digest';
import { createReportInputs, ReportInputError, type ReportInputFiles } from '../../../src/main/report/inputs';
import { buildReportModel, type ReportContext } from '../../../src/main/report/model';
import {
  changesSection,
  exceptionsSection,
  reviewSection,
  scoreWithExceptions,
  trustedAdvisorSection,
  type ChangesInput,
  type ExceptionsInput,
  type ReviewInput,
} from '../../../src/main/report/sections';
import { createReportSource, type ReportSource } from '../../../src/main/report/source';
import { sampleControl, saveReview } from '../../../src/main/review';
import { openSnapshot } from '../../../src/main/snapshot';
import { alteredCopy } from '../integrity/helpers';
import { BACKUP, DEV, FIXTURE_ACCOUNTS, PROD, ROOT_KEY, S3_PUBLIC, SEC, tempFolder } from '../snapshot/fixture';
import {
  FIXTURE_EXCEPTIONS,
  HOSTILE_JUSTIFICATION,
  HOSTILE_NOTE,
  REPORT_TIME,
  writeEmptyReview,
  writeExceptionsFile,
  writeReviewFile,
  writeSectionFiles,
} from './sections-fixture';

const options = (extra: Partial<ReportOptions> = {}): ReportOptions => ({ ...defaultReportOptions(REPORT_TIME), ...extra });

describe('report sections, pure', () => {
  const input: ExceptionsInput = {
    fileName: 'exceptions.json',
    sha256: 'a'.repeat(64),
    entries: FIXTURE_EXCEPTIONS,
    covers: [1, 2, 1],
    exceptedByControl: { [S3_PUBLIC]: 1 },
  };

  it('states each exception on the report day: live, expired or not yet in force, with the findings it covers', () => {
    const section = exceptionsSection(input, options(), 'Appendix C: Exception register');
    expect(section.asOf).toBe('2026-06-15');
    expect(section.entries.map((e) => [e.id, e.state, e.covers])).toEqual([
      ['EX-1', 'live', 1],
      ['EX-2', 'expired', 2],
      ['EX-3', 'pending', 1],
    ]);
    expect(section.counts).toEqual({ live: 1, expired: 1, pending: 1 });
    expect(section.excepted).toBe(1);
    expect(section.entries[0].scopeLines).toEqual([`Control: ${S3_PUBLIC}`, 'Resources: prod-public-*']);
    expect(section.entries[0].justification).toBe(HOSTILE_JUSTIFICATION);
    // The day after EX-1's expiry day it is expired; on that day it still applies.
    expect(exceptionsSection(input, options({ reportTime: '2026-07-15T23:59:59.000Z' }), 't').entries[0].state).toBe('live');
    expect(exceptionsSection(input, options({ reportTime: '2026-07-16T00:00:00.000Z' }), 't').entries[0].state).toBe('expired');
  });

  it('says plainly when no exceptions file applies', () => {
    const section = exceptionsSection(undefined, options(), 'Appendix C: Exception register');
    expect(section).toMatchObject({ file: null, entries: [], excepted: 0, counts: { live: 0, expired: 0, pending: 0 } });
  });

  it('takes excepted findings out of the non-compliant term only, never counting them compliant', () => {
    const score = { counts: { COMPLIANT: 8, NON_COMPLIANT: 5, NOT_APPLICABLE: 1, INSUFFICIENT_DATA: 1, ERROR: 1, NOT_EVALUATED: 1 }, total: 17, percent: 61.5 };
    expect(scoreWithExceptions(score, 1)).toEqual({ percent: 66.7, excepted: 1, nonCompliant: 4 });
    expect(scoreWithExceptions(score, 0)).toEqual({ percent: 61.5, excepted: 0, nonCompliant: 5 });
    expect(scoreWithExceptions({ ...score, counts: { ...score.counts, COMPLIANT: 0, NON_COMPLIANT: 2 } }, 2).percent).toBeNull();
  });

  it('lists notes, samples with their picks and results, and the sign-off; a sample-only mark is listed once, with its sample', () => {
    const finding = (id: number) => ({ findingId: id, controlId: S3_PUBLIC, controlTitle: 's3', accountId: PROD, region: 'eu-west-1', resourceType: 'AWS::S3::Bucket', resourceId: `b${id}`, result: 'NON_COMPLIANT' as const });
    const content: ReviewFileContent = {
      format: 'triad-review',
      version: 1,
      snapshot: { digest: 'd'.repeat(64), fileName: 'org.triad', title: 'Org' },
      items: [
        { target: { kind: 'finding', findingId: 7 }, status: 'to-review', note: '', sampled: true, updatedAt: 't1' },
        { target: { kind: 'finding', findingId: 3 }, status: 'issue-raised', note: HOSTILE_NOTE, sampled: true, updatedAt: 't2' },
        { target: { kind: 'control', controlId: S3_PUBLIC }, status: 'reviewed-ok', note: 'ok', sampled: false, updatedAt: 't3' },
      ],
      samples: [{ controlId: S3_PUBLIC, seed: 'fy2026', size: 2, population: 9, findingIds: [7, 3], createdAt: 't0' }],
      signOff: { name: 'Jane Auditor', date: '2026-06-02' },
    };
    const input: ReviewInput = { fileName: 'org.review.json', sha256: 'b'.repeat(64), content, findings: { 3: finding(3), 7: finding(7) }, controlTitles: { [S3_PUBLIC]: 's3' } };
    const section = reviewSection(input, 'Appendix D: Reviewer notes, sample and sign-off');
    expect(section.signOff).toEqual({ name: 'Jane Auditor', date: '2026-06-02' });
    expect(section.counts).toEqual({ 'to-review': 1, 'reviewed-ok': 1, 'issue-raised': 1 });
    expect(section.controlNotes).toEqual([{ controlId: S3_PUBLIC, controlTitle: 's3', status: 'reviewed-ok', note: 'ok', updatedAt: 't3' }]);
    expect(section.findingNotes.map((n) => [n.finding.findingId, n.status, n.note])).toEqual([[3, 'issue-raised', HOSTILE_NOTE]]);
    expect(section.samples).toHaveLength(1);
    expect(section.samples[0]).toMatchObject({ seed: 'fy2026', size: 2, population: 9 });
    expect(section.samples[0].picks.map((p) => [p.finding.findingId, p.finding.result, p.status])).toEqual([
      [7, 'NON_COMPLIANT', 'to-review'],
      [3, 'NON_COMPLIANT', 'issue-raised'],
    ]);
    expect(section.file).toEqual({ fileName: 'org.review.json', sha256: 'b'.repeat(64), snapshotDigest: 'd'.repeat(64) });
    expect(reviewSection(undefined, 't')).toMatchObject({ file: null, signOff: null, samples: [] });
  });

  it('counts every change category, lists the first N of each, and cites the complete list only when capped', () => {
    const change = (id: number, category: DiffChange['category']): DiffChange => ({
      id,
      category,
      controlId: S3_PUBLIC,
      accountId: PROD,
      region: 'eu-west-1',
      resourceType: 'AWS::S3::Bucket',
      resourceId: `r${id}`,
      baseFindingId: 1,
      currentFindingId: 2,
      baseStatus: 'COMPLIANT',
      currentStatus: 'NON_COMPLIANT',
      evidenceChanged: false,
    });
    const totals = { ...Object.fromEntries(DIFF_CATEGORIES.map((c) => [c, 0])), regressed: 3, resolved: 1, unchanged: 10 } as ChangesInput['summary']['totals'];
    const input: ChangesInput = {
      summary: { warnings: [], totals, evidenceChanged: 0, accounts: { added: [SEC], removed: [] }, regions: { added: [], removed: [] }, controlsAdded: [], controlsRemoved: [ROOT_KEY], coverage: [] },
      base: { title: 'Before', fileName: 'before.triad', createdAt: '2026-05-01T00:00:00.000Z', digest: null },
      lists: [
        { category: 'regressed', total: 3, rows: [change(1, 'regressed'), change(2, 'regressed')] },
        { category: 'resolved', total: 1, rows: [change(3, 'resolved')] },
        { category: 'new-failing', total: 0, rows: [] },
      ],
      controlTitles: { [S3_PUBLIC]: 's3-public', [ROOT_KEY]: 'root-key' },
      limit: 2,
    };
    const list = { fileName: 'r.changes.csv', sha256: 'c'.repeat(64), rows: 4 };
    const section = changesSection(input, list);
    expect(section.title).toBe('Changes since 2026-05-01');
    expect(section.counts.find((c) => c.category === 'regressed')!.count).toBe(3);
    expect(section.unchanged).toBe(10);
    expect(section.lists.map((l) => [l.category, l.total, l.rows.length])).toEqual([
      ['regressed', 3, 2],
      ['resolved', 1, 1],
    ]);
    expect(section.lists[0].rows[0].controlTitle).toBe('s3-public');
    expect(section.controls.removed).toEqual([{ id: ROOT_KEY, title: 'root-key' }]);
    expect(section.changesList).toEqual(list);
    const uncapped = changesSection({ ...input, lists: input.lists.map((l) => ({ ...l, total: l.rows.length })) }, list);
    expect(uncapped.changesList).toBeUndefined();
  });

  it('takes Trusted Advisor availability from the collector’s record, or reads it from results and errors in older snapshots', () => {
    const accounts = FIXTURE_ACCOUNTS;
    const recorded = trustedAdvisorSection(
      { [PROD]: { state: 'available', note: '' }, [DEV]: { state: 'not-available', note: 'Basic support plan' } },
      accounts,
      new Map([[PROD, 6]]),
      [],
    );
    expect(recorded.basis).toBe('recorded');
    expect(recorded.accounts.map((a) => [a.account.id, a.state, a.results, a.reason])).toEqual([
      [PROD, 'available', 6, ''],
      [DEV, 'not-available', 0, 'Basic support plan'],
      [SEC, 'not-collected', 0, 'No Trusted Advisor availability was recorded for this account'],
    ]);
    const error = { accountId: DEV, region: 'us-east-1', service: 'support', operation: 'DescribeTrustedAdvisorChecks', code: 'SubscriptionRequiredException', message: 'no', at: 't' };
    const inferred = trustedAdvisorSection(undefined, accounts, new Map([[PROD, 2]]), [error]);
    expect(inferred.basis).toBe('inferred');
    expect(inferred.accounts.map((a) => a.state)).toEqual(['available', 'not-available', 'not-collected']);
    expect(trustedAdvisorSection(undefined, accounts, new Map(), [])).toMatchObject({ present: false, basis: 'none' });
  });

  it('carries the section flags through the print route query, never a path', () => {
    const asked = options({ exceptions: true, review: true, since: true, changesLimit: 25, changesList: { fileName: 'r.changes.csv', sha256: 'c'.repeat(64), rows: 40 } });
    const query = reportOptionsToQuery(asked);
    expect(Object.values(query).some((v) => v.includes('/'))).toBe(false);
    expect(reportOptionsFromQuery(query, () => 'unused')).toEqual(asked);
    expect(reportOptionsFromQuery(reportOptionsToQuery(options()), () => 'unused')).toEqual(options());
  });
});

describe('report sections from files, on the fixture snapshot', () => {
  let dir: string;
  let cleanup: () => void;
  let snapshot: string;
  let exceptionsFile: string;
  let reviewFile: string;
  let pair: { base: string; current: string };
  let context: ReportContext;
  const sources: ReportSource[] = [];
  const open = (path = snapshot) => {
    const source = createReportSource(openSnapshot(path));
    sources.push(source);
    return source;
  };
  const build = (files: ReportInputFiles, extra: Partial<ReportOptions>, path = snapshot) => {
    const source = open(path);
    const inputs = createReportInputs(files);
    try {
      const asked = options(extra);
      return buildReportModel(source, asked, { ...context, sections: inputs.gather(source, asked) });
    } finally {
      inputs.close();
    }
  };

  beforeAll(async () => {
    ({ dir, cleanup } = tempFolder('triad-report-sections-'));
    ({ snapshot, exceptionsFile, reviewFile, pair } = writeSectionFiles(dir));
    const reader = openSnapshot(snapshot);
    context = { digest: await snapshotDigest(snapshot, reader.info().meta), triadVersion: '0.1.0' };
    reader.close();
  });
  afterAll(() => {
    for (const s of sources) {
      s.close();
      s.reader.close();
    }
    cleanup();
  });

  it('applies the exceptions file: register, excepted findings per control, and both scores in the summary', () => {
    const model = build({ exceptions: exceptionsFile }, { exceptions: true });
    expect(model.exceptions.file?.fileName).toBe('exceptions.json');
    expect(model.exceptions.entries.map((e) => [e.id, e.state, e.covers])).toEqual([
      ['EX-1', 'live', 1],
      ['EX-2', 'expired', 2],
      ['EX-3', 'pending', 1],
    ]);
    expect(model.exceptions.excepted).toBe(1);
    // 8 compliant, 5 non-compliant; EX-1 excepts prod-public-site: 8 ÷ (8 + 4).
    expect(model.summary.total.percent).toBe(61.5);
    expect(model.summary.totalWithExceptions).toEqual({ percent: 66.7, excepted: 1, nonCompliant: 4 });
    const confidentiality = model.summary.pillars.find((p) => p.pillar === 'confidentiality')!;
    expect([confidentiality.score.percent, confidentiality.withExceptions]).toEqual([57.1, { percent: 66.7, excepted: 1, nonCompliant: 2 }]);
    expect(model.summary.pillars.find((p) => p.pillar === 'availability')!.withExceptions).toEqual({ percent: 50, excepted: 0, nonCompliant: 1 });
    const s3 = model.pillars.flatMap((s) => s.controls).find((c) => c.id === S3_PUBLIC)!;
    expect([s3.failing, s3.excepted]).toEqual([2, 1]);
    // Within the report's filters only: DEV's findings are not EX-1's.
    const devOnly = build({ exceptions: exceptionsFile }, { exceptions: true, filters: { accounts: [DEV] } });
    expect(devOnly.exceptions.entries.map((e) => e.covers)).toEqual([0, 2, 1]);
    expect(devOnly.exceptions.excepted).toBe(0);
  });

  it('counts every exception of a long file, across the passes the counting is split into', () => {
    const many = join(dir, 'many-exceptions.json');
    const entries = Array.from({ length: 450 }, (_, i) => ({
      ...FIXTURE_EXCEPTIONS[0],
      id: `EX-${i}`,
      scope: { controlId: S3_PUBLIC, resourcePattern: i === 449 ? 'dev-*' : i === 250 ? 'prod-*' : `nothing-${i}` },
    }));
    writeExceptionsFile(many, entries);
    const model = build({ exceptions: many }, { exceptions: true });
    const covers = model.exceptions.entries.map((e) => e.covers);
    expect([covers[449], covers[250], covers.reduce((a, b) => a + b, 0)]).toEqual([1, 1, 2]);
    // Both S3 findings are under a live exception, each counted once.
    expect(model.exceptions.excepted).toBe(2);
    expect(model.pillars.flatMap((p) => p.controls).find((c) => c.id === S3_PUBLIC)!.excepted).toBe(2);
  });

  it('without the flag, or without a file, the register says no exceptions applied; asking without a file is an error', () => {
    const model = build({ exceptions: exceptionsFile }, {});
    expect(model.exceptions.file).toBeNull();
    expect(model.summary.totalWithExceptions).toBeUndefined();
    expect(() => build({}, { exceptions: true })).toThrow(ReportInputError);
    expect(() => build({}, { exceptions: true })).toThrow(/asks for the exception register, but no exceptions file was chosen/);
  });

  it('refuses a bad exceptions file in one line naming the file and the entry', () => {
    const bad = join(dir, 'bad-exceptions.json');
    writeExceptionsFile(bad, [FIXTURE_EXCEPTIONS[0], { ...FIXTURE_EXCEPTIONS[1], expires: 'next year' }]);
    let message = '';
    try {
      build({ exceptions: bad }, { exceptions: true });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toBe(`exceptions file ${bad}: entry 2 ("EX-2"): "expires" must be a date YYYY-MM-DD, not "next year"`);
  });

  it('brings the review: notes, the sample with its picks and results, the sign-off', () => {
    const model = build({ review: reviewFile }, { review: true });
    const { review } = model;
    expect(review.file?.fileName).toBe('org.review.json');
    expect(review.file?.snapshotDigest).toBe(context.digest.value);
    expect(review.signOff).toEqual({ name: 'Jane Auditor', date: '2026-06-02' });
    expect(review.controlNotes).toEqual([
      { controlId: S3_PUBLIC, controlTitle: 's3-bucket-public-read-prohibited', status: 'reviewed-ok', note: `Owner confirmed. ${HOSTILE_NOTE}`, updatedAt: '2026-06-01T10:00:00.000Z' },
    ]);
    expect(review.findingNotes.map((n) => [n.finding.controlId, n.finding.resourceId, n.finding.result, n.status])).toEqual([[BACKUP, 'prod-db', 'NON_COMPLIANT', 'issue-raised']]);
    expect(review.samples).toHaveLength(1);
    const sample = review.samples[0];
    expect([sample.seed, sample.size, sample.population, sample.picks.length]).toEqual(['fy2026', 3, 6, 3]);
    // The picks are the reproducible draw, each with its result in the snapshot.
    const again = sampleControl(snapshot, S3_PUBLIC, 3, 'fy2026');
    expect(sample.picks.map((p) => p.finding.findingId)).toEqual(again.findingIds);
    expect(sample.picks.every((p) => p.finding.controlId === S3_PUBLIC && p.status === 'to-review')).toBe(true);
    expect(model.toc.at(-1)).toEqual({ anchor: 'report-review', label: 'Appendix D: Reviewer notes, sample and sign-off', level: 1 });
  });

  it('refuses a review file of another snapshot, and one naming a finding the snapshot lacks, by name', () => {
    const other = join(dir, 'other.review.json');
    writeEmptyReview(other, pair.current);
    expect(() => build({ review: other }, { review: true })).toThrow(/^review file .*other\.review\.json is the review of another snapshot \("After", current\.triad.*not of org\.triad/);
    const broken = join(dir, 'broken.review.json');
    const content = writeReviewFile(broken, snapshot);
    content.items.push({ target: { kind: 'finding', findingId: 99_999 }, status: 'reviewed-ok', note: '', sampled: false, updatedAt: 't' });
    saveReview(broken, content);
    expect(() => build({ review: broken }, { review: true })).toThrow(`review file ${broken}: item ${content.items.length} names finding 99999, which is not in org.triad`);
  });

  it('compares with the earlier snapshot: every category counted, appeared and disappeared scope, capped lists', () => {
    const model = build({ since: pair.base }, { since: true, changesLimit: 1 }, pair.current);
    const changes = model.changes!;
    expect(changes.title).toBe('Changes since 2026-11-01');
    expect(changes.base).toMatchObject({ title: 'Before', fileName: 'base.triad', createdAt: '2026-11-01T00:00:00.000Z' });
    const count = (category: string) => changes.counts.find((c) => c.category === category)!.count;
    expect([count('new-failing'), count('regressed'), count('resolved'), count('still-failing'), count('evidence-changed')]).toEqual([1, 1, 1, 2, 1]);
    expect([count('no-longer-collected'), count('newly-collected')]).toEqual([2, 2]);
    expect(changes.accounts).toEqual({ added: [SEC], removed: [] });
    expect(changes.regions.added).toEqual(['ap-southeast-2']);
    expect(changes.controls.removed.map((c) => c.id)).toEqual(['config-rule:CLOUD_TRAIL_ENABLED']);
    expect(changes.coverage.some((c) => c.accountId === DEV && c.region === 'us-east-1' && c.current === 'failed')).toBe(true);
    const stillFailing = changes.lists.find((l) => l.category === 'still-failing')!;
    expect([stillFailing.total, stillFailing.rows.length]).toEqual([2, 1]);
    expect(model.toc.map((t) => t.label)).toContain('Changes since 2026-11-01');
    expect(model.toc.findIndex((t) => t.anchor === 'report-changes')).toBe(model.toc.findIndex((t) => t.anchor === 'report-accounts') - 1);
  });

  it('is the same model for the same snapshot, files and options', () => {
    const files = { exceptions: exceptionsFile, review: reviewFile };
    const a = build(files, { exceptions: true, review: true });
    const b = build(files, { exceptions: true, review: true });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    const c = build({ since: pair.base }, { since: true }, pair.current);
    const d = build({ since: pair.base }, { since: true }, pair.current);
    expect(JSON.stringify(c)).toBe(JSON.stringify(d));
  });

  it('states Trusted Advisor availability per account as the snapshot recorded it', () => {
    const model = build({}, {});
    expect(model.summary.trustedAdvisor.basis).toBe('recorded');
    expect(Object.fromEntries(model.summary.trustedAdvisor.accounts.map((a) => [a.account.id, [a.state, a.reason]]))).toEqual({
      [PROD]: ['available', ''],
      [DEV]: ['not-available', 'SubscriptionRequiredException: the Basic support plan has no Trusted Advisor API'],
      [SEC]: ['not-collected', 'AccessDenied on support:DescribeTrustedAdvisorChecks'],
    });
  });

  it('a tampered snapshot puts its warning in every page header', async () => {
    const tampered = alteredCopy(snapshot, `UPDATE findings SET annotation = 'Backups are fine.' WHERE resource_id = 'prod-db'`, 'tampered.triad');
    const integrity = reportIntegrityOf(verifySnapshotFile(tampered));
    expect(integrity).toMatchObject({ state: 'tampered', warning: true });
    const reader = openSnapshot(tampered);
    const digest = await snapshotDigest(tampered, reader.info().meta);
    reader.close();
    const model = buildReportModel(open(tampered), options(), { digest, triadVersion: '0.1.0' });
    expect(reportPageCss(model.cover, integrity, 'a4')).toContain('@top-right { content: "WARNING: TAMPERED SNAPSHOT (its content differs from its recorded digest)"');
    const clean = buildReportModel(open(), options(), context);
    expect(reportPageCss(clean.cover, reportIntegrityOf(verifySnapshotFile(snapshot)), 'a4')).not.toContain('WARNING');
  });
});
