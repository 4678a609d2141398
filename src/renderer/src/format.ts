// Display formatting shared by every view. Scores come from shared/scoring.ts; this only presents them.
import {
  CONTROL_SOURCE_LABELS,
  PILLAR_LABELS,
  type ComplianceStatus,
  type ControlSource,
  type PillarKey,
  type Severity,
} from '../../shared/domain';

export { formatPercent } from '../../shared/scoring';

export const STATUS_LABELS: Record<ComplianceStatus, string> = {
  COMPLIANT: 'Compliant',
  NON_COMPLIANT: 'Non-compliant',
  NOT_APPLICABLE: 'Not applicable',
  INSUFFICIENT_DATA: 'Insufficient data',
  ERROR: 'Error',
  NOT_EVALUATED: 'Not evaluated',
};

/** A symbol beside every status label, so status never depends on colour alone. */
export const STATUS_SYMBOLS: Record<ComplianceStatus, string> = {
  COMPLIANT: '✓',
  NON_COMPLIANT: '✗',
  NOT_APPLICABLE: '–',
  INSUFFICIENT_DATA: '?',
  ERROR: '!',
  NOT_EVALUATED: '○',
};

export const SEVERITY_LABELS: Record<Severity, string> = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
  informational: 'Informational',
};

export function pillarLabel(pillar: PillarKey): string {
  return pillar === 'unclassified' ? 'Unclassified' : PILLAR_LABELS[pillar];
}

export function sourceLabel(source: ControlSource): string {
  return CONTROL_SOURCE_LABELS[source] ?? source;
}

const integer = new Intl.NumberFormat('en-US');

export function formatCount(n: number): string {
  return integer.format(n);
}

/**
 * AWS times as an unambiguous UTC timestamp ("2026-03-04 10:15:00 UTC"). Auditors compare them with
 * CloudTrail and Config, which speak UTC; text that is not a valid date is shown as it came.
 */
export function formatTime(iso: string | undefined | null): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** Pretty JSON for evidence; never throws (cycles cannot come from JSON, but BigInt-like oddities might). */
export function prettyJson(value: unknown): string {
  try {
    return JSON.stringify(value, null, 2) ?? 'null';
  } catch (error) {
    return `Evidence cannot be shown as JSON: ${error instanceof Error ? error.message : String(error)}`;
  }
}
