// Colour-blind-safe palette (Okabe–Ito). `color` fills charts and accents; `ink` is a darker shade of the
// same hue for text, so every label keeps a contrast of at least 4.5:1 on the page background.
import type { ComplianceStatus, PillarKey } from '../../shared/domain';

export const PILLAR_COLORS: Record<PillarKey, { color: string; ink: string }> = {
  confidentiality: { color: '#0072B2', ink: '#005A8C' },
  integrity: { color: '#E69F00', ink: '#8A5A00' },
  availability: { color: '#009E73', ink: '#00704F' },
  unclassified: { color: '#999999', ink: '#555555' },
};

/** Status fills; charts add a pattern per status too (see charts/patterns.ts), so colour is never alone. */
export const STATUS_COLORS: Record<ComplianceStatus, string> = {
  COMPLIANT: '#009E73',
  NON_COMPLIANT: '#D55E00',
  NOT_APPLICABLE: '#BBBBBB',
  INSUFFICIENT_DATA: '#F0E442',
  ERROR: '#CC79A7',
  NOT_EVALUATED: '#56B4E9',
};
