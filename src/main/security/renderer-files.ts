// Maps a request path to a file of the built renderer (out/renderer), for both the Electron protocol handler
// and the browser host. Only files inside that folder are ever served: dot segments, encoded separators,
// NUL bytes and symlinks pointing outside are refused.

import { realpathSync, statSync } from 'node:fs';
import { extname, resolve, sep } from 'node:path';

const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

export function mimeTypeFor(filePath: string): string {
  return MIME_TYPES[extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * The absolute path of the renderer file a URL path names, or null when there is no such file or the path
 * tries to leave the renderer folder. `/` is index.html. The pathname is taken as the URL parser left it
 * (still percent-encoded), so an encoded `..%2f` cannot slip past the dot-segment normalization.
 */
export function resolveRendererFile(rendererDir: string, urlPathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const segments = decoded.split('/').filter((s) => s !== '');
  if (segments.some((s) => s === '.' || s === '..')) return null;
  const root = resolve(rendererDir);
  const candidate = resolve(root, ...(segments.length ? segments : ['index.html']));
  if (!isInside(root, candidate)) return null;
  try {
    const real = realpathSync(candidate);
    if (!isInside(realpathSync(root), real) || !statSync(real).isFile()) return null;
    return real;
  } catch {
    return null;
  }
}

function isInside(root: string, path: string): boolean {
  return path.startsWith(root.endsWith(sep) ? root : root + sep);
}
