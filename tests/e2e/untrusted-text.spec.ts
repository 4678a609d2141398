import { expect, test } from './fixtures';
import { queryOne } from './snapshot-facts';

test('hostile tag values from AWS appear as literal text and never run', async ({ page, host, snapshotPath }) => {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  const { id } = queryOne<{ id: number }>(
    snapshotPath,
    `SELECT f.id FROM findings f JOIN evidence e ON e.id = f.evidence_id WHERE e.body LIKE '%<script>alert(1)</script>%' ORDER BY f.id LIMIT 1`,
  );
  await page.goto(`${host.url}#/finding/${id}`);
  const json = page.getByTestId('evidence-json');
  await expect(json).toContainText('<script>alert(1)</script>');
  // Present as text, absent as markup: no element was created from AWS data.
  expect(await page.locator('main script, main img[src="x"]').count()).toBe(0);
  expect(dialogs).toEqual([]);

  const formula = queryOne<{ id: number }>(
    snapshotPath,
    `SELECT f.id FROM findings f JOIN evidence e ON e.id = f.evidence_id WHERE e.body LIKE '%=HYPERLINK(%' ORDER BY f.id LIMIT 1`,
  );
  await page.goto(`${host.url}#/finding/${formula.id}`);
  await expect(page.getByTestId('evidence-json')).toContainText('=HYPERLINK(');
});

test('a hostile resource name is shown as text in the findings table', async ({ page, host, snapshotPath }) => {
  const row = queryOne<{ control_id: string; resource_name: string }>(
    snapshotPath,
    `SELECT control_id, resource_name FROM findings WHERE resource_name LIKE '%<%' ORDER BY id LIMIT 1`,
  );
  await page.goto(`${host.url}#/control/${encodeURIComponent(row.control_id)}`);
  await page.getByTestId('findings-search').fill(row.resource_name.slice(0, 40));
  await expect(page.getByTestId('finding-row').first()).toContainText(row.resource_name.slice(0, 40));
  expect(await page.locator('main img[src="x"], main script').count()).toBe(0);
});
