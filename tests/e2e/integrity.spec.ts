// Issue 7 end to end, in Chromium against the browser host: a tampered snapshot opens only behind a warning
// the user acknowledges; its report's print route carries the warning on its own cover.

import { rmSync } from 'node:fs';
import { reportRoute } from '../../src/main/report/print';
import { defaultReportOptions } from '../../src/shared/report';
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

test('the print route is shown alone: it asks only for its report, whose cover carries the warning', async ({ page, host }) => {
  const calls: string[] = [];
  page.on('request', (request) => {
    const call = /\/api\/call\/([\w.]+)/.exec(request.url());
    if (call) calls.push(call[1]);
  });
  await page.goto(`${host.url}${reportRoute(defaultReportOptions('2026-11-27T09:30:00.000Z'))}`);
  await page.waitForFunction(() => document.body.dataset.reportReady === 'true' || document.body.dataset.reportError !== undefined);
  expect(await page.evaluate(() => document.body.dataset.reportError ?? null)).toBeNull();
  await expect(page.getByTestId('report-integrity-warning')).toContainText('this snapshot is tampered');
  // None of the app's own calls: above all no second recomputation of the content digest (snapshot.verify).
  expect(calls).toEqual(expect.arrayContaining(['report.model', 'report.integrity']));
  expect(calls.filter((call) => !call.startsWith('report.'))).toEqual([]);
  await expect(page.getByTestId('integrity-warning')).toHaveCount(0);

  // Leaving the print route starts the app, which checks the snapshot and blocks on its warning.
  await page.goto(host.url);
  await expect(page.getByTestId('integrity-warning')).toBeVisible();
});
