// The renderer's only road to data. Components and stores call `useApi()`; the transport is the preload
// bridge inside Electron and loopback HTTP in the browser host. Tests swap in a fake with `setApiClient`.
import { ApiError, type ApiClient, type ApiErrorCode, type ApiMethod, type ApiResponse } from '../../shared/api';
import type { PreloadBridge } from '../../shared/ipc';

const ERROR_CODES: readonly ApiErrorCode[] = ['bad-request', 'no-snapshot', 'not-found', 'snapshot-invalid', 'unavailable', 'internal'];

/** Turns a wire envelope into its value, or throws the ApiError it carries. */
export function unwrap<T>(response: unknown, method: string): T {
  const envelope = response as ApiResponse<T> | null;
  if (envelope && typeof envelope === 'object' && 'ok' in envelope) {
    if (envelope.ok) return envelope.value;
    const { code, message } = envelope.error ?? {};
    const known = ERROR_CODES.includes(code as ApiErrorCode) ? (code as ApiErrorCode) : 'internal';
    throw new ApiError(known, typeof message === 'string' && message ? message : `${method} failed`);
  }
  throw new ApiError('internal', `${method}: the service sent an answer Triad cannot read.`);
}

type Listener = (payload: unknown) => void;

export function createIpcClient(bridge: PreloadBridge): ApiClient {
  return {
    async call(method: ApiMethod, ...params: unknown[]) {
      return unwrap(await bridge.invoke(method, params[0] ?? null), method);
    },
    on(event, listener) {
      return bridge.on(event, listener as Listener);
    },
  } as ApiClient;
}

const TOKEN_KEY = 'triad.token';

/** The browser host prints a URL with `?token=…`; keep it for this tab so reloads and route changes work. */
export function hostToken(location: Pick<Location, 'search'>, storage: Storage): string | null {
  const fromUrl = new URLSearchParams(location.search).get('token');
  if (fromUrl) storage.setItem(TOKEN_KEY, fromUrl);
  return fromUrl ?? storage.getItem(TOKEN_KEY);
}

export interface HttpTransport {
  fetch: typeof fetch;
  EventSource: typeof EventSource;
  token: string | null;
}

export function createHttpClient(transport: HttpTransport): ApiClient {
  const { token } = transport;
  let events: EventSource | null = null;
  const listeners = new Map<string, Set<Listener>>();

  const noToken = () =>
    new ApiError('unavailable', 'This page has no access token. Open the exact URL the Triad host printed (it ends with ?token=…).');

  function subscribe(event: string) {
    if (!events) events = new transport.EventSource(`/api/events?token=${encodeURIComponent(token ?? '')}`);
    events.addEventListener(event, (message) => {
      let payload: unknown;
      try {
        payload = JSON.parse((message as MessageEvent<string>).data);
      } catch {
        return; // A malformed event is dropped; the next call still shows the real state.
      }
      for (const listener of listeners.get(event) ?? []) listener(payload);
    });
  }

  return {
    async call(method: ApiMethod, ...params: unknown[]) {
      if (!token) throw noToken();
      let response: Response;
      try {
        response = await transport.fetch(`/api/call/${encodeURIComponent(method)}`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
          body: JSON.stringify({ params: params[0] ?? null }),
        });
      } catch {
        throw new ApiError('unavailable', 'The Triad host is not reachable. Is `npm run host` still running?');
      }
      if (response.status === 401) throw new ApiError('unavailable', 'The Triad host refused the access token. Open the URL it printed, with its ?token=….');
      if (!response.ok) throw new ApiError('unavailable', `The Triad host answered HTTP ${response.status} to ${method}.`);
      let body: unknown;
      try {
        body = await response.json();
      } catch {
        throw new ApiError('internal', `${method}: the host sent an answer that is not JSON.`);
      }
      return unwrap(body, method);
    },
    on(event, listener) {
      if (!token) return () => undefined;
      let set = listeners.get(event);
      if (!set) {
        set = new Set();
        listeners.set(event, set);
        subscribe(event);
      }
      set.add(listener as Listener);
      return () => set.delete(listener as Listener);
    },
  } as ApiClient;
}

let client: ApiClient | null = null;

function defaultClient(): ApiClient {
  if (window.triad) return createIpcClient(window.triad);
  return createHttpClient({
    fetch: window.fetch.bind(window),
    EventSource: window.EventSource,
    token: hostToken(window.location, window.sessionStorage),
  });
}

export function useApi(): ApiClient {
  client ??= defaultClient();
  return client;
}

/** For tests (and nothing else): replace the transport with a fake. */
export function setApiClient(fake: ApiClient | null): void {
  client = fake;
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
