// The print route's loading: every listed failing finding of every control, several controls per call and a few
// calls at a time, then the evidence items the listed findings cite, up to the evidence limit.
import { describe, expect, it } from 'vitest';
import { EVIDENCE_PAGE, FINDINGS_IN_FLIGHT, findingsCalls, loadReport } from '../../../src/renderer/src/components/report/loadReport';
import { REPORT_FINDINGS_PER_CALL } from '../../../src/shared/api';
import { defaultReportOptions, type ReportFindingRow, type ReportModel } from '../../../src/shared/report';
import { fakeApi } from './fake-api';

const PER_CALL = REPORT_FINDINGS_PER_CALL;
const SHOWN = [PER_CALL * 2 + 7, 0, 3, 1, PER_CALL, 12, 2, 3, 4, 5, 6, 7, 8, 9];

function rowsOf(controlId: string, count: number): ReportFindingRow[] {
  return Array.from({ length: count }, (_, i) => ({
    id: i + 1,
    accountId: '222222222222',
    region: 'eu-west-1',
    resourceType: 'AWS::S3::Bucket',
    resourceId: `${controlId}-${i}`,
    evidenceId: (i % 2000) + 1,
  }));
}

describe('loadReport', () => {
  it('packs the pages of the controls in order into calls of at most the rows one call may ask for', () => {
    const calls = findingsCalls([
      { id: 'a', shown: PER_CALL + 3 },
      { id: 'b', shown: 2 },
      { id: 'c', shown: PER_CALL - 4 },
      { id: 'd', shown: 1 },
    ]);
    expect(calls).toEqual([
      [{ controlId: 'a', offset: 0, limit: PER_CALL }],
      [
        { controlId: 'a', offset: PER_CALL, limit: 3 },
        { controlId: 'b', offset: 0, limit: 2 },
        { controlId: 'c', offset: 0, limit: PER_CALL - 5 },
      ],
      [
        { controlId: 'c', offset: PER_CALL - 5, limit: 1 },
        { controlId: 'd', offset: 0, limit: 1 },
      ],
    ]);
    expect(findingsCalls([{ id: 'a', shown: 0 }])).toEqual([]);
  });

  it('loads every listed finding of each control in order, a few calls at a time, and the cited evidence up to the limit', async () => {
    const controls = SHOWN.map((shown, i) => ({ id: `control-${i}`, shown }));
    const model = { pillars: [{ controls: controls.slice(0, 3) }, { controls: controls.slice(3) }] } as unknown as ReportModel;
    let inFlight = 0;
    let mostInFlight = 0;
    const api = fakeApi({
      'report.model': () => model,
      'report.findings': async ({ pages }: { pages: { controlId: string; offset: number; limit: number }[] }) => {
        inFlight++;
        mostInFlight = Math.max(mostInFlight, inFlight);
        // Later calls answer first, so the rows are put back in order by what was asked, not by when it came.
        await new Promise((resolve) => setTimeout(resolve, 20 - inFlight));
        inFlight--;
        return pages.map(({ controlId, offset, limit }) => rowsOf(controlId, controls.find((c) => c.id === controlId)!.shown).slice(offset, offset + limit));
      },
      'report.evidence': ({ ids }: { ids: number[] }) => ids.map((id) => ({ id })),
    } as never);
    const options = { ...defaultReportOptions('2026-11-27T00:00:00.000Z'), evidenceLimit: EVIDENCE_PAGE + 10 };
    const progress: number[] = [];
    const loaded = await loadReport(api, options, (done) => progress.push(done));

    expect([...loaded.rows.keys()]).toEqual(controls.filter((c) => c.shown > 0).map((c) => c.id));
    for (const c of controls.filter((c) => c.shown > 0)) expect(loaded.rows.get(c.id)).toEqual(rowsOf(c.id, c.shown));
    expect(mostInFlight).toBeGreaterThan(1);
    expect(mostInFlight).toBeLessThanOrEqual(FINDINGS_IN_FLIGHT);
    const total = SHOWN.reduce((a, b) => a + b, 0);
    expect(progress.at(-1)).toBe(total);
    const calls = api.calls.filter((c) => c.method === 'report.findings').map((c) => c.params as { pages: { limit: number }[] });
    expect(calls).toHaveLength(Math.ceil(total / PER_CALL));
    expect(calls.every((c) => c.pages.reduce((sum, p) => sum + p.limit, 0) <= PER_CALL)).toBe(true);
    // Evidence: the distinct ids cited (2,000), the first evidenceLimit of them by number, in pages.
    expect(loaded.evidenceTotal).toBe(2000);
    expect(loaded.evidence.map((e) => e.id)).toEqual(Array.from({ length: EVIDENCE_PAGE + 10 }, (_, i) => i + 1));
    expect(api.calls.filter((c) => c.method === 'report.evidence')).toHaveLength(2);
  });
});
