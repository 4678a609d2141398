// Snapshot integrity: the content digest (docs/integrity.md), Ed25519 signatures inside the snapshot, the
// trusted-keys list, and verification.

export { DIGEST_SCHEME, computeContentDigest, computeContentDigestAsync, contentLines, recordContentDigest } from './content-digest';
export { KeyError, fingerprintOf, generateSigningKey, parseSigningKey, type GeneratedKeyPair, type SigningKey } from './keys';
export { publicKeyPathFor, readSigningKeyFile, writeKeyFiles } from './key-files';
export { signSnapshotFile, type SignOptions, type SignResult } from './sign';
export { TrustedKeysError, loadTrustedKeys, parseTrustedKeys, type TrustedKey, type TrustedKeys } from './trusted-keys';
export { verifySnapshotFile, verifySnapshotFileAsync, verifySnapshotFileExpecting, type VerifyOptions } from './verify';
