// The built-in checks in the app, on a snapshot this spec collects itself: the CLI against the project's AWS
// emulator (representative organization: root without MFA, no password policy, an admin "*" user, a public
// bucket, a public EBS snapshot). Each problem is a failing finding with its evidence; each check's page shows its metadata; the overview
// regroups the same findings by principle, layer and source.

import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { projectRoot } from '../../src/main/paths';
import { expect, test, withNetworkGuard } from './fixtures';

const MANAGEMENT = '111111111111';
const SECURITY = '222222222222';
const PUBLIC_EBS_SNAPSHOT = 'snap-0111public00001';
const folder = join(tmpdir(), `triad-e2e-checks-${process.pid}`);
mkdirSync(folder, { recursive: true });
const snapshotPath = join(folder, 'checks.triad');

test.use({ snapshotPath });

/** Runs a project script under tsx and resolves with its exit code and output. */
function tsx(args: string[], env: Record<string, string> = {}) {
  const root = projectRoot();
  return spawn(process.execPath, ['--import', 'tsx', ...args], {
    cwd: root,
    env: withNetworkGuard({ PATH: process.env.PATH ?? '', HOME: folder, AWS_CONFIG_FILE: join(folder, 'none'), AWS_SHARED_CREDENTIALS_FILE: join(folder, 'none'), ...env }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

test.beforeAll(async () => {
  test.setTimeout(120_000);
  const emulator = tsx([join('tests', 'emulator', 'cli.ts'), '--scenario', 'representative']);
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: emulator.stdout! }).once('line', resolve);
    emulator.once('exit', (code) => reject(new Error(`the emulator exited with ${code}`)));
  });
  try {
    const collect = tsx(
      [join('src', 'main', 'cli', 'index.ts'), 'collect', '--accounts', `${MANAGEMENT},${SECURITY}`, '--role', 'TriadAuditor', '--regions', 'us-east-1', '--out', snapshotPath],
      {
        AWS_ACCESS_KEY_ID: `AKIA${MANAGEMENT}AUDT`,
        AWS_SECRET_ACCESS_KEY: 'emulator-secret-auditor-not-a-real-key',
        AWS_REGION: 'us-east-1',
        AWS_ENDPOINT_URL: url,
        AWS_EC2_METADATA_DISABLED: 'true',
      },
    );
    let output = '';
    collect.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    collect.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => collect.on('close', resolve));
    expect(code, output).toBe(0);
  } finally {
    emulator.kill('SIGTERM');
  }
});

const controlUrl = (base: string, controlId: string, accountId: string) => {
  const url = new URL(base);
  url.hash = `#/control/${encodeURIComponent(controlId)}?accounts=${accountId}&statuses=NON_COMPLIANT`;
  return url.toString();
};

for (const { controlId, accountId, text, grade, evidence, operation } of [
  { controlId: 'built-in:iam-root-mfa', accountId: MANAGEMENT, text: 'no MFA device', grade: '[Red]', evidence: '"AccountMFAEnabled": 0', operation: 'GetAccountSummary' },
  { controlId: 'built-in:iam-password-policy', accountId: MANAGEMENT, text: 'password policy', grade: '[Red]', evidence: 'NoSuchEntity', operation: 'GetAccountPasswordPolicy' },
  { controlId: 'built-in:iam-policy-full-admin', accountId: MANAGEMENT, text: 'legacy-admin', grade: '[Red]', evidence: '*', operation: 'GetAccountAuthorizationDetails' },
  // Public read is yellow in Trusted Advisor's grading (public write would be red).
  { controlId: 'built-in:s3-bucket-public-access', accountId: SECURITY, text: `triad-${SECURITY}-us-east-1-public`, grade: '[Yellow]', evidence: 'AllUsers', operation: 'BatchGetResourceConfig' },
  // Read directly (Config does not record EBS snapshots): DescribeSnapshots with each snapshot's createVolumePermission.
  { controlId: 'built-in:ebs-public-snapshots', accountId: MANAGEMENT, text: PUBLIC_EBS_SNAPSHOT, grade: '[Red]', evidence: '"Group": "all"', operation: 'DescribeSnapshots' },
]) {
  test(`${controlId}: the failing finding, its evidence and the check's metadata`, async ({ page, host }) => {
    await page.goto(controlUrl(host.url, controlId, accountId));
    const metadata = page.getByTestId('check-metadata');
    await expect(metadata).toContainText('Grading');
    await expect(metadata).toContainText(grade.slice(1, -1));
    await expect(page.getByTestId('check-meta-config')).not.toBeEmpty();
    const row = page.getByTestId('finding-row').filter({ hasText: text }).first();
    await expect(row).toContainText(grade);
    await row.click();
    await expect(page).toHaveURL(/#\/finding\/\d+/);
    await expect(page.getByTestId('evidence-json')).toContainText(evidence);
    await expect(page.getByTestId('provenance')).toContainText(operation);
  });
}

test('the Trusted Advisor result sits beside the built-in check that names it', async ({ page, host }) => {
  await page.goto(controlUrl(host.url, 'built-in:ec2-security-group-open-ports', MANAGEMENT));
  const ta = page.getByTestId('check-meta-ta');
  await expect(ta).toContainText('HCP4007jGY');
  await ta.getByRole('link').click();
  await expect(page).toHaveURL(/trusted-advisor%3AHCP4007jGY|trusted-advisor:HCP4007jGY/);
  await expect(page.getByTestId('finding-row').first()).toContainText('sg-0111');
  await expect(page.getByTestId('check-metadata')).toContainText("Triad's own check");
});

test('the overview regroups the same findings by principle, layer and source', async ({ page, host }) => {
  await page.goto(host.url);
  const panel = page.getByTestId('group-by-panel');
  await expect(panel.getByTestId('group-row').first()).toBeAttached();
  await panel.getByTestId('group-by-select').selectOption('source');
  await expect(panel.locator('[data-testid="group-row"][data-group="built-in"]')).toBeAttached();
  await expect(panel.locator('[data-testid="group-row"][data-group="trusted-advisor"]')).toBeAttached();
  await panel.getByTestId('group-by-select').selectOption('principle');
  await expect(panel.getByTestId('group-overlap-note')).toBeVisible();
  await panel.getByText('Show as table').click();
  await panel.locator('[data-testid="group-row"][data-group="strong-identity-foundation"]').getByRole('button').click();
  await expect(panel.getByTestId('group-controls')).toContainText('Root user has MFA enabled');
  await panel.getByTestId('group-by-select').selectOption('layer');
  await expect(page).toHaveURL(/groupBy=layer/);
  await expect(panel.locator('[data-testid="group-row"][data-group="platform-applications-iam"]')).toBeAttached();
});
