// Playwright fixtures for the browser-host suite: each worker starts the real host (`src/main/host/cli.ts` under
// tsx, as `npm run host` does) on a snapshot, reads the URL from its first stdout line, and stops it at the end.
// Specs import { test, expect } from here and open `host.url`; `test.use({ snapshotPath })` picks another file and
// `test.use({ hostArgs })` passes more host options (e.g. --output-dir for exports).

import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { test as base } from '@playwright/test';
import { demoSnapshotPath, projectRoot } from '../../src/main/paths';

export interface HostProcess {
  /** http://127.0.0.1:<port>/?token=<token> */
  url: string;
  close(): Promise<void>;
}

const START_TIMEOUT_MS = 60_000;

/**
 * `env` with the tests' network guard (tests/no-network.mjs) loaded first into the process and its children: a
 * collection that missed the emulator's endpoint is refused instead of reaching AWS, and says where it tried.
 */
export function withNetworkGuard(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const guard = `--import=${pathToFileURL(join(projectRoot(), 'tests', 'no-network.mjs')).href}`;
  return { ...env, NODE_OPTIONS: [env.NODE_OPTIONS, guard].filter(Boolean).join(' ') };
}

export interface LaunchOptions {
  /** The host's whole environment (default: this process's), e.g. AWS_* variables that point the collector at the emulator. */
  env?: NodeJS.ProcessEnv;
}

export function launchHost(snapshotPath: string, extraArgs: string[] = [], options: LaunchOptions = {}): Promise<HostProcess> {
  const root = projectRoot();
  const child = spawn(join(root, 'node_modules', '.bin', 'tsx'), [join(root, 'src/main/host/cli.ts'), '--snapshot', snapshotPath, ...extraArgs], {
    cwd: root,
    env: withNetworkGuard(options.env ?? process.env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const close = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const killTimer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(killTimer);
  };

  return new Promise<HostProcess>((resolve, reject) => {
    const timer = setTimeout(() => {
      void close();
      reject(new Error(`The browser host printed no URL within ${START_TIMEOUT_MS / 1000} s. stderr: ${stderr.trim()}`));
    }, START_TIMEOUT_MS);
    const lines = createInterface({ input: child.stdout });
    lines.once('line', (line) => {
      clearTimeout(timer);
      if (/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+$/.test(line)) resolve({ url: line, close });
      else {
        void close();
        reject(new Error(`The browser host's first line is not its URL: ${line}`));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The browser host exited (code ${code}) before printing its URL: ${stderr.trim()}`));
    });
  });
}

export const test = base.extend<object, { snapshotPath: string; hostArgs: string[]; host: HostProcess }>({
  snapshotPath: [demoSnapshotPath(), { option: true, scope: 'worker' }],
  hostArgs: [[], { option: true, scope: 'worker' }],
  host: [
    async ({ snapshotPath, hostArgs }, use) => {
      const host = await launchHost(snapshotPath, hostArgs);
      await use(host);
      await host.close();
    },
    { scope: 'worker' },
  ],
});

export { expect } from '@playwright/test';
