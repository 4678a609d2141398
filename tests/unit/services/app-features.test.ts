// The app features of issues 6 and 7 through the real service and dispatcher, as the renderer calls them: exports
// (save location from the host, atomic writes, progress, open when done), the review file, signing with the host's
// key store and the trusted-keys list the user manages.
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiEvents, ApiResponse, ReviewDocument } from '../../../src/shared/api';
import type { ExportOutcome } from '../../../src/shared/exports';
import type { IntegrityReport, ReportIntegrity } from '../../../src/shared/integrity';
import { defaultReportOptions, type ReportModel } from '../../../src/shared/report';
import type { SigningKeyInfo, TrustedKeyList } from '../../../src/shared/signing';
import { createTestSigningKeyStore } from '../../../src/main/host/test-signing-key-store';
import { generateSigningKey } from '../../../src/main/integrity';
import { newReview, sampleControl, saveReview } from '../../../src/main/review';
import { dispatch } from '../../../src/main/services/dispatch';
import type { Platform, PrintRequest, TriadService } from '../../../src/main/services/platform';
import { createTriadService } from '../../../src/main/services/triad-service';
import { openSnapshot } from '../../../src/main/snapshot';
import { S3_PUBLIC, buildFixtureSnapshot, tempFolder } from '../snapshot/fixture';
import { writePair } from '../diff/pair';

let dir: string;
let cleanup: () => void;
let snapshot: string;
let service: TriadService;
let progress: ApiEvents['export.progress'][];
let opened: string[];
/** Each print the host was asked for, with what its print route was served while it printed. */
let printed: { request: PrintRequest; model: ReportModel; integrity: ReportIntegrity }[];
let saveAnswer: string | null | undefined;

function start(extra: Partial<Platform> = {}) {
  const platform: Platform = {
    host: 'browser',
    emit: (event, payload) => {
      if (event === 'export.progress') progress.push(payload as ApiEvents['export.progress']);
    },
    pickSavePath: ({ defaultName }) => Promise.resolve(saveAnswer === undefined ? join(dir, 'out', defaultName) : saveAnswer),
    printReport: async (request) => {
      // As the print route does: it asks the service for the model and integrity of its options.
      const model = await value<ReportModel>('report.model', { options: request.options });
      const integrity = await value<ReportIntegrity>('report.integrity', null);
      printed.push({ request, model, integrity });
      writeFileSync(request.outPath, '%PDF-1.7 printed');
      return { bytes: 16 };
    },
    openPath: (path) => {
      opened.push(path);
      return Promise.resolve();
    },
    ...extra,
  };
  service = createTriadService(platform);
  service.open(snapshot);
}

beforeEach(() => {
  ({ dir, cleanup } = tempFolder('triad-app-features-'));
  mkdirSync(join(dir, 'out'));
  snapshot = join(dir, 'org.triad');
  buildFixtureSnapshot(snapshot);
  progress = [];
  opened = [];
  printed = [];
  saveAnswer = undefined;
});
afterEach(() => {
  service.close();
  cleanup();
});

async function value<T>(method: string, params?: unknown): Promise<T> {
  const response = (await dispatch(service.handlers, method, params)) as ApiResponse<T>;
  if (!response.ok) throw new Error(`${method}: ${response.error.code}: ${response.error.message}`);
  return response.value;
}
async function refusal(method: string, params?: unknown): Promise<string> {
  const response = await dispatch(service.handlers, method, params);
  if (response.ok) throw new Error(`${method} was not refused`);
  return `${response.error.code}: ${response.error.message}`;
}

describe('export.data and export.report', () => {
  it('writes the CSV where the host says, with the BOM, reports progress, and opens exactly that file when asked', async () => {
    start();
    const outcome = await value<ExportOutcome>('export.data', { format: 'csv', filters: { statuses: ['NON_COMPLIANT'] }, bom: true, fileName: 'failing', openWhenDone: true });
    const path = join(dir, 'out', 'failing.csv');
    expect(outcome).toMatchObject({ kind: 'data', path, fileName: 'failing.csv', rows: 5, fullList: null, opened: true, openProblem: null });
    const bytes = readFileSync(path);
    expect(outcome.bytes).toBe(bytes.length);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(opened).toEqual([path]);
    expect(progress.map((p) => p.phase)).toEqual(['preparing', 'writing', 'opening', 'done']);
    expect(readdirSync(join(dir, 'out'))).toEqual(['failing.csv']);
  });

  it('writes OCSF as JSON lines, and a cancelled save dialog writes nothing', async () => {
    start();
    const outcome = await value<ExportOutcome>('export.data', { format: 'ocsf', bom: false, fileName: 'events', openWhenDone: false });
    expect(outcome.fileName).toBe('events.jsonl');
    expect(readFileSync(outcome.path, 'utf8').trimEnd().split('\n')).toHaveLength(17);
    saveAnswer = null;
    expect(await value('export.data', { format: 'json', bom: false, fileName: 'nothing', openWhenDone: false })).toBeNull();
    expect(readdirSync(join(dir, 'out'))).toEqual(['events.jsonl']);
  });

  it('refuses what it cannot do with one clear message', async () => {
    start({ pickSavePath: undefined });
    expect(await refusal('export.data', { format: 'csv', bom: false, fileName: 'x', openWhenDone: false })).toBe(
      'unavailable: This host cannot save files: start the browser host with --output-dir DIR, or use the desktop app.',
    );
    service.close();
    start();
    expect(await refusal('export.data', { format: 'json', bom: true, fileName: 'x', openWhenDone: false })).toBe('bad-request: export.data: the byte order mark applies to CSV only');
    expect(await refusal('export.data', { format: 'csv', bom: false, fileName: '../etc/passwd', openWhenDone: false })).toBe(
      'bad-request: export.data: params.fileName has an invalid format',
    );
    mkdirSync(join(dir, 'out', 'taken.csv'));
    expect(await refusal('export.data', { format: 'csv', bom: false, fileName: 'taken', openWhenDone: false })).toBe(
      `bad-request: cannot write ${join(dir, 'out', 'taken.csv')}: it is a folder`,
    );
    expect(progress.at(-1)).toMatchObject({ phase: 'failed' });
  });

  it('prepares the report as the CLI does (the complete list beside a capped report) and has the host print it', async () => {
    start({ openPath: undefined });
    const options = { ...defaultReportOptions('2026-11-27T00:00:00.000Z'), completeLimit: 1, paper: 'letter' as const };
    const outcome = await value<ExportOutcome>('export.report', { options, fileName: 'audit', openWhenDone: true });
    const path = join(dir, 'out', 'audit.pdf');
    expect(outcome).toMatchObject({ kind: 'report', path, bytes: 16, rows: null, opened: false, openProblem: 'This host cannot open files; open it from its folder.' });
    expect(outcome.fullList).toEqual({ path: join(dir, 'out', 'audit.failing-findings.csv'), rows: 5 });
    expect(printed).toHaveLength(1);
    // Printed to a hidden draft beside the file (served the verdict the recorded digest promises), renamed into
    // place once the integrity check agreed.
    expect(printed[0].request.outPath).toMatch(/[/\\]out[/\\]\.audit\.pdf\.[0-9a-f]+\.tmp$/);
    expect(readFileSync(path, 'utf8')).toBe('%PDF-1.7 printed');
    expect(readdirSync(join(dir, 'out')).sort()).toEqual(['audit.failing-findings.csv', 'audit.pdf']);
    expect(printed[0].request.options).toMatchObject({ paper: 'letter', fullList: { fileName: 'audit.failing-findings.csv', rows: 5 } });
    // The route is served the model prepared with the complete list, not one built again without it.
    expect(printed[0].model.listing.mode).not.toBe('complete');
    expect(printed[0].model.options.fullList).toMatchObject({ fileName: 'audit.failing-findings.csv', rows: 5 });
    expect(printed[0].integrity).toMatchObject({ state: expect.any(String), warning: false });
    expect(progress.map((p) => p.phase)).toEqual(['preparing', 'printing', 'done']);
  });

  it('prints a snapshot changed since it was sealed again, with the verdict the integrity check found', async () => {
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(snapshot);
    db.exec(`UPDATE accounts SET name = 'renamed'`);
    db.close();
    start();
    const options = defaultReportOptions('2026-11-27T00:00:00.000Z');
    const outcome = await value<ExportOutcome>('export.report', { options, fileName: 'audit', openWhenDone: false });
    const path = join(dir, 'out', 'audit.pdf');
    expect(outcome).toMatchObject({ kind: 'report', path });
    expect(printed).toHaveLength(2);
    // The first print, served the verdict the recorded digest promised, never reaches the file's name.
    expect(printed[0].request.outPath).not.toBe(path);
    expect(printed[0].integrity).toMatchObject({ state: 'unsigned', warning: false });
    expect(printed[1].request.outPath).toBe(path);
    expect(printed[1].integrity).toMatchObject({ state: 'tampered', warning: true });
    expect(readdirSync(join(dir, 'out'))).toEqual(['audit.pdf']);
    expect(progress.map((p) => p.message)).toContain('The snapshot no longer matches its recorded digest: printing again with the integrity check’s verdict…');
  });
});

describe('review.*', () => {
  const reviewPath = () => join(dir, 'org.review.json');

  it('creates the file beside the snapshot, records notes, a reproducible sample and the sign-off', async () => {
    start();
    const created = await value<ReviewDocument>('review.open', { path: reviewPath(), create: true });
    expect(created.review.snapshot.digest).toBe(openSnapshot(snapshot).info().meta.digest);
    await value('review.note', { path: reviewPath(), target: { kind: 'control', controlId: S3_PUBLIC }, status: 'issue-raised', note: 'Two public buckets' });
    const sampled = await value<ReviewDocument>('review.sample', { path: reviewPath(), controlId: S3_PUBLIC, size: 2, seed: 'fy2026' });
    expect(sampled.review.samples[0].findingIds).toEqual(sampleControl(snapshot, S3_PUBLIC, 2, 'fy2026').findingIds);
    const unseeded = await value<ReviewDocument>('review.sample', { path: reviewPath(), controlId: S3_PUBLIC, size: 1 });
    expect(unseeded.review.samples[0].seed).toMatch(/^[0-9a-f]{16}$/);
    const signed = await value<ReviewDocument>('review.signOff', { path: reviewPath(), name: 'Jane Auditor', date: '2026-11-27' });
    expect(signed.review.signOff).toEqual({ name: 'Jane Auditor', date: '2026-11-27' });
    const onDisk = JSON.parse(readFileSync(reviewPath(), 'utf8')) as ReviewDocument['review'];
    expect(onDisk).toEqual(signed.review);
    expect(onDisk.items.find((i) => i.target.kind === 'control')).toMatchObject({ status: 'issue-raised', note: 'Two public buckets' });
    // Opening it again (create or not) reads what is there.
    expect((await value<ReviewDocument>('review.open', { path: reviewPath(), create: true })).review).toEqual(onDisk);
  });

  it('refuses a review of another snapshot, a relative path, an unknown finding and a missing file', async () => {
    start();
    const pair = writePair(dir);
    const otherPath = join(dir, 'base.review.json');
    const other = openSnapshot(pair.base);
    saveReview(otherPath, newReview(other.info()));
    other.close();
    expect(await refusal('review.open', { path: otherPath, create: false })).toMatch(
      new RegExp(`^bad-request: ${otherPath.replaceAll('/', '\\/').replaceAll('.', '\\.')} is the review of another snapshot .* not of org\\.triad`),
    );
    expect(await refusal('review.open', { path: 'org.review.json', create: true })).toBe(
      'bad-request: A review file is a .json file given by its full path; "org.review.json" is not',
    );
    expect(await refusal('review.open', { path: join(dir, 'elsewhere', 'org.review.json'), create: true })).toBe(
      `bad-request: A review file lives beside its snapshot, in ${dir}; "${join(dir, 'elsewhere', 'org.review.json')}" is elsewhere`,
    );
    expect(existsSync(join(dir, 'elsewhere'))).toBe(false);
    expect(await refusal('review.open', { path: reviewPath(), create: false })).toBe(`bad-request: ${reviewPath()}: file not found`);
    await value('review.open', { path: reviewPath(), create: true });
    expect(await refusal('review.note', { path: reviewPath(), target: { kind: 'finding', findingId: 999_999 }, status: 'reviewed-ok' })).toBe(
      'bad-request: org.triad has no finding 999999',
    );
    expect(await refusal('review.note', { path: reviewPath(), target: { kind: 'finding', controlId: S3_PUBLIC } })).toMatch(/params\.target must be/);
  });
});

describe('signing and trusted keys', () => {
  it('creates a key, signs the open snapshot in place, and verification applies the managed trusted-keys list', async () => {
    const keys = join(dir, 'keys');
    mkdirSync(keys);
    const trustedKeysPath = join(keys, 'trusted.json');
    start({ signingKeys: createTestSigningKeyStore(keys), signingKeysKind: 'test-only', trustedKeysPath });
    expect(await value('app.info')).toMatchObject({ canSave: true, canOpenFiles: true, signingKeys: 'test-only' });
    expect(await value('signing.key')).toBeNull();
    const key = await value<SigningKeyInfo>('signing.createKey', { name: 'Jane Auditor', replace: false });
    expect(key).toMatchObject({ name: 'Jane Auditor', fingerprint: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(await refusal('signing.createKey', { name: 'Other', replace: false })).toMatch(/^bad-request: a signing key already exists/);
    expect(await value('signing.key')).toEqual(key);

    const before = readFileSync(snapshot);
    const signed = await value<{ signer: string; path: string }>('snapshot.sign');
    expect(signed).toMatchObject({ signer: 'Jane Auditor', path: snapshot });
    expect(readFileSync(snapshot).equals(before)).toBe(false);
    expect((await value<IntegrityReport>('snapshot.verify', {})).state).toBe('signed');

    const list = await value<TrustedKeyList>('trustedKeys.add', { name: 'Jane (audit team)', publicKeyPem: key.publicPem });
    expect(list).toEqual({ path: trustedKeysPath, keys: [{ name: 'Jane (audit team)', fingerprint: key.fingerprint }] });
    expect(await value<IntegrityReport>('snapshot.verify', {})).toMatchObject({ state: 'verified', trustChecked: true });
    expect(await refusal('trustedKeys.add', { name: 'Again', publicKeyPem: key.publicPem })).toBe('bad-request: this key is already trusted, as "Jane (audit team)"');
    expect(await refusal('trustedKeys.add', { name: 'Leak', publicKeyPem: generateSigningKey('x').privatePem })).toMatch(/^bad-request: that is a PRIVATE key/);
    expect(await refusal('trustedKeys.add', { name: 'Junk', publicKeyPem: 'hello' })).toMatch(/not an Ed25519 public key/);

    const other = generateSigningKey('Bob');
    await value('trustedKeys.add', { name: 'Bob', publicKeyPem: other.publicPem });
    const removed = await value<TrustedKeyList>('trustedKeys.remove', { fingerprint: key.fingerprint });
    expect(removed.keys).toEqual([{ name: 'Bob', fingerprint: other.fingerprint }]);
    expect((await value<IntegrityReport>('snapshot.verify', {})).state).toBe('untrusted');

    saveAnswer = join(dir, 'out', 'jane.pub.pem');
    expect(await value('signing.exportPublicKey', { fileName: 'jane.pub.pem' })).toEqual({ path: saveAnswer });
    expect(readFileSync(saveAnswer, 'utf8')).toBe(key.publicPem);
  });

  it('says so where the host keeps no key and no trusted list', async () => {
    start();
    expect(await value('signing.key')).toBeNull();
    expect(await value('trustedKeys.list')).toEqual({ path: null, keys: [] });
    expect(await refusal('snapshot.sign')).toMatch(/^unavailable: This host keeps no signing key/);
    expect(await refusal('trustedKeys.add', { name: 'x', publicKeyPem: 'y' })).toMatch(/^unavailable: This host keeps no trusted-keys list/);
  });

  it('refuses to sign a tampered snapshot and leaves it as it was', async () => {
    const keys = join(dir, 'keys');
    mkdirSync(keys);
    const tampered = join(dir, 'tampered.triad');
    copyFileSync(snapshot, tampered);
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(tampered);
    db.exec(`UPDATE accounts SET name = 'renamed'`);
    db.close();
    snapshot = tampered;
    start({ signingKeys: createTestSigningKeyStore(keys), signingKeysKind: 'test-only' });
    await value('signing.createKey', { name: 'Jane', replace: false });
    const before = readFileSync(tampered);
    expect(await refusal('snapshot.sign')).toMatch(/^snapshot-invalid: .*tampered\.triad: will not be signed/);
    expect(readFileSync(tampered).equals(before)).toBe(true);
    expect(existsSync(join(dir, 'tampered.triad'))).toBe(true);
  });
});
