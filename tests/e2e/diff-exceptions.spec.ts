// Issue 7 end to end, in Chromium against the browser host: the integrity badge of an intact snapshot; the diff
// view compares two snapshots and puts changed evidence side by side; the overview applies an exceptions file
// and flags an expired exception; an exception created from a finding is saved and applied.

import { join } from 'node:path';
import { rmSync } from 'node:fs';
import { expect, test } from './fixtures';
import { issue7Files } from './issue7-files';

const files = issue7Files();
test.afterAll(() => rmSync(files.dir, { recursive: true, force: true }));

test.use({ snapshotPath: files.original });

test('shows the Unsigned badge and no warning', async ({ page, host }) => {
  await page.goto(host.url);
  await expect(page.getByTestId('integrity-badge')).toHaveText('Unsigned');
  await expect(page.getByTestId('pillar-card-confidentiality')).toBeVisible();
  await expect(page.getByTestId('integrity-warning')).toHaveCount(0);
});

test('the diff view compares two snapshots and shows changed evidence side by side', async ({ page, host }) => {
  await page.goto(`${host.url}#/diff?base=${encodeURIComponent(files.pair.base)}&current=${encodeURIComponent(files.pair.current)}`);
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
  await page.getByTestId('exceptions-path').fill(files.exceptionsFile);
  await page.getByTestId('exceptions-apply').click();
  await expect(page.getByTestId('exceptions-expired')).toContainText('EX-OLD');
  await expect(page.getByTestId('exception-row')).toHaveCount(2);
  await expect(page.getByTestId('exceptions-score-row').last()).toContainText('61.5%');
});

test('an exception created from a finding is saved and applied', async ({ page, host }) => {
  const created = join(files.dir, 'created-exceptions.json');
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
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Overview' }).click();
  await expect(page.getByTestId('exception-row')).toHaveCount(1);
  await expect(page.getByTestId('exception-row')).toContainText('Live');
});
