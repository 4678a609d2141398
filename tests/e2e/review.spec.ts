// Issue 7 end to end, in Chromium against the browser host: the review file beside the snapshot, created from the
// UI; a control's note and status, a reproducible sample, a sampled finding's note, and the sign-off, all read back
// from the file; and a review file made for another snapshot refused with a message naming both.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { join } from 'node:path';
import type { ReviewFileContent } from '../../src/shared/review';
import { newReview, sampleControl, saveReview } from '../../src/main/review';
import { openSnapshot } from '../../src/main/snapshot';
import { S3_PUBLIC } from '../unit/snapshot/fixture';
import { expect, test } from './fixtures';
import { issue7Files } from './issue7-files';

const files = issue7Files();
const outDir = mkdtempSync(join(tmpdir(), 'triad-e2e-review-out-'));
test.afterAll(() => {
  rmSync(files.dir, { recursive: true, force: true });
  rmSync(outDir, { recursive: true, force: true });
});

test.use({ snapshotPath: files.original, hostArgs: ['--output-dir', outDir] });

/** Serious or critical axe violations on the page as it is now. */
async function axeBlocking(page: Page, where: string): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${where} ${v.id}: ${v.help} (${v.nodes.length} nodes)`);
}

test('creates the review beside the snapshot, records notes, a reproducible sample and the sign-off', async ({ page, host }) => {
  test.setTimeout(240_000); // the report printed at the end starts Chromium in the host
  const reviewPath = join(files.dir, 'org.review.json');
  await page.goto(`${host.url}#/review`);
  await expect(page.getByTestId('review-path')).toHaveValue(reviewPath);
  await page.getByTestId('review-create').click();
  await expect(page.getByTestId('review-file')).toContainText('0 notes');

  // The control: a sample of 2 drawn with a recorded seed, and the control's own note.
  await page.goto(`${host.url}#/control/${encodeURIComponent(S3_PUBLIC)}`);
  await page.getByTestId('review-sample-size').fill('2');
  await page.getByTestId('review-sample-seed').fill('fy2026');
  await page.getByTestId('review-sample-draw').click();
  const expected = sampleControl(files.original, S3_PUBLIC, 2, 'fy2026');
  await expect(page.getByTestId('review-sample-summary')).toHaveText(`2 of ${expected.population} findings, seed fy2026`);
  const drawn = await page.getByTestId('review-sample-finding').evaluateAll((items) => items.map((li) => Number(li.getAttribute('data-finding-id'))));
  expect(drawn).toEqual(expected.findingIds);
  await page.getByTestId('review-status').selectOption('issue-raised');
  await page.getByTestId('review-note').fill('Two public buckets; owner asked to fix.');
  await page.getByTestId('review-save').click();
  await expect(page.getByTestId('review-saved')).toBeVisible();
  expect(await axeBlocking(page, 'control with review')).toEqual([]);

  // A sampled finding: marked as sampled, then reviewed.
  await page.getByTestId('review-sample-finding').first().getByRole('link').click();
  await expect(page.getByTestId('review-sampled')).toBeChecked();
  await page.getByTestId('review-status').selectOption('reviewed-ok');
  await page.getByTestId('review-note').fill('Checked <b>in</b> the console.');
  await page.getByTestId('review-save').click();
  await expect(page.getByTestId('review-saved')).toBeVisible();

  await page.getByTestId('nav-review').click();
  await page.getByTestId('review-signoff-name').fill('Jane Auditor');
  await page.getByTestId('review-signoff-date').fill('2026-11-27');
  await page.getByTestId('review-signoff-save').click();
  await expect(page.getByTestId('review-signoff')).toHaveText('Signed off by Jane Auditor on 2026-11-27.');
  await expect(page.getByTestId('review-item-row')).toHaveCount(3);
  await expect(page.getByTestId('review-item-row').filter({ hasText: 'Checked' })).toContainText('Checked <b>in</b> the console.');
  await expect(page.getByTestId('review-sample-row')).toContainText('fy2026');
  expect(await axeBlocking(page, '#/review')).toEqual([]);

  const saved = JSON.parse(readFileSync(reviewPath, 'utf8')) as ReviewFileContent;
  expect(saved.snapshot.digest).toBe(openSnapshot(files.original).info().meta.digest);
  expect(saved.signOff).toEqual({ name: 'Jane Auditor', date: '2026-11-27' });
  expect(saved.samples).toEqual([expect.objectContaining({ controlId: S3_PUBLIC, seed: 'fy2026', size: 2, findingIds: expected.findingIds })]);
  expect(saved.items.find((i) => i.target.kind === 'control')).toMatchObject({ status: 'issue-raised', note: 'Two public buckets; owner asked to fix.' });
  expect(saved.items.find((i) => i.target.kind === 'finding' && i.target.findingId === expected.findingIds[0])).toMatchObject({
    status: 'reviewed-ok',
    sampled: true,
    note: 'Checked <b>in</b> the console.',
  });

  // The report exported from the app carries the review: its section is offered because the file is open.
  await page.getByTestId('export-report-open').click();
  const dialog = page.getByTestId('export-dialog');
  await expect(dialog.getByTestId('export-section-review')).toBeChecked();
  await dialog.getByTestId('export-file-name').fill('reviewed');
  await dialog.getByTestId('export-start').click();
  await expect(dialog.getByTestId('export-done')).toBeVisible({ timeout: 150_000 });
  const text = spawnSync('pdftotext', ['-layout', join(outDir, 'reviewed.pdf'), '-'], { encoding: 'utf8' }).stdout;
  expect(text).toContain('Jane Auditor');
  expect(text).toContain('fy2026');
  expect(text).toContain('Two public buckets');
});

test('a review file made for another snapshot is refused with a clear message', async ({ page, host }) => {
  const other = openSnapshot(files.pair.base);
  const otherReview = join(files.dir, 'base.review.json');
  saveReview(otherReview, newReview(other.info()));
  other.close();
  await page.goto(`${host.url}#/review`);
  await page.getByTestId('review-path').fill(otherReview);
  await page.getByTestId('review-open').click();
  const error = page.getByTestId('review-error');
  await expect(error).toContainText(`${otherReview} is the review of another snapshot`);
  await expect(error).toContainText('not of org.triad');
  await expect(page.getByTestId('review-file')).toHaveCount(0);
});
