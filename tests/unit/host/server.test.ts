// The browser host over real HTTP on loopback: who may call the API, what it serves, and the event stream.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startHost, type RunningHost } from '../../../src/main/host/server';
import { CONTENT_SECURITY_POLICY } from '../../../src/main/security/csp';
import { createFakeService, FAKE_SNAPSHOT_MARKER, type FakeService } from '../shell/fake-service';

let root: string;
let rendererDir: string;
let host: RunningHost;
let service: FakeService;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'triad-host-'));
  rendererDir = join(root, 'out', 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Triad</title><script type="module" src="/assets/app.js"></script>');
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'export {}');
  writeFileSync(join(root, 'out', 'secret.txt'), 'secret');
  writeFileSync(join(root, 'a.triad'), `${FAKE_SNAPSHOT_MARKER} a`);
  writeFileSync(join(root, 'b.triad'), `${FAKE_SNAPSHOT_MARKER} b`);
  writeFileSync(join(root, 'corrupt.triad'), 'garbage');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

beforeEach(async () => {
  host = await startHost({
    rendererDir,
    snapshotPath: join(root, 'a.triad'),
    createService: (platform) => (service = createFakeService(platform)),
  });
});
afterEach(() => host.close());

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A request with full control of the path and headers (fetch would normalize both). */
function raw(options: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer }): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: host.port, method: options.method ?? 'GET', path: options.path, headers: options.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const call = (method: string, params: unknown, headers: Record<string, string> = {}) =>
  fetch(new URL(`/api/call/${method}`, host.url), {
    method: 'POST',
    headers: { Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify({ params }),
  });

describe('startHost', () => {
  it('listens on 127.0.0.1 with a random 256-bit token in the URL', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{43}$/);
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${host.token}`);
  });

  it('uses a different token on every run', async () => {
    const other = await startHost({ rendererDir, createService: createFakeService });
    try {
      expect(other.token).not.toBe(host.token);
      expect(other.port).not.toBe(host.port);
    } finally {
      await other.close();
    }
  });

  it('refuses to start without a built renderer, saying to run npm run build', async () => {
    await expect(startHost({ rendererDir: join(root, 'nowhere'), createService: createFakeService })).rejects.toThrow(
      /nowhere.*index\.html not found.*npm run build/,
    );
  });

  it('fails with the snapshot error when the snapshot cannot be opened, and releases the service', async () => {
    let failed: FakeService | undefined;
    await expect(
      startHost({ rendererDir, snapshotPath: join(root, 'corrupt.triad'), createService: (p) => (failed = createFakeService(p)) }),
    ).rejects.toThrow('corrupt.triad is not a Triad snapshot');
    expect(failed?.closed).toBe(1);
  });
});

describe('API calls', () => {
  it('round-trips a call through the contract', async () => {
    const response = await call('snapshot.current', null);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await response.json()).toMatchObject({ ok: true, value: { fileName: 'a.triad', path: join(root, 'a.triad') } });
    expect(await (await call('app.info', null)).json()).toEqual({ ok: true, value: { version: '0.1.0', host: 'browser', nativeDialogs: false, canSave: false, canOpenFiles: false, signingKeys: null } });
  });

  it('answers bad parameters and unknown methods with an error envelope', async () => {
    expect(await (await call('snapshot.open', { path: 7 })).json()).toEqual({
      ok: false,
      error: { code: 'bad-request', message: 'snapshot.open: params.path must be a string' },
    });
    expect(await (await call('nope', null)).json()).toMatchObject({ ok: false, error: { code: 'bad-request', message: 'Unknown API method: nope' } });
    expect(await (await call('snapshot.openDialog', null)).json()).toMatchObject({ ok: false, error: { code: 'unavailable' } });
  });

  it.each([
    ['no Authorization header', {}],
    ['a wrong token', { Authorization: 'Bearer wrong' }],
    ['a token of the right length but wrong', { Authorization: `Bearer ${'A'.repeat(43)}` }],
    ['the token without Bearer', { Authorization: 'TOKEN' }],
  ])('answers 401 to %s', async (_label, auth) => {
    const response = await raw({
      method: 'POST',
      path: '/api/call/snapshot.current',
      headers: { 'Content-Type': 'application/json', ...auth },
      body: '{"params":null}',
    });
    expect(response.status).toBe(401);
    expect(response.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(JSON.parse(response.body)).toMatchObject({ ok: false, error: { message: expect.stringContaining('token') } });
  });

  it.each(['evil.example', 'localhost', '127.0.0.1', '127.0.0.1:1'])('answers 421 to a Host header of %s (DNS rebinding)', async (hostHeader) => {
    const response = await raw({
      method: 'POST',
      path: '/api/call/snapshot.current',
      headers: { Host: hostHeader, Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/json' },
      body: '{"params":null}',
    });
    expect(response.status).toBe(421);
    expect((await raw({ path: '/', headers: { Host: hostHeader } })).status).toBe(421);
  });

  it.each(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x'])('answers 415 to Content-Type %s', async (type) => {
    const response = await call('snapshot.current', null, { 'Content-Type': type });
    expect(response.status).toBe(415);
  });

  it('accepts application/json with a charset', async () => {
    expect((await call('snapshot.current', null, { 'Content-Type': 'application/json; charset=utf-8' })).status).toBe(200);
  });

  it('refuses bodies over 1 MB with 413 and malformed JSON with 400', async () => {
    const big = JSON.stringify({ params: { path: 'x'.repeat(1024 * 1024) } });
    const oversized = await fetch(new URL('/api/call/snapshot.open', host.url), {
      method: 'POST',
      headers: { Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/json' },
      body: big,
    });
    expect(oversized.status).toBe(413);
    const malformed = await fetch(new URL('/api/call/snapshot.current', host.url), {
      method: 'POST',
      headers: { Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/json' },
      body: '{"params":',
    });
    expect(malformed.status).toBe(400);
  });

  it('refuses a streamed (chunked) body over 1 MB with 413 and closes the connection', async () => {
    const response = await raw({
      method: 'POST',
      path: '/api/call/snapshot.open',
      headers: { Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' },
      body: Buffer.alloc(2 * 1024 * 1024, 0x20),
    });
    expect(response.status).toBe(413);
    expect(response.headers.connection).toBe('close');
  });

  it('answers a malformed method name with 400', async () => {
    expect((await call('%E0%A4%A', null)).status).toBe(400);
  });

  it('refuses cross-origin calls and non-POST methods', async () => {
    expect((await call('snapshot.current', null, { Origin: 'https://evil.example' })).status).toBe(403);
    expect((await call('snapshot.current', null, { Origin: `http://127.0.0.1:${host.port}` })).status).toBe(200);
    const get = await fetch(new URL('/api/call/snapshot.current', host.url), { headers: { Authorization: `Bearer ${host.token}` } });
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
  });
});

describe('static files', () => {
  it('serves the renderer with the CSP and the hardening headers', async () => {
    for (const path of ['/', '/index.html', `/?token=${host.token}`]) {
      const response = await fetch(new URL(path, host.url));
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('cross-origin-opener-policy')).toBe('same-origin');
      expect(response.headers.get('cross-origin-resource-policy')).toBe('same-origin');
      expect(await response.text()).toContain('<title>Triad</title>');
    }
    const script = await fetch(new URL('/assets/app.js', host.url));
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it.each(['/../secret.txt', '/..%2fsecret.txt', '/assets/..%2f..%2fsecret.txt', '/%2e%2e/secret.txt', '/..\\secret.txt', '/missing.js'])(
    'refuses %s with 404',
    async (path) => {
      const response = await raw({ path });
      expect(response.status).toBe(404);
      expect(response.body).not.toContain('secret');
      expect(response.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    },
  );
});

describe('events', () => {
  it('streams snapshot.changed to a client after snapshot.open', async () => {
    const controller = new AbortController();
    const stream = await fetch(new URL(`/api/events?token=${host.token}`, host.url), { signal: controller.signal });
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const reader = stream.body!.getReader();
    const decoder = new TextDecoder();
    let received = decoder.decode((await reader.read()).value);
    expect(received).toBe(': connected\n\n');

    expect(await (await call('snapshot.open', { path: join(root, 'b.triad') })).json()).toMatchObject({ ok: true });
    const complete = () => received.includes('event: ') && received.slice(received.indexOf('event: ')).includes('\n\n');
    while (!complete()) received += decoder.decode((await reader.read()).value);
    const frame = received.slice(received.indexOf('event: '));
    const [eventLine, dataLine] = frame.split('\n');
    expect(eventLine).toBe('event: snapshot.changed');
    expect(JSON.parse(dataLine.slice('data: '.length))).toMatchObject({ fileName: 'b.triad' });
    controller.abort();
  });

  it('requires the token for the event stream', async () => {
    expect((await raw({ path: '/api/events' })).status).toBe(401);
    expect((await raw({ path: '/api/events?token=nope' })).status).toBe(401);
  });

  it('ends open streams and closes the service on close()', async () => {
    const stream = await fetch(new URL(`/api/events?token=${host.token}`, host.url));
    const reader = stream.body!.getReader();
    await reader.read();
    await host.close();
    expect((await reader.read()).done).toBe(true);
    expect(service.closed).toBe(1);
  });
});
