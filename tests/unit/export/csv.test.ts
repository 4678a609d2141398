// The CSV export read back as a spreadsheet would: RFC 4180 parsing, the BOM option, hostile values kept
// literal but never starting with a formula character, and a 100,000-row export.

import { copyFileSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSV_COLUMNS, csvCell, writeFindingsCsv } from '../../../src/main/export/csv';
import { createReportSource, type ReportSource } from '../../../src/main/report/source';
import { openSnapshot } from '../../../src/main/snapshot';
import { HOSTILE_VALUES, writeHostileSnapshot } from './hostile-snapshot';

/** An RFC 4180 parser (quoted fields, doubled quotes, CRLF records), independent of the writer. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 2;
        continue;
      }
      if (ch === '"') quoted = false;
      else cell += ch;
      i++;
      continue;
    }
    if (ch === '"' && cell === '') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else if (ch === '\r' || ch === '\n') throw new Error(`bare line break at ${i}`);
    else cell += ch;
    i++;
  }
  if (cell !== '' || row.length) throw new Error('the file does not end with CRLF');
  return rows;
}

let dir: string;
let source: ReportSource;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'triad-csv-'));
  source = createReportSource(openSnapshot(writeHostileSnapshot(dir)));
});

afterAll(() => {
  source.reader.close();
  source.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('csvCell', () => {
  it('quotes commas, quotes and line breaks per RFC 4180', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(42)).toBe('42');
  });

  it('prefixes a single quote to cells a spreadsheet would evaluate', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) expect(csvCell(`${start}1+1`).replace(/^"/, '').startsWith(`'${start}`)).toBe(true);
    expect(csvCell('=HYPERLINK("http://evil.example")')).toBe(`"'=HYPERLINK(""http://evil.example"")"`);
    expect(csvCell('a=b')).toBe('a=b');
  });
});

describe('CSV export', () => {
  it('writes one row per finding with the documented header, hostile values literal and inert', async () => {
    const out = join(dir, 'findings.csv');
    const result = await writeFindingsCsv(source, { filters: {}, outPath: out });
    const text = readFileSync(out, 'utf8');
    expect(text.charCodeAt(0)).not.toBe(0xfeff);
    const rows = parseCsv(text);
    expect(rows[0]).toEqual(CSV_COLUMNS.map(([name]) => name));
    expect(rows).toHaveLength(HOSTILE_VALUES.length + 1);
    expect(result.rows).toBe(HOSTILE_VALUES.length);

    const column = (name: string) => rows[0].indexOf(name);
    for (const [i, value] of HOSTILE_VALUES.entries()) {
      const row = rows[i + 1];
      const expected = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
      expect(row[column('Resource name')]).toBe(expected);
      expect(row[column('Annotation')]).toBe(expected);
    }
    // No cell of the whole file starts with a character a spreadsheet evaluates.
    for (const row of rows) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    expect(rows[1][column('Account name')]).toBe("'=evil-account");
    expect(rows[1][column('Pillar')]).toBe('Confidentiality');
    expect(rows[3][column('Pillar')]).toBe('Unclassified');
  });

  it('starts with a UTF-8 byte order mark when asked, for Excel', async () => {
    const out = join(dir, 'bom.csv');
    await writeFindingsCsv(source, { filters: {}, outPath: out, bom: true });
    const bytes = readFileSync(out);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(parseCsv(bytes.toString('utf8').slice(1))[0][0]).toBe('Finding ID');
  });

  it('applies the filters', async () => {
    const out = join(dir, 'failing.csv');
    const result = await writeFindingsCsv(source, { filters: { statuses: ['NON_COMPLIANT'] }, outPath: out });
    const rows = parseCsv(readFileSync(out, 'utf8'));
    expect(result.rows).toBe(rows.length - 1);
    expect(new Set(rows.slice(1).map((r) => r[rows[0].indexOf('Status')]))).toEqual(new Set(['NON_COMPLIANT']));
  });

  it('refuses an unwritable path without leaving a file', async () => {
    await expect(writeFindingsCsv(source, { filters: {}, outPath: join(dir, 'missing', 'x.csv') })).rejects.toThrow(/folder .*missing does not exist/);
  });

  it('exports 100,000 findings, every one a well-formed row', async () => {
    const big = createReportSource(openSnapshot(writeHostileSnapshot(dir, 100_000)));
    try {
      const out = join(dir, 'big.csv');
      const result = await writeFindingsCsv(big, { filters: {}, outPath: out });
      const rows = parseCsv(readFileSync(out, 'utf8'));
      expect(result.rows).toBe(100_000 + HOSTILE_VALUES.length);
      expect(rows).toHaveLength(result.rows + 1);
      expect(rows.every((r) => r.length === CSV_COLUMNS.length)).toBe(true);
      const ids = rows.slice(1).map((r) => Number(r[0]));
      expect(new Set(ids).size).toBe(ids.length);
    } finally {
      big.reader.close();
      big.close();
    }
  });

  it('writes the same bytes in two halves, the second on a worker thread, as on one thread', async () => {
    const big = createReportSource(openSnapshot(writeHostileSnapshot(dir, 3_000)));
    try {
      // The last: the report's complete list of failing findings (prepare.ts), over the controls of its pillars.
      const reportList = { filters: {}, statuses: ['NON_COMPLIANT' as const], controlIds: source.controls().slice(0, 3).map((c) => c.id) };
      for (const options of [{ filters: {} }, { filters: { statuses: ['NON_COMPLIANT' as const] }, bom: true }, { filters: {}, controlIds: [source.controls()[0].id] }, reportList]) {
        const one = await writeFindingsCsv(big, { ...options, outPath: join(dir, 'one.csv'), splitFrom: false });
        expect(one.rows).toBeGreaterThan(0);
        const progress: number[] = [];
        const two = await writeFindingsCsv(big, { ...options, outPath: join(dir, 'two.csv'), splitFrom: 1, progress: (rows) => progress.push(rows) });
        expect(readFileSync(join(dir, 'two.csv')).equals(readFileSync(join(dir, 'one.csv')))).toBe(true);
        expect({ ...two, path: '' }).toEqual({ ...one, path: '' });
        expect(progress.every((rows) => rows <= two.rows)).toBe(true);
      }
      // Neither the worker's part nor a temporary file is left beside the export.
      expect(readdirSync(dir).filter((name) => name.startsWith('.'))).toEqual([]);
    } finally {
      big.reader.close();
      big.close();
    }
  });

  it('reads on one thread when the file at the snapshot path is no longer the one it opened', async () => {
    const path = join(dir, 'replaced.triad');
    copyFileSync(writeHostileSnapshot(dir, 2_000), path);
    const opened = createReportSource(openSnapshot(path));
    try {
      const before = await writeFindingsCsv(opened, { filters: {}, outPath: join(dir, 'before.csv'), splitFrom: false });
      // Another snapshot (different findings) now has the name; the open connection still reads the first.
      renameSync(writeHostileSnapshot(dir, 100), path);
      const after = await writeFindingsCsv(opened, { filters: {}, outPath: join(dir, 'after.csv'), splitFrom: 1 });
      expect(after.sha256).toBe(before.sha256);
      expect(after.rows).toBe(2_000 + HOSTILE_VALUES.length);
    } finally {
      opened.reader.close();
      opened.close();
    }
  });

  it('gives the event loop turns while it writes, so the process keeps serving (the print route of a report, progress events)', async () => {
    const big = createReportSource(openSnapshot(writeHostileSnapshot(dir, 5_000)));
    try {
      let writing = true;
      let turns = 0;
      const turn = () => {
        if (!writing) return;
        turns++;
        setImmediate(turn);
      };
      setImmediate(turn);
      const progress: number[] = [];
      const result = await writeFindingsCsv(big, { filters: {}, outPath: join(dir, 'turns.csv'), progress: (rows) => progress.push(rows) });
      writing = false;
      // Written all at once, the loop would have had no turn before the end (and `turn` would count none).
      expect(turns).toBeGreaterThanOrEqual(5);
      expect(result.rows).toBe(5_000 + HOSTILE_VALUES.length);
      expect(progress).toEqual([]);
    } finally {
      big.reader.close();
      big.close();
    }
  });
});
