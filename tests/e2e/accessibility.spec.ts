import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './fixtures';
import { queryOne } from './snapshot-facts';

test('keyboard alone reaches a pillar, a control and a finding', async ({ page, host }) => {
  await page.goto(host.url);
  await expect(page.getByTestId('pillar-card-integrity')).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(page.locator(':focus')).toHaveText(/skip/i);

  // Tab until the Integrity card's link has focus, then open it.
  const integrityLink = page.getByTestId('pillar-card-integrity').getByRole('link').first();
  for (let i = 0; i < 80 && !(await integrityLink.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/pillar\/integrity/);

  const firstControl = page.getByTestId('control-row').first().getByRole('link').first();
  await firstControl.focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/control\//);

  const firstFinding = page.getByTestId('finding-row').first();
  await firstFinding.focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/finding\/\d+/);
});

test('axe finds no serious or critical violations on the main views', async ({ page, host, snapshotPath }) => {
  test.setTimeout(240_000); // five full-page axe scans on a two-core machine
  const { id } = queryOne<{ id: number }>(snapshotPath, `SELECT id FROM findings WHERE status = 'NON_COMPLIANT' ORDER BY id LIMIT 1`);
  const { control_id } = queryOne<{ control_id: string }>(snapshotPath, `SELECT control_id FROM findings WHERE id = ?`, id);
  const routes = ['', '#/pillar/confidentiality', `#/control/${encodeURIComponent(control_id)}`, `#/finding/${id}`, '#/accounts'];
  for (const route of routes) {
    await page.goto(host.url + route);
    await expect(page.locator('main h1')).toBeVisible();
    // Scan the loaded view, not its loading placeholder.
    await expect(page.locator('main .loading')).toHaveCount(0);
    await expect(page.getByText(/^Loading/)).toHaveCount(0);
    const results = await new AxeBuilder({ page }).analyze();
    const blocking = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(blocking.map((v) => `${route || '#/'} ${v.id}: ${v.help} (${v.nodes.length} nodes)`)).toEqual([]);
  }
});
