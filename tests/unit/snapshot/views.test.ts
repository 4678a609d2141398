import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSnapshot, type SnapshotReader } from '../../../src/main/snapshot';
import { BACKUP, CUSTOM, DEV, PROD, ROOT_KEY, S3_PUBLIC, SEC, TRAIL, UNUSED, buildFixtureSnapshot, tempFolder } from './fixture';

let cleanup: () => void;
let snapshot: SnapshotReader;
beforeAll(() => {
  const folder = tempFolder();
  cleanup = folder.cleanup;
  const file = join(folder.dir, 'org.triad');
  buildFixtureSnapshot(file);
  snapshot = openSnapshot(file);
});
afterAll(() => {
  snapshot.close();
  cleanup();
});

const percentOf = (pillar: string, filters = {}) => snapshot.overview(filters).pillars.find((p) => p.pillar === pillar)!.score.percent;

describe('aggregate views from the summary, with the global filters', () => {
  it('ranks a pillar’s controls by failures, with a per-principle breakdown', () => {
    const detail = snapshot.pillar('confidentiality');
    expect(detail.controls.map((c) => [c.id, c.score.counts.NON_COMPLIANT, c.failingAccounts])).toEqual([
      [S3_PUBLIC, 2, 2],
      [ROOT_KEY, 1, 1],
      [UNUSED, 0, 0],
    ]);
    expect(detail.controls[2].score.percent).toBeNull();
    // In the order of the Well-Architected principles, only those the pillar's controls carry.
    expect(detail.principles).toEqual([
      { principle: 'security-at-all-layers', score: detail.score, controls: 3 },
      { principle: 'protect-data-in-transit-and-at-rest', score: detail.score, controls: 3 },
    ]);
    expect(snapshot.pillar('unclassified').controls.map((c) => [c.id, c.severity, c.principles])).toEqual([[CUSTOM, null, []]]);
  });

  it('filters by account and by OU (including the OUs below it)', () => {
    expect(percentOf('confidentiality', { accounts: [PROD] })).toBe(75);
    expect(percentOf('confidentiality', { ous: ['Root/Workloads'] })).toBe(50);
    expect(snapshot.accounts({ ous: ['Root/Workloads'] }).map((a) => a.account.id)).toEqual([DEV, PROD]);
    expect(snapshot.accounts({ ous: ['Root/Work'] })).toEqual([]);
  });

  it('filters by region and status', () => {
    const overview = snapshot.overview({ regions: ['us-east-1'] });
    expect(overview.total.total).toBe(5);
    expect(overview.coverage).toMatchObject({ pairs: 3, collected: 2, errorCount: 0 });
    const failing = snapshot.overview({ statuses: ['NON_COMPLIANT'] });
    expect(failing.total).toMatchObject({ total: 5, percent: 0 });
    // Controls with no result left under a narrowing filter drop out of the lists.
    expect(snapshot.pillar('integrity', { statuses: ['NON_COMPLIANT'] }).controls).toEqual([]);
  });

  it('filters by severity and source through the control’s classification', () => {
    expect(snapshot.pillar('confidentiality', { severities: ['critical'] }).controls.map((c) => c.id)).toEqual([ROOT_KEY]);
    // Unclassified controls have no severity, so any severity filter leaves them out.
    expect(snapshot.overview({ severities: ['low', 'medium', 'high', 'critical', 'informational'] }).pillars.find((p) => p.pillar === 'unclassified')!.controls).toBe(0);
    expect(snapshot.overview({ sources: ['conformance-pack'] }).total.total).toBe(3);
    expect(snapshot.control(TRAIL, { sources: ['built-in'] })!.score.total).toBe(0);
  });

  it('gives each account its pillar scores and never counts what was not collected', () => {
    const sec = snapshot.accounts().find((a) => a.account.id === SEC)!;
    expect(sec.total).toMatchObject({ total: 2, percent: 100 });
    expect(sec.pillars.availability.percent).toBeNull();
    expect(snapshot.control(BACKUP)!.score.counts).toMatchObject({ COMPLIANT: 1, NON_COMPLIANT: 1, NOT_EVALUATED: 1 });
  });

  it('offers the filter values present in the snapshot', () => {
    const options = snapshot.filterOptions();
    expect(options.accounts.map((a) => a.name)).toEqual(['dev-sandbox', 'prod-main', 'security-audit']);
    expect(options.ous).toEqual(['Root', 'Root/Security', 'Root/Workloads', 'Root/Workloads/Dev', 'Root/Workloads/Prod']);
    expect(options.regions).toEqual(['eu-west-1', 'us-east-1']);
  });

  it('pages the collection errors', () => {
    expect(snapshot.coverageErrors(0, 10)).toEqual({
      total: 1,
      rows: [
        {
          accountId: SEC,
          region: 'eu-west-1',
          service: 'config',
          operation: 'GetComplianceDetailsByConfigRule',
          code: 'AccessDenied',
          message: 'User is not authorized to perform config:GetComplianceDetailsByConfigRule',
          at: '2026-11-20T12:01:00.000Z',
        },
      ],
    });
    expect(snapshot.coverageErrors(1, 10).rows).toEqual([]);
  });
});
