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
import { tempFolder } from '../snapshot/fixture';
import { writeSectionFiles } from './sections-fixture';

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
    const other = value.pillars.flatMap((s) => s.controls).find((c) => c.failing > 2 && c.id !== control.id)!;
    const answer = await dispatch(service.handlers, 'report.findings', {
      pages: [
        { controlId: control.id, offset: 0, limit: control.shown },
        { controlId: other.id, offset: 0, limit: 3 },
        { controlId: other.id, offset: 1, limit: 2 },
      ],
    });
    const [rows, otherRows, otherFromSecond] = (answer as { value: ReportFindingRow[][] }).value;
    expect(rows).toHaveLength(2);
    // Each page answered in the order asked, from its own offset.
    expect(otherRows).toHaveLength(3);
    expect(otherFromSecond).toEqual(otherRows.slice(1));
    const evidence = await dispatch(service.handlers, 'report.evidence', { ids: rows.map((r) => r.evidenceId!) });
    expect((evidence as { value: { id: number }[] }).value.map((e) => e.id)).toEqual([...new Set(rows.map((r) => r.evidenceId))].sort((a, b) => a! - b!));
  });

  it('refuses bad parameters and unknown controls with a clear error', async () => {
    expect(await dispatch(service.handlers, 'report.findings', { pages: [{ controlId: 'x', offset: 0, limit: 10_000 }] })).toMatchObject({
      ok: false,
      error: { code: 'bad-request', message: 'report.findings: params.pages[0].limit must be an integer from 1 to 5000' },
    });
    const halves = { controlId: 'x', offset: 0, limit: 2501 };
    expect(await dispatch(service.handlers, 'report.findings', { pages: [halves, halves] })).toMatchObject({
      ok: false,
      error: { code: 'bad-request', message: 'report.findings: the pages ask for 5002 rows; at most 5000 per call' },
    });
    expect(await dispatch(service.handlers, 'report.findings', { pages: [{ controlId: 'config-rule:NOPE', offset: 0, limit: 10 }] })).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
    expect(await dispatch(service.handlers, 'report.model', { options: { ...options, reportTime: 'yesterday' } })).toMatchObject({
      ok: false,
      error: { code: 'bad-request', message: 'report.model: reportTime "yesterday" is not a date' },
    });
  });
});

describe('report inputs through the API', () => {
  it('uses only the files applied, opened or compared here: the renderer asks for sections, never names a path', async () => {
    const { cleanup, dir: folder } = tempFolder('triad-report-inputs-');
    const local = createTriadService({ host: 'browser', emit: () => undefined });
    try {
      const { snapshot: org, exceptionsFile: exceptions, reviewFile: review, pair } = writeSectionFiles(folder);
      local.open(org);
      const asked = { ...defaultReportOptions('2026-06-15T09:30:00.000Z'), exceptions: true };

      expect(await dispatch(local.handlers, 'report.inputs', undefined)).toEqual({ ok: true, value: { exceptions: null, review: null, since: null } });
      expect(await dispatch(local.handlers, 'report.model', { options: asked })).toMatchObject({
        ok: false,
        error: { code: 'bad-request', message: expect.stringMatching(/^the report asks for the exception register, but no exceptions file was chosen/) },
      });

      // A file that fails to apply is not remembered; the one that applies is.
      expect((await dispatch(local.handlers, 'exceptions.apply', { path: join(folder, 'missing.json') })).ok).toBe(false);
      expect((await dispatch(local.handlers, 'exceptions.apply', { path: exceptions })).ok).toBe(true);
      expect((await dispatch(local.handlers, 'review.open', { path: review, create: false })).ok).toBe(true);
      // A comparison counts as "since" only when its current side is the open snapshot.
      expect((await dispatch(local.handlers, 'diff.run', { basePath: pair.base, currentPath: pair.current })).ok).toBe(true);
      expect(await dispatch(local.handlers, 'report.inputs', undefined)).toEqual({ ok: true, value: { exceptions: 'exceptions.json', review: 'org.review.json', since: null } });

      const model = await dispatch(local.handlers, 'report.model', { options: { ...asked, review: true } });
      const value = (model as { ok: true; value: ReportModel }).value;
      expect(value.exceptions.entries.map((e) => [e.id, e.state, e.covers])).toEqual([
        ['EX-1', 'live', 1],
        ['EX-2', 'expired', 2],
        ['EX-3', 'pending', 1],
      ]);
      expect(value.summary.totalWithExceptions?.percent).toBe(66.7);
      expect(value.review.signOff).toEqual({ name: 'Jane Auditor', date: '2026-06-02' });

      local.open(pair.current);
      expect((await dispatch(local.handlers, 'diff.run', { basePath: pair.base, currentPath: pair.current })).ok).toBe(true);
      expect(((await dispatch(local.handlers, 'report.inputs', undefined)) as { value: { since: string } }).value.since).toBe('base.triad');
      const changes = await dispatch(local.handlers, 'report.model', { options: { ...defaultReportOptions('2026-06-15T09:30:00.000Z'), since: true } });
      expect((changes as { value: ReportModel }).value.changes?.title).toBe('Changes since 2026-11-01');
      // The review belongs to org.triad, not to the snapshot now open: refused by name.
      const refused = await dispatch(local.handlers, 'report.model', { options: { ...defaultReportOptions('2026-06-15T09:30:00.000Z'), review: true } });
      expect(refused).toMatchObject({ ok: false, error: { code: 'bad-request', message: expect.stringContaining('is the review of another snapshot') } });
    } finally {
      local.close();
      cleanup();
    }
  });
});
