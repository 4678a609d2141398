// better-sqlite3 in node_modules is built for Node's ABI (the CLI, the host and the tests run under Node). The
// desktop app needs the same addon built for Electron's ABI. This builds that second copy once per Electron
// version into node_modules/.cache/triad-electron/<version>/ and returns its path; the main process loads it
// through better-sqlite3's `nativeBinding` option (TRIAD_SQLITE_BINDING), so neither build replaces the other.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';

export function electronSqliteBinding(root) {
  const electronVersion = JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')).version;
  const cacheDir = join(root, 'node_modules/.cache/triad-electron', electronVersion);
  const binding = join(cacheDir, 'better_sqlite3.node');
  if (existsSync(binding)) return binding;

  const work = join(cacheDir, 'build');
  rmSync(work, { recursive: true, force: true });
  mkdirSync(cacheDir, { recursive: true });
  const source = join(root, 'node_modules/better-sqlite3');
  cpSync(source, work, { recursive: true, filter: (src) => !src.startsWith(join(source, 'build')) });
  console.error(`triad: building better-sqlite3 for Electron ${electronVersion} (once)…`);
  const env = { ...process.env, npm_config_runtime: 'electron', npm_config_target: electronVersion, npm_config_disturl: 'https://electronjs.org/headers' };
  // A prebuilt binary when one is published, otherwise a local compile against Electron's headers.
  const prebuilt = spawnSync(join(root, 'node_modules/.bin/prebuild-install'), ['--runtime', 'electron', '--target', electronVersion], { cwd: work, env, stdio: 'inherit' });
  if (prebuilt.status !== 0) {
    const compiled = spawnSync(join(root, 'node_modules/.bin/node-gyp'), ['rebuild', '--release', `--target=${electronVersion}`, '--runtime=electron', '--dist-url=https://electronjs.org/headers'], { cwd: work, env, stdio: 'inherit' });
    if (compiled.status !== 0) throw new Error(`could not build better-sqlite3 for Electron ${electronVersion} (see above)`);
  }
  renameSync(join(work, 'build/Release/better_sqlite3.node'), binding);
  rmSync(work, { recursive: true, force: true });
  return binding;
}
