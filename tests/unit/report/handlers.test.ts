// The report API as the print route calls it, through the same dispatch (parameter validation included) that
// the IPC binding and the browser host use.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultReportOptions, type ReportFindingRow, type ReportModel } from '../../../src/shared/report';
import { loadCatalog } from '../../../src/main/catalog';
import { generateDemo } from '../../../src/main/demo';
import { dispatch } from '../../../src/main/services/dispatch';
import type { TriadService } from '../../../src/main/services/platform';
import { createTriadService } from '../../../src/main/services/triad-service';
import { createSnapshotWriter } from '../../../src/main/snapshot';

let dir: string;
let service: TriadService;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'triad-report-api-'));
  const path = join(dir, 'demo.triad');
  generateDemo(createSnapshotWriter(path), { seed: 'report-api', findings: 1_000 }, loadCatalog());
  service = createTriadService({ host: 'browser', emit: () => undefined });
});

afterAll(() => {
  service.close();
  rmSync(dir, { recursive: true, force: true });
});

const options = { ...defaultReportOptions('2026-11-27T09:30:00.000Z'), completeLimit: 10, resourceLimit: 2 };

describe('report API', () => {
  it('says no snapshot is open before one is', async () => {
    expect(await dispatch(service.handlers, 'report.model', { options })).toEqual({
      ok: false,
      error: { code: 'no-snapshot', message: 'No snapshot is open. Open a .triad file first.' },
    });
  });

  it('serves the model, then failing findings and evidence in pages', async () => {
    service.open(join(dir, 'demo.triad'));
    const model = await dispatch(service.handlers, 'report.model', { options });
    expect(model.ok).toBe(true);
    const value = (model as { value: ReportModel }).value;
    expect(value.listing.mode).toBe('capped');
    const control = value.pillars.flatMap((s) => s.controls).find((c) => c.failing > 2)!;
    const page = await dispatch(service.handlers, 'report.findings', { controlId: control.id, offset: 0, limit: control.shown });
    const rows = (page as { value: ReportFindingRow[] }).value;
    expect(rows).toHaveLength(2);
    const evidence = await dispatch(service.handlers, 'report.evidence', { ids: rows.map((r) => r.evidenceId!) });
    expect((evidence as { value: { id: number }[] }).value.map((e) => e.id)).toEqual([...new Set(rows.map((r) => r.evidenceId))].sort((a, b) => a! - b!));
  });

  it('refuses bad parameters and unknown controls with a clear error', async () => {
    expect(await dispatch(service.handlers, 'report.findings', { controlId: 'x', offset: 0, limit: 10_000 })).toMatchObject({
      ok: false,
      error: { code: 'bad-request', message: 'report.findings: params.limit must be an integer from 1 to 5000' },
    });
    expect(await dispatch(service.handlers, 'report.findings', { controlId: 'config-rule:NOPE', offset: 0, limit: 10 })).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
    expect(await dispatch(service.handlers, 'report.model', { options: { ...options, reportTime: 'yesterday' } })).toMatchObject({
      ok: false,
      error: { code: 'bad-request', message: 'report.model: reportTime "yesterday" is not a date' },
    });
  });
});
