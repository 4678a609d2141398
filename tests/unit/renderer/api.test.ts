// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../src/shared/api';
import type { PreloadBridge } from '../../../src/shared/ipc';
import { createHttpClient, createIpcClient, hostToken, unwrap } from '../../../src/renderer/src/api';

describe('unwrap', () => {
  it('returns the value of a successful envelope', () => {
    expect(unwrap({ ok: true, value: { a: 1 } }, 'x')).toEqual({ a: 1 });
  });

  it('throws the ApiError an error envelope carries', () => {
    const call = () => unwrap({ ok: false, error: { code: 'snapshot-invalid', message: '/tmp/a.triad is not a SQLite file' } }, 'snapshot.open');
    expect(call).toThrow(ApiError);
    expect(call).toThrow('/tmp/a.triad is not a SQLite file');
    try {
      call();
    } catch (error) {
      expect((error as ApiError).code).toBe('snapshot-invalid');
    }
  });

  it('refuses an answer that is not an envelope', () => {
    expect(() => unwrap('<html>', 'overview.get')).toThrow(/overview.get: the service sent an answer/);
  });
});

describe('IPC transport', () => {
  it('invokes the bridge with the method and params and unwraps the answer', async () => {
    const seen: unknown[] = [];
    const bridge: PreloadBridge = {
      invoke: async (method, params) => {
        seen.push([method, params]);
        return { ok: true, value: 42 };
      },
      on: () => () => undefined,
      pathForFile: () => '',
    };
    const client = createIpcClient(bridge);
    await expect(client.call('finding.get', { id: 5 })).resolves.toBe(42);
    await client.call('app.info');
    expect(seen).toEqual([
      ['finding.get', { id: 5 }],
      ['app.info', null],
    ]);
  });
});

describe('HTTP transport', () => {
  // Calls never open the event stream; happy-dom has no EventSource.
  const NoEventSource = class {} as unknown as typeof EventSource;

  function recordingFetch(status: number, body: unknown) {
    const requests: { url: string; init: RequestInit }[] = [];
    const fetch = (async (url: string, init: RequestInit) => {
      requests.push({ url, init });
      return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
    }) as unknown as typeof globalThis.fetch;
    return { fetch, requests };
  }

  it('posts {params} with the bearer token and unwraps the envelope', async () => {
    const { fetch, requests } = recordingFetch(200, { ok: true, value: { total: 0, offset: 0, rows: [] } });
    const client = createHttpClient({ fetch, EventSource: NoEventSource, token: 'tok123' });
    const page = await client.call('control.findings', { controlId: 'config-rule:X', offset: 0, limit: 200 });
    expect(page.total).toBe(0);
    expect(requests[0].url).toBe('/api/call/control.findings');
    expect(requests[0].init.method).toBe('POST');
    expect((requests[0].init.headers as Record<string, string>).Authorization).toBe('Bearer tok123');
    expect((requests[0].init.headers as Record<string, string>)['Content-Type']).toBe('application/json');
    expect(JSON.parse(requests[0].init.body as string)).toEqual({ params: { controlId: 'config-rule:X', offset: 0, limit: 200 } });
  });

  it('sends null params for methods without parameters', async () => {
    const { fetch, requests } = recordingFetch(200, { ok: true, value: null });
    await createHttpClient({ fetch, EventSource: NoEventSource, token: 't' }).call('snapshot.current');
    expect(JSON.parse(requests[0].init.body as string)).toEqual({ params: null });
  });

  it('turns an error envelope into an ApiError with its message', async () => {
    const { fetch } = recordingFetch(200, { ok: false, error: { code: 'not-found', message: 'No finding 9' } });
    const client = createHttpClient({ fetch, EventSource: NoEventSource, token: 't' });
    await expect(client.call('finding.get', { id: 9 })).rejects.toMatchObject({ code: 'not-found', message: 'No finding 9' });
  });

  it('explains a refused token', async () => {
    const { fetch } = recordingFetch(401, { error: 'unauthorized' });
    const client = createHttpClient({ fetch, EventSource: NoEventSource, token: 'wrong' });
    await expect(client.call('app.info')).rejects.toThrow(/refused the access token/);
  });

  it('explains a missing token without calling the host', async () => {
    const { fetch, requests } = recordingFetch(200, { ok: true, value: null });
    const client = createHttpClient({ fetch, EventSource: NoEventSource, token: null });
    await expect(client.call('app.info')).rejects.toThrow(/no access token/);
    expect(requests).toHaveLength(0);
  });

  it('relays server-sent events to listeners, parsed', () => {
    const sources: FakeEventSource[] = [];
    class FakeEventSource extends EventTarget {
      constructor(readonly url: string) {
        super();
        sources.push(this);
      }
    }
    const client = createHttpClient({
      fetch: globalThis.fetch,
      EventSource: FakeEventSource as unknown as typeof EventSource,
      token: 'a b',
    });
    const got: unknown[] = [];
    const off = client.on('snapshot.changed', (info) => got.push(info));
    expect(sources).toHaveLength(1);
    expect(sources[0].url).toBe('/api/events?token=a%20b');
    sources[0].dispatchEvent(new MessageEvent('snapshot.changed', { data: JSON.stringify({ fileName: 'x.triad' }) }));
    off();
    sources[0].dispatchEvent(new MessageEvent('snapshot.changed', { data: 'null' }));
    expect(got).toEqual([{ fileName: 'x.triad' }]);
  });
});

describe('hostToken', () => {
  it('takes the token from the URL once and keeps it for the tab', () => {
    sessionStorage.clear();
    expect(hostToken({ search: '?token=abc' }, sessionStorage)).toBe('abc');
    expect(hostToken({ search: '' }, sessionStorage)).toBe('abc');
    expect(hostToken({ search: '?token=new' }, sessionStorage)).toBe('new');
  });

  it('is null when the page was opened without one', () => {
    sessionStorage.clear();
    expect(hostToken({ search: '?x=1' }, sessionStorage)).toBeNull();
  });
});
