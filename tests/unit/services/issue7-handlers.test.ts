// The issue 7 API methods through the real service and dispatcher, as the renderer calls them over IPC or HTTP.
import { copyFileSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiResponse } from '../../../src/shared/api';
import type { DiffChangeDetail, DiffChangePage, DiffSummary } from '../../../src/shared/diff';
import type { ExceptionsApplied } from '../../../src/shared/exceptions';
import type { IntegrityReport, ReportIntegrity } from '../../../src/shared/integrity';
import type { Library } from '../../../src/shared/library';

import { dispatch } from '../../../src/main/services/dispatch';
import type { TriadService } from '../../../src/main/services/platform';
import { createTriadService } from '../../../src/main/services/triad-service';
import { S3_PUBLIC, buildFixtureSnapshot, tempFolder } from '../snapshot/fixture';
import { writePair } from '../diff/pair';

let dir: string;
let cleanup: () => void;
let service: TriadService;
let original: string;
let tampered: string;
let pair: { base: string; current: string };
beforeAll(() => {
  ({ dir, cleanup } = tempFolder('triad-issue7-api-'));
  original = join(dir, 'org.triad');
  buildFixtureSnapshot(original);
  tampered = join(dir, 'tampered.triad');
  copyFileSync(original, tampered);
  const db = new Database(tampered);
  db.exec(`UPDATE accounts SET name = 'renamed'`);
  db.close();
  pair = writePair(dir);
  service = createTriadService({ host: 'browser', emit: () => undefined });
});
afterAll(() => {
  service.close();
  cleanup();
});

async function value<T>(method: string, params?: unknown): Promise<T> {
  const response = (await dispatch(service.handlers, method, params)) as ApiResponse<T>;
  if (!response.ok) throw new Error(`${method}: ${response.error.code}: ${response.error.message}`);
  return response.value;
}

describe('issue 7 API', () => {
  it('snapshot.verify reports the open snapshot intact or tampered', async () => {
    service.open(original);
    expect((await value<IntegrityReport>('snapshot.verify', {})).state).toBe('unsigned');
    service.open(tampered);
    const report = await value<IntegrityReport>('snapshot.verify', {});
    expect(report.state).toBe('tampered');
    expect(report.recordedDigest).not.toBe(report.computedDigest);
    // A report made from it carries the warning on its cover.
    const integrity = await value<ReportIntegrity>('report.integrity');
    expect(integrity).toMatchObject({ state: 'tampered', warning: true });
    expect(integrity.message).toMatch(/^TAMPERED/);
    const badKeys = join(dir, 'keys.json');
    writeFileSync(badKeys, '{}');
    const refused = await dispatch(service.handlers, 'snapshot.verify', { trustedKeysPath: badKeys });
    expect(refused).toEqual({ ok: false, error: { code: 'bad-request', message: `Trusted keys ${badKeys}: must be a JSON array of { "name", "publicKeyPem" } or { "name", "fingerprint" } entries` } });
  });

  it('diff.run, diff.changes and diff.change compare two files and drill into a change', async () => {
    const summary = await value<DiffSummary>('diff.run', { basePath: pair.base, currentPath: pair.current });
    expect(summary.totals['no-longer-collected']).toBe(2);
    const page = await value<DiffChangePage>('diff.changes', { category: 'evidence-changed', offset: 0, limit: 10 });
    expect(page.rows.map((r) => r.resourceId)).toEqual(['evidence-changed']);
    const detail = await value<DiffChangeDetail>('diff.change', { id: page.rows[0].id });
    expect(detail.evidencePaths.length).toBeGreaterThan(0);
    const bad = await dispatch(service.handlers, 'diff.changes', { category: 'gone', offset: 0, limit: 10 });
    expect(bad.ok).toBe(false);
  });

  it('exceptions.apply applies a file to the open snapshot and refuses a bad one by entry', async () => {
    service.open(original);
    const file = join(dir, 'exceptions.json');
    writeFileSync(
      file,
      JSON.stringify({
        format: 'triad-exceptions',
        version: 1,
        exceptions: [{ id: 'EX-1', scope: { controlId: S3_PUBLIC }, justification: 'j', owner: 'o', approver: 'a', created: '2026-01-01', expires: '2026-06-30' }],
      }),
    );
    const applied = await value<ExceptionsApplied>('exceptions.apply', { path: file, asOf: '2026-12-01' });
    expect(applied.outcomes[0]).toMatchObject({ state: 'expired', matched: 2 });
    expect(applied.excepted).toBe(0);
    writeFileSync(file, JSON.stringify({ format: 'triad-exceptions', version: 1, exceptions: [{ id: 'EX-1' }] }));
    const refused = await dispatch(service.handlers, 'exceptions.apply', { path: file });
    expect(refused.ok === false && refused.error.message).toContain('entry 1 ("EX-1"): "justification" is missing or empty');
  });

  it('exceptions.save writes only .json files given by a full path', async () => {
    const entry = { id: 'EX-2', scope: { controlId: S3_PUBLIC }, justification: 'j', owner: 'o', approver: 'a', created: '2026-01-01', expires: '2027-06-30' };
    const file = join(dir, 'saved-exceptions.json');
    expect(await value('exceptions.save', { path: file, entry })).toEqual([entry]);
    for (const path of [join(dir, 'autostart.desktop'), 'relative.json']) {
      const refused = await dispatch(service.handlers, 'exceptions.save', { path, entry });
      expect(refused.ok === false && refused.error.message).toBe(`An exceptions file is a .json file given by its full path; "${path}" is not`);
      expect(existsSync(path)).toBe(false);
    }
  });

  it('library.scan lists the folder by scope', async () => {
    const library = await value<Library>('library.scan', { folder: dir });
    expect(library.scopes.map((s) => s.paths.length).sort()).toEqual([2, 2]);
  });
});
