// The printed page of a report, the same in the CLI (Playwright) and the app (printToPDF): paper size, margins,
// and the running header and footer (title, demo flag, integrity warning, short digest, page N of M). The print
// route installs them as CSS @page margin boxes, which Chromium paints with the document. Header and footer
// templates would cost a page load each per printed page: about 2 s on a 424-page report (npm run bench -- report).

import type { IntegrityState, ReportIntegrity } from './integrity';
import type { PaperSize, ReportCover } from './report';

export const PAPER_FORMATS: Record<PaperSize, 'A4' | 'Letter'> = { a4: 'A4', letter: 'Letter' };
/** Each paper's size in millimetres (ISO 216 A4, US Letter). */
export const PAPER_MM: Record<PaperSize, { width: number; height: number }> = { a4: { width: 210, height: 297 }, letter: { width: 215.9, height: 279.4 } };

/** Page margins in millimetres; the header and footer print inside the top and bottom ones. */
export const MARGINS_MM = { top: 18, bottom: 18, left: 14, right: 14 } as const;

/** The header's warning for a snapshot whose content cannot be relied on. */
export const INTEGRITY_HEADER_WARNINGS: Partial<Record<IntegrityState, string>> = {
  tampered: 'WARNING: TAMPERED SNAPSHOT (its content differs from its recorded digest)',
  'invalid-signature': 'WARNING: INVALID SIGNATURE ON THIS SNAPSHOT',
};

const TITLE_MAX_CHARACTERS = 90;

export function shortDigest(value: string): string {
  return value.length > 20 ? `${value.slice(0, 8)}…${value.slice(-8)}` : value;
}

/**
 * A CSS string literal holding `text` as literal characters: everything but plain letters, digits and a few
 * punctuation marks is written as a hex escape, so a title from the snapshot cannot end the string or the rule.
 * Each escape ends with the one space CSS takes as its terminator, so a space after it stays in the text.
 */
export function cssString(text: string): string {
  let out = '"';
  for (const ch of text) {
    out += /^[A-Za-z0-9 .,:;()_\-]$/.test(ch) ? ch : `\\${ch.codePointAt(0)!.toString(16)} `;
  }
  return `${out}"`;
}

/** The header's warning text, or undefined for a snapshot that can be relied on. */
export function integrityHeaderWarning(integrity: ReportIntegrity | null | undefined): string | undefined {
  if (!integrity?.warning) return undefined;
  return INTEGRITY_HEADER_WARNINGS[integrity.state] ?? `WARNING: ${integrity.message}`;
}

const BOX = "font-family: 'Noto Sans', 'DejaVu Sans', Arial, sans-serif; font-size: 7.5px; color: #555;";
const WARNING_BOX = "font-family: 'Noto Sans', 'DejaVu Sans', Arial, sans-serif; font-size: 9px; color: #b00020; font-weight: bold;";

/**
 * The @page rule of a report: paper, margins, and margin boxes with the title and flags above each page and the
 * short digest and "Page N of M" below it. Every value from the snapshot is a CSS string (see cssString).
 */
export function reportPageCss(cover: Pick<ReportCover, 'title' | 'digest' | 'isDemo'>, integrity: ReportIntegrity | null | undefined, paper: PaperSize): string {
  const title = [...cover.title].length > TITLE_MAX_CHARACTERS ? `${[...cover.title].slice(0, TITLE_MAX_CHARACTERS).join('')}…` : cover.title;
  const warning = integrityHeaderWarning(integrity);
  const flags = [warning, cover.isDemo ? 'DEMO DATA' : undefined].filter((f) => f !== undefined).join(' · ');
  const m = MARGINS_MM;
  return [
    `@page {`,
    `  size: ${PAPER_FORMATS[paper]};`,
    `  margin: ${m.top}mm ${m.right}mm ${m.bottom}mm ${m.left}mm;`,
    `  @top-left { content: ${cssString(title)}; ${BOX} vertical-align: middle; }`,
    flags ? `  @top-right { content: ${cssString(flags)}; ${warning ? WARNING_BOX : BOX} vertical-align: middle; }` : '',
    `  @bottom-left { content: ${cssString(`Snapshot SHA-256 ${shortDigest(cover.digest.value)}`)}; ${BOX} vertical-align: middle; }`,
    `  @bottom-right { content: "Page " counter(page) " of " counter(pages); ${BOX} vertical-align: middle; }`,
    `}`,
  ]
    .filter(Boolean)
    .join('\n');
}
