// The one place Triad defines its scores. Every view, the CLI and reports use these functions.
//
// Compliance % = COMPLIANT ÷ (COMPLIANT + NON_COMPLIANT), rounded to one decimal.
// NOT_APPLICABLE, INSUFFICIENT_DATA, ERROR and NOT_EVALUATED are shown beside the score, never inside it,
// and anything not collected is absent from both terms: it can never raise a score.
// With no compliant or non-compliant result the score is null ("no data"), never 100%.

import { STATUSES, type ComplianceStatus } from './domain';

export type StatusCounts = Record<ComplianceStatus, number>;

export function emptyCounts(): StatusCounts {
  return Object.fromEntries(STATUSES.map((s) => [s, 0])) as StatusCounts;
}

export function addCounts(into: StatusCounts, from: StatusCounts): StatusCounts {
  for (const s of STATUSES) into[s] += from[s];
  return into;
}

export function totalOf(counts: StatusCounts): number {
  return STATUSES.reduce((sum, s) => sum + counts[s], 0);
}

/** Percentage in [0, 100] with one decimal, or null when nothing was evaluated as compliant or not. */
export function compliancePercent(counts: StatusCounts): number | null {
  const evaluated = counts.COMPLIANT + counts.NON_COMPLIANT;
  if (evaluated === 0) return null;
  return Math.round((counts.COMPLIANT / evaluated) * 1000) / 10;
}

export interface Score {
  counts: StatusCounts;
  total: number;
  percent: number | null;
}

export function scoreOf(counts: StatusCounts): Score {
  return { counts, total: totalOf(counts), percent: compliancePercent(counts) };
}

export function formatPercent(percent: number | null): string {
  return percent === null ? 'no data' : `${percent.toFixed(1)}%`;
}
