// Comparing two snapshots: the vocabulary and payloads shared by the diff engine, the CLI, the API and the
// renderer's diff view. Pure types and constants.

import type { ComplianceStatus, CoverageState, PillarKey } from './domain';
import type { FindingDetail, SnapshotInfo } from './api';

/**
 * What happened to one finding key (control × account × region × resource) between the base snapshot (A,
 * earlier) and the current one (B). Exactly one category per key:
 * - new-failing: only in B, NON_COMPLIANT, in an account × region pair A collected too.
 * - regressed: in both; NON_COMPLIANT in B, any other status in A (COMPLIANT → NON_COMPLIANT most often).
 * - resolved: in both; NON_COMPLIANT in A, COMPLIANT or NOT_APPLICABLE in B.
 * - still-failing: NON_COMPLIANT in both.
 * - evidence-changed: same status (not NON_COMPLIANT) in both, but the evidence content differs.
 * - status-changed: in both, any other change of status (e.g. NON_COMPLIANT → ERROR: not a resolution).
 * - removed: only in A, though B collected its account × region pair and still has its control (the
 *   resource or its evaluation is gone).
 * - added: only in B, not NON_COMPLIANT, in a pair A collected too.
 * - no-longer-collected: only in A, and B did not fully collect its pair or no longer has its control:
 *   never counted as resolved.
 * - newly-collected: only in B, in a pair A did not fully collect or with a control A did not have.
 */
export const DIFF_CATEGORIES = [
  'new-failing',
  'regressed',
  'resolved',
  'still-failing',
  'evidence-changed',
  'status-changed',
  'removed',
  'added',
  'no-longer-collected',
  'newly-collected',
] as const;
export type DiffCategory = (typeof DIFF_CATEGORIES)[number];

export const DIFF_CATEGORY_LABELS: Record<DiffCategory, string> = {
  'new-failing': 'New failing',
  regressed: 'Regressed',
  resolved: 'Resolved',
  'still-failing': 'Still failing',
  'evidence-changed': 'Evidence changed',
  'status-changed': 'Status changed',
  removed: 'No longer evaluated',
  added: 'Newly evaluated',
  'no-longer-collected': 'No longer collected',
  'newly-collected': 'Newly collected',
};

export type DiffCounts = Record<DiffCategory, number> & { unchanged: number };

export interface DiffControlRow {
  controlId: string;
  title: string;
  pillar: PillarKey;
  counts: DiffCounts;
}

export interface CoverageChange {
  accountId: string;
  region: string;
  /** null: the pair is not in that snapshot's scope at all. */
  base: CoverageState | null;
  current: CoverageState | null;
}

export interface DiffSummary {
  base: SnapshotInfo;
  current: SnapshotInfo;
  /** Things the user must know before trusting the comparison (different scopes, order, partial snapshots). */
  warnings: string[];
  totals: DiffCounts;
  /** Findings whose evidence content differs, whatever their category. */
  evidenceChanged: number;
  controls: DiffControlRow[];
  accounts: { added: string[]; removed: string[] };
  regions: { added: string[]; removed: string[] };
  controlsAdded: string[];
  controlsRemoved: string[];
  coverage: CoverageChange[];
  elapsedMs: number;
}

export interface DiffChange {
  id: number;
  category: DiffCategory;
  controlId: string;
  accountId: string;
  region: string;
  resourceType: string;
  resourceId: string;
  baseFindingId: number | null;
  currentFindingId: number | null;
  baseStatus: ComplianceStatus | null;
  currentStatus: ComplianceStatus | null;
  evidenceChanged: boolean;
}

export interface DiffChangePage {
  total: number;
  offset: number;
  rows: DiffChange[];
}

/** One difference between two JSON documents: the path to it and what happened there. */
export interface JsonChange {
  path: (string | number)[];
  kind: 'changed' | 'added' | 'removed';
}

export interface DiffChangeDetail {
  change: DiffChange;
  base: FindingDetail | null;
  current: FindingDetail | null;
  /** Paths in the evidence body that differ (empty when the evidence is identical or absent on a side). */
  evidencePaths: JsonChange[];
  /** Whether evidencePaths was cut short at its limit. */
  evidencePathsTruncated: boolean;
}
