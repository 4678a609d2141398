// Finds the project's folders from wherever the code runs: under tsx (src/main/...), bundled by electron-vite
// (out/main/index.js) or in tests. It walks up from this module to the folder whose package.json is Triad's.

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cachedRoot: string | undefined;

export function projectRoot(): string {
  if (cachedRoot) return cachedRoot;
  const start = dirname(fileURLToPath(import.meta.url));
  for (let dir = start; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'triad') {
      cachedRoot = dir;
      return dir;
    }
    if (dirname(dir) === dir) throw new Error(`Cannot find Triad's package.json above ${start}`);
  }
}

export const resourcesDir = (): string => join(projectRoot(), 'resources');
export const demoSnapshotPath = (): string => join(resourcesDir(), 'demo', 'demo.triad');
export const outDir = (): string => join(projectRoot(), 'out');
export const rendererOutDir = (): string => join(outDir(), 'renderer');
export const preloadOutPath = (): string => join(outDir(), 'preload', 'index.cjs');

let cachedVersion: string | undefined;

/** Triad's version from package.json, recorded in every snapshot and shown by app.info. */
export function triadVersion(): string {
  cachedVersion ??= (JSON.parse(readFileSync(join(projectRoot(), 'package.json'), 'utf8')) as { version: string }).version;
  return cachedVersion;
}
