// The `report` command end to end: the real CLI on a demo snapshot, the built renderer's print route printed by
// Chromium, and the PDF read back with poppler (pdfinfo, pdftotext, pdftoppm) as an auditor's tools would.

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import Database from 'better-sqlite3';
import { isBuildFresh } from '../../scripts/build-freshness.mjs';
import { HOSTILE_ANNOTATION, HOSTILE_HYPERLINK, HOSTILE_SCRIPT } from '../../src/main/demo/hostile';
import { projectRoot } from '../../src/main/paths';

const root = projectRoot();
const tsx = join(root, 'node_modules', '.bin', 'tsx');
const REPORT_TIME = '2026-11-27T09:30:00.000Z';
let dir: string;
let snapshot: string;

function triad(...args: string[]) {
  const result = spawnSync(tsx, [join(root, 'src/main/cli/index.ts'), ...args], { cwd: root, encoding: 'utf8', timeout: 600_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function poppler(tool: string, ...args: string[]): string {
  const result = spawnSync(tool, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`${tool} failed: ${result.stderr}`);
  return result.stdout;
}

/** Pixels darker than near-white in a binary PGM (P5) image, and the image's pixel count. */
function inkedPixels(pgm: Buffer): { inked: number; total: number } {
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 64).toString('latin1'));
  if (!header) throw new Error('not a binary PGM image');
  const [whole, width, height] = header;
  const pixels = pgm.subarray(whole.length);
  const total = Number(width) * Number(height);
  let inked = 0;
  for (let i = 0; i < total; i++) if (pixels[i] < 200) inked++;
  return { inked, total };
}

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(900_000);
  if (!isBuildFresh(root)) {
    const build = spawnSync(join(root, 'node_modules', '.bin', 'electron-vite'), ['build'], { cwd: root, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`npm run build failed: ${build.stderr}`);
  }
  dir = mkdtempSync(join(tmpdir(), 'triad-report-e2e-'));
  snapshot = join(dir, 'demo.triad');
  const demo = triad('demo', '--out', snapshot, '--findings', '5000');
  expect(demo.code, demo.stderr).toBe(0);
});

test.afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('the report PDF names the pillars, carries the digest and coverage, and keeps hostile text literal', async () => {
  test.setTimeout(600_000);
  const pdf = join(dir, 'report.pdf');
  const run = triad('report', snapshot, '--out', pdf, '--report-time', REPORT_TIME, '--prepared-by', 'A. Auditor', '--paper', 'letter', '--timings');
  expect(run.code, run.stderr).toBe(0);
  expect(run.stdout).toMatch(/^Wrote .*report\.pdf .*all \d+ failing findings listed/);
  // Printed once: the integrity the page was given before the check ended is the one the check found.
  expect(run.stderr).toContain('integrity check, after the print');
  expect(run.stderr).not.toContain('print again');

  const info = poppler('pdfinfo', pdf);
  expect(Number(/Pages:\s+(\d+)/.exec(info)?.[1])).toBeGreaterThan(1);
  expect(info).toMatch(/Title:\s+Compliance report: Demo organization/);
  expect(info).toMatch(/Page size:\s+612 x 792 pts \(letter\)/);
  expect(info).toMatch(/Tagged:\s+yes/);

  // Lines wrap where the page ends them: compare with whitespace runs as single spaces.
  const text = poppler('pdftotext', pdf, '-').replace(/\s+/g, ' ');
  // The cover names the content digest the snapshot records (issue 7), and says that it is that digest.
  const recorded = JSON.parse(triad('summary', snapshot, '--json').stdout).snapshot.digest as string | null;
  expect(recorded).toMatch(/^[0-9a-f]{64}$/);
  const digest = recorded!;
  expect(text).toContain('Content digest recorded in the snapshot');
  // Glyphs sit where Chromium places them: hinted to whole pixels (the headless shell's default without
  // --font-render-hinting=none) the letters space unevenly and words read back split ("C ompliance").
  expect(text).toContain('TRIAD COMPLIANCE REPORT');
  expect(text).toContain('Compliance report: Demo organization');
  for (const heading of ['Executive summary', 'Method', 'Confidentiality', 'Integrity', 'Availability', 'Appendix A: Accounts', 'Appendix B: Evidence', 'Appendix C: Exception register', 'Appendix D: Reviewer notes, sample and sign-off']) {
    expect(text).toContain(heading);
  }
  expect(text).toContain(digest);
  expect(text).toContain(`Snapshot SHA-256 ${digest.slice(0, 8)}…${digest.slice(-8)}`);
  expect(text).toMatch(/Page 2 of \d+/);
  expect(text).toContain('Coverage: 43 of 48 account × region pairs were fully collected');
  expect(text).toContain('AWS Trusted Advisor: not collected in this snapshot');
  expect(text).toContain('A. Auditor');
  // Without --exceptions and --review, the register and the review appendix say so rather than vanish.
  expect(text).toContain('Appendix C: Exception register No exceptions file was applied to this report');
  expect(text).toContain('No review file was given for this report');
  expect(text).toContain(HOSTILE_SCRIPT);
  expect(text).toContain(HOSTILE_HYPERLINK);
  expect(text).toContain(HOSTILE_ANNOTATION);

  // The PDF outline (bookmarks) comes from the headings, and the contents link inside the document.
  const raw = readFileSync(pdf).toString('latin1');
  expect(raw).toContain('/Outlines');
  for (const title of ['Executive summary', 'Method', 'Confidentiality', 'Appendix A: Accounts']) expect(raw).toContain(`/Title (${title})`);
  expect(raw).toMatch(/\/Dest\b/);

  const pgmPrefix = join(dir, 'page');
  poppler('pdftoppm', '-gray', '-r', '40', '-f', '1', '-l', '1', pdf, pgmPrefix);
  const image = readdirSync(dir).find((f) => f.startsWith('page') && f.endsWith('.pgm'));
  expect(image).toBeDefined();
  const { inked, total } = inkedPixels(readFileSync(join(dir, image!)));
  expect(inked / total).toBeGreaterThan(0.01);
});

test('above the complete limit each control says N of M shown and the complete list is a CSV beside the PDF', async () => {
  test.setTimeout(600_000);
  const pdf = join(dir, 'capped.pdf');
  const run = triad('report', snapshot, '--out', pdf, '--report-time', REPORT_TIME, '--complete-limit', '10', '--resource-limit', '2', '--pillars', 'c,a', '--no-evidence');
  expect(run.code, run.stderr).toBe(0);
  const csv = join(dir, 'capped.failing-findings.csv');
  expect(existsSync(csv)).toBe(true);
  const csvSha = createHash('sha256').update(readFileSync(csv)).digest('hex');
  const rows = readFileSync(csv, 'utf8').trimEnd().split('\r\n').length - 1;

  const text = poppler('pdftotext', pdf, '-').replace(/\s+/g, ' ');
  expect(text).toMatch(/2 of \d+ shown: the first 2 failing resources/);
  expect(text).toContain('capped.failing-findings.csv');
  expect(text).toContain(csvSha);
  expect(text).toContain(`(${rows.toLocaleString('en-US')} rows, SHA-256`);
  expect(text).not.toContain('Appendix B: Evidence');
  expect(text).not.toMatch(/\bIntegrity\b score/);
});

test('every page header and footer: the title as literal text, the tampered warning, page N of M and the digest', async () => {
  test.setTimeout(600_000);
  // A title that would end a CSS string or rule, or open HTML, if the header did not hold it as text. Changing it
  // after the digest was recorded also makes the snapshot tampered.
  const hostileTitle = 'Org "q" \\ } @page { } </style>';
  const copy = join(dir, 'hostile-title.triad');
  copyFileSync(snapshot, copy);
  const db = new Database(copy);
  db.prepare("UPDATE meta SET value = ? WHERE key = 'title'").run(JSON.stringify(hostileTitle));
  const digest = JSON.parse(db.prepare("SELECT value FROM meta WHERE key = 'digest'").pluck().get() as string) as string;
  db.close();
  const pdf = join(dir, 'hostile-title.pdf');
  const run = triad('report', copy, '--out', pdf, '--report-time', REPORT_TIME, '--pillars', 'a', '--no-evidence', '--timings');
  expect(run.code, run.stderr).toBe(0);
  // The page was first printed with the verdict of an unchanged snapshot; the check disagreed, so it was printed again.
  expect(run.stderr).toContain('lay out and print again with the integrity the check found');
  const pages = Number(/Pages:\s+(\d+)/.exec(poppler('pdfinfo', pdf))?.[1]);
  expect(pages).toBeGreaterThan(2);
  for (const n of [1, 2, pages]) {
    const text = poppler('pdftotext', '-f', String(n), '-l', String(n), pdf, '-').replace(/\s+/g, ' ');
    expect(text).toContain(`Compliance report: ${hostileTitle}`);
    expect(text).toContain('WARNING: TAMPERED SNAPSHOT');
    expect(text).toContain(`Page ${n} of ${pages}`);
    expect(text).toContain(`Snapshot SHA-256 ${digest.slice(0, 8)}…${digest.slice(-8)}`);
  }
  // The cover states the verdict the check found, not the one the first print assumed.
  expect(poppler('pdftotext', '-f', '1', '-l', '1', pdf, '-').replace(/\s+/g, ' ')).toContain('TAMPERED: the content differs from the digest recorded');
});

test('Chromium prints the report its headless shell prints, page for page', () => {
  test.setTimeout(600_000);
  const builds = { shell: '/usr/bin/chromium-headless-shell', chromium: '/usr/bin/chromium' };
  test.skip(!existsSync(builds.shell) || !existsSync(builds.chromium), `needs both ${builds.shell} and ${builds.chromium} (Debian packages chromium-headless-shell and chromium)`);
  const printed = (name: string, chromium: string) => {
    const pdf = join(dir, `${name}.pdf`);
    const run = spawnSync(tsx, [join(root, 'src/main/cli/index.ts'), 'report', snapshot, '--out', pdf, '--report-time', REPORT_TIME], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, CHROMIUM_PATH: chromium },
    });
    expect(run.status, run.stderr).toBe(0);
    poppler('pdftoppm', '-gray', '-r', '40', '-f', '3', '-l', '3', pdf, join(dir, `${name}-page`));
    const image = readdirSync(dir).find((f) => f.startsWith(`${name}-page`) && f.endsWith('.pgm'));
    return {
      // The producing browser's name differs, and with it the file's size.
      info: poppler('pdfinfo', pdf).replace(/^(Creator|CreationDate|ModDate|File size):.*\n/gm, ''),
      text: poppler('pdftotext', pdf, '-'),
      page3: readFileSync(join(dir, image!)),
    };
  };
  const shell = printed('shell', builds.shell);
  const chromium = printed('chromium', builds.chromium);
  expect(shell.info).toBe(chromium.info);
  expect(shell.text).toBe(chromium.text);
  expect(shell.page3.equals(chromium.page3)).toBe(true);
});

test('an unreadable snapshot or an unwritable path fails with one clear line', () => {
  const missing = triad('report', join(dir, 'nope.triad'), '--out', join(dir, 'x.pdf'));
  expect(missing.code).toBe(1);
  expect(missing.stderr.trim().split('\n')).toEqual([`triad: ${join(dir, 'nope.triad')}: file not found`]);
  const unwritable = triad('report', snapshot, '--out', join(dir, 'no-such-folder', 'x.pdf'));
  expect(unwritable.code).toBe(1);
  expect(unwritable.stderr.trim()).toBe(`triad: report: cannot write ${join(dir, 'no-such-folder', 'x.pdf')}: the folder ${join(dir, 'no-such-folder')} does not exist`);
  expect(existsSync(join(dir, 'x.pdf'))).toBe(false);
});
