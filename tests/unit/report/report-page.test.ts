import { describe, expect, it } from 'vitest';
import { cssString, integrityHeaderWarning, reportPageCss } from '../../../src/shared/report-page';
import type { ReportCover } from '../../../src/shared/report';

/** Reads a CSS string literal back as CSS does (the escapes cssString writes), to prove nothing is lost or let out. */
function readCssString(literal: string): string {
  expect(literal.startsWith('"') && literal.endsWith('"')).toBe(true);
  const body = literal.slice(1, -1);
  // Nothing but the escapes (each ended by one space) and plain characters: no quote or backslash of its own.
  expect(body).toMatch(/^(?:[A-Za-z0-9 .,:;()_-]|\\[0-9a-f]{1,6} )*$/);
  return body.replace(/\\([0-9a-f]{1,6}) /g, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)));
}

const cover = (title: string, isDemo = false): Pick<ReportCover, 'title' | 'digest' | 'isDemo'> => ({
  title,
  isDemo,
  digest: { algorithm: 'SHA-256', value: 'd28a2aee7e1e03eed0220603528796ec479d797284592a2c4b23d0ec3a7964e7', basis: 'content' },
});

describe('the printed page of a report', () => {
  it('holds hostile text as literal characters of a CSS string', () => {
    const hostile = 'Org"; } @page { @top-left { content: "pwned" } } </style><script>alert(1)</script>\\\n\u202eevil 🎯 "a" b';
    const literal = cssString(hostile);
    expect(readCssString(literal)).toBe(hostile);
    expect(literal).not.toContain('}');
    expect(literal).not.toContain('<');
  });

  it('puts the title, flags, short digest and page N of M in margin boxes on the chosen paper', () => {
    const css = reportPageCss(cover('Compliance report: Demo organization', true), null, 'letter');
    expect(css).toContain('size: Letter;');
    expect(css).toContain('margin: 18mm 14mm 18mm 14mm;');
    expect(css).toContain('@top-left { content: "Compliance report: Demo organization";');
    expect(css).toContain('@top-right { content: "DEMO DATA";');
    expect(css).toContain('@bottom-left { content: "Snapshot SHA-256 d28a2aee\\2026 3a7964e7";');
    expect(css).toContain('@bottom-right { content: "Page " counter(page) " of " counter(pages);');
    expect(reportPageCss(cover('x'), null, 'a4')).not.toContain('@top-right');
  });

  it('shortens a long title and keeps a hostile one inside its box', () => {
    const css = reportPageCss(cover(`${'A'.repeat(200)}"}`), null, 'a4');
    const title = /@top-left \{ content: ("[^"]*");/.exec(css)?.[1];
    expect(readCssString(title!)).toBe(`${'A'.repeat(90)}…`);
    // One rule and its three boxes, nothing else: the braces balance.
    expect(css.match(/\{/g)).toHaveLength(4);
    expect(css.match(/\}/g)).toHaveLength(4);
  });

  it('warns on every page of a snapshot that cannot be relied on, in the header', () => {
    const tampered = { state: 'tampered' as const, message: 'changed', warning: true };
    expect(integrityHeaderWarning(tampered)).toBe('WARNING: TAMPERED SNAPSHOT (its content differs from its recorded digest)');
    expect(integrityHeaderWarning({ state: 'invalid-signature', message: 'bad', warning: true })).toBe('WARNING: INVALID SIGNATURE ON THIS SNAPSHOT');
    expect(integrityHeaderWarning({ state: 'verified', message: 'ok', warning: false })).toBeUndefined();
    const css = reportPageCss(cover('Org', true), tampered, 'a4');
    const flags = /@top-right \{ content: ("[^"]*"); ([^}]*)\}/.exec(css);
    expect(readCssString(flags![1])).toBe('WARNING: TAMPERED SNAPSHOT (its content differs from its recorded digest) · DEMO DATA');
    expect(flags![2]).toContain('color: #b00020');
  });
});
