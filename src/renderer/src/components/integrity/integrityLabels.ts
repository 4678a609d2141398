import type { IntegrityState } from '../../../../shared/integrity';

/** The badge text per state, and the tone it is shown in. */
export const INTEGRITY_BADGES: Record<IntegrityState, { label: string; tone: 'good' | 'neutral' | 'warn' | 'danger' }> = {
  verified: { label: 'Verified', tone: 'good' },
  signed: { label: 'Signed', tone: 'good' },
  untrusted: { label: 'Untrusted signer', tone: 'warn' },
  unsigned: { label: 'Unsigned', tone: 'neutral' },
  'invalid-signature': { label: 'Invalid signature', tone: 'danger' },
  tampered: { label: 'Tampered', tone: 'danger' },
  'no-digest': { label: 'No digest', tone: 'warn' },
};
