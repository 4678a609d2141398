// The print route's loading: every listed failing finding of every control, in pages, a few controls at a time,
// then the evidence items the listed findings cite, up to the evidence limit.
import { describe, expect, it } from 'vitest';
import { EVIDENCE_PAGE, FINDINGS_IN_FLIGHT, FINDINGS_PAGE, loadReport } from '../../../src/renderer/src/components/report/loadReport';
import { defaultReportOptions, type ReportFindingRow, type ReportModel } from '../../../src/shared/report';
import { fakeApi } from './fake-api';

const SHOWN = [FINDINGS_PAGE * 2 + 7, 0, 3, 1, FINDINGS_PAGE, 12];

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
  it('loads every listed finding of each control in order, a few controls at a time, and the cited evidence up to the limit', async () => {
    const controls = SHOWN.map((shown, i) => ({ id: `control-${i}`, shown }));
    const model = { pillars: [{ controls: controls.slice(0, 3) }, { controls: controls.slice(3) }] } as unknown as ReportModel;
    let inFlight = 0;
    let mostInFlight = 0;
    const api = fakeApi({
      'report.model': () => model,
      'report.findings': async ({ controlId, offset, limit }: { controlId: string; offset: number; limit: number }) => {
        inFlight++;
        mostInFlight = Math.max(mostInFlight, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 1));
        inFlight--;
        const shown = controls.find((c) => c.id === controlId)!.shown;
        return rowsOf(controlId, shown).slice(offset, offset + limit);
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
    expect(progress).toEqual([1, 2, 3, 4, 5]);
    const pages = api.calls.filter((c) => c.method === 'report.findings').map((c) => c.params as { controlId: string; limit: number });
    expect(pages.filter((p) => p.controlId === 'control-0').map((p) => p.limit)).toEqual([FINDINGS_PAGE, FINDINGS_PAGE, 7]);
    // Evidence: the distinct ids cited (2,000), the first evidenceLimit of them by number, in pages.
    expect(loaded.evidenceTotal).toBe(2000);
    expect(loaded.evidence.map((e) => e.id)).toEqual(Array.from({ length: EVIDENCE_PAGE + 10 }, (_, i) => i + 1));
    expect(api.calls.filter((c) => c.method === 'report.evidence')).toHaveLength(2);
  });
});
