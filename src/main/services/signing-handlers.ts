// Signing from the app: the host's signing key (created, shown, its public half exported), signing the open
// snapshot (the signed copy replaces the file atomically, as `triad sign` does, then is reopened), and the
// trusted-keys list the user manages, which verification of the open snapshot applies.

import { existsSync, readFileSync } from 'node:fs';
import { ApiError, type ApiHandlers } from '../../shared/api';
import type { SigningKeyInfo, TrustedKeyList } from '../../shared/signing';
import { OutputPathError, checkWritable, writeFileAtomically } from '../export/atomic';
import { KeyError, TrustedKeysError, fingerprintOf, loadTrustedKeys, parseTrustedKeys, signSnapshotFile } from '../integrity';
import { checkSignerName, parsePublicKey } from '../integrity/keys';
import { SnapshotError } from '../snapshot';
import { withExtension } from './export-handlers';
import type { Platform, SigningKeyStore } from './platform';
import type { SnapshotSession } from './snapshot-handlers';

export type SigningHandlers = Pick<
  ApiHandlers,
  'signing.key' | 'signing.createKey' | 'signing.exportPublicKey' | 'snapshot.sign' | 'trustedKeys.list' | 'trustedKeys.add' | 'trustedKeys.remove'
>;

const SIGNER_LINE = /^Triad-Signer: (.*)$/m;

function keyInfo(publicPem: string): SigningKeyInfo {
  const key = parsePublicKey(publicPem);
  if (!key) throw new KeyError('the stored public key is damaged; create a new signing key');
  return { name: SIGNER_LINE.exec(publicPem)?.[1] ?? '', fingerprint: fingerprintOf(key), publicPem };
}

/** Key, trusted-keys and output problems become one clear bad-request message. */
function asApiError(error: unknown): unknown {
  if (error instanceof KeyError || error instanceof TrustedKeysError || error instanceof OutputPathError) return new ApiError('bad-request', error.message);
  if (error instanceof SnapshotError) return new ApiError('snapshot-invalid', error.message);
  return error;
}

function guarded<T>(action: () => T): T {
  try {
    return action();
  } catch (error) {
    throw asApiError(error);
  }
}

export function signingHandlers(session: Pick<SnapshotSession, 'current' | 'open' | 'close'>, platform: Platform): SigningHandlers {
  const store = (): SigningKeyStore => {
    if (!platform.signingKeys) throw new ApiError('unavailable', 'This host keeps no signing key; sign in the desktop app, or with `npm run triad -- sign`.');
    return platform.signingKeys;
  };
  const trustedPath = (): string => {
    if (!platform.trustedKeysPath) throw new ApiError('unavailable', 'This host keeps no trusted-keys list; start the browser host with --trusted-keys FILE.');
    return platform.trustedKeysPath;
  };

  /** The list's entries as written (publicKeyPem or fingerprint kept as the user gave them), with their fingerprints. */
  const readEntries = (path: string): { raw: unknown[]; fingerprints: string[]; list: TrustedKeyList } => {
    if (!existsSync(path)) return { raw: [], fingerprints: [], list: { path, keys: [] } };
    const text = readFileSync(path, 'utf8');
    const parsed = parseTrustedKeys(text, path);
    return { raw: JSON.parse(text) as unknown[], fingerprints: parsed.keys.map((k) => k.fingerprint), list: { path, keys: parsed.keys } };
  };
  const writeEntries = (path: string, raw: unknown[]): TrustedKeyList => {
    writeFileAtomically(path, Buffer.from(`${JSON.stringify(raw, null, 2)}\n`));
    return { path, keys: loadTrustedKeys(path).keys };
  };

  return {
    'signing.key': () => guarded(() => (platform.signingKeys?.exists() ? keyInfo(platform.signingKeys.publicPem()) : null)),
    'signing.createKey': ({ name, replace }) => guarded(() => keyInfo(store().create(name, { replace }).publicPem)),
    'signing.exportPublicKey': async ({ fileName }) => {
      const keys = store();
      if (!platform.pickSavePath) throw new ApiError('unavailable', 'This host cannot save files; copy the public key shown instead.');
      const publicPem = guarded(() => keys.publicPem());
      const chosen = await platform.pickSavePath({ title: 'Export public key', defaultName: withExtension(fileName, 'pem'), extension: 'pem', filterName: 'Public key (PEM)' });
      if (chosen === null) return null;
      const path = withExtension(chosen, 'pem');
      guarded(() => {
        checkWritable(path);
        writeFileAtomically(path, Buffer.from(publicPem));
      });
      return { path };
    },
    'snapshot.sign': () => {
      const reader = session.current();
      if (!reader) throw new ApiError('no-snapshot', 'No snapshot is open. Open a .triad file first.');
      const path = reader.path;
      let closed = false;
      try {
        return guarded(() =>
          signSnapshotFile(path, store().load(), {
            beforeReplace: () => {
              session.close();
              closed = true;
            },
          }),
        );
      } finally {
        // Reopen what is now on disk: the signed copy, or the untouched original if the replace failed. The badge
        // then verifies it.
        if (closed) guarded(() => session.open(path));
      }
    },
    'trustedKeys.list': () => (platform.trustedKeysPath ? guarded(() => readEntries(trustedPath()).list) : { path: null, keys: [] }),
    'trustedKeys.add': ({ name, publicKeyPem }) =>
      guarded(() => {
        const path = trustedPath();
        const signer = checkSignerName(name);
        if (/PRIVATE KEY/.test(publicKeyPem)) throw new KeyError('that is a PRIVATE key; add only public keys, and treat that private key as exposed');
        const key = parsePublicKey(publicKeyPem);
        if (!key) throw new KeyError('the text is not an Ed25519 public key in PEM form (-----BEGIN PUBLIC KEY-----)');
        const fingerprint = fingerprintOf(key);
        const { raw, list } = readEntries(path);
        const already = list.keys.find((k) => k.fingerprint === fingerprint);
        if (already) throw new KeyError(`this key is already trusted, as "${already.name}"`);
        return writeEntries(path, [...raw, { name: signer, publicKeyPem: publicKeyPem.trim() }]);
      }),
    'trustedKeys.remove': ({ fingerprint }) =>
      guarded(() => {
        const path = trustedPath();
        const { raw, fingerprints } = readEntries(path);
        if (!fingerprints.includes(fingerprint)) throw new KeyError(`no trusted key has the fingerprint ${fingerprint}`);
        return writeEntries(path, raw.filter((_entry, index) => fingerprints[index] !== fingerprint));
      }),
  };
}

/** For verification: the managed trusted-keys list, when this host keeps one and it exists. */
export const managedTrustedKeys = (platform: Platform): string | undefined =>
  platform.trustedKeysPath !== undefined && existsSync(platform.trustedKeysPath) ? platform.trustedKeysPath : undefined;
