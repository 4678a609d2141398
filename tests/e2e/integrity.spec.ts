// Issue 7 end to end, in Chromium against the browser host: a tampered snapshot opens only behind a warning
// the user acknowledges.

import { rmSync } from 'node:fs';
import { expect, test } from './fixtures';
import { issue7Files } from './issue7-files';

const files = issue7Files();
test.afterAll(() => rmSync(files.dir, { recursive: true, force: true }));

test.use({ snapshotPath: files.tampered });

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
