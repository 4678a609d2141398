// Which URLs count as "the app": the triad://app origin, and in development the electron-vite dev server.
// Node's URL gives custom schemes an opaque origin ('null'), so the scheme and host are compared instead.

export const APP_SCHEME = 'triad';
export const APP_HOST = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

export interface AppOrigins {
  /** The electron-vite dev server (ELECTRON_RENDERER_URL) when running `npm run dev`; absent in a built app. */
  devServerUrl?: string;
}

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

export function isAppUrl(url: string, origins: AppOrigins = {}): boolean {
  const parsed = parse(url);
  if (!parsed) return false;
  if (parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && !parsed.username && !parsed.password) return true;
  return origins.devServerUrl !== undefined && parsed.origin === new URL(origins.devServerUrl).origin;
}

/** URLs the session lets the renderer load: the app itself, Vite's hot-reload socket in dev, inline data and DevTools. */
export function isAllowedRequestUrl(url: string, origins: AppOrigins = {}): boolean {
  if (isAppUrl(url, origins)) return true;
  const parsed = parse(url);
  if (!parsed) return false;
  if (parsed.protocol === 'data:' || parsed.protocol === 'blob:' || parsed.protocol === 'devtools:') return true;
  if (origins.devServerUrl === undefined || parsed.protocol !== 'ws:') return false;
  return parsed.host === new URL(origins.devServerUrl).host;
}

/**
 * ELECTRON_RENDERER_URL is honoured only in an unpackaged app and only for a loopback http server, so a stray
 * environment variable can never point the window (and its bridge) at a remote page.
 */
export function devServerUrlFrom(value: string | undefined, isPackaged: boolean): string | undefined {
  if (!value || isPackaged) return undefined;
  const parsed = parse(value);
  if (!parsed || parsed.protocol !== 'http:' || !['localhost', '127.0.0.1', '[::1]'].includes(parsed.hostname)) {
    throw new Error(`ELECTRON_RENDERER_URL must be a loopback http URL (the electron-vite dev server); got ${value.slice(0, 200)}`);
  }
  return parsed.href;
}
