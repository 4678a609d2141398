import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiEvent, ApiEvents, ApiResponse, FindingPage, Overview, SnapshotInfo } from '../../../src/shared/api';
import { API_METHODS } from '../../../src/shared/api';
import { dispatch } from '../../../src/main/services/dispatch';
import type { Platform, TriadService } from '../../../src/main/services/platform';
import { createTriadService } from '../../../src/main/services/triad-service';
import { DEV, S3_PUBLIC, buildFixtureSnapshot, tempFolder } from '../snapshot/fixture';

let dir: string;
let cleanup: () => void;
let snapshotPath: string;
let events: { event: ApiEvent; payload: unknown }[];
let service: TriadService;

const browserPlatform = (): Platform => ({
  host: 'browser',
  emit: <E extends ApiEvent>(event: E, payload: ApiEvents[E]) => void events.push({ event, payload }),
});

beforeEach(() => {
  ({ dir, cleanup } = tempFolder());
  snapshotPath = join(dir, 'org.triad');
  buildFixtureSnapshot(snapshotPath);
  events = [];
  service = createTriadService(browserPlatform());
});
afterEach(() => {
  service.close();
  cleanup();
});

const call = (method: unknown, params?: unknown): Promise<ApiResponse<unknown>> => dispatch(service.handlers, method, params);
async function value<T>(method: string, params?: unknown): Promise<T> {
  const response = await call(method, params);
  if (!response.ok) throw new Error(`${method} failed: ${response.error.code} ${response.error.message}`);
  return response.value as T;
}

describe('triad service through dispatch', () => {
  it('implements every method of the API contract', () => {
    expect(Object.keys(service.handlers).sort()).toEqual([...API_METHODS].sort());
  });

  it('answers no-snapshot until a snapshot is opened, then emits snapshot.changed', async () => {
    expect(await call('overview.get', { filters: {} })).toEqual({
      ok: false,
      error: { code: 'no-snapshot', message: 'No snapshot is open. Open a .triad file first.' },
    });
    expect(await value('snapshot.current')).toBeNull();
    const info = await value<SnapshotInfo>('snapshot.open', { path: snapshotPath });
    expect(info).toMatchObject({ path: snapshotPath, fileName: 'org.triad', counts: { findings: 17 } });
    expect(events).toEqual([{ event: 'snapshot.changed', payload: info }]);
    expect(await value('snapshot.current')).toEqual(info);
  });

  it('serves filtered aggregates and pages', async () => {
    service.open(snapshotPath);
    const overview = await value<Overview>('overview.get', { filters: { accounts: [DEV] } });
    expect(overview.total.total).toBe(6);
    expect(overview.accounts.map((a) => a.account.id)).toEqual([DEV]);
    expect(overview.coverage).toMatchObject({ pairs: 2, collected: 2, errorCount: 0 });

    const page = await value<FindingPage>('control.findings', { controlId: S3_PUBLIC, sort: 'status', offset: 0, limit: 2 });
    expect(page.total).toBe(6);
    expect(page.rows).toHaveLength(2);
    const detail = await value<{ evidence: { provenance: { operation: string } } }>('finding.get', { id: page.rows[0].id });
    expect(detail.evidence.provenance.operation).toBe('BatchGetResourceConfig');
    expect(await value('coverage.errors', { offset: 0, limit: 10 })).toMatchObject({ total: 1, rows: [{ code: 'AccessDenied' }] });
  });

  it('rejects bad parameters before any handler runs', async () => {
    service.open(snapshotPath);
    expect(await call('control.findings', { controlId: S3_PUBLIC, offset: 0, limit: 5000 })).toEqual({
      ok: false,
      error: { code: 'bad-request', message: 'control.findings: params.limit must be an integer from 1 to 1000' },
    });
    expect(await call('overview.get', { filters: { statuses: ['PWNED'] } })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await call('finding.get', { id: 1, extra: true })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await call('fs.readFile', {})).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });

  it('answers not-found for an unknown control or finding', async () => {
    service.open(snapshotPath);
    expect(await call('control.get', { controlId: 'config-rule:NOPE' })).toEqual({
      ok: false,
      error: { code: 'not-found', message: 'Control config-rule:NOPE is not in this snapshot.' },
    });
    expect(await call('finding.get', { id: 424242 })).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('reports an invalid snapshot clearly and keeps the one already open', async () => {
    service.open(snapshotPath);
    const bad = join(dir, 'bad.triad');
    writeFileSync(bad, 'not sqlite at all, just text that is long enough to have a header'.repeat(3));
    expect(await call('snapshot.open', { path: bad })).toEqual({
      ok: false,
      error: { code: 'snapshot-invalid', message: `${bad}: not a Triad snapshot (not an SQLite file)` },
    });
    expect(await value<SnapshotInfo>('snapshot.current')).toMatchObject({ path: snapshotPath });
  });

  it('answers unavailable for dialogs and links in a host without them', async () => {
    expect(await call('snapshot.openDialog')).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    expect(await call('app.openExternal', { url: 'https://docs.aws.amazon.com/config/' })).toMatchObject({
      ok: false,
      error: { code: 'unavailable' },
    });
    expect(await value('app.info')).toMatchObject({ host: 'browser', nativeDialogs: false });
  });

  it('opens only allowlisted links, and snapshots picked in the native dialog', async () => {
    const opened: string[] = [];
    const electron = createTriadService({
      ...browserPlatform(),
      host: 'electron',
      pickSnapshotFile: async () => snapshotPath,
      openExternal: async (url) => void opened.push(url),
    });
    const run = (method: string, params?: unknown) => dispatch(electron.handlers, method, params);
    expect(await run('app.openExternal', { url: 'https://docs.aws.amazon.com/config/latest/developerguide/' })).toEqual({ ok: true, value: undefined });
    expect(await run('app.openExternal', { url: 'file:///etc/passwd' })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(opened).toEqual(['https://docs.aws.amazon.com/config/latest/developerguide/']);
    expect(await run('snapshot.openDialog')).toMatchObject({ ok: true, value: { path: snapshotPath } });
    electron.close();
  });
});
