// `triad report --exceptions E --review R --since OLDER`: the real CLI prints the built renderer's report route
// with Chromium, and the PDF is read back with poppler. The exception register, the scores both ways, the
// reviewer's notes, sample and sign-off, the changes since the earlier snapshot, Trusted Advisor availability
// and the tampered warning must be there with the right figures, and hostile text from the files literally.

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isBuildFresh } from '../../../scripts/build-freshness.mjs';
import { projectRoot } from '../../../src/main/paths';
import { sampleControl } from '../../../src/main/review';
import { openSnapshot } from '../../../src/main/snapshot';
import { alteredCopy } from '../integrity/helpers';
import { FIXTURE_EXCEPTIONS, writeEmptyReview, writeExceptionsFile, writeSectionFiles } from '../report/sections-fixture';
import { S3_PUBLIC, tempFolder } from '../snapshot/fixture';

const root = projectRoot();
const REPORT_TIME = '2026-06-15T09:30:00.000Z';
let dir: string;
let cleanup: () => void;
let snapshot: string;
let exceptionsFile: string;
let reviewFile: string;
let pair: { base: string; current: string };

function triad(...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src/main/cli/index.ts'), ...args], { cwd: root, encoding: 'utf8', timeout: 600_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function poppler(tool: string, ...args: string[]): string {
  const result = spawnSync(tool, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`${tool} failed: ${result.stderr}`);
  return result.stdout;
}

/** The PDF's text with whitespace runs as single spaces (lines wrap where the page ends them). */
const pdfText = (pdf: string) => poppler('pdftotext', pdf, '-').replace(/\s+/g, ' ');

beforeAll(() => {
  // The PDF is printed from the built renderer: build it when the sources are newer.
  if (!isBuildFresh(root)) {
    const build = spawnSync(join(root, 'node_modules', '.bin', 'electron-vite'), ['build'], { cwd: root, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`npm run build failed: ${build.stderr}`);
  }
  ({ dir, cleanup } = tempFolder('triad-report-sections-cli-'));
  ({ snapshot, exceptionsFile, reviewFile, pair } = writeSectionFiles(dir));
}, 600_000);
afterAll(() => cleanup?.());

describe('triad report with exceptions, review and since', () => {
  it('prints the exception register, both scores, excepted findings, the review and Trusted Advisor availability', () => {
    const pdf = join(dir, 'report.pdf');
    const run = triad('report', snapshot, '--out', pdf, '--report-time', REPORT_TIME, '--exceptions', exceptionsFile, '--review', reviewFile);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const text = pdfText(pdf);

    // Executive summary: both views of the score, and the expired exception flagged.
    expect(text).toContain('Overall compliance is 61.5% across 17 results');
    expect(text).toContain('With the 1 live exception of exceptions.json applied, it is 66.7%: 1 failing finding excepted, 4 still failing.');
    expect(text).toMatch(/Scores without and with exceptions .* Confidentiality 57\.1% 3 1 2 66\.7% /);
    expect(text).toContain('1 exception in exceptions.json expired before the report\'s day and no longer applies');
    // The excepted finding is marked in its control's listing; the other one still fails.
    expect(text).toContain('1 excepted by a live exception');
    expect(text).toContain('[EXCEPTED EX-1] prod-public-site');
    expect(text).toMatch(/ dev-scratch — <script>alert\(1\)<\/script>/);

    // The register: every exception with its state, dates, owner, approver and the findings it covers.
    const sha = createHash('sha256').update(readFileSync(exceptionsFile)).digest('hex');
    expect(text).toContain(`Appendix C: Exception register Exceptions file exceptions.json (SHA-256 ${sha}), checked on 2026-06-15`);
    expect(text).toContain('1 live, 1 expired, 1 not yet in force');
    expect(text).toContain('EX-1 · Live · covers 1 failing finding');
    expect(text).toContain('EX-2 · EXPIRED · covers 2 failing findings');
    expect(text).toContain('EX-3 · Not yet in force · covers 1 failing finding');
    expect(text).toContain('EX-2 expired on 2026-03-31; 2 failing findings it covered count as failing again.');
    expect(text).toContain(`Scope Control: ${S3_PUBLIC} Resources: prod-public-*`);
    expect(text).toContain('Owner web-team@example.com Approver ciso@example.com Created 2026-01-15 Expires 2026-07-15');
    expect(text).toContain('Expires 2026-03-31 (expired: no longer applies)');
    // Hostile text from the file, literally (the right-to-left override is isolated, not executed).
    expect(text).toContain(`Justification ${FIXTURE_EXCEPTIONS[0].justification.split(' \u202E')[0]}`);

    // The review: sign-off, notes with statuses, the sample with its picks and their results.
    expect(text).toContain('Appendix D: Reviewer notes, sample and sign-off');
    expect(text).toContain('Signed off by Jane Auditor on 2026-06-02.');
    expect(text).toContain('To review: 3, Reviewed OK: 1, Issue raised: 1');
    // The note's cell sits beside the control id wrapped over three lines, which pdftotext may read into it.
    expect(text).toContain('Reviewed OK Owner confirmed. <img src=x');
    expect(text).toContain('onerror=alert(1)> @SUM(A1)');
    expect(text).toMatch(/#\d+ db-instance-backup-enabled Non-compliant Issue raised Backups are off: raised as ISSUE-?42\./);
    expect(text).toContain('Sample of s3-bucket-public-read-prohibited 3 of 6 findings picked (asked for 3) with seed fy2026');
    const reader = openSnapshot(snapshot);
    const picks = sampleControl(snapshot, S3_PUBLIC, 3, 'fy2026').findingIds.map((id) => reader.finding(id)!.finding);
    reader.close();
    picks.forEach((f, i) => {
      expect(text).toContain(`${i + 1} #${f.id} ${f.accountId} · ${f.region} · AWS::S3::Bucket ${f.resourceId} ${f.status === 'COMPLIANT' ? 'Compliant' : f.status === 'NON_COMPLIANT' ? 'Non-compliant' : ''}`);
    });

    // Trusted Advisor availability per account, as the collector recorded it.
    expect(text).toContain('Trusted Advisor availability As recorded per account by the collector.');
    // pdftotext may read a table's right-hand columns after the page's footer: each side of the row is checked.
    expect(text).toContain('dev-sandbox (222222222222) Not available (support plan)');
    expect(text).toContain('0 SubscriptionRequiredException: the Basic support plan has no Trusted Advisor API');
    expect(text).toContain('prod-main (111111111111) Available 0');
    // A row may break across pages (the table's header repeats), so its cells are checked one by one.
    expect(text).toContain('security-audit (333333333333) Not collected');
    expect(text).toContain('AccessDenied on support:DescribeTrustedAdvisorChecks');

    // The contents and the PDF outline name the new sections; an untampered snapshot has no warning.
    const raw = readFileSync(pdf, 'latin1');
    for (const title of ['Appendix C: Exception register', 'Appendix D: Reviewer notes, sample and sign-off']) expect(raw).toContain(`/Title (${title})`);
    expect(text).not.toContain('TAMPERED');
  }, 600_000);

  it('prints the changes since the earlier snapshot, capped with the complete list beside, and the tampered warning on every page', () => {
    const tampered = alteredCopy(pair.current, `UPDATE findings SET resource_name = 'renamed' WHERE resource_id = 'added'`, 'tampered.triad');
    const pdf = join(dir, 'changes.pdf');
    const run = triad('report', tampered, '--out', pdf, '--report-time', REPORT_TIME, '--since', pair.base, '--changes-limit', '1');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const csv = join(dir, 'changes.changes.csv');
    expect(run.stdout).toContain(`complete list of 13 changes in ${csv}`);
    const text = pdfText(pdf);

    // The warning on the cover, and in the header of every page.
    expect(text).toContain('Warning: this snapshot is tampered.');
    const pages = Number(/Pages:\s+(\d+)/.exec(poppler('pdfinfo', pdf))?.[1]);
    expect(pages).toBeGreaterThan(3);
    expect(text.split('WARNING: TAMPERED SNAPSHOT (its content differs from its recorded digest)').length - 1).toBe(pages);

    expect(text).toContain('Changes since 2026-11-01 This snapshot compared with the earlier snapshot “Before” (base.triad');
    expect(text).toContain(
      'New failing 1 Regressed 1 Resolved 1 Still failing 2 Evidence changed 1 Status changed 1 No longer evaluated 1 Newly evaluated 1 No longer collected 2 Newly collected 2 Unchanged 1 Evidence changed (any category) 2',
    );
    expect(text).toContain('Accounts appeared 333333333333 Accounts disappeared none Regions appeared ap-southeast-2');
    expect(text).toMatch(/Controls disappeared cloud-trail-enabled \(config-rule:CLOUD_TRAIL_ENABLED\)/);
    expect(text).toMatch(/222222222222 us-east-1 collected failed/);
    expect(text).toContain('Still failing: 2 findings 1 of 2 shown');
    expect(existsSync(csv)).toBe(true);
    const csvSha = createHash('sha256').update(readFileSync(csv)).digest('hex');
    expect(readFileSync(csv, 'utf8').trimEnd().split('\r\n')).toHaveLength(14);
    expect(text).toContain(`The complete list of 13 changes is in the file changes.changes.csv (SHA-256 ${csvSha})`);
    expect(text).toContain('Appendix C: Exception register No exceptions file was applied to this report');
    expect(text).toContain('No review file was given for this report');
  }, 600_000);

  it('refuses bad files before printing, in one line naming the file and the entry', () => {
    const out = join(dir, 'refused.pdf');
    const bad = join(dir, 'bad-exceptions.json');
    writeExceptionsFile(bad, [FIXTURE_EXCEPTIONS[0], { ...FIXTURE_EXCEPTIONS[1], expires: 'next year' }]);
    const badExceptions = triad('report', snapshot, '--out', out, '--exceptions', bad);
    expect(badExceptions.status).toBe(1);
    expect(badExceptions.stderr).toBe(`triad: report: exceptions file ${bad}: entry 2 ("EX-2"): "expires" must be a date YYYY-MM-DD, not "next year"\n`);

    const other = join(dir, 'other.review.json');
    writeEmptyReview(other, pair.current);
    const wrongReview = triad('report', snapshot, '--out', out, '--review', other);
    expect(wrongReview.status).toBe(1);
    expect(wrongReview.stderr).toMatch(/^triad: report: review file .*other\.review\.json is the review of another snapshot \("After", current\.triad, digest [0-9a-f]{16}…\), not of org\.triad .*\n$/);

    const missing = triad('report', snapshot, '--out', out, '--since', join(dir, 'nope.triad'));
    expect(missing.status).toBe(1);
    expect(missing.stderr).toBe(`triad: ${join(dir, 'nope.triad')}: file not found\n`);

    const limitAlone = triad('report', snapshot, '--out', out, '--changes-limit', '5');
    expect(limitAlone.stderr).toBe('triad: report: --changes-limit applies to the changes section; give --since <earlier.triad> too\n');
    expect(existsSync(out)).toBe(false);
  }, 600_000);
});
