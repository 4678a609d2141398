import { copyFileSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DIGEST_SCHEME,
  computeContentDigest,
  contentLines,
  generateSigningKey,
  parseSigningKey,
  parseTrustedKeys,
  signSnapshotFile,
  verifySnapshotFile,
  verifySnapshotFileAsync,
  verifySnapshotFileExpecting,
} from '../../../src/main/integrity';
import { openSnapshot } from '../../../src/main/snapshot';
import { PROD, S3_PUBLIC, tempFolder } from '../snapshot/fixture';
import { contentDigestOnWorker } from '../../../src/main/integrity/digest-thread';
import { BACKGROUND_NICE } from '../../../src/main/worker-thread';
import { alteredCopy, sealedFixture } from './helpers';

let dir: string;
let cleanup: () => void;
let original: string;
beforeAll(() => {
  ({ dir, cleanup } = tempFolder('triad-integrity-'));
  original = sealedFixture(dir);
});
afterAll(() => cleanup());

const jane = parseSigningKey(generateSigningKey('Jane Auditor').privatePem, 'jane.pem');
const mallory = parseSigningKey(generateSigningKey('Mallory').privatePem, 'mallory.pem');
const trustJane = () => parseTrustedKeys(JSON.stringify([{ name: 'Jane Auditor (Audit Ltd)', publicKeyPem: jane.publicKey.export({ type: 'spki', format: 'pem' }) }]), 'trusted.json');

describe('the content digest', () => {
  it('is recorded by the writer, shown by the reader, and matches on verification', () => {
    const snapshot = openSnapshot(original);
    const recorded = snapshot.info().meta.digest;
    snapshot.close();
    expect(recorded).toMatch(/^[0-9a-f]{64}$/);
    const report = verifySnapshotFile(original);
    expect(report).toMatchObject({ state: 'unsigned', recordedDigest: recorded, computedDigest: recorded, scheme: DIGEST_SCHEME, signatures: [] });
  });

  it('does not depend on the page layout: a VACUUMed copy has the same digest', () => {
    const vacuumed = alteredCopy(original, 'PRAGMA page_size = 1024; VACUUM;', 'vacuumed.triad');
    expect(statSync(vacuumed).size).not.toBe(statSync(original).size);
    expect(verifySnapshotFile(vacuumed).state).toBe('unsigned');
  });

  it('serializes one canonical line per row, starting with the scheme and leaving out the digest itself', () => {
    const db = new Database(original, { readonly: true });
    const lines = [...contentLines(db)];
    db.close();
    expect(lines[0]).toBe('triad-content-1');
    expect(lines).toContain(`["accounts","${PROD}","prod-main","Root/Workloads/Prod","prod@example.com"]`);
    expect(lines.some((l) => l.startsWith('["meta","digest"'))).toBe(false);
    expect(lines.some((l) => l.startsWith('["meta","title","\\"Fixture organization\\""]'))).toBe(true);
    expect(lines.filter((l) => l.startsWith('["findings",')).length).toBe(17);
    // Integers stay integers and reals are marked as reals, so changing a value's type is a change.
    expect(lines.find((l) => l.startsWith('["call_stats",'))).toMatch(/,3,1,1,0,\{"real":"42"\}\]$/);
    expect(lines.every((l) => !l.includes('\n'))).toBe(true);
  });
});

describe('verify rejects a change to any single kind of field (raw SQLite UPDATE on a copy)', () => {
  const changes: [string, string][] = [
    ['an annotation', `UPDATE findings SET annotation = 'Bucket is fine.' WHERE annotation = 'Bucket allows public read.'`],
    ['a status', `UPDATE findings SET status = 'COMPLIANT' WHERE id = (SELECT min(id) FROM findings WHERE status = 'NON_COMPLIANT')`],
    ['an evidence byte', `UPDATE evidence SET body = replace(body, '"Enabled"', '"Enablec"') WHERE id = 1`],
    ['a metadata value', `UPDATE meta SET value = '"Another organization"' WHERE key = 'title'`],
    ['an account name', `UPDATE accounts SET name = 'renamed' WHERE id = '${PROD}'`],
    ['a control classification', `UPDATE controls SET pillar = 'availability' WHERE id = '${S3_PUBLIC}'`],
    ['a coverage state', `UPDATE coverage SET state = 'collected', reason = '' WHERE state = 'not-enabled'`],
    ['a provenance record', `UPDATE provenance SET operation = 'GetResourceConfigHistory' WHERE id = 1`],
    ['a collection error', `DELETE FROM errors`],
    ['a value type (same bytes, text → blob)', `UPDATE findings SET annotation = CAST(annotation AS BLOB) WHERE annotation IS NOT NULL`],
  ];
  it.each(changes)('%s', (label, sql) => {
    const file = alteredCopy(original, sql, `changed-${label.replace(/\W+/g, '-')}.triad`);
    const report = verifySnapshotFile(file);
    expect(report.state).toBe('tampered');
    expect(report.recordedDigest).not.toBe(report.computedDigest);
    expect(report.message).toMatch(/^TAMPERED: the content differs from the digest recorded/);
  });

  it('a snapshot without a recorded digest is reported as unverifiable, not as intact', () => {
    const file = alteredCopy(original, `DELETE FROM meta WHERE key IN ('digest', 'digestScheme')`, 'no-digest.triad');
    expect(verifySnapshotFile(file)).toMatchObject({ state: 'no-digest', recordedDigest: null });
  });

  it('a file that is not a snapshot gives an error naming it', () => {
    const file = join(dir, 'notes.triad');
    writeFileSync(file, 'not a snapshot'.repeat(20));
    expect(() => verifySnapshotFile(file)).toThrow(`${file}: is damaged or not a Triad snapshot`);
  });
});

describe('the verdict in two steps (a report prints with the expected one before the check ends)', () => {
  it('an unchanged snapshot: the expected verdict, known at once, is exactly the final one', async () => {
    const { expected, final } = verifySnapshotFileExpecting(original);
    expect(expected).toMatchObject({ state: 'unsigned' });
    expect(await final).toEqual(expected);
  });

  it('a signed snapshot checked against trusted keys: the expected verdict already names the trusted signer', async () => {
    const signed = join(dir, 'two-step-signed.triad');
    signSnapshotFile(original, jane, { outPath: signed, signedAt: '2026-11-26T10:00:00.000Z' });
    const { expected, final } = verifySnapshotFileExpecting(signed, { trusted: trustJane() });
    expect(expected).toMatchObject({ state: 'verified' });
    expect(await final).toEqual(expected);
  });

  it('a changed snapshot: the expectation is wrong, and the final verdict says tampered', async () => {
    const file = alteredCopy(original, `UPDATE meta SET value = '"Another organization"' WHERE key = 'title'`, 'two-step-changed.triad');
    const { expected, final } = verifySnapshotFileExpecting(file);
    expect(expected).toMatchObject({ state: 'unsigned' });
    const checked = await final;
    expect(checked.state).toBe('tampered');
    expect(checked).not.toEqual(expected);
  });

  it('recomputes only once the promise it is given settles, fulfilled or rejected', async () => {
    // Digested once already, so without the wait the verdict would come within milliseconds.
    await verifySnapshotFileAsync(original);
    for (const outcome of ['fulfilled', 'rejected'] as const) {
      let settle!: () => void;
      const after = new Promise<void>((resolve, reject) => (settle = outcome === 'fulfilled' ? resolve : () => reject(new Error('Chromium did not start'))));
      const { expected, final } = verifySnapshotFileExpecting(original, { recomputeAfter: after });
      let finished = false;
      void final.then(() => (finished = true));
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(finished).toBe(false);
      settle();
      expect(await final).toEqual(expected);
    }
  });

  it('nothing is expected of a snapshot without a recorded digest, or of a file that cannot be read', async () => {
    const noDigest = verifySnapshotFileExpecting(alteredCopy(original, `DELETE FROM meta WHERE key IN ('digest', 'digestScheme')`, 'two-step-no-digest.triad'));
    expect(noDigest.expected).toBeNull();
    expect((await noDigest.final).state).toBe('no-digest');
    const missing = verifySnapshotFileExpecting(join(dir, 'two-step-missing.triad'));
    expect(missing.expected).toBeNull();
    await expect(missing.final).rejects.toThrow('file not found or cannot be opened');
  });
});

describe('signatures', () => {
  it('round trip: signing keeps the content digest, and a trusted signer verifies', () => {
    const signed = join(dir, 'signed.triad');
    const before = readFileSync(original);
    const result = signSnapshotFile(original, jane, { outPath: signed, signedAt: '2026-11-26T10:00:00.000Z' });
    expect(readFileSync(original).equals(before)).toBe(true);
    expect(result).toMatchObject({ path: signed, signer: 'Jane Auditor', fingerprint: jane.fingerprint });

    const unchecked = verifySnapshotFile(signed);
    expect(unchecked.state).toBe('signed');
    expect(unchecked.computedDigest).toBe(verifySnapshotFile(original).computedDigest);
    const verified = verifySnapshotFile(signed, { trusted: trustJane() });
    expect(verified.state).toBe('verified');
    expect(verified.signatures).toEqual([
      { signer: 'Jane Auditor', fingerprint: jane.fingerprint, signedAt: '2026-11-26T10:00:00.000Z', state: 'valid', trustedAs: 'Jane Auditor (Audit Ltd)', problem: '' },
    ]);
    // The signed file is still an ordinary snapshot.
    const snapshot = openSnapshot(signed);
    expect(snapshot.info().meta.digest).toBe(result.digest);
    snapshot.close();
  });

  it('signing in place lets the caller close the file just before the signed copy replaces it', () => {
    const inPlace = join(dir, 'in-place.triad');
    copyFileSync(original, inPlace);
    const states: string[] = [];
    signSnapshotFile(inPlace, jane, { beforeReplace: () => states.push(verifySnapshotFile(inPlace).state) });
    // Called once, with the signed copy complete but the file still unsigned; then it is signed.
    expect(states).toEqual(['unsigned']);
    expect(verifySnapshotFile(inPlace).state).toBe('signed');
  });

  it('a signer missing from the trusted-keys list is untrusted; a fingerprint entry trusts the key', () => {
    const signed = join(dir, 'mallory.triad');
    signSnapshotFile(original, mallory, { outPath: signed });
    expect(verifySnapshotFile(signed, { trusted: trustJane() })).toMatchObject({ state: 'untrusted', signatures: [{ signer: 'Mallory', trustedAs: null }] });
    const byFingerprint = parseTrustedKeys(JSON.stringify([{ name: 'M', fingerprint: mallory.fingerprint.toUpperCase() }]), 'k.json');
    expect(verifySnapshotFile(signed, { trusted: byFingerprint }).state).toBe('verified');
  });

  it('an unsigned snapshot is never verified against a trusted-keys list', () => {
    expect(verifySnapshotFile(original, { trusted: trustJane() }).state).toBe('unsigned');
  });

  it('an altered signature, or a signer name edited after signing, is invalid', () => {
    const signed = join(dir, 'to-break.triad');
    signSnapshotFile(original, jane, { outPath: signed });
    const flipped = alteredCopy(signed, `UPDATE signatures SET signature = substr(signature, 1, 9) || (CASE substr(signature, 10, 1) WHEN 'A' THEN 'B' ELSE 'A' END) || substr(signature, 11)`, 'bad-signature.triad');
    const report = verifySnapshotFile(flipped, { trusted: trustJane() });
    expect(report.state).toBe('invalid-signature');
    expect(report.message).toContain('does not match the signed statement');
    const renamed = alteredCopy(signed, `UPDATE signatures SET payload = replace(payload, 'Jane Auditor', 'Jane Boss')`, 'renamed-signer.triad');
    expect(verifySnapshotFile(renamed).state).toBe('invalid-signature');
  });

  it('a key swapped in for the signer’s is invalid, even if the digest is also recomputed', () => {
    const signed = join(dir, 'swapped.triad');
    signSnapshotFile(original, jane, { outPath: signed });
    const pem = String(mallory.publicKey.export({ type: 'spki', format: 'pem' }));
    const swapped = alteredCopy(signed, `UPDATE signatures SET public_key = '${pem}'`, 'swapped-key.triad');
    expect(verifySnapshotFile(swapped).state).toBe('invalid-signature');
  });

  it('content edited after signing is tampered even when the editor also rewrites the recorded digest', () => {
    const signed = join(dir, 'signed-then-edited.triad');
    signSnapshotFile(original, jane, { outPath: signed });
    const edited = alteredCopy(signed, `UPDATE findings SET status = 'COMPLIANT' WHERE status = 'NON_COMPLIANT'`, 'edited.triad');
    const db = new Database(edited);
    db.prepare(`UPDATE meta SET value = ? WHERE key = 'digest'`).run(JSON.stringify(computeContentDigest(db)));
    db.close();
    const report = verifySnapshotFile(edited, { trusted: trustJane() });
    expect(report.state).toBe('tampered');
    expect(report.message).toContain('differs from what Jane Auditor (Audit Ltd)');
    expect(report.signatures[0].state).toBe('other-content');
  });

  it('re-signing in place replaces the file atomically and the same key’s earlier signature', () => {
    const file = join(dir, 'in-place.triad');
    copyFileSync(original, file);
    signSnapshotFile(file, jane, { signedAt: '2026-11-26T10:00:00.000Z' });
    signSnapshotFile(file, jane, { signedAt: '2026-11-27T10:00:00.000Z' });
    signSnapshotFile(file, mallory);
    const report = verifySnapshotFile(file, { trusted: trustJane() });
    expect(report.state).toBe('verified');
    expect(report.signatures.map((s) => [s.signer, s.signedAt.slice(0, 10)])).toEqual([
      ['Jane Auditor', '2026-11-27'],
      ['Mallory', expect.any(String)],
    ]);
  });

  it('refuses to sign a tampered snapshot, or to overwrite an existing output', () => {
    const edited = alteredCopy(original, `UPDATE accounts SET name = 'x'`, 'edited-before-signing.triad');
    expect(() => signSnapshotFile(edited, jane, { outPath: join(dir, 'never.triad') })).toThrow(/will not be signed: TAMPERED/);
    expect(() => signSnapshotFile(original, jane, { outPath: edited })).toThrow(`${edited}: already exists`);
  });
});

describe('trusted-keys file', () => {
  it('names the bad entry', () => {
    expect(() => parseTrustedKeys('{}', 'k.json')).toThrow('k.json: must be a JSON array');
    expect(() => parseTrustedKeys('[{"name":"A","fingerprint":"abc"}]', 'k.json')).toThrow('k.json: entry 1 ("A"): "fingerprint" must be 64 hexadecimal digits');
    expect(() => parseTrustedKeys('[{"name":"A","fingerprint":"' + 'a'.repeat(64) + '"},{"name":"B"}]', 'k.json')).toThrow(
      'k.json: entry 2 ("B") must have exactly one of "publicKeyPem" or "fingerprint"',
    );
    const privatePem = generateSigningKey('C').privatePem;
    expect(() => parseTrustedKeys(JSON.stringify([{ name: 'C', publicKeyPem: privatePem }]), 'k.json')).toThrow(/holds a PRIVATE key/);
    expect(() => parseTrustedKeys('[{"name":"D","publicKeyPem":"x","note":1}]', 'k.json')).toThrow('unknown field "note"');
  });
});

describe('verifySnapshotFileAsync remembers a digest per file version', () => {
  it('answers a second check of the same file alike, and digests the file again once it is changed in place', async () => {
    const file = join(dir, 'remembered.triad');
    copyFileSync(original, file);
    const first = await verifySnapshotFileAsync(file);
    expect(first.state).toBe('unsigned');
    expect(await verifySnapshotFileAsync(file)).toEqual(first);
    // Edit a value in place and put the modification time back, as someone hiding an edit would.
    const { mtime } = statSync(file);
    const db = new Database(file);
    db.exec(`UPDATE findings SET annotation = 'Bucket is fine.' WHERE annotation = 'Bucket allows public read.'`);
    db.close();
    utimesSync(file, mtime, mtime);
    const after = await verifySnapshotFileAsync(file);
    expect(after.state).toBe('tampered');
    expect(after.computedDigest).not.toBe(first.computedDigest);
  });
});

describe('the content digest on a worker thread', () => {
  it('is the digest computed on the calling thread, for an intact and for an edited snapshot', async () => {
    const edited = alteredCopy(original, `UPDATE evidence SET body = replace(body, '"Enabled"', '"Disabled"')`, 'worker-edited.triad');
    for (const file of [original, edited]) {
      const db = new Database(file, { readonly: true });
      const here = computeContentDigest(db);
      db.close();
      expect(await contentDigestOnWorker(file)).toBe(here);
    }
  });

  it.skipIf(process.platform !== 'linux')('runs at a lower priority than the thread that started it (Linux: nice is per thread)', async () => {
    const niceOfThreads = (): number[] =>
      readdirSync('/proc/self/task').flatMap((tid) => {
        try {
          // Fields after the parenthesized name: the nice value is the 19th field of the line, the 17th after ") ".
          return [Number(readFileSync(`/proc/self/task/${tid}/stat`, 'utf8').split(') ')[1].split(' ')[16])];
        } catch {
          return []; // The thread ended while we looked.
        }
      });
    expect(Math.max(...niceOfThreads())).toBe(0);
    const seen = new Set<number>();
    let done = false;
    const digest = contentDigestOnWorker(original).finally(() => (done = true));
    while (!done) {
      for (const nice of niceOfThreads()) seen.add(nice);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    await digest;
    expect(seen).toContain(BACKGROUND_NICE);
    // The calling thread keeps its normal priority.
    expect(Number(readFileSync('/proc/thread-self/stat', 'utf8').split(') ')[1].split(' ')[16])).toBe(0);
  });

  it('rejects with the reason when the file cannot be digested, and verifying it still names the file', async () => {
    const notSnapshot = join(dir, 'not-a-snapshot.triad');
    writeFileSync(notSnapshot, 'this is not SQLite');
    await expect(contentDigestOnWorker(notSnapshot)).rejects.toThrow(/not a database|file is not/i);
    await expect(verifySnapshotFileAsync(notSnapshot)).rejects.toThrow(/not-a-snapshot\.triad/);
  });
});
