import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fingerprintOf, parseSigningKey } from '../../../src/main/integrity';
import { PRIVATE_KEY_FILE, PUBLIC_KEY_FILE, createSigningKeyStore } from '../../../src/main/shell/signing-key-store';
import { tempFolder } from '../snapshot/fixture';

/** Stands in for Electron safeStorage: a reversible transform that leaves no plain PEM on disk, keyed per "user". */
function fakeSafeStorage(available = true, user = 'alice') {
  const mask = (data: Buffer) => Buffer.from(data.map((byte, i) => byte ^ user.charCodeAt(i % user.length)));
  return {
    isEncryptionAvailable: () => available,
    encryptString: (text: string) => Buffer.concat([Buffer.from('ENC:'), mask(Buffer.from(text, 'utf8'))]),
    decryptString: (data: Buffer) => {
      if (!data.subarray(0, 4).equals(Buffer.from('ENC:'))) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      const text = mask(data.subarray(4)).toString('utf8');
      if (!text.includes('BEGIN PRIVATE KEY')) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return text;
    },
  };
}

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempFolder('triad-keystore-')));
afterEach(() => cleanup());

describe('the app signing key store (safeStorage)', () => {
  it('keeps the private key only encrypted, and loads it back with its signer name', () => {
    const store = createSigningKeyStore(fakeSafeStorage(), dir);
    expect(store.exists()).toBe(false);
    const created = store.create('Jane Auditor');
    const onDisk = readFileSync(join(dir, PRIVATE_KEY_FILE));
    expect(onDisk.includes(Buffer.from('PRIVATE KEY'))).toBe(false);
    expect(statSync(join(dir, PRIVATE_KEY_FILE)).mode & 0o777).toBe(0o600);
    const key = store.load();
    expect(key.name).toBe('Jane Auditor');
    expect(key.fingerprint).toBe(created.fingerprint);
    expect(store.publicPem()).toBe(readFileSync(join(dir, PUBLIC_KEY_FILE), 'utf8'));
    expect(store.publicPem()).toContain('-----BEGIN PUBLIC KEY-----');
  });

  it('refuses to replace a key silently, and replaces it when asked', () => {
    const store = createSigningKeyStore(fakeSafeStorage(), dir);
    const first = store.create('Jane Auditor');
    expect(() => store.create('Jane Auditor')).toThrow(/a signing key already exists/);
    const second = store.create('Jane Auditor', { replace: true });
    expect(second.fingerprint).not.toBe(first.fingerprint);
    expect(fingerprintOf(store.load().publicKey)).toBe(second.fingerprint);
  });

  it('without a keychain, or with another user’s keychain, it says so instead of storing a plain key', () => {
    expect(() => createSigningKeyStore(fakeSafeStorage(false), dir).create('Jane')).toThrow(/system keychain is not available/);
    createSigningKeyStore(fakeSafeStorage(true, 'alice'), dir).create('Jane');
    expect(() => createSigningKeyStore(fakeSafeStorage(true, 'mallory'), dir).load()).toThrow(/cannot be decrypted by this user's keychain/);
    expect(() => parseSigningKey('nope', 'x')).toThrow(/not a private key/);
  });
});
