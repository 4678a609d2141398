// Signing is an explicit step that produces a signed file: the snapshot is verified, copied to a temporary file
// beside the target, the signature is added to the copy, and the copy is renamed into place. The source is
// never modified (unless it is also the target, and then only by that atomic rename), and a snapshot whose
// content does not match its digest is never signed.

import { randomBytes } from 'node:crypto';
import { closeSync, copyFileSync, existsSync, fsyncSync, openSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { IntegrityReport } from '../../shared/integrity';
import { SnapshotError } from '../snapshot/errors';
import { DIGEST_SCHEME } from './content-digest';
import type { SigningKey } from './keys';
import { signStatement, storeSignature } from './signatures';
import { verifySnapshotFile } from './verify';
import { openDatabase } from '../snapshot/sqlite';

export interface SignOptions {
  /** Where the signed snapshot is written; absent: the input file is replaced (atomically). */
  outPath?: string;
  /**
   * Runs once the signed copy is complete, just before it replaces the target: a caller holding the target open
   * closes it here, since Windows refuses to replace an open file.
   */
  beforeReplace?: () => void;
  /** The signing time (ISO-8601); now when absent. */
  signedAt?: string;
}

export interface SignResult {
  path: string;
  digest: string;
  signer: string;
  fingerprint: string;
  signedAt: string;
}

export function signSnapshotFile(inputPath: string, key: SigningKey, options: SignOptions = {}): SignResult {
  const input = resolve(inputPath);
  const target = resolve(options.outPath ?? inputPath);
  if (target !== input && existsSync(target)) {
    throw new SnapshotError(target, 'already exists; choose another output file or remove it first');
  }
  const before: IntegrityReport = verifySnapshotFile(input);
  if (before.state === 'no-digest' || before.recordedDigest === null) {
    throw new SnapshotError(input, 'records no content digest, so a signature could not prove anything; re-create it with this Triad');
  }
  if (before.state === 'tampered' || before.state === 'invalid-signature') {
    throw new SnapshotError(input, `will not be signed: ${before.message}`);
  }

  const signedAt = options.signedAt ?? new Date().toISOString();
  const temp = join(dirname(target), `.${basename(target)}.signing-${randomBytes(6).toString('hex')}`);
  try {
    copyFileSync(input, temp);
    const db = openDatabase(temp, { fileMustExist: true });
    try {
      storeSignature(db, signStatement(key, DIGEST_SCHEME, before.computedDigest, signedAt), key.fingerprint);
    } finally {
      db.close();
    }
    fsyncFile(temp);
    options.beforeReplace?.();
    renameSync(temp, target);
  } catch (error) {
    rmSync(temp, { force: true });
    if (error instanceof SnapshotError) throw error;
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new SnapshotError(target, `cannot be written (${reason}); ${target === input ? 'the unsigned snapshot is unchanged' : 'nothing was written'}`);
  }
  fsyncDirectory(dirname(target));
  return { path: target, digest: before.computedDigest, signer: key.name, fingerprint: key.fingerprint, signedAt };
}

function fsyncFile(path: string): void {
  const fd = openSync(path, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function fsyncDirectory(path: string): void {
  // Directories cannot be opened for fsync on every platform (Windows); the rename is atomic there regardless.
  if (!statSync(path).isDirectory()) return;
  try {
    const fd = openSync(path, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Best effort, as above.
  }
}
