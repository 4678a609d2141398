// Issue 7 end to end, in Chromium against the browser host: the library of a folder of snapshots (rows with scope,
// time, counts, scores, digest and verification state), the trend per scope as a chart with its table equivalent,
// and a click on a point of the chart opening that snapshot.

import { rmSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { openSnapshot } from '../../src/main/snapshot';
import { expect, test } from './fixtures';
import { issue7Files } from './issue7-files';

const files = issue7Files();
test.afterAll(() => rmSync(files.dir, { recursive: true, force: true }));

test.use({ snapshotPath: files.original });

const digestOf = (path: string) => {
  const reader = openSnapshot(path);
  try {
    return reader.info().meta.digest ?? '';
  } finally {
    reader.close();
  }
};

/** The first point of the chart where the pointer turns into a hand (a bar), scanning the left half near the axis. */
async function firstBar(page: Page, chart: ReturnType<Page['getByRole']>): Promise<{ x: number; y: number }> {
  const box = (await chart.boundingBox())!;
  for (let dy = 40; dy <= 90; dy += 10) {
    for (let x = box.x + 40; x < box.x + box.width / 2; x += 3) {
      const y = box.y + box.height - dy;
      await page.mouse.move(x, y);
      if ((await chart.evaluate((canvas) => (canvas as HTMLCanvasElement).style.cursor)) === 'pointer') return { x, y };
    }
  }
  throw new Error('no bar found on the trend chart');
}

test('lists the snapshots of a folder by scope with their facts, and verifies each when asked', async ({ page, host }) => {
  await page.goto(`${host.url}#/library`);
  await page.getByTestId('library-folder').fill(files.dir);
  await page.getByTestId('library-verify').check();
  await page.getByTestId('library-scan').click();

  const scopes = page.getByTestId('library-scope');
  await expect(scopes).toHaveCount(2);
  const pairScope = scopes.filter({ hasText: 'organization: o-pair' });
  const orgScope = scopes.filter({ hasText: 'Organization o-fixture' });
  // Oldest first in each trend; the tampered copy keeps the original's time and scope.
  await expect(pairScope.getByTestId('library-row')).toHaveCount(2);
  await expect(pairScope.getByTestId('library-row').first()).toContainText('base.triad');
  await expect(pairScope.getByTestId('library-row').last()).toContainText('current.triad');
  const orgCells = orgScope.getByTestId('library-row').filter({ has: page.getByText('org.triad', { exact: true }) }).getByRole('cell');
  await expect(orgCells.nth(2)).toHaveText('17');
  await expect(orgCells.nth(3)).toHaveText('5');
  await expect(orgCells.nth(4)).toHaveText('61.5%');
  await expect(orgCells.nth(5)).toHaveText('57.1%');
  // Columns: taken, file, findings, failing, score, the three pillars, digest, integrity.
  await expect(orgCells.nth(0)).not.toBeEmpty();
  await expect(orgCells.nth(8)).toHaveText(`${digestOf(files.original).slice(0, 12)}…`);
  await expect(orgCells.nth(9)).toHaveText('Unsigned');
  const tampered = orgScope.getByTestId('library-row').filter({ has: page.getByText('tampered.triad', { exact: true }) });
  await expect(tampered.getByRole('cell').nth(9)).toHaveText('Tampered');
  // Each trend is a chart with a table equivalent.
  await expect(pairScope.getByRole('img', { name: /Pillar scores over time for organization: o-pair/ })).toBeVisible();
  await expect(pairScope.getByTestId('library-trend-table').locator('caption')).toContainText('oldest first');
});

test('a click on a point of the trend opens that snapshot', async ({ page, host }) => {
  await page.goto(`${host.url}#/library?folder=${encodeURIComponent(files.dir)}`);
  const pairScope = page.getByTestId('library-scope').filter({ hasText: 'organization: o-pair' });
  const chart = pairScope.getByRole('img', { name: /Pillar scores over time/ });
  await expect(chart).toBeVisible();
  const bar = await firstBar(page, chart);
  await page.mouse.click(bar.x, bar.y);
  // The left half of the chart is the oldest snapshot of the scope.
  await expect(page.locator('.brand__file')).toHaveText('base.triad');
  await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
  await expect(page.getByTestId('snapshot-meta')).toContainText('base.triad');
});
