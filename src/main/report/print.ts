// What Chromium needs to print a report, the same in the CLI (Playwright) and in the app (printToPDF): the
// print route's URL fragment, the page header and footer (title, page N of M, short digest) and margins.

import { reportOptionsToQuery, type PaperSize, type ReportOptions } from '../../shared/report';
import { shortDigest } from './digest';

/** The hash route of the report, to append to the renderer's base URL (after any ?token=…). */
export function reportRoute(options: ReportOptions): string {
  return `#/report?${new URLSearchParams(reportOptionsToQuery(options)).toString()}`;
}

export const PAPER_FORMATS: Record<PaperSize, 'A4' | 'Letter'> = { a4: 'A4', letter: 'Letter' };

/** Page margins in millimetres; the header and footer print inside the top and bottom ones. */
export const MARGINS_MM = { top: 18, bottom: 18, left: 14, right: 14 } as const;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

const TEMPLATE_STYLE =
  "font-family: 'Noto Sans', 'DejaVu Sans', Arial, sans-serif; font-size: 7.5px; color: #555; width: 100%; margin: 0 14mm; display: flex; justify-content: space-between; gap: 12px;";

/**
 * Header and footer templates. Chromium renders them as HTML and fills the pageNumber/totalPages spans; every
 * value put in them is escaped, since the title comes from the snapshot.
 */
export function pageTemplates(title: string, digest: string, isDemo: boolean): { headerTemplate: string; footerTemplate: string } {
  const shortTitle = [...title].length > 90 ? `${[...title].slice(0, 90).join('')}…` : title;
  return {
    headerTemplate: `<div style="${TEMPLATE_STYLE}"><span>${escapeHtml(shortTitle)}</span><span>${isDemo ? 'DEMO DATA' : ''}</span></div>`,
    footerTemplate:
      `<div style="${TEMPLATE_STYLE}"><span>Snapshot SHA-256 ${escapeHtml(shortDigest(digest))}</span>` +
      '<span>Page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>',
  };
}
