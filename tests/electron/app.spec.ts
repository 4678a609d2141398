// The real Electron app, driven by Playwright's _electron: the same overview and drill-down as the browser
// suite, plus what only the desktop shell guarantees (no Node in the page, no navigation away).

import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { _electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { demoSnapshotPath, projectRoot } from '../../src/main/paths';

/** The Electron executable, when its binary is installed; `require('electron')` gives its path under Node. */
function electronExecutable(): string | null {
  try {
    const path: unknown = createRequire(import.meta.url)('electron');
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

const electronPath = electronExecutable();
const root = projectRoot();

test.skip(
  !electronPath,
  'Electron binary not installed: node_modules/electron has no binary (installed with ELECTRON_SKIP_BINARY_DOWNLOAD or offline); run `npx electron --version` or reinstall electron to download it',
);

let app: ElectronApplication;
let page: Page;

test.beforeAll(async () => {
  test.skip(!existsSync(join(root, 'out/main/index.js')), 'The app is not built: run `npm run build` first');
  app = await _electron.launch({
    executablePath: electronPath!,
    args: [join(root, 'out/main/index.js'), '--snapshot', demoSnapshotPath()],
    cwd: root,
  });
  page = await app.firstWindow();
  await page.waitForLoadState('domcontentloaded');
});

test.afterAll(async () => {
  await app?.close();
});

test('serves the app from triad://app with the demo snapshot open', async () => {
  expect(page.url()).toMatch(/^triad:\/\/app\//);
  await expect(page.getByText('Demo data').first()).toBeVisible();
  for (const pillar of ['Confidentiality', 'Integrity', 'Availability']) {
    await expect(page.getByRole('link', { name: new RegExp(pillar) }).first()).toBeVisible();
  }
});

test('drills down from Confidentiality to a finding and its raw evidence', async () => {
  await page.getByRole('link', { name: /Confidentiality/ }).first().click();
  await expect(page).toHaveURL(/#\/pillar\/confidentiality/);
  await page.locator('a[href^="#/control/"]').first().click();
  await expect(page).toHaveURL(/#\/control\//);
  await page.locator('a[href^="#/finding/"]').first().click();
  await expect(page).toHaveURL(/#\/finding\/\d+/);
  await expect(page.getByRole('heading', { name: /^(Configuration item|Raw API response)$/ })).toBeVisible();
});

test('the page has no Node.js: no require, no process, only the window.triad bridge', async () => {
  const globals = await page.evaluate(() => {
    const w = window as unknown as Record<string, unknown>;
    return {
      require: typeof w.require,
      process: typeof w.process,
      module: typeof w.module,
      bridge: Object.keys((w.triad ?? {}) as object).sort(),
    };
  });
  expect(globals).toEqual({ require: 'undefined', process: 'undefined', module: 'undefined', bridge: ['invoke', 'on', 'pathForFile'] });
});

test('the page cannot navigate to a remote URL or open a window', async () => {
  const before = page.url();
  await page.evaluate(() => {
    window.location.href = 'https://example.com/';
  });
  await page.waitForTimeout(500);
  expect(page.url()).toBe(before);
  expect(await page.evaluate(() => window.open('https://example.com/') === null)).toBe(true);
  expect(app.windows()).toHaveLength(1);
});

test('the bridge reaches the services from the app page', async () => {
  const response = await page.evaluate(() =>
    (window as unknown as { triad: { invoke(m: string, p: unknown): Promise<unknown> } }).triad.invoke('app.info', null),
  );
  expect(response).toMatchObject({ ok: true, value: { host: 'electron', nativeDialogs: true } });
});
