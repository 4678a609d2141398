// Issue 7 end to end, in Chromium against the browser host: a tampered snapshot opens only behind a warning the
// user acknowledges; the diff view compares two snapshots and puts changed evidence side by side; the
// overview applies an exceptions file and flags an expired exception.

import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { S3_PUBLIC, buildFixtureSnapshot } from '../unit/snapshot/fixture';
import { writePair } from '../unit/diff/pair';
import { expect, test } from './fixtures';

// Files are made when the spec loads: the host fixture opens its snapshot when the worker starts.
const dir = mkdtempSync(join(tmpdir(), 'triad-e2e-issue7-'));
const original = join(dir, 'org.triad');
buildFixtureSnapshot(original);
const tampered = join(dir, 'tampered.triad');
copyFileSync(original, tampered);
const db = new Database(tampered);
db.exec(`UPDATE findings SET status = 'COMPLIANT' WHERE annotation = 'Bucket allows public read.'`);
db.close();
const pair = writePair(dir);
const exceptionsFile = join(dir, 'exceptions.json');
writeFileSync(
  exceptionsFile,
  JSON.stringify({
    format: 'triad-exceptions',
    version: 1,
    exceptions: [
      { id: 'EX-LIVE', scope: { controlId: S3_PUBLIC, resourcePattern: 'prod-public-*' }, justification: 'Public website.', owner: 'web', approver: 'ciso', created: '2026-01-01', expires: '2999-12-31' },
      { id: 'EX-OLD', scope: { controlId: S3_PUBLIC, resourcePattern: 'dev-*' }, justification: 'Sandbox.', owner: 'dev', approver: 'ciso', created: '2025-01-01', expires: '2025-06-30' },
    ],
  }),
);

test.describe('a tampered snapshot', () => {
  test.use({ snapshotPath: tampered });

  test('opens only behind a warning the user acknowledges, then keeps a banner and the badge', async ({ page, host }) => {
    await page.goto(host.url);
    const warning = page.getByTestId('integrity-warning');
    await expect(warning).toBeVisible();
    await expect(warning).toContainText('changed after it was written');
    await expect(page.getByTestId('integrity-badge')).toHaveText(/tampered/i);
    await expect(page.getByTestId('pillar-card-confidentiality')).toHaveCount(0);
    await page.getByTestId('integrity-acknowledge').click();
    await expect(page.getByTestId('pillar-card-confidentiality')).toBeVisible();
    await expect(page.getByTestId('integrity-banner')).toContainText('Tampered snapshot.');
  });
});

test.describe('an intact snapshot', () => {
  test.use({ snapshotPath: original });

  test('shows the Unsigned badge and no warning', async ({ page, host }) => {
    await page.goto(host.url);
    await expect(page.getByTestId('integrity-badge')).toHaveText('Unsigned');
    await expect(page.getByTestId('pillar-card-confidentiality')).toBeVisible();
    await expect(page.getByTestId('integrity-warning')).toHaveCount(0);
  });

  test('the diff view compares two snapshots and shows changed evidence side by side', async ({ page, host }) => {
    await page.goto(`${host.url}#/diff?base=${encodeURIComponent(pair.base)}&current=${encodeURIComponent(pair.current)}`);
    await expect(page.getByTestId('diff-total-no-longer-collected')).toContainText('2');
    await expect(page.getByTestId('diff-total-resolved')).toContainText('1');
    await expect(page.getByTestId('diff-coverage-row')).toHaveCount(3);
    await page.getByTestId('diff-total-evidence-changed').getByRole('link').click();
    await expect(page.getByTestId('diff-change-row')).toHaveCount(1);
    await page.getByTestId('diff-change-row').getByRole('link').click();
    await expect(page.getByTestId('diff-evidence-base').getByTestId('diff-changed-line').first()).toContainText('"status": "Enabled"');
    await expect(page.getByTestId('diff-evidence-current').getByTestId('diff-changed-line').first()).toContainText('"status": "Suspended"');
  });

  test('the overview applies an exceptions file, flags the expired one and states both scores', async ({ page, host }) => {
    await page.goto(host.url);
    await page.getByTestId('exceptions-path').fill(exceptionsFile);
    await page.getByTestId('exceptions-apply').click();
    await expect(page.getByTestId('exceptions-expired')).toContainText('EX-OLD');
    await expect(page.getByTestId('exception-row')).toHaveCount(2);
    await expect(page.getByTestId('exceptions-score-row').last()).toContainText('61.5%');
  });

  test('an exception created from a finding is saved and applied', async ({ page, host }) => {
    const created = join(dir, 'created-exceptions.json');
    // Finding 2 of the fixture: the public bucket prod-public-site (NON_COMPLIANT).
    await page.goto(`${host.url}#/finding/2`);
    await page.getByTestId('exception-form-open').click();
    await page.getByTestId('exception-file').fill(created);
    await page.getByTestId('exception-justification').fill('Public website bucket, approved.');
    await page.getByTestId('exception-owner').fill('web-team');
    await page.getByTestId('exception-approver').fill('ciso');
    await page.getByTestId('exception-expires').fill('2999-01-31');
    await page.getByTestId('exception-save').click();
    await expect(page.getByTestId('exception-saved')).toContainText('Saved EX-2');
    await page.getByRole('link', { name: 'Overview' }).click();
    await expect(page.getByTestId('exception-row')).toHaveCount(1);
    await expect(page.getByTestId('exception-row')).toContainText('Live');
  });
});
