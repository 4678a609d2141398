import { PILLAR_LABELS, PILLARS } from '../../src/shared/domain';
import { formatPercent } from '../../src/shared/scoring';
import { expect, test } from './fixtures';
import { digits, summaryJson } from './snapshot-facts';

test('the overview shows the three pillars with the same numbers as summary --json', async ({ page, host, snapshotPath }) => {
  const summary = summaryJson(snapshotPath);
  await page.goto(host.url);
  for (const pillar of PILLARS) {
    const expected = summary.pillars.find((p) => p.pillar === pillar)!;
    const card = page.getByTestId(`pillar-card-${pillar}`);
    await expect(card.getByRole('heading', { name: PILLAR_LABELS[pillar], exact: true })).toBeVisible();
    await expect(card.getByTestId('pillar-percent')).toHaveText(formatPercent(expected.score.percent));
    expect(digits(await card.getByTestId('pillar-compliant').textContent())).toBe(expected.score.counts.COMPLIANT);
    expect(digits(await card.getByTestId('pillar-noncompliant').textContent())).toBe(expected.score.counts.NON_COMPLIANT);
    expect(digits(await card.getByTestId('pillar-notevaluated').textContent())).toBe(expected.score.counts.NOT_EVALUATED);
  }
  // The demo has collection errors: the coverage line must admit them.
  expect(summary.coverage.errorCount).toBeGreaterThan(0);
  await expect(page.getByTestId('coverage-line')).toContainText(String(summary.coverage.collected));
  await expect(page.getByTestId('coverage-line')).toContainText(String(summary.coverage.pairs));
});

test('every view carries the Demo data badge while the demo is open', async ({ page, host }) => {
  await page.goto(host.url);
  await expect(page.getByTestId('demo-badge')).toHaveText('Demo data');
  for (const route of ['#/pillar/integrity', '#/accounts']) {
    await page.goto(host.url + route);
    await expect(page.getByTestId('demo-badge')).toBeVisible();
  }
});
