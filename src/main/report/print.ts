// What Chromium needs to print a report, the same in the CLI (Playwright) and in the app (printToPDF): the
// print route's URL fragment, the page header and footer (title, page N of M, short digest) and margins.

import type { IntegrityState, ReportIntegrity } from '../../shared/integrity';
import { reportOptionsToQuery, type PaperSize, type ReportCover, type ReportOptions } from '../../shared/report';
import { shortDigest } from './digest';

/** The hash route of the report, to append to the renderer's base URL (after any ?token=…). */
export function reportRoute(options: ReportOptions): string {
  return `#/report?${new URLSearchParams(reportOptionsToQuery(options)).toString()}`;
}

export const PAPER_FORMATS: Record<PaperSize, 'A4' | 'Letter'> = { a4: 'A4', letter: 'Letter' };

/** Page margins in millimetres; the header and footer print inside the top and bottom ones. */
export const MARGINS_MM = { top: 18, bottom: 18, left: 14, right: 14 } as const;

const PAPER_MM: Record<PaperSize, { width: number; height: number }> = { a4: { width: 210, height: 297 }, letter: { width: 215.9, height: 279.4 } };
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

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

const TEMPLATE_STYLE =
  "font-family: 'Noto Sans', 'DejaVu Sans', Arial, sans-serif; font-size: 7.5px; color: #555; width: 100%; margin: 0 14mm; display: flex; justify-content: space-between; gap: 12px;";

const WARNING_STYLE = 'color: #b00020; font-weight: bold; font-size: 9px;';

/** The page header's warning for a snapshot whose content cannot be relied on. */
export const INTEGRITY_HEADER_WARNINGS: Partial<Record<IntegrityState, string>> = {
  tampered: 'WARNING: TAMPERED SNAPSHOT (its content differs from its recorded digest)',
  'invalid-signature': 'WARNING: INVALID SIGNATURE ON THIS SNAPSHOT',
};

/** The header and footer of a report: its title, the demo flag, the integrity warning, page N of M and the short digest. */
export function pageTemplatesFor(
  cover: Pick<ReportCover, 'title' | 'digest' | 'isDemo'>,
  integrity: ReportIntegrity | undefined,
): { headerTemplate: string; footerTemplate: string } {
  const warning = integrity?.warning ? (INTEGRITY_HEADER_WARNINGS[integrity.state] ?? `WARNING: ${integrity.message}`) : undefined;
  return pageTemplates(cover.title, cover.digest.value, cover.isDemo, warning);
}

/**
 * Header and footer templates. Chromium renders them as HTML and fills the pageNumber/totalPages spans; every
 * value put in them is escaped, since the title comes from the snapshot.
 */
export function pageTemplates(title: string, digest: string, isDemo: boolean, warning?: string): { headerTemplate: string; footerTemplate: string } {
  const shortTitle = [...title].length > 90 ? `${[...title].slice(0, 90).join('')}…` : title;
  const flags = [warning ? `<span style="${WARNING_STYLE}">${escapeHtml(warning)}</span>` : '', isDemo ? 'DEMO DATA' : ''].filter(Boolean).join(' · ');
  return {
    headerTemplate: `<div style="${TEMPLATE_STYLE}"><span>${escapeHtml(shortTitle)}</span><span>${flags}</span></div>`,
    footerTemplate:
      `<div style="${TEMPLATE_STYLE}"><span>Snapshot SHA-256 ${escapeHtml(shortDigest(digest))}</span>` +
      '<span>Page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>',
  };
}
