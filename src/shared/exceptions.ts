// Accepted risks (docs/exceptions.md): an exception covers the NON_COMPLIANT findings in its scope until it
// expires; covered findings show as "excepted". Pure types and rules shared by the loader, the CLI and the app.

import type { PillarKey } from './domain';
import type { Score } from './scoring';

export interface ExceptionScope {
  controlId?: string;
  accountId?: string;
  region?: string;
  /** Glob over the resource id: `*` any run of characters, `?` one character; everything else literal. */
  resourcePattern?: string;
}

export interface ExceptionEntry {
  id: string;
  scope: ExceptionScope;
  justification: string;
  owner: string;
  approver: string;
  /** Dates as YYYY-MM-DD (UTC days). The exception applies from `created` through the whole of `expires`. */
  created: string;
  expires: string;
}

/** live: applies; expired: past its expiry day (flagged, no longer applies); pending: created after the date checked. */
export type ExceptionState = 'live' | 'expired' | 'pending';

export function exceptionState(entry: Pick<ExceptionEntry, 'created' | 'expires'>, asOf: Date): ExceptionState {
  const day = asOf.toISOString().slice(0, 10);
  if (day > entry.expires) return 'expired';
  if (day < entry.created) return 'pending';
  return 'live';
}

/** The resource pattern as an anchored regular expression. */
export function resourcePatternRegExp(pattern: string): RegExp {
  const body = [...pattern].map((ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('');
  return new RegExp(`^${body}$`, 'su');
}

export function exceptionCovers(
  scope: ExceptionScope,
  finding: { controlId: string; accountId: string; region: string; resourceId: string },
): boolean {
  return (
    (scope.controlId === undefined || scope.controlId === finding.controlId) &&
    (scope.accountId === undefined || scope.accountId === finding.accountId) &&
    (scope.region === undefined || scope.region === finding.region) &&
    (scope.resourcePattern === undefined || resourcePatternRegExp(scope.resourcePattern).test(finding.resourceId))
  );
}

export interface ExceptionOutcome {
  entry: ExceptionEntry;
  state: ExceptionState;
  /** NON_COMPLIANT findings in its scope (for an expired one: those it no longer covers). */
  matched: number;
}

export interface ScoreViews {
  withoutExceptions: Score;
  withExceptions: { percent: number | null; excepted: number; nonCompliant: number };
}

export interface ExceptionsApplied {
  asOf: string;
  outcomes: ExceptionOutcome[];
  /** Distinct findings covered by at least one live exception. */
  excepted: number;
  total: ScoreViews;
  pillars: Record<PillarKey, ScoreViews>;
}
