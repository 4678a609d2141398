// Key files for the CLI: the private key PEM readable by its owner only (0600), the public key PEM beside it.
// Both are written atomically (temp file in the same folder, then rename) and never over an existing file,
// so a key in use is not silently replaced.

import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { KeyError, generateSigningKey, parseSigningKey, type GeneratedKeyPair, type SigningKey } from './keys';

/** `key.pem` → `key.pub.pem`; any other name gets `.pub.pem` appended. */
export function publicKeyPathFor(privatePath: string): string {
  return privatePath.endsWith('.pem') ? `${privatePath.slice(0, -'.pem'.length)}.pub.pem` : `${privatePath}.pub.pem`;
}

function writeNewFile(path: string, text: string, mode: number): void {
  if (existsSync(path)) throw new KeyError(`${path} already exists; choose another file name (an existing key is never overwritten)`);
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    writeFileSync(temp, text, { mode, flag: 'wx' });
    // The mode given to writeFileSync is reduced by the umask; set it exactly.
    chmodSync(temp, mode);
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    if (error instanceof KeyError) throw error;
    throw new KeyError(`${path} cannot be written (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
}

export function writeKeyFiles(privatePath: string, name: string): GeneratedKeyPair & { privatePath: string; publicPath: string } {
  const privateFile = resolve(privatePath);
  const publicFile = publicKeyPathFor(privateFile);
  if (!existsSync(dirname(privateFile))) throw new KeyError(`folder ${dirname(privateFile)} does not exist`);
  if (existsSync(publicFile)) throw new KeyError(`${publicFile} already exists; choose another file name (an existing key is never overwritten)`);
  const pair = generateSigningKey(name);
  writeNewFile(privateFile, pair.privatePem, 0o600);
  writeNewFile(publicFile, pair.publicPem, 0o644);
  return { ...pair, privatePath: privateFile, publicPath: publicFile };
}

export function readSigningKeyFile(path: string): SigningKey {
  const file = resolve(path);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new KeyError(`${file}: ${code === 'ENOENT' ? 'file not found' : `cannot be read (${code ?? String(error)})`}`);
  }
  return parseSigningKey(text, file);
}
