// The print route fits the printable width of each paper, with the demo's hostile text in it. Content wider than
// the page makes Chromium shrink every page of the report to fit it (the whole report printed a few per cent
// small) and lay the report out twice more before printing.

import { PAPER_SIZES, defaultReportOptions } from '../../src/shared/report';
import { printableViewport, reportRoute } from '../../src/main/report/print';
import { expect, test } from './fixtures';

for (const paper of PAPER_SIZES) {
  test(`the report is no wider than the printable area of ${paper} paper`, async ({ page, host }) => {
    const viewport = printableViewport(paper);
    await page.setViewportSize(viewport);
    await page.emulateMedia({ media: 'print' });
    await page.goto(`${host.url}${reportRoute({ ...defaultReportOptions('2026-11-27T00:00:00.000Z'), paper })}`);
    await expect(page.locator('body')).toHaveAttribute('data-report-ready', 'true', { timeout: 60_000 });
    const wider = await page.evaluate((width) => {
      const found: string[] = [];
      for (const element of Array.from(document.querySelectorAll('.report *'))) {
        const right = element.getBoundingClientRect().right;
        if (right > width + 0.5 && found.length < 5) found.push(`${element.tagName.toLowerCase()}.${element.className} ends at ${right.toFixed(1)} px`);
      }
      return { scrollWidth: document.documentElement.scrollWidth, found };
    }, viewport.width);
    expect(wider.found, `printable width ${viewport.width} px`).toEqual([]);
    expect(wider.scrollWidth).toBeLessThanOrEqual(viewport.width);
  });
}
