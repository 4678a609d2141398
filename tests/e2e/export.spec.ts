// Issue 6 end to end, in Chromium against the browser host: "Export report…" and "Export data…" from the UI. The
// host saves into its --output-dir (the browser's stand-in for a save dialog) and prints the report route with
// Chromium; the files are read back as an auditor would (pdfinfo, pdftotext, the CSV bytes).

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import AxeBuilder from '@axe-core/playwright';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { issue7Files } from './issue7-files';
import { queryOne } from './snapshot-facts';

const files = issue7Files();
const outDir = mkdtempSync(join(tmpdir(), 'triad-e2e-export-'));
test.afterAll(() => {
  rmSync(files.dir, { recursive: true, force: true });
  rmSync(outDir, { recursive: true, force: true });
});

test.use({ snapshotPath: files.original, hostArgs: ['--output-dir', outDir] });

function poppler(tool: string, ...args: string[]): string {
  const result = spawnSync(tool, args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${tool} failed: ${result.stderr}`);
  return result.stdout;
}

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

test('exports the report as a Letter PDF with the chosen pillars, and shows where it was saved', async ({ page, host }) => {
  test.setTimeout(180_000);
  await page.goto(host.url);
  await page.getByTestId('export-report-open').click();
  const dialog = page.getByTestId('export-dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByTestId('export-paper').selectOption('letter');
  await dialog.getByTestId('export-pillar-availability').uncheck();
  await dialog.getByTestId('export-evidence').uncheck();
  await dialog.getByTestId('export-prepared-by').fill('Jane Auditor');
  await dialog.getByTestId('export-file-name').fill('org audit');
  const axe = await new AxeBuilder({ page }).include('[data-testid="export-dialog"]').analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  await dialog.getByTestId('export-start').click();
  const done = dialog.getByTestId('export-done');
  await expect(done).toContainText(join(outDir, 'org audit.pdf'), { timeout: 150_000 });

  const pdf = join(outDir, 'org audit.pdf');
  await expect(done).toContainText(sha256(pdf));
  expect(poppler('pdfinfo', pdf)).toMatch(/Page size:\s+612 x 792 pts \(letter\)/);
  const text = poppler('pdftotext', '-layout', pdf, '-');
  const digest = JSON.parse(queryOne<{ value: string }>(files.original, `SELECT value FROM meta WHERE key = 'digest'`).value) as string;
  expect(text).toContain(digest);
  expect(text).toMatch(/PREPARED BY[^\n]*\n\s*Jane Auditor/);
  // The contents list the chosen pillar sections only, and no evidence appendix.
  expect(text).toMatch(/Confidentiality\s+score \d/);
  expect(text).toMatch(/Integrity\s+score \d/);
  expect(text).not.toMatch(/Availability\s+score \d/);
  expect(text).not.toMatch(/Appendix [A-Z]: Evidence/);
  // Atomic: nothing but the finished file is left in the folder.
  expect(readdirSync(outDir).filter((name) => name.startsWith('.'))).toEqual([]);
  await dialog.getByTestId('export-close').click();
  await expect(dialog).toHaveCount(0);
});

test('exports the failing findings the filters show as CSV with a byte order mark', async ({ page, host }) => {
  await page.goto(`${host.url}#/?statuses=NON_COMPLIANT`);
  await page.getByTestId('export-data-open').click();
  const dialog = page.getByTestId('export-dialog');
  await expect(dialog.getByTestId('export-use-filters')).toBeChecked();
  await dialog.getByTestId('export-format-csv').check();
  await dialog.getByTestId('export-bom').check();
  await dialog.getByTestId('export-file-name').fill('failing');
  await dialog.getByTestId('export-start').click();
  const { failing } = queryOne<{ failing: number }>(files.original, `SELECT COUNT(*) AS failing FROM findings WHERE status = 'NON_COMPLIANT'`);
  await expect(dialog.getByTestId('export-done')).toContainText(`${failing} findings`);

  const bytes = readFileSync(join(outDir, 'failing.csv'));
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = bytes.subarray(3).toString('utf8').trimEnd().split('\r\n');
  expect(lines[0]).toMatch(/^Finding ID,Account ID,/);
  expect(lines).toHaveLength(failing + 1);
  expect(lines.slice(1).every((line) => line.includes('NON_COMPLIANT'))).toBe(true);
});

test('a file that cannot be written is a clear error in the dialog, and nothing is saved', async ({ page, host }) => {
  mkdirSync(join(outDir, 'taken.json'));
  await page.goto(host.url);
  await page.getByTestId('export-data-open').click();
  const dialog = page.getByTestId('export-dialog');
  await dialog.getByTestId('export-format-json').check();
  await expect(dialog.getByTestId('export-bom')).toHaveCount(0);
  await dialog.getByTestId('export-file-name').fill('taken');
  await dialog.getByTestId('export-start').click();
  await expect(dialog.getByTestId('export-error')).toHaveText(`cannot write ${join(outDir, 'taken.json')}: it is a folder`);
  await expect(dialog.getByTestId('export-done')).toHaveCount(0);
});
