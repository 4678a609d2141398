// Inputs for the report's exception, review, changes and Trusted Advisor sections, on the shared fixture
// organization: an exceptions file with a live, an expired and a pending exception, a review with notes, a
// seeded sample and a sign-off, and the fixture with the Trusted Advisor availability a collection records.
// Hostile text in the files must come out of the report literally.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ExceptionEntry } from '../../../src/shared/exceptions';
import type { ReviewFileContent } from '../../../src/shared/review';
import { addSample, newReview, sampleControl, saveReview, signOff, updateItem } from '../../../src/main/review';
import { createSnapshotWriter, openSnapshot } from '../../../src/main/snapshot';
import { writePair as writeDiffPair } from '../diff/pair';
import { BACKUP, DEV, FIXTURE_ACCOUNTS, FIXTURE_REGIONS, PROD, S3_PUBLIC, SEC, writeHeader, writePair } from '../snapshot/fixture';

export const REPORT_TIME = '2026-06-15T09:30:00.000Z';
export const HOSTILE_JUSTIFICATION = '<script>alert("x")</script> & =HYPERLINK("http://evil.example") \u202Egnp.exe';
export const HOSTILE_NOTE = '<img src=x onerror=alert(1)> @SUM(A1) \u202Eroot';

const entry = (id: string, scope: ExceptionEntry['scope'], created: string, expires: string, justification = 'Accepted.'): ExceptionEntry => ({
  id,
  scope,
  justification,
  owner: 'web-team@example.com',
  approver: 'ciso@example.com',
  created,
  expires,
});

/** The three exceptions of the fixture tests: live on the report day, expired before it, and not yet in force. */
export const FIXTURE_EXCEPTIONS: ExceptionEntry[] = [
  entry('EX-1', { controlId: S3_PUBLIC, resourcePattern: 'prod-public-*' }, '2026-01-15', '2026-07-15', HOSTILE_JUSTIFICATION),
  entry('EX-2', { accountId: DEV }, '2025-01-01', '2026-03-31'),
  entry('EX-3', { region: 'us-east-1' }, '2026-09-01', '2027-01-31'),
];

export function writeExceptionsFile(path: string, exceptions: ExceptionEntry[] = FIXTURE_EXCEPTIONS): void {
  writeFileSync(path, JSON.stringify({ format: 'triad-exceptions', version: 1, exceptions }, null, 2));
}

/** The fixture organization with the Trusted Advisor availability a collection records per account. */
export function writeFixtureWithTrustedAdvisor(path: string): void {
  const writer = createSnapshotWriter(path);
  writeHeader(writer);
  writer.setMeta({
    trustedAdvisor: {
      [PROD]: { state: 'available', note: '' },
      [DEV]: { state: 'not-available', note: 'SubscriptionRequiredException: the Basic support plan has no Trusted Advisor API' },
      [SEC]: { state: 'not-collected', note: 'AccessDenied on support:DescribeTrustedAdvisorChecks' },
    },
  });
  for (const account of FIXTURE_ACCOUNTS) {
    for (const region of FIXTURE_REGIONS) {
      writePair(writer, account.id, region);
      writer.markPairDone(account.id, region);
    }
  }
  writer.finish({ partial: false });
}

/** A review of `snapshot`: a control note, a finding note, a seeded sample of the S3 control and a sign-off. */
export function writeReviewFile(path: string, snapshot: string): ReviewFileContent {
  const reader = openSnapshot(snapshot);
  const review = newReview(reader.info());
  const findingId = reader.findings({ controlId: BACKUP, offset: 0, limit: 10 })!.rows.find((f) => f.resourceId === 'prod-db')!.id;
  reader.close();
  updateItem(review, { kind: 'control', controlId: S3_PUBLIC }, { status: 'reviewed-ok', note: `Owner confirmed. ${HOSTILE_NOTE}` }, '2026-06-01T10:00:00.000Z');
  updateItem(review, { kind: 'finding', findingId }, { status: 'issue-raised', note: 'Backups are off: raised as ISSUE-42.' }, '2026-06-01T10:05:00.000Z');
  const picked = sampleControl(snapshot, S3_PUBLIC, 3, 'fy2026');
  addSample(review, { controlId: S3_PUBLIC, seed: 'fy2026', size: 3, population: picked.population, findingIds: picked.findingIds, createdAt: '2026-06-01T11:00:00.000Z' });
  signOff(review, 'Jane Auditor', '2026-06-02');
  saveReview(path, review);
  return review;
}

/** An empty review of `snapshot`. */
export function writeEmptyReview(path: string, snapshot: string): void {
  const reader = openSnapshot(snapshot);
  saveReview(path, newReview(reader.info()));
  reader.close();
}

/** Every input of the report's sections, written into `dir`: the snapshot, the exceptions and review files, and a diff pair. */
export interface SectionFiles {
  snapshot: string;
  exceptionsFile: string;
  reviewFile: string;
  pair: { base: string; current: string };
}

export function writeSectionFiles(dir: string): SectionFiles {
  const snapshot = join(dir, 'org.triad');
  writeFixtureWithTrustedAdvisor(snapshot);
  const exceptionsFile = join(dir, 'exceptions.json');
  writeExceptionsFile(exceptionsFile);
  const reviewFile = join(dir, 'org.review.json');
  writeReviewFile(reviewFile, snapshot);
  return { snapshot, exceptionsFile, reviewFile, pair: writeDiffPair(dir) };
}
