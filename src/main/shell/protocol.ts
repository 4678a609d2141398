// The triad:// scheme: the built renderer is served from out/renderer through a privileged standard scheme
// (so it has a real origin, fetch and CSP 'self'), never from file://, with the CSP header on every response.

import { readFile } from 'node:fs/promises';
import type { Protocol } from 'electron';
import { SECURITY_HEADERS } from '../security/csp';
import { mimeTypeFor, resolveRendererFile } from '../security/renderer-files';
import { APP_HOST, APP_SCHEME } from './origins';

/**
 * Must run before the app's ready event. No bypassCSP: the app's own pages obey their CSP like any other. No
 * corsEnabled: the bundle's `crossorigin` module scripts are same-origin (triad://app), which a standard scheme
 * allows, while corsEnabled would let other origins read the scheme's responses without any ACAO check.
 */
export function registerAppSchemePrivileged(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' } });
}

export function createAppRequestHandler(rendererDir: string): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed');
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return plain(400, 'Bad request');
    }
    if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return plain(404, 'Not found');
    const file = resolveRendererFile(rendererDir, url.pathname);
    if (!file) return plain(404, 'Not found');
    const body = request.method === 'HEAD' ? null : await readFile(file);
    return new Response(body, {
      status: 200,
      headers: { ...SECURITY_HEADERS, 'Content-Type': mimeTypeFor(file), 'Cache-Control': 'no-cache' },
    });
  };
}

export function registerAppProtocol(protocol: Pick<Protocol, 'handle'>, rendererDir: string): void {
  protocol.handle(APP_SCHEME, createAppRequestHandler(rendererDir));
}
