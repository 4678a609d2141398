// The report model built from a real demo snapshot: deterministic (the same snapshot and options give the same
// report), consistent with the app's scores, honest about coverage, and "N of M shown" when the listing is capped.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEVERITIES } from '../../../src/shared/domain';
import { defaultReportOptions, reportOptionsFromQuery, reportOptionsToQuery, type ReportOptions } from '../../../src/shared/report';
import { loadCatalog } from '../../../src/main/catalog';
import { generateDemo } from '../../../src/main/demo';
import { HOSTILE_LONG, HOSTILE_SCRIPT } from '../../../src/main/demo/hostile';
import { evidenceForReport, MAX_VALUE_CHARS } from '../../../src/main/report/evidence-fields';
import { snapshotDigest } from '../../../src/main/report/digest';
import { buildReportModel, type ReportContext } from '../../../src/main/report/model';
import { createReportSource, type ReportSource } from '../../../src/main/report/source';
import { createSnapshotWriter, openSnapshot } from '../../../src/main/snapshot';

const REPORT_TIME = '2026-11-27T09:30:00.000Z';
let dir: string;
let path: string;
let context: ReportContext;
const sources: ReportSource[] = [];

function open(): ReportSource {
  const source = createReportSource(openSnapshot(path));
  sources.push(source);
  return source;
}

const options = (extra: Partial<ReportOptions> = {}): ReportOptions => ({ ...defaultReportOptions(REPORT_TIME), ...extra });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'triad-report-'));
  path = join(dir, 'demo.triad');
  generateDemo(createSnapshotWriter(path), { seed: 'report-test', findings: 1_000 }, loadCatalog());
  const reader = openSnapshot(path);
  context = { digest: await snapshotDigest(path, reader.info().meta), triadVersion: '0.1.0' };
  reader.close();
});

afterAll(() => {
  for (const s of sources) {
    s.close();
    s.reader.close();
  }
  rmSync(dir, { recursive: true, force: true });
});

describe('report model', () => {
  it('is the same for the same snapshot and options, from separate readers', () => {
    const a = buildReportModel(open(), options(), context);
    const b = buildReportModel(open(), options(), context);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    const first = a.pillars[0].controls.find((c) => c.failing > 0)!;
    const rowsA = open().failingFindings(first.id, open().resolve({}), 0, 1000);
    const rowsB = open().failingFindings(first.id, open().resolve({}), 0, 1000);
    expect(rowsA).toEqual(rowsB);
    expect(rowsA).toHaveLength(first.failing);
  });

  it('ties the report to its snapshot: content digest, times and versions on the cover', () => {
    const model = buildReportModel(open(), options({ preparedBy: 'A. Auditor' }), context);
    expect(model.cover.digest).toEqual({ algorithm: 'SHA-256', value: open().reader.info().meta.digest, basis: 'content' });
    expect(model.cover.digest.value).toMatch(/^[0-9a-f]{64}$/);
    expect(model.cover.reportTime).toBe(REPORT_TIME);
    expect(model.cover.preparedBy).toBe('A. Auditor');
    expect(model.cover.reviewedBy).toBeUndefined();
    expect(model.cover.isDemo).toBe(true);
    expect(model.cover.collectedBy?.arn).toMatch(/^arn:aws:sts::/);
    expect(model.toc.map((t) => t.label)).toEqual([
      'Executive summary',
      'Method',
      'Confidentiality',
      'Integrity',
      'Availability',
      'Unclassified controls',
      'Appendix A: Accounts',
      'Appendix B: Evidence',
      'Appendix C: Exception register',
      'Appendix D: Reviewer notes, sample and sign-off',
    ]);
  });

  it('has the same scores as the app and ranks controls by failures, top risks by severity', () => {
    const source = open();
    const model = buildReportModel(source, options(), context);
    const overview = source.reader.overview();
    expect(model.summary.total).toEqual(overview.total);
    expect(model.summary.pillars.map((p) => p.score)).toEqual(overview.pillars.map((p) => p.score));
    for (const section of model.pillars) {
      const failing = section.controls.map((c) => c.failing);
      expect(failing).toEqual([...failing].sort((x, y) => y - x));
      for (const c of section.controls) expect(c.byAccountRegion.reduce((s, r) => s + r.failing, 0)).toBe(c.failing);
    }
    const ranks = model.summary.topRisks.map((r) => SEVERITIES.indexOf(r.severity!));
    expect(ranks).toEqual([...ranks].sort((x, y) => x - y));
    expect(model.listing).toMatchObject({ mode: 'complete', failingFindings: overview.total.counts.NON_COMPLIANT });
    expect(model.listing.shownFindings).toBe(model.listing.failingFindings);
  });

  it('states what was not collected and why, including Trusted Advisor', () => {
    const model = buildReportModel(open(), options(), context);
    const { coverage, trustedAdvisor } = model.summary;
    expect(coverage.pairs).toBeGreaterThan(coverage.collected);
    expect(coverage.gaps.some((g) => g.state === 'not-enabled' && /AWS Config is not enabled/.test(g.reason))).toBe(true);
    expect(coverage.notCollected).toContain('AWS Trusted Advisor: not collected in this snapshot (AWS Trusted Advisor results were not collected in this snapshot).');
    expect(trustedAdvisor.present).toBe(false);
    expect(trustedAdvisor.accounts.every((a) => a.state === 'not-collected')).toBe(true);
    expect(model.method.scoring[0]).toMatch(/COMPLIANT ÷ \(COMPLIANT \+ NON_COMPLIANT\)/);
    expect(model.method.operations.length).toBeGreaterThan(0);
  });

  it('caps the listing above the complete limit and says N of M', () => {
    const model = buildReportModel(open(), options({ completeLimit: 10, resourceLimit: 3 }), context);
    expect(model.listing.mode).toBe('capped');
    const controls = model.pillars.flatMap((s) => s.controls);
    for (const c of controls) expect(c.shown).toBe(Math.min(c.failing, 3));
    expect(model.listing.shownFindings).toBe(controls.reduce((s, c) => s + c.shown, 0));
    expect(model.listing.shownFindings).toBeLessThan(model.listing.failingFindings);
    expect(model.method.limitations.some((l) => l.includes('lists its first 3 resources'))).toBe(true);
  });

  it('follows the options: pillars, failing only, filters, no evidence', () => {
    const model = buildReportModel(
      open(),
      options({ pillars: ['integrity'], failingOnly: true, evidence: false, filters: { regions: ['eu-west-1'] } }),
      context,
    );
    expect(model.pillars.map((s) => s.pillar)).toEqual(['integrity']);
    expect(model.pillars[0].controls.every((c) => c.failing > 0)).toBe(true);
    expect(model.pillars[0].controls.every((c) => c.byAccountRegion.every((r) => r.region === 'eu-west-1'))).toBe(true);
    expect(model.toc.map((t) => t.label)).not.toContain('Appendix B: Evidence');
    expect(model.cover.filterLines).toEqual(['Regions: eu-west-1']);
  });

  it('round-trips its options through the print route query', () => {
    const given = options({ filters: { accounts: ['111111111111'] }, pillars: ['availability'], paper: 'letter', reviewedBy: 'R. Eviewer', fullList: { fileName: 'r.csv', sha256: 'a'.repeat(64), rows: 5 } });
    expect(reportOptionsFromQuery(reportOptionsToQuery(given), () => 'unused')).toEqual(given);
    expect(() => reportOptionsFromQuery({ paper: 'a3' }, () => REPORT_TIME)).toThrow(/paper size "a3"/);
  });
});

describe('evidence for the report', () => {
  it('shows key fields with hostile values as they came, shortening long ones and counting the rest', () => {
    const item = evidenceForReport({
      id: 7,
      kind: 'configuration-item',
      resourceType: 'AWS::S3::Bucket',
      resourceId: 'b',
      accountId: '111111111111',
      region: 'eu-west-1',
      body: { arn: 'arn:aws:s3:::b', tags: { Owner: HOSTILE_SCRIPT, Notes: HOSTILE_LONG }, configuration: Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`k${i}`, i])) },
      provenance: { service: 'config', operation: 'BatchGetResourceConfig', params: { a: 1 }, accountId: '111111111111', region: 'eu-west-1', retrievedAt: '2026-01-01T00:00:00Z' },
    });
    expect(item.fields[0]).toEqual({ name: 'arn', value: 'arn:aws:s3:::b' });
    expect(item.fields).toContainEqual({ name: 'tags.Owner', value: HOSTILE_SCRIPT });
    const notes = item.fields.find((f) => f.name === 'tags.Notes')!;
    expect(notes.fullLength).toBe(HOSTILE_LONG.length);
    expect([...notes.value]).toHaveLength(MAX_VALUE_CHARS + 1);
    expect(item.fields.length + item.moreFields).toBe(33);
    expect(item.provenance.operation).toBe('BatchGetResourceConfig');
  });
});
