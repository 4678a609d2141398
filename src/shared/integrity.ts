// What verifying a snapshot found: shared by the CLI, the API and the renderer's badge. Pure types.

/**
 * - verified: the content matches its digest and a valid signature comes from a trusted signer.
 * - signed: the content matches and every signature is valid, but no trusted-keys list was given to check the signer.
 * - untrusted: the content matches and every signature is valid, but no signer is in the trusted-keys list.
 * - unsigned: the content matches its digest; nobody signed it.
 * - invalid-signature: a signature does not verify (damaged, or made with another key than the one it names).
 * - tampered: the content differs from its recorded digest, or from the digest its signer signed.
 * - no-digest: the snapshot records no content digest (written by a Triad without integrity), so it cannot be checked.
 */
export type IntegrityState = 'verified' | 'signed' | 'untrusted' | 'unsigned' | 'invalid-signature' | 'tampered' | 'no-digest';

export const INTEGRITY_STATES: readonly IntegrityState[] = [
  'verified',
  'signed',
  'untrusted',
  'unsigned',
  'invalid-signature',
  'tampered',
  'no-digest',
];

/** States that must be acknowledged before a snapshot is used: its content cannot be relied on. */
export const UNSAFE_INTEGRITY_STATES: readonly IntegrityState[] = ['tampered', 'invalid-signature'];

export type SignatureState = 'valid' | 'invalid' | 'other-content';

export interface SignatureCheck {
  /** The signer name recorded in the signature (as signed: untrusted text). */
  signer: string;
  fingerprint: string;
  signedAt: string;
  state: SignatureState;
  /** The name the trusted-keys list gives this key, when it is listed. */
  trustedAs: string | null;
  /** Why the signature is not valid; empty when it is. */
  problem: string;
}

export interface IntegrityReport {
  state: IntegrityState;
  /** One sentence for the user: what was found and what it means. */
  message: string;
  scheme: string | null;
  /** The digest recorded in the snapshot, and the one recomputed from its content. */
  recordedDigest: string | null;
  computedDigest: string;
  signatures: SignatureCheck[];
  /** Whether a trusted-keys list was applied. */
  trustChecked: boolean;
}

/** What a report states about its snapshot's integrity; `warning` puts the message on the cover. */
export interface ReportIntegrity {
  state: IntegrityState;
  message: string;
  warning: boolean;
}

export function reportIntegrityOf(report: IntegrityReport): ReportIntegrity {
  return { state: report.state, message: report.message, warning: UNSAFE_INTEGRITY_STATES.includes(report.state) };
}
