// Signatures inside the snapshot: a `signatures` table the content digest does not cover, so signing never
// changes the digest. Each row is one signer's statement "this content digest, signed by this key at this time",
// the Ed25519 signature over that statement's exact UTF-8 text, and the signer's public key.

import { verify as verifySignatureBytes, sign as signBytes, type KeyObject } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { SignatureCheck } from '../../shared/integrity';
import { canonicalJson } from '../snapshot/canonical';
import { fingerprintOf, parsePublicKey, type SigningKey } from './keys';

export const SIGNATURES_SQL = `
CREATE TABLE IF NOT EXISTS signatures (
  id INTEGER PRIMARY KEY,
  payload TEXT NOT NULL,
  signature TEXT NOT NULL,
  public_key TEXT NOT NULL
);`;

/** The statement a signer signs; `payload` is its canonical JSON. */
export interface SignedStatement {
  format: 'triad-signature';
  version: 1;
  digestScheme: string;
  digest: string;
  signer: { name: string; fingerprint: string };
  signedAt: string;
}

export interface StoredSignature {
  payload: string;
  signature: string;
  publicKeyPem: string;
}

export function signStatement(key: SigningKey, digestScheme: string, digest: string, signedAt: string): StoredSignature {
  const statement: SignedStatement = {
    format: 'triad-signature',
    version: 1,
    digestScheme,
    digest,
    signer: { name: key.name, fingerprint: key.fingerprint },
    signedAt,
  };
  const payload = canonicalJson(statement);
  return {
    payload,
    signature: signBytes(null, Buffer.from(payload, 'utf8'), key.privateKey).toString('base64'),
    publicKeyPem: String(key.publicKey.export({ type: 'spki', format: 'pem' })),
  };
}

/** Adds a signature to a writable snapshot, replacing an earlier one by the same key (re-signing). */
export function storeSignature(db: Database.Database, signature: StoredSignature, fingerprint: string): void {
  db.exec(SIGNATURES_SQL);
  const existing = readSignatures(db);
  const replace = db.prepare('DELETE FROM signatures WHERE payload = ?');
  db.transaction(() => {
    for (const old of existing) if (statementOf(old.payload)?.signer.fingerprint === fingerprint) replace.run(old.payload);
    db.prepare('INSERT INTO signatures (payload, signature, public_key) VALUES (?, ?, ?)').run(
      signature.payload,
      signature.signature,
      signature.publicKeyPem,
    );
  })();
}

export function readSignatures(db: Database.Database): StoredSignature[] {
  const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'signatures'").get();
  if (!exists) return [];
  return (db.prepare('SELECT payload, signature, public_key FROM signatures ORDER BY id').all() as Record<string, unknown>[]).map((r) => ({
    payload: String(r.payload),
    signature: String(r.signature),
    publicKeyPem: String(r.public_key),
  }));
}

/** The statement in a payload, or null when the payload is not one. */
function statementOf(payload: string): SignedStatement | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(payload);
  } catch {
    return null;
  }
  const s = parsed as Partial<SignedStatement> | null;
  if (
    !s ||
    typeof s !== 'object' ||
    s.format !== 'triad-signature' ||
    s.version !== 1 ||
    typeof s.digest !== 'string' ||
    typeof s.digestScheme !== 'string' ||
    typeof s.signedAt !== 'string' ||
    typeof s.signer !== 'object' ||
    s.signer === null ||
    typeof s.signer.name !== 'string' ||
    typeof s.signer.fingerprint !== 'string'
  ) {
    return null;
  }
  return s as SignedStatement;
}

/**
 * Checks one stored signature against the content digest recomputed from the snapshot. `trustedName` looks up
 * a fingerprint in the trusted-keys list (null: not listed).
 */
export function checkSignature(
  stored: StoredSignature,
  computedDigest: string,
  trustedName: (fingerprint: string) => string | null,
): SignatureCheck {
  const statement = statementOf(stored.payload);
  const publicKey: KeyObject | null = parsePublicKey(stored.publicKeyPem);
  const base = {
    signer: statement?.signer.name ?? '(unreadable)',
    fingerprint: publicKey ? fingerprintOf(publicKey) : (statement?.signer.fingerprint ?? ''),
    signedAt: statement?.signedAt ?? '',
  };
  const invalid = (problem: string): SignatureCheck => ({ ...base, state: 'invalid', trustedAs: null, problem });
  if (!statement) return invalid('the signed statement is damaged or not a Triad signature');
  if (!publicKey) return invalid('the public key stored with the signature is not an Ed25519 public key');
  if (statement.signer.fingerprint !== base.fingerprint) {
    return invalid(`the signature names key ${statement.signer.fingerprint.slice(0, 64)} but carries key ${base.fingerprint}`);
  }
  let valid = false;
  try {
    valid = verifySignatureBytes(null, Buffer.from(stored.payload, 'utf8'), publicKey, Buffer.from(stored.signature, 'base64'));
  } catch {
    valid = false;
  }
  if (!valid) return invalid('the signature does not match the signed statement (it was altered, or made with another key)');
  const trustedAs = trustedName(base.fingerprint);
  if (statement.digest !== computedDigest) {
    return { ...base, state: 'other-content', trustedAs, problem: 'the signer signed different content: the snapshot changed after it was signed' };
  }
  return { ...base, state: 'valid', trustedAs, problem: '' };
}
