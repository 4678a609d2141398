// Signing from the app: the app's own Ed25519 signing key (its private half protected by the system keychain)
// and the trusted-keys list that verification checks signers against. Pure types.

export interface SigningKeyInfo {
  name: string;
  fingerprint: string;
  /** The public key PEM (with its "Triad-Signer" line): safe to share. */
  publicPem: string;
}

export interface TrustedKeyEntry {
  name: string;
  fingerprint: string;
}

export interface TrustedKeyList {
  /** The file verification reads; null when this host keeps no trusted-keys list. */
  path: string | null;
  keys: TrustedKeyEntry[];
}

export interface SignOutcome {
  path: string;
  digest: string;
  signer: string;
  fingerprint: string;
  signedAt: string;
}
