// A new collection from the app, end to end: the real browser host (with its real collector and AWS SDK)
// talks to the project's AWS emulator, seeded with one account. The user fills the form, watches the progress,
// pauses and resumes, and lands on the overview of the snapshot just written, down to the configuration item.

import AxeBuilder from '@axe-core/playwright';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isBuildFresh } from '../../scripts/build-freshness.mjs';
import { demoSnapshotPath, projectRoot } from '../../src/main/paths';
import { startEmulator, type Emulator } from '../emulator/server';
import { staticAccessKeyId, type Scenario } from '../emulator/scenario';
import { expect, launchHost, test, type HostProcess } from './fixtures';
import type { Page } from '@playwright/test';

const ACCOUNT = '123456789012';
// Slow enough that the progress view, Pause and Resume can be seen and used before the run ends.
const LATENCY_MS = 250;

let emulator: Emulator;
let host: HostProcess;
let workDir: string;

/** The collector's environment: the emulator as every endpoint, its static key, and no profile of this machine. */
function collectorEnv(endpoint: string, dir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith('AWS_')) env[key] = value;
  const config = join(dir, 'aws-config');
  const credentials = join(dir, 'aws-credentials');
  writeFileSync(config, '');
  writeFileSync(credentials, '');
  return {
    ...env,
    AWS_ENDPOINT_URL: endpoint,
    AWS_ACCESS_KEY_ID: staticAccessKeyId(ACCOUNT),
    AWS_SECRET_ACCESS_KEY: 'x',
    AWS_REGION: 'us-east-1',
    AWS_CONFIG_FILE: config,
    AWS_SHARED_CREDENTIALS_FILE: credentials,
    // The EC2 instance metadata service is not this machine's business.
    AWS_EC2_METADATA_DISABLED: 'true',
  };
}

/** Serious or critical accessibility violations on the page as it is now. */
async function axeBlocking(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test.beforeAll(async () => {
  test.setTimeout(300_000);
  // The host serves out/renderer: build it when a source is newer, so the test sees this form, not an old one.
  if (!isBuildFresh(projectRoot())) {
    const build = spawnSync(join(projectRoot(), 'node_modules', '.bin', 'electron-vite'), ['build'], { cwd: projectRoot(), encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`npm run build failed: ${build.stderr}`);
  }
  const scenario = JSON.parse(readFileSync(join(projectRoot(), 'tests/emulator/scenarios/single-account.json'), 'utf8')) as Scenario;
  emulator = await startEmulator({ scenario, faults: { latency: [{ match: {}, ms: LATENCY_MS }] } });
  workDir = mkdtempSync(join(tmpdir(), 'triad-collect-e2e-'));
  host = await launchHost(demoSnapshotPath(), [], { env: collectorEnv(emulator.url, workDir) });
});

test.afterAll(async () => {
  await host?.close();
  await emulator?.stop();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

test('collect the own account from the app, then drill down to the collected configuration item', async ({ page }) => {
  test.setTimeout(120_000);
  const outPath = join(workDir, 'single-account.triad');

  await page.goto(host.url);
  await expect(page.getByTestId('demo-badge')).toBeVisible();
  await page.getByTestId('nav-collect').click();
  await expect(page).toHaveURL(/#\/collect$/);
  const form = page.getByTestId('collect-form');
  await expect(form).toBeVisible();

  // Empty AWS config files: only the default chain (here the environment's static key) is offered.
  await expect(page.getByTestId('collect-profile')).toHaveValue('');
  await expect(page.getByTestId('collect-profile').locator('option')).toHaveCount(1);
  await expect(page.getByTestId('collect-scope-self')).toBeChecked();

  // A bad region is refused before anything is sent.
  await page.getByTestId('collect-regions').fill('us-east-1, Europe');
  await page.getByTestId('collect-out').fill(outPath);
  await page.getByTestId('collect-start').click();
  await expect(page.getByTestId('collect-problems')).toContainText('not valid: Europe');
  await expect(page.getByTestId('collect-regions')).toHaveAttribute('aria-invalid', 'true');
  expect(emulator.calls).toHaveLength(0);
  expect(await axeBlocking(page)).toEqual([]);

  // us-east-1 records Config; eu-south-1 is an opt-in region this account has not enabled.
  await page.getByTestId('collect-regions').fill('');
  await page.getByLabel('us-east-1', { exact: true }).check();
  await expect(page.getByTestId('collect-regions')).toHaveValue('us-east-1');
  await page.getByTestId('collect-regions').fill('us-east-1, eu-south-1');
  await page.getByTestId('collect-start').click();

  const progress = page.getByTestId('collect-progress');
  await expect(progress).toBeVisible();
  await expect(page.getByTestId('collect-status')).toHaveAttribute('aria-live', 'polite');

  // Pause and resume through the real service.
  await page.getByTestId('collect-pause').click();
  await expect(progress).toHaveAttribute('data-state', 'paused');
  await expect(page.getByTestId('collect-paused')).toContainText('Paused by the user');
  await page.getByTestId('collect-pause').click();

  // The service opens the finished snapshot itself: the app moves to its overview and says what was collected.
  await expect(page).toHaveURL(/#\/(\?.*)?$/, { timeout: 90_000 });
  await expect(page.getByTestId('info-banner')).toContainText(/Collection finished: 1 of 2 account × region pairs collected/);
  await expect(page.getByTestId('demo-badge')).toHaveCount(0);
  await expect(page.getByTestId('snapshot-meta')).toContainText(outPath);
  await expect(page.getByTestId('snapshot-meta')).toContainText(`arn:aws:iam::${ACCOUNT}:user/auditor`);
  await expect(page.getByTestId('coverage-line')).toContainText('1 of 2 account × region pairs collected');
  expect(existsSync(outPath)).toBe(true);
  expect(existsSync(`${outPath}.partial`)).toBe(false);

  // The collect page still shows how the run went: each pair with its state, the opt-in region with its reason.
  await page.getByTestId('nav-collect').click();
  await expect(page.getByTestId('collect-done')).toContainText('Collection finished');
  await expect(page.getByTestId('collect-done')).toContainText('1 of 2 account × region pairs collected');
  const pairs = page.getByTestId('collect-pair');
  await expect(pairs).toHaveCount(2);
  await expect(pairs.filter({ hasText: 'us-east-1' })).toHaveAttribute('data-state', 'collected');
  const optIn = pairs.filter({ hasText: 'eu-south-1' });
  await expect(optIn).not.toHaveAttribute('data-state', 'collected');
  await expect(optIn.locator('td').nth(3)).not.toBeEmpty();
  await expect(page.getByTestId('collect-errors')).toContainText('eu-south-1');
  expect(await axeBlocking(page)).toEqual([]);

  // Drill down: the failing Config rule → its finding on the bucket → the emulator's configuration item as evidence.
  await page.getByTestId('collect-open-overview').click();
  await page.getByTestId('top-failing-row').filter({ hasText: 'config-rule:S3_BUCKET_SERVER_SIDE_ENCRYPTION_ENABLED' }).click();
  await expect(page).toHaveURL(/#\/control\/config-rule/);
  await page.getByTestId('finding-row').filter({ hasText: 'standalone-reports' }).click();
  await expect(page).toHaveURL(/#\/finding\/\d+/);
  const json = page.getByTestId('evidence-json');
  await expect(json).toContainText('"standalone-reports"');
  await expect(json).toContainText('"configurationItemCaptureTime"');
  await expect(page.getByTestId('provenance')).toContainText(/BatchGetResourceConfig|SelectResourceConfig/);
  // The collector reached AWS only through the emulator, with the environment's credentials.
  const operations = new Set(emulator.calls.map((c) => c.operation));
  expect(operations).toContain('GetCallerIdentity');
  expect(operations).toContain('GetComplianceDetailsByConfigRule');
});

test('the welcome screen offers "New collection…" beside "Open snapshot…"', async ({ page }) => {
  // A host with no snapshot open: its answer to snapshot.current is null.
  await page.route('**/api/call/snapshot.current', (route) => route.fulfill({ contentType: 'application/json', body: JSON.stringify({ ok: true, value: null }) }));
  await page.goto(host.url);
  const welcome = page.getByTestId('welcome');
  await expect(welcome.getByTestId('open-snapshot')).toBeVisible();
  await welcome.getByTestId('welcome-collect').click();
  await expect(page).toHaveURL(/#\/collect$/);
  await expect(page.getByTestId('collect-form')).toBeVisible();
  await expect(page.getByTestId('welcome')).toHaveCount(0);
  await page.getByRole('link', { name: 'Back to the welcome screen' }).click();
  await expect(page.getByTestId('welcome')).toBeVisible();
});

test('a collection that can collect nothing says why, writes no file, and keeps the form', async ({ page }) => {
  const outPath = join(workDir, 'no-organization.triad');
  await page.goto(`${host.url}#/collect`);
  // This standalone account belongs to no organization.
  await page.getByTestId('collect-scope-self').uncheck();
  await page.getByTestId('collect-scope-organization').check();
  await page.getByLabel(/Role name/).fill('TriadAuditor');
  await page.getByTestId('collect-regions').fill('us-east-1');
  await page.getByTestId('collect-out').fill(outPath);
  await page.getByTestId('collect-start').click();

  const done = page.getByTestId('collect-done');
  await expect(done).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('collect-progress')).toHaveAttribute('data-state', 'failed');
  await expect(page.getByTestId('collect-failure')).toContainText("Cannot list the organization's accounts");
  await expect(done.getByTestId('collect-open')).toHaveCount(0);
  expect(existsSync(outPath)).toBe(false);
  expect(existsSync(`${outPath}.partial`)).toBe(false);

  await done.getByTestId('collect-new').click();
  await expect(page.getByTestId('collect-scope-organization')).toBeChecked();
  await expect(page.getByTestId('collect-out')).toHaveValue(outPath);
});
