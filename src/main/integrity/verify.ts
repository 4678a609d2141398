// Verifying a snapshot: recompute its content digest from its rows, compare it with the digest it records and
// with the digest each signer signed, and check each signature and (given a trusted-keys list) each signer.
// Works on its own read-only connection and does not rely on the snapshot reader, so a file whose edited
// values the reader would refuse is still reported as tampered rather than merely unreadable.

import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { IntegrityReport, IntegrityState, SignatureCheck } from '../../shared/integrity';
import { SnapshotError } from '../snapshot/errors';
import { DIGEST_SCHEME, DIGEST_TABLES, computeContentDigest, computeContentDigestAsync } from './content-digest';
import { contentDigestOnWorker } from './digest-thread';
import { checkSignature, readSignatures } from './signatures';
import type { TrustedKeys } from './trusted-keys';
import { openDatabase } from '../snapshot/sqlite';

export interface VerifyOptions {
  trusted?: TrustedKeys;
}

interface Recorded {
  digest: string | null;
  scheme: string | null;
}

function openForVerify(path: string): { db: Database.Database; file: string; recorded: Recorded } {
  const file = resolve(path);
  let db: Database.Database;
  try {
    db = openDatabase(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new SnapshotError(file, code === 'SQLITE_CANTOPEN' ? 'file not found or cannot be opened' : `cannot be opened (${(error as Error).message})`);
  }
  try {
    const tables = new Set((db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]));
    const missing = DIGEST_TABLES.find((t) => !tables.has(t.table));
    if (missing) throw new SnapshotError(file, `is not a complete Triad snapshot (no "${missing.table}" table), so it cannot be verified`);
    const metaText = (key: string): string | null => {
      const raw = db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(key);
      if (raw === undefined || raw === null) return null;
      try {
        const value: unknown = JSON.parse(String(raw));
        return value === null ? null : String(value);
      } catch {
        // An unparsable value cannot match any digest; keep it so the comparison fails visibly.
        return String(raw);
      }
    };
    const recorded = { digest: metaText('digest'), scheme: metaText('digestScheme') };
    if (recorded.scheme !== null && recorded.scheme !== DIGEST_SCHEME) {
      throw new SnapshotError(file, `uses content digest scheme "${recorded.scheme.slice(0, 80)}", which this Triad does not know; update Triad to verify it`);
    }
    return { db, file, recorded };
  } catch (error) {
    db.close();
    if (error instanceof Database.SqliteError) throw new SnapshotError(file, `is damaged or not a Triad snapshot (${error.message})`);
    throw error;
  }
}

export function verifySnapshotFile(path: string, options: VerifyOptions = {}): IntegrityReport {
  const { db, file, recorded } = openForVerify(path);
  try {
    return judge(db, recorded, computeContentDigest(db), options);
  } catch (error) {
    throw asSnapshotError(file, error);
  } finally {
    db.close();
  }
}

/**
 * Content digests computed by verifySnapshotFileAsync, per file version (inode, size, modification and change
 * times): making a report checks its snapshot in the command and again in the print route it serves, and on a
 * million findings each pass costs seconds. Any write to the file, even one that restores the modification time,
 * changes its change time, so an edited file is always digested again. The few newest versions are kept.
 */
const computedDigests = new Map<string, Promise<string>>();
const REMEMBERED_VERSIONS = 4;

function fileVersion(path: string): string | null {
  const stat = statSync(path, { bigint: true, throwIfNoEntry: false });
  return stat ? [resolve(path), stat.ino, stat.size, stat.mtimeNs, stat.ctimeNs].join('\u0000') : null;
}

/** The same check, leaving the event loop free: the digest is computed on a worker thread (for the app, the browser host and reports). */
export async function verifySnapshotFileAsync(path: string, options: VerifyOptions = {}): Promise<IntegrityReport> {
  const before = fileVersion(path);
  const { db, file, recorded } = openForVerify(path);
  try {
    // Remembered only when the file did not change while it was opened, so the key names what was digested.
    const version = before !== null && fileVersion(file) === before ? before : null;
    let digest = version === null ? undefined : computedDigests.get(version);
    if (!digest) {
      // On a worker thread; when none can run (or it fails), again on this thread in slices, which also gives a
      // damaged file's own error.
      digest = contentDigestOnWorker(file).catch(() => computeContentDigestAsync(db));
      if (version !== null) {
        computedDigests.set(version, digest);
        digest.catch(() => computedDigests.delete(version));
        while (computedDigests.size > REMEMBERED_VERSIONS) computedDigests.delete(computedDigests.keys().next().value!);
      }
    }
    return judge(db, recorded, await digest, options);
  } catch (error) {
    throw asSnapshotError(file, error);
  } finally {
    db.close();
  }
}

/**
 * The verdict in two steps, for a printer that lays a report out while the digest is recomputed. `expected` is the
 * verdict the file gets if its content matches the digest it records, known at once (null when it records none,
 * as then nothing can be expected); `final` is the verdict once the digest is recomputed. judge() depends on the
 * recomputed digest and nothing else that varies, so when that digest equals the recorded one, `final` equals
 * `expected` exactly; when the two verdicts differ, the expectation was wrong and whatever used it must be redone.
 */
export function verifySnapshotFileExpecting(
  path: string,
  options: VerifyOptions & {
    /** The digest is recomputed once this settles (the expected verdict is known at once regardless). */
    recomputeAfter?: Promise<unknown>;
  } = {},
): { expected: IntegrityReport | null; final: Promise<IntegrityReport> } {
  const recompute = () => verifySnapshotFileAsync(path, options);
  const final = options.recomputeAfter ? options.recomputeAfter.then(recompute, recompute) : recompute();
  let expected: IntegrityReport | null = null;
  try {
    const { db, recorded } = openForVerify(path);
    try {
      if (recorded.digest !== null) expected = judge(db, recorded, recorded.digest, options);
    } finally {
      db.close();
    }
  } catch {
    // The same failure reaches the caller through `final`.
  }
  return { expected, final };
}

function judge(db: Database.Database, recorded: Recorded, computed: string, options: VerifyOptions): IntegrityReport {
  const trusted = options.trusted;
  const signatures = readSignatures(db).map((s) => checkSignature(s, computed, (fp) => trusted?.nameOf(fp) ?? null));
  const { state, message } = stateOf(recorded, computed, signatures, trusted);
  return {
    state,
    message,
    scheme: recorded.scheme,
    recordedDigest: recorded.digest,
    computedDigest: computed,
    signatures,
    trustChecked: Boolean(trusted),
  };
}

const signerText = (s: SignatureCheck) => `${s.trustedAs ?? s.signer} (key ${s.fingerprint.slice(0, 16)}…)`;

function stateOf(
  recorded: Recorded,
  computed: string,
  signatures: SignatureCheck[],
  trusted: TrustedKeys | undefined,
): { state: IntegrityState; message: string } {
  if (recorded.digest === null && signatures.length === 0) {
    return {
      state: 'no-digest',
      message: 'This snapshot records no content digest (it was written by a Triad without integrity checks), so changes to it cannot be detected.',
    };
  }
  if (recorded.digest !== null && recorded.digest !== computed) {
    return {
      state: 'tampered',
      message: 'TAMPERED: the content differs from the digest recorded when the snapshot was written; a stored value was changed afterwards. Do not rely on this snapshot.',
    };
  }
  const changedAfterSigning = signatures.find((s) => s.state === 'other-content');
  if (changedAfterSigning) {
    return {
      state: 'tampered',
      message: `TAMPERED: the content differs from what ${signerText(changedAfterSigning)} signed on ${changedAfterSigning.signedAt}. Do not rely on this snapshot.`,
    };
  }
  const invalid = signatures.find((s) => s.state === 'invalid');
  if (invalid) return { state: 'invalid-signature', message: `A signature is invalid: ${invalid.problem}.` };
  if (signatures.length === 0) {
    return { state: 'unsigned', message: 'The content matches its recorded digest. Nobody has signed this snapshot.' };
  }
  const signers = signatures.map(signerText).join(', ');
  if (!trusted) {
    return { state: 'signed', message: `The content matches and is signed by ${signers}; the signers were not checked against a trusted-keys list.` };
  }
  const trustedSigner = signatures.find((s) => s.trustedAs !== null);
  if (trustedSigner) return { state: 'verified', message: `Verified: the content matches and is signed by ${signerText(trustedSigner)}, a trusted key.` };
  return {
    state: 'untrusted',
    message: `The content matches and is signed by ${signers}, but no signer is in the trusted-keys list ${trusted.file}.`,
  };
}

function asSnapshotError(file: string, error: unknown): unknown {
  if (error instanceof Database.SqliteError) return new SnapshotError(file, `is damaged or not a Triad snapshot (${error.message})`);
  return error;
}
