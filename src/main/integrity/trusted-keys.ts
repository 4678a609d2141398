// The trusted-keys list the user manages: a JSON array of { "name", "publicKeyPem" } or { "name", "fingerprint" }
// entries (docs/integrity.md). Validated by hand, entry by entry; any bad entry makes the whole file an error
// naming that entry, never a silently shorter list.

import { readFileSync } from 'node:fs';
import { fingerprintOf, parsePublicKey } from './keys';

export class TrustedKeysError extends Error {
  override name = 'TrustedKeysError';
}

export interface TrustedKey {
  name: string;
  fingerprint: string;
}

export interface TrustedKeys {
  file: string;
  keys: TrustedKey[];
  /** The listed name for a key fingerprint; null when the key is not trusted. */
  nameOf(fingerprint: string): string | null;
}

const FINGERPRINT = /^[0-9a-f]{64}$/;

export function parseTrustedKeys(text: string, file: string): TrustedKeys {
  const fail = (problem: string): never => {
    throw new TrustedKeysError(`${file}: ${problem}`);
  };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return fail(`is not valid JSON (${(error as Error).message})`);
  }
  if (!Array.isArray(parsed)) return fail('must be a JSON array of { "name", "publicKeyPem" } or { "name", "fingerprint" } entries');
  const keys = parsed.map((entry: unknown, index): TrustedKey => {
    const where = `entry ${index + 1}`;
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return fail(`${where} is not an object`);
    const e = entry as Record<string, unknown>;
    const unknown = Object.keys(e).find((k) => !['name', 'publicKeyPem', 'fingerprint'].includes(k));
    if (unknown) fail(`${where} has an unknown field "${unknown.slice(0, 40)}" (allowed: name, publicKeyPem, fingerprint)`);
    if (typeof e.name !== 'string' || !e.name.trim()) return fail(`${where} has no "name"`);
    const named = `${where} ("${e.name.slice(0, 80)}")`;
    if ((e.publicKeyPem === undefined) === (e.fingerprint === undefined)) fail(`${named} must have exactly one of "publicKeyPem" or "fingerprint"`);
    if (e.publicKeyPem !== undefined) {
      if (typeof e.publicKeyPem !== 'string') return fail(`${named}: "publicKeyPem" must be text`);
      if (/PRIVATE KEY/.test(e.publicKeyPem)) fail(`${named}: "publicKeyPem" holds a PRIVATE key; list only public keys, and treat that private key as exposed`);
      const key = parsePublicKey(e.publicKeyPem);
      if (!key) return fail(`${named}: "publicKeyPem" is not an Ed25519 public key in PEM form`);
      return { name: e.name.trim(), fingerprint: fingerprintOf(key) };
    }
    const fingerprint = typeof e.fingerprint === 'string' ? e.fingerprint.toLowerCase().replaceAll(':', '') : '';
    if (!FINGERPRINT.test(fingerprint)) fail(`${named}: "fingerprint" must be 64 hexadecimal digits (the SHA-256 of the key's DER public key)`);
    return { name: e.name.trim(), fingerprint };
  });
  const byFingerprint = new Map(keys.map((k) => [k.fingerprint, k.name]));
  return { file, keys, nameOf: (fingerprint) => byFingerprint.get(fingerprint) ?? null };
}

export function loadTrustedKeys(file: string): TrustedKeys {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new TrustedKeysError(`${file}: ${code === 'ENOENT' ? 'file not found' : `cannot be read (${code ?? String(error)})`}`);
  }
  return parseTrustedKeys(text, file);
}
