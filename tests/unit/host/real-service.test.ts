// The browser host with the real services over a real demo snapshot file, in-process and as `npm run host`.

import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../../src/main/catalog';
import { generateDemo } from '../../../src/main/demo';
import { startHost, type RunningHost } from '../../../src/main/host/server';
import { projectRoot, rendererOutDir } from '../../../src/main/paths';
import { createSnapshotWriter } from '../../../src/main/snapshot';
import { CONTENT_SECURITY_POLICY } from '../../../src/main/security/csp';
import type { ApiResponse } from '../../../src/shared/ipc';

let dir: string;
let snapshot: string;
let renderer: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'triad-host-real-'));
  snapshot = join(dir, 'small demo.triad');
  generateDemo(createSnapshotWriter(snapshot), { seed: 'host-test', findings: 1000 }, loadCatalog());
  writeFileSync(join(dir, 'garbage.triad'), 'this is not SQLite');
  renderer = join(dir, 'renderer');
  mkdirSync(renderer);
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Triad</title>');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function call<T>(host: { url: string; token: string }, method: string, params: unknown = null): Promise<ApiResponse<T>> {
  const response = await fetch(new URL(`/api/call/${method}`, host.url), {
    method: 'POST',
    headers: { Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ params }),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as ApiResponse<T>;
}

describe('startHost with the real services', () => {
  let host: RunningHost;
  beforeAll(async () => {
    host = await startHost({ rendererDir: renderer, snapshotPath: snapshot });
  });
  afterAll(() => host.close());

  it('answers the overview of the opened snapshot with the three pillars', async () => {
    const overview = await call<{ snapshot: { fileName: string; meta: { isDemo: boolean } }; pillars: { pillar: string }[] }>(host, 'overview.get', {});
    expect(overview.ok).toBe(true);
    if (!overview.ok) return;
    expect(overview.value.snapshot.fileName).toBe('small demo.triad');
    expect(overview.value.snapshot.meta.isDemo).toBe(true);
    expect(overview.value.pillars.map((p) => p.pillar)).toEqual(expect.arrayContaining(['confidentiality', 'integrity', 'availability']));
    expect(await call(host, 'app.info')).toMatchObject({ ok: true, value: { host: 'browser', nativeDialogs: false } });
  });

  it('reports a corrupt snapshot as snapshot-invalid and keeps the open one', async () => {
    const response = await call(host, 'snapshot.open', { path: join(dir, 'garbage.triad') });
    expect(response).toMatchObject({ ok: false, error: { code: 'snapshot-invalid', message: expect.stringContaining('garbage.triad') } });
    expect(await call(host, 'snapshot.current')).toMatchObject({ ok: true, value: { fileName: 'small demo.triad' } });
  });

  it('refuses to start on a snapshot that cannot be opened, naming the file', async () => {
    await expect(startHost({ rendererDir: renderer, snapshotPath: join(dir, 'garbage.triad') })).rejects.toThrow(/garbage\.triad/);
  });
});

describe('npm run host (src/main/host/cli.ts)', () => {
  const cli = (args: string[]) =>
    spawn(join(projectRoot(), 'node_modules', '.bin', 'tsx'), [join(projectRoot(), 'src/main/host/cli.ts'), ...args], {
      cwd: projectRoot(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  const hasBuiltRenderer = existsSync(join(rendererOutDir(), 'index.html'));

  it('prints its URL first, serves the app with the CSP, and exits cleanly on SIGTERM', async ({ skip }) => {
    skip(!hasBuiltRenderer, 'the CLI serves out/renderer, which is not built: run `npm run build`');
    const child = cli(['--snapshot', snapshot]);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const firstLine = await new Promise<string>((resolve) => createInterface({ input: child.stdout }).once('line', resolve));
    expect(firstLine).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{43}$/);
    const page = await fetch(firstLine);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    const token = new URL(firstLine).searchParams.get('token')!;
    expect(await call({ url: firstLine, token }, 'snapshot.current')).toMatchObject({ ok: true, value: { fileName: 'small demo.triad' } });
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('fails with one line on stderr and a non-zero exit for a bad snapshot', async () => {
    const child = cli(['--snapshot', join(dir, 'garbage.triad')]);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c));
    child.stderr.on('data', (c: Buffer) => (stderr += c));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).not.toBe(0);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^triad host: .*garbage\.triad.*\n$/);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });

  it('fails with usage for an unknown argument', async () => {
    const child = cli(['--bogus']);
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c));
    expect(await new Promise((resolve) => child.once('exit', resolve))).toBe(1);
    expect(stderr).toBe(
      'triad host: unknown argument --bogus (usage: npm run host -- [--snapshot FILE.triad] [--port N] [--output-dir DIR] [--trusted-keys FILE] [--test-signing-key-dir DIR])\n',
    );
  });
});
