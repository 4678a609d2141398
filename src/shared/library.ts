// A library of snapshots in one folder, grouped by scope for trends. Pure types.

import type { PillarKey, SnapshotMeta } from './domain';
import type { IntegrityState } from './integrity';

export interface LibraryEntry {
  path: string;
  fileName: string;
  title: string;
  createdAt: string;
  scope: SnapshotMeta['scope'];
  /** Snapshots with the same scope key form one trend. */
  scopeKey: string;
  findings: number;
  failing: number;
  /** Overall and per-pillar compliance % (null: no data). */
  percent: number | null;
  pillars: { pillar: PillarKey; percent: number | null; failing: number }[];
  digest: string | null;
  /** null when verification was not asked for. */
  integrity: IntegrityState | null;
  isDemo: boolean;
  partial: boolean;
}

export interface LibraryScope {
  key: string;
  label: string;
  /** Paths of its snapshots, oldest first. */
  paths: string[];
}

export interface Library {
  folder: string;
  entries: LibraryEntry[];
  scopes: LibraryScope[];
  /** Files ending in .triad that could not be read, with the reason. */
  unreadable: { fileName: string; problem: string }[];
}

export const scopeKeyOf = (scope: SnapshotMeta['scope']): string => `${scope.mode}\u0000${scope.description}`;
export const scopeLabelOf = (scope: SnapshotMeta['scope']): string => `${scope.mode}${scope.description ? `: ${scope.description}` : ''}`;
