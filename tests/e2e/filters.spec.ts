import { formatPercent } from '../../src/shared/scoring';
import { expect, test } from './fixtures';
import { summaryJson } from './snapshot-facts';

test('a filter chosen in the bar goes into the URL, changes the numbers, and the URL reopens it', async ({ page, host, snapshotPath }) => {
  const full = summaryJson(snapshotPath);
  const account = full.accounts[0];
  const filtered = summaryJson(snapshotPath, ['--accounts', account.id]);
  const expected = formatPercent(filtered.pillars.find((p) => p.pillar === 'confidentiality')!.score.percent);

  await page.goto(host.url);
  await page.getByTestId('filter-accounts').selectOption(account.id);
  await expect(page).toHaveURL(new RegExp(`accounts=${account.id}`));
  await expect(page.getByTestId('pillar-card-confidentiality').getByTestId('pillar-percent')).toHaveText(expected);

  // Reopening the URL (a fresh page, as after a restart) shows the same filtered view.
  const url = page.url();
  const again = await page.context().newPage();
  await again.goto(url);
  await expect(again.getByTestId('pillar-card-confidentiality').getByTestId('pillar-percent')).toHaveText(expected);
  await expect(again.getByTestId('filter-accounts')).toHaveValues([account.id]);

  // The filter follows the drill-down.
  await again.getByTestId('pillar-card-confidentiality').getByRole('link').first().click();
  await expect(again).toHaveURL(new RegExp(`#/pillar/confidentiality\\?.*accounts=${account.id}`));
});
