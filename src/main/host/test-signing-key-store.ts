// TEST ONLY. The browser host has no system keychain, so for end-to-end tests it can keep the app's signing key
// as a plain private PEM (0600) in a folder named on the command line (--test-signing-key-dir). Never use it for
// a key that signs real evidence: the desktop app keeps its key encrypted by safeStorage (shell/signing-key-store.ts),
// and the CLI signs with a PEM file the user looks after.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomically } from '../export/atomic';
import { KeyError, generateSigningKey, parseSigningKey } from '../integrity';
import type { SigningKeyStore } from '../services/platform';

export const TEST_PRIVATE_KEY_FILE = 'test-signing-key.pem';
export const TEST_PUBLIC_KEY_FILE = 'test-signing-key.pub.pem';

export function createTestSigningKeyStore(dir: string): SigningKeyStore {
  if (!existsSync(dir)) throw new KeyError(`--test-signing-key-dir ${dir}: folder not found`);
  const privatePath = join(dir, TEST_PRIVATE_KEY_FILE);
  const publicPath = join(dir, TEST_PUBLIC_KEY_FILE);
  const missing = () => new KeyError('no signing key yet; create one first');
  return {
    exists: () => existsSync(privatePath),
    create(name, { replace = false } = {}) {
      if (existsSync(privatePath) && !replace) throw new KeyError('a signing key already exists; replacing it makes earlier signatures unverifiable by the new key, so confirm the replacement');
      const pair = generateSigningKey(name);
      writeFileAtomically(privatePath, Buffer.from(pair.privatePem), 0o600);
      writeFileAtomically(publicPath, Buffer.from(pair.publicPem));
      return { fingerprint: pair.fingerprint, publicPem: pair.publicPem };
    },
    load() {
      if (!existsSync(privatePath)) throw missing();
      return parseSigningKey(readFileSync(privatePath, 'utf8'), privatePath);
    },
    publicPem() {
      if (!existsSync(publicPath)) throw missing();
      return readFileSync(publicPath, 'utf8');
    },
  };
}
