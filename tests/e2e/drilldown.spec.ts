import { expect, test } from './fixtures';

test('drill down Confidentiality → a control → a finding → its raw configuration item', async ({ page, host }) => {
  await page.goto(host.url);
  await page.getByTestId('pillar-card-confidentiality').getByRole('link').first().click();
  await expect(page).toHaveURL(/#\/pillar\/confidentiality/);

  const control = page.getByTestId('control-row').first().getByRole('link').first();
  const controlTitle = (await control.textContent())!.trim();
  await control.click();
  await expect(page).toHaveURL(/#\/control\//);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(controlTitle);
  await expect(page.getByTestId('control-classification')).toContainText('Confidentiality');

  await page.getByTestId('finding-row').first().click();
  await expect(page).toHaveURL(/#\/finding\/\d+/);
  const json = page.getByTestId('evidence-json');
  await expect(json).toContainText('"configurationItemCaptureTime"');
  await expect(json).toContainText('"resourceType"');
  // Provenance names the read call that returned this item.
  await expect(page.getByTestId('provenance')).toContainText(/BatchGetResourceConfig|GetResourceConfigHistory|BatchGetAggregateResourceConfig/);
});
