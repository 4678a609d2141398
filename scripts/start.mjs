#!/usr/bin/env node
// `npm start [-- --snapshot F]`: builds when out/ is missing or older than the sources, then runs the desktop
// app. Where the Electron binary is not installed it says so in one line and starts the browser host instead
// (on the bundled demo unless --snapshot is given), which prints the URL to open.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isBuildFresh } from './build-freshness.mjs';
import { electronSqliteBinding } from './electron-native.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = (name) => join(root, 'node_modules', '.bin', name);

/** Under plain Node, require('electron') returns the path of the binary, or throws when it was never downloaded. */
function electronExecutable() {
  try {
    const path = createRequire(import.meta.url)('electron');
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

/** npm runs scripts from the project root: a relative --snapshot means relative to where the user typed it. */
function withAbsoluteSnapshot(args) {
  const base = process.env.INIT_CWD ?? process.cwd();
  return args.map((arg, i) => {
    if (args[i - 1] === '--snapshot') return resolve(base, arg);
    if (arg.startsWith('--snapshot=')) return `--snapshot=${resolve(base, arg.slice('--snapshot='.length))}`;
    return arg;
  });
}

function runToExit(command, args, env = {}) {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

if (!isBuildFresh(root)) {
  console.error('triad: building the app (out/ is missing or older than the sources)…');
  // Build output goes to stderr, so the host's URL stays the first line this script prints on stdout.
  const build = spawnSync(bin('electron-vite'), ['build'], { cwd: root, stdio: ['ignore', 2, 2] });
  if (build.status !== 0) {
    console.error('triad: the build failed (see above); fix it and run `npm start` again');
    process.exit(1);
  }
}

const args = withAbsoluteSnapshot(process.argv.slice(2));
const electron = electronExecutable();
if (electron) {
  runToExit(electron, [root, ...args], { TRIAD_SQLITE_BINDING: electronSqliteBinding(root) });
} else {
  console.error(
    'triad: the Electron binary is not installed (run `node node_modules/electron/install.js`, or reinstall without ELECTRON_SKIP_BINARY_DOWNLOAD); starting the browser host instead: open the URL below.',
  );
  runToExit(bin('tsx'), [join(root, 'src/main/host/cli.ts'), ...args]);
}
