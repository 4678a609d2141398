// Ed25519 signing keys as PEM text. The signer's name travels with the key as an RFC 7468 explanatory line
// ("Triad-Signer: <name>") before the PEM block, which PEM readers skip; the key's identity is its
// fingerprint: the SHA-256 of its DER SubjectPublicKeyInfo, in lower-case hex.

import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';

const SIGNER_LINE = /^Triad-Signer: (.*)$/m;
export const MAX_SIGNER_NAME = 200;

export class KeyError extends Error {
  override name = 'KeyError';
}

export interface SigningKey {
  name: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  fingerprint: string;
}

export interface GeneratedKeyPair {
  name: string;
  fingerprint: string;
  /** PKCS #8 private key PEM, preceded by the signer line. Secret: store it readable by its owner only. */
  privatePem: string;
  /** SubjectPublicKeyInfo public key PEM, preceded by the signer line: safe to share. */
  publicPem: string;
}

export function checkSignerName(name: string): string {
  const trimmed = name.trim();
  if (!trimmed) throw new KeyError('the signer name is empty; give the name the signature should show, e.g. --name "Jane Auditor"');
  if (trimmed.length > MAX_SIGNER_NAME) throw new KeyError(`the signer name is longer than ${MAX_SIGNER_NAME} characters`);
  if (/[\u0000-\u001f\u007f]/.test(trimmed)) throw new KeyError('the signer name contains control characters (such as a line break)');
  return trimmed;
}

export function fingerprintOf(publicKey: KeyObject): string {
  return createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex');
}

const signerLine = (name: string) => `Triad-Signer: ${name}\n`;

export function generateSigningKey(name: string): GeneratedKeyPair {
  const signer = checkSignerName(name);
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    name: signer,
    fingerprint: fingerprintOf(publicKey),
    privatePem: signerLine(signer) + String(privateKey.export({ type: 'pkcs8', format: 'pem' })),
    publicPem: signerLine(signer) + String(publicKey.export({ type: 'spki', format: 'pem' })),
  };
}

/** Reads a private key PEM made by generateSigningKey; `where` names it in errors (e.g. the file). */
export function parseSigningKey(pem: string, where: string): SigningKey {
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(pem);
  } catch {
    throw new KeyError(`${where} is not a private key in PEM form (make one with: npm run triad -- keygen --out key.pem --name "Your Name")`);
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') {
    throw new KeyError(`${where} is a ${privateKey.asymmetricKeyType ?? 'unknown'} key; Triad signs with Ed25519 keys only`);
  }
  const match = SIGNER_LINE.exec(pem);
  if (!match) throw new KeyError(`${where} does not name its signer (a "Triad-Signer: <name>" line before the key)`);
  const publicKey = createPublicKey(privateKey);
  return { name: checkSignerName(match[1]), privateKey, publicKey, fingerprint: fingerprintOf(publicKey) };
}

/** Reads a public key PEM; null when the text is not an Ed25519 public key. */
export function parsePublicKey(pem: string): KeyObject | null {
  try {
    const key = createPublicKey(pem);
    return key.asymmetricKeyType === 'ed25519' ? key : null;
  } catch {
    return null;
  }
}
