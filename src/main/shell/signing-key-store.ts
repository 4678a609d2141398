// The app's signing key: an Ed25519 key whose private PEM is stored only encrypted by Electron safeStorage
// (the OS keychain / DPAPI / libsecret), in the user-data folder; the public key PEM beside it can be exported
// freely. Written atomically and never overwritten without an explicit replace.

import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SafeStorage } from 'electron';
import { KeyError, generateSigningKey, parseSigningKey } from '../integrity';
import type { SigningKeyStore } from '../services/platform';

export const PRIVATE_KEY_FILE = 'signing-key.enc';
export const PUBLIC_KEY_FILE = 'signing-key.pub.pem';

type Storage = Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString'>;

export type { SigningKeyStore };

function writeAtomically(path: string, data: string | Buffer, mode: number): void {
  const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    writeFileSync(temp, data, { mode, flag: 'wx' });
    chmodSync(temp, mode);
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

export function createSigningKeyStore(safeStorage: Storage, userDataDir: string): SigningKeyStore {
  const privatePath = join(userDataDir, PRIVATE_KEY_FILE);
  const publicPath = join(userDataDir, PUBLIC_KEY_FILE);
  const requireEncryption = () => {
    if (!safeStorage.isEncryptionAvailable()) {
      throw new KeyError('the system keychain is not available, so Triad cannot protect a signing key here; use the CLI with a PEM key file instead');
    }
  };
  const missing = () => new KeyError('no signing key yet; create one first (Signing → Create a signing key)');

  return {
    exists: () => existsSync(privatePath),
    create(name, { replace = false } = {}) {
      requireEncryption();
      if (existsSync(privatePath) && !replace) throw new KeyError('a signing key already exists; replacing it makes earlier signatures unverifiable by the new key, so confirm the replacement');
      const pair = generateSigningKey(name);
      writeAtomically(privatePath, safeStorage.encryptString(pair.privatePem), 0o600);
      writeAtomically(publicPath, pair.publicPem, 0o644);
      return { fingerprint: pair.fingerprint, publicPem: pair.publicPem };
    },
    load() {
      requireEncryption();
      if (!existsSync(privatePath)) throw missing();
      let pem: string;
      try {
        pem = safeStorage.decryptString(readFileSync(privatePath));
      } catch {
        throw new KeyError(`${privatePath} cannot be decrypted by this user's keychain (was it copied from another computer or account?)`);
      }
      return parseSigningKey(pem, privatePath);
    },
    publicPem() {
      if (!existsSync(publicPath)) throw missing();
      return readFileSync(publicPath, 'utf8');
    },
  };
}
