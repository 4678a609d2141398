import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TEST_PRIVATE_KEY_FILE, TEST_PUBLIC_KEY_FILE, createTestSigningKeyStore } from '../../../src/main/host/test-signing-key-store';
import { tempFolder } from '../snapshot/fixture';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempFolder('triad-test-keystore-')));
afterEach(() => cleanup());

describe('the browser host test-only signing key store', () => {
  it('keeps the private PEM readable by its owner only, never replaces it silently, and loads it back', () => {
    const store = createTestSigningKeyStore(dir);
    expect(store.exists()).toBe(false);
    expect(() => store.load()).toThrow('no signing key yet');
    const created = store.create('Test Signer');
    expect(statSync(join(dir, TEST_PRIVATE_KEY_FILE)).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(dir, TEST_PUBLIC_KEY_FILE), 'utf8')).toBe(created.publicPem);
    expect(store.load()).toMatchObject({ name: 'Test Signer', fingerprint: created.fingerprint });
    expect(() => store.create('Other')).toThrow('a signing key already exists');
    expect(store.create('Other', { replace: true }).fingerprint).not.toBe(created.fingerprint);
  });

  it('names a missing folder', () => {
    expect(() => createTestSigningKeyStore(join(dir, 'nope'))).toThrow(`--test-signing-key-dir ${join(dir, 'nope')}: folder not found`);
  });
});
