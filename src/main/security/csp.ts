// The one Content-Security-Policy of the app, sent by the Electron protocol handler and by the browser host.
// No remote origin is listed anywhere: the page can load and talk to its own origin only, and never evaluates
// strings as code. Styles and scripts come from the built files; Vue and Chart.js set styles through the CSSOM,
// which CSP does not restrict, so no 'unsafe-inline' is needed.

const PRODUCTION_DIRECTIVES: Record<string, string[]> = {
  'default-src': ["'none'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'worker-src': ["'self'"],
  'manifest-src': ["'self'"],
  'object-src': ["'none'"],
  'frame-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
};

function serialize(directives: Record<string, string[]>): string {
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}

export const CONTENT_SECURITY_POLICY = serialize(PRODUCTION_DIRECTIVES);

/**
 * The policy while `electron-vite dev` serves the renderer: Vite injects styles as <style> elements and talks
 * to the page over a WebSocket for hot reload, so those two (and only for the dev server's own origin) are added.
 */
export function devContentSecurityPolicy(devServerUrl: string): string {
  const origin = new URL(devServerUrl).origin;
  const socketOrigin = origin.replace(/^http/, 'ws');
  return serialize({
    ...PRODUCTION_DIRECTIVES,
    'script-src': ["'self'", origin],
    'style-src': ["'self'", "'unsafe-inline'", origin],
    'connect-src': ["'self'", origin, socketOrigin],
  });
}

/** Headers every response of the app carries, whichever host serves it. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};
