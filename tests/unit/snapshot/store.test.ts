import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSnapshotWriter, openSnapshot, SnapshotError, workPathFor } from '../../../src/main/snapshot';
import { openDatabase } from '../../../src/main/snapshot/sqlite';
import {
  BACKUP,
  CUSTOM,
  DEV,
  FIXTURE_ACCOUNTS,
  FIXTURE_FINDINGS,
  FIXTURE_REGIONS,
  HOSTILE_TAG,
  PROD,
  S3_PUBLIC,
  SEC,
  buildFixtureSnapshot,
  configurationItem,
  tempFolder,
  writeHeader,
  writePair,
} from './fixture';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempFolder()));
afterEach(() => cleanup());

describe('snapshot write → read round trip', () => {
  it('reads back metadata, counts, controls and pillar scores from the summary', () => {
    const file = join(dir, 'org.triad');
    buildFixtureSnapshot(file);
    const snapshot = openSnapshot(file);
    try {
      const info = snapshot.info();
      expect(info.fileName).toBe('org.triad');
      expect(info.meta).toMatchObject({ formatVersion: '1.0', title: 'Fixture organization', partial: false, isDemo: false, digest: expect.stringMatching(/^[0-9a-f]{64}$/) });
      expect(info.meta.collectedBy?.arn).toBe(`arn:aws:sts::${SEC}:assumed-role/Auditor/alice`);
      // 17 findings; two resources (prod-public-site, dev-scratch) are shared by two controls each.
      expect(info.counts).toEqual({ findings: 17, controls: 6, accounts: 3, regions: 2, evidence: 15, errors: 1 });

      const overview = snapshot.overview();
      const byPillar = Object.fromEntries(overview.pillars.map((p) => [p.pillar, p]));
      expect(byPillar.confidentiality.score.percent).toBe(57.1);
      expect(byPillar.confidentiality.score.counts).toMatchObject({ COMPLIANT: 4, NON_COMPLIANT: 3, NOT_APPLICABLE: 1, INSUFFICIENT_DATA: 1 });
      expect(byPillar.confidentiality).toMatchObject({ controls: 3, failingControls: 2 });
      expect(byPillar.integrity.score).toMatchObject({ percent: 100, total: 3 });
      expect(byPillar.integrity.score.counts.ERROR).toBe(1);
      expect(byPillar.availability.score.percent).toBe(50);
      expect(byPillar.unclassified).toMatchObject({ controls: 1, failingControls: 1 });
      expect(overview.total).toMatchObject({ total: 17, percent: 61.5 });
      expect(overview.topFailing.map((c) => c.id)[0]).toBe(S3_PUBLIC);
      expect(overview.coverage).toMatchObject({ pairs: 6, collected: 4, errorCount: 1 });
      expect(overview.coverage.gaps.map((g) => g.state).sort()).toEqual(['not-enabled', 'partial']);
      expect(overview.coverage.errors[0].code).toBe('AccessDenied');
    } finally {
      snapshot.close();
    }
  });

  it('keeps evidence exactly as given, deduplicated, with provenance and related findings', () => {
    const file = join(dir, 'org.triad');
    buildFixtureSnapshot(file);
    const snapshot = openSnapshot(file);
    try {
      const page = snapshot.findings({ controlId: S3_PUBLIC, text: 'public-site', offset: 0, limit: 10 })!;
      expect(page.total).toBe(1);
      const detail = snapshot.finding(page.rows[0].id)!;
      expect(detail.finding).toMatchObject({ status: 'NON_COMPLIANT', annotation: 'Bucket allows public read.', accountName: 'prod-main' });
      expect(detail.evidence?.body).toEqual(configurationItem(PROD, 'eu-west-1', 'AWS::S3::Bucket', 'prod-public-site'));
      expect((detail.evidence?.body as { tags: { owner: string } }).tags.owner).toBe(HOSTILE_TAG);
      expect(detail.evidence?.provenance).toEqual({
        service: 'config',
        operation: 'BatchGetResourceConfig',
        params: { resourceKeys: [{ resourceType: 'AWS::S3::Bucket', resourceId: 'prod-public-site' }] },
        accountId: PROD,
        region: 'eu-west-1',
        retrievedAt: '2026-11-20T12:00:00.000Z',
      });
      expect(detail.related.map((r) => r.controlId)).toEqual([CUSTOM]);
      expect(detail.related[0].evidenceId).toBe(detail.finding.evidenceId);
      expect(detail.control.classification?.rationale).toBe('Rationale for S3_BUCKET_PUBLIC_READ_PROHIBITED.');
    } finally {
      snapshot.close();
    }
  });

  it('finishes with unique indexes on evidence content hashes and provenance, one row each', () => {
    const file = join(dir, 'org.triad');
    buildFixtureSnapshot(file);
    const db = openDatabase(file, { readonly: true, fileMustExist: true });
    try {
      const uniqueColumns = (table: string) =>
        (db.prepare(`SELECT name FROM pragma_index_list('${table}') WHERE "unique" = 1`).pluck().all() as string[]).map((name) =>
          (db.prepare('SELECT name FROM pragma_index_info(?)').pluck().all(name) as string[]).join(),
        );
      expect(uniqueColumns('evidence')).toContain('sha256');
      expect(uniqueColumns('provenance')).toContain('service,operation,params,account_id,region,retrieved_at');
      expect(db.prepare('SELECT count(*) - count(DISTINCT sha256) FROM evidence').pluck().get()).toBe(0);
    } finally {
      db.close();
    }
  });

  it('stores the same body object once per identity, and again when anything else about it differs', () => {
    const file = join(dir, 'org.triad');
    const writer = createSnapshotWriter(file);
    writeHeader(writer);
    const provenance = { service: 'config', operation: 'BatchGetResourceConfig', params: {}, accountId: PROD, region: 'eu-west-1', retrievedAt: '2026-11-20T12:00:00.000Z' };
    const body = configurationItem(PROD, 'eu-west-1', 'AWS::S3::Bucket', 'same-body');
    const item = { kind: 'configuration-item' as const, resourceType: 'AWS::S3::Bucket', resourceId: 'same-body', accountId: PROD, region: 'eu-west-1', body, provenance };
    const first = writer.addEvidence(item);
    expect(writer.addEvidence({ ...item })).toBe(first);
    expect(writer.addEvidence({ ...item, body: structuredClone(body) })).toBe(first);
    const elsewhere = writer.addEvidence({ ...item, region: 'us-east-1' });
    const captured = writer.addEvidence({ ...item, capturedAt: '2026-11-20T11:00:00.000Z' });
    expect(new Set([first, elsewhere, captured]).size).toBe(3);
    expect(writer.addEvidence({ ...item, region: 'us-east-1' })).toBe(elsewhere);
    writer.close();
  });

  it('pages, sorts, filters and searches a control’s findings', () => {
    const file = join(dir, 'org.triad');
    buildFixtureSnapshot(file);
    const snapshot = openSnapshot(file);
    try {
      const all = snapshot.findings({ controlId: S3_PUBLIC, sort: 'resource', offset: 0, limit: 1000 })!;
      expect(all.total).toBe(6);
      expect(all.rows.map((r) => r.resourceId)).toEqual(['dev-scratch', 'dev-tmp', 'prod-assets', 'prod-logs', 'prod-public-site', 'sec-archive']);
      const second = snapshot.findings({ controlId: S3_PUBLIC, sort: 'resource', descending: true, offset: 1, limit: 2 })!;
      expect(second).toMatchObject({ total: 6, offset: 1 });
      expect(second.rows.map((r) => r.resourceId)).toEqual(['prod-public-site', 'prod-logs']);
      const failingInDev = snapshot.findings({
        controlId: S3_PUBLIC,
        filters: { ous: ['Root/Workloads/Dev'], statuses: ['NON_COMPLIANT'] },
        offset: 0,
        limit: 10,
      })!;
      expect(failingInDev.rows.map((r) => [r.accountId, r.annotation])).toEqual([[DEV, HOSTILE_TAG]]);
      // A search string is literal text, never a LIKE pattern.
      expect(snapshot.findings({ controlId: S3_PUBLIC, text: '%', offset: 0, limit: 10 })!.total).toBe(0);
      expect(snapshot.findings({ controlId: S3_PUBLIC, text: '<SCRIPT>', offset: 0, limit: 10 })!.total).toBe(1);
      // A severity filter that excludes the control empties its page.
      expect(snapshot.findings({ controlId: S3_PUBLIC, filters: { severities: ['low'] }, offset: 0, limit: 10 })!.total).toBe(0);
      expect(snapshot.findings({ controlId: 'config-rule:NOPE', offset: 0, limit: 10 })).toBeNull();
      expect(snapshot.finding(9999)).toBeNull();
    } finally {
      snapshot.close();
    }
  });

  it('refuses a finding with a status outside the vocabulary at write time', () => {
    const writer = createSnapshotWriter(join(dir, 'x.triad'));
    expect(() =>
      writer.addFinding({ controlId: S3_PUBLIC, accountId: PROD, region: 'eu-west-1', resourceType: 't', resourceId: 'r', status: 'PASSED' as 'COMPLIANT' }),
    ).toThrow(/unknown status PASSED/);
    writer.close();
  });

  it('refuses to finish when findings refer to a control that was never added', () => {
    const file = join(dir, 'x.triad');
    const writer = createSnapshotWriter(file);
    writer.addFinding({ controlId: 'config-rule:GHOST', accountId: PROD, region: 'eu-west-1', resourceType: 't', resourceId: 'r', status: 'COMPLIANT' });
    expect(() => writer.finish({ partial: false })).toThrow(/config-rule:GHOST, which was never added/);
    writer.close();
    expect(existsSync(file)).toBe(false);
  });

  it('marks a cancelled collection as partial', () => {
    const file = join(dir, 'cancelled.triad');
    buildFixtureSnapshot(file, { partial: true });
    const snapshot = openSnapshot(file);
    expect(snapshot.info().meta.partial).toBe(true);
    snapshot.close();
  });
});

describe('atomic writing', () => {
  it('creates nothing under the final name until finish, and leaves one self-contained file', () => {
    const file = join(dir, 'org.triad');
    const writer = createSnapshotWriter(file);
    writeHeader(writer);
    writePair(writer, PROD, 'eu-west-1');
    writer.markPairDone(PROD, 'eu-west-1');
    expect(existsSync(file)).toBe(false);
    expect(existsSync(workPathFor(file))).toBe(true);
    writer.finish({ partial: false });
    expect(readdirSync(dir)).toEqual(['org.triad']);
  });

  it.each(['this thread', 'a writer thread'])('a crash (SIGKILL) leaves only the work file, and resume finishes it without duplicates (rows written on %s)', (where) => {
    const file = join(dir, 'org.triad');
    const args = [join(__dirname, 'crash-writer.ts'), file, where === 'a writer thread' ? 'thread' : 'local'];
    const child = spawnSync(process.execPath, ['--import', 'tsx', ...args], { encoding: 'utf8' });
    expect(child.stderr).toBe('');
    expect(child.signal).toBe('SIGKILL');
    expect(existsSync(file)).toBe(false);
    expect(existsSync(workPathFor(file))).toBe(true);
    expect(() => openSnapshot(file)).toThrow(`${file}: file not found`);

    const writer = createSnapshotWriter(file, { resume: true });
    expect(writer.donePairs()).toEqual([{ accountId: PROD, region: 'eu-west-1' }]);
    finishRemainingPairs(writer);
    const snapshot = openSnapshot(file);
    expect(snapshot.info().counts.findings).toBe(FIXTURE_FINDINGS.length);
    expect(snapshot.info().meta.title).toBe('Fixture organization');
    snapshot.close();
    expect(readdirSync(dir)).toEqual(['org.triad']);
  });

  it('keeps the finished work file when the final name cannot be written', () => {
    const file = join(dir, 'taken.triad');
    mkdirSync(file);
    const writer = createSnapshotWriter(file);
    writeHeader(writer);
    expect(() => writer.finish({ partial: false })).toThrow(`${file}: cannot be written (EISDIR); the complete snapshot is kept in ${workPathFor(file)}`);
    expect(existsSync(workPathFor(file))).toBe(true);
  });

  it('refuses to start over an interrupted collection, and to resume when there is none', () => {
    const file = join(dir, 'org.triad');
    createSnapshotWriter(file).close();
    expect(() => createSnapshotWriter(file)).toThrow(/interrupted collection already uses this work file/);
    expect(() => createSnapshotWriter(join(dir, 'other.triad'), { resume: true })).toThrow(/no interrupted collection to resume/);
  });
});

describe('resume', () => {
  it('discards committed rows of pairs not marked done, then adds them once', () => {
    const file = join(dir, 'org.triad');
    const first = createSnapshotWriter(file);
    writeHeader(first);
    writePair(first, PROD, 'eu-west-1');
    first.markPairDone(PROD, 'eu-west-1');
    writePair(first, DEV, 'eu-west-1'); // committed by close(), but never marked done
    first.close();

    const resumed = createSnapshotWriter(file, { resume: true });
    expect(resumed.donePairs()).toEqual([{ accountId: PROD, region: 'eu-west-1' }]);
    finishRemainingPairs(resumed);

    const snapshot = openSnapshot(file);
    try {
      expect(snapshot.info().counts).toMatchObject({ findings: FIXTURE_FINDINGS.length, evidence: 15, errors: 1 });
      const devPage = snapshot.findings({ controlId: S3_PUBLIC, filters: { accounts: [DEV] }, offset: 0, limit: 100 })!;
      expect(devPage.rows.map((r) => r.resourceId).sort()).toEqual(['dev-scratch', 'dev-tmp']);
      expect(snapshot.findings({ controlId: BACKUP, offset: 0, limit: 100 })!.total).toBe(3);
    } finally {
      snapshot.close();
    }
  });
});

function finishRemainingPairs(writer: ReturnType<typeof createSnapshotWriter>): void {
  const done = new Set(writer.donePairs().map((p) => `${p.accountId}/${p.region}`));
  for (const account of FIXTURE_ACCOUNTS) {
    for (const region of FIXTURE_REGIONS) {
      if (done.has(`${account.id}/${region}`)) continue;
      writePair(writer, account.id, region);
      writer.markPairDone(account.id, region);
    }
  }
  writer.finish({ partial: false });
}

describe('SnapshotError', () => {
  it('names the file and the problem', () => {
    const error = new SnapshotError('/x/y.triad', 'not a Triad snapshot (not an SQLite file)');
    expect(error.message).toBe('/x/y.triad: not a Triad snapshot (not an SQLite file)');
  });
});
