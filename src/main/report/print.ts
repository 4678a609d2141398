// Where Chromium prints a report from, the same in the CLI (Playwright) and in the app (printToPDF): the print
// route's URL fragment and the viewport it is laid out in. The page itself (paper, margins, header and footer)
// is the print route's @page rule: src/shared/report-page.ts.

import { reportOptionsToQuery, type PaperSize, type ReportOptions } from '../../shared/report';
import { MARGINS_MM, PAPER_MM } from '../../shared/report-page';

/** The hash route of the report, to append to the renderer's base URL (after any ?token=…). */
export function reportRoute(options: ReportOptions): string {
  return `#/report?${new URLSearchParams(reportOptionsToQuery(options)).toString()}`;
}

const CSS_PX_PER_MM = 96 / 25.4;

/**
 * The printable area of a page in CSS pixels. The print route is laid out in a viewport of this size (with print
 * media), so the layout Chromium makes before printing is already the one it prints: a report of many pages is
 * then not laid out again from scratch for the paper.
 */
export function printableViewport(paper: PaperSize): { width: number; height: number } {
  const { width, height } = PAPER_MM[paper];
  return {
    width: Math.floor((width - MARGINS_MM.left - MARGINS_MM.right) * CSS_PX_PER_MM),
    height: Math.floor((height - MARGINS_MM.top - MARGINS_MM.bottom) * CSS_PX_PER_MM),
  };
}
