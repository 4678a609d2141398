// The single API contract between the renderer and the services. The preload, the ipcMain binding and the
// browser host are all generic over it; adding a method here is the only way to add one anywhere.

import {
  CONTROL_SOURCES,
  PILLARS,
  SEVERITIES,
  STATUSES,
  type Account,
  type CollectionError,
  type Control,
  type CoverageCell,
  type Evidence,
  type Finding,
  type Pillar,
  type PillarKey,
  type Principle,
  type Severity,
  type SnapshotMeta,
} from './domain';
import type { Filters } from './filters';
import type { ApiErrorCode } from './ipc';
export type { ApiErrorCode, ApiResponse } from './ipc';
import type { Score } from './scoring';
import { arrayOf, bool, int, none, obj, oneOf, optional, str, type Validator } from './validate';

// ---- Payloads -------------------------------------------------------------------------------------------

export interface SnapshotInfo {
  path: string;
  fileName: string;
  meta: SnapshotMeta;
  counts: { findings: number; controls: number; accounts: number; regions: number; evidence: number; errors: number };
}

export interface ControlRow {
  id: string;
  title: string;
  source: Control['source'];
  pillar: PillarKey;
  principles: Principle[];
  /** null for unclassified controls. */
  severity: Severity | null;
  score: Score;
  /** Accounts with at least one NON_COMPLIANT finding for this control. */
  failingAccounts: number;
}

export interface PillarSummary {
  pillar: PillarKey;
  score: Score;
  controls: number;
  failingControls: number;
}

export interface AccountRow {
  account: Account;
  total: Score;
  pillars: Record<Pillar, Score>;
  unclassified: Score;
}

export interface CoverageSummary {
  /** account × region pairs in scope, and how many were fully collected. */
  pairs: number;
  collected: number;
  gaps: CoverageCell[];
  errorCount: number;
  /** The most recent errors, at most 50; the full list is in `coverage.errors`. */
  errors: CollectionError[];
}

export interface Overview {
  snapshot: SnapshotInfo;
  total: Score;
  pillars: PillarSummary[];
  accounts: AccountRow[];
  topFailing: ControlRow[];
  coverage: CoverageSummary;
}

export interface PillarDetail {
  pillar: PillarKey;
  score: Score;
  principles: { principle: Principle; score: Score; controls: number }[];
  controls: ControlRow[];
}

export interface ControlDetail {
  control: Control;
  score: Score;
}

export const FINDING_SORT_COLUMNS = ['account', 'region', 'resource', 'resourceType', 'status', 'annotation', 'evaluatedAt'] as const;
export type FindingSortColumn = (typeof FINDING_SORT_COLUMNS)[number];

export interface FindingRow extends Finding {
  accountName: string;
  controlTitle: string;
}

export interface FindingPage {
  total: number;
  offset: number;
  rows: FindingRow[];
}

export interface FindingDetail {
  finding: FindingRow;
  control: Control;
  account: Account;
  evidence: Evidence | null;
  /** Other findings on the same resource (same account, region, type and id), at most 200. */
  related: FindingRow[];
}

export interface FilterOptions {
  accounts: Account[];
  ous: string[];
  regions: string[];
}

export interface AppInfo {
  version: string;
  host: 'electron' | 'browser';
  /** Whether this host can show native dialogs (the browser host cannot). */
  nativeDialogs: boolean;
}

// ---- Methods --------------------------------------------------------------------------------------------

const accountId = str({ max: 64 });
const filtersV: Validator<Filters | undefined> = optional(
  obj({
    accounts: optional(arrayOf(accountId, 5000)),
    ous: optional(arrayOf(str({ max: 2048 }), 1000)),
    regions: optional(arrayOf(str({ max: 32 }), 100)),
    statuses: optional(arrayOf(oneOf(STATUSES))),
    severities: optional(arrayOf(oneOf(SEVERITIES))),
    sources: optional(arrayOf(oneOf(CONTROL_SOURCES))),
  }),
);
const pillarKeyV = oneOf<PillarKey>([...PILLARS, 'unclassified']);
const controlIdV = str({ max: 512 });

/**
 * Every method: its parameter validator (run on the trusted side before the handler) and, as a phantom,
 * its result type. `R<T>()` only carries the type.
 */
const R = <T>() => undefined as unknown as T;

export const API = {
  'app.info': { params: none, result: R<AppInfo>() },
  'app.openExternal': { params: obj({ url: str({ max: 2048 }) }), result: R<void>() },
  'snapshot.current': { params: none, result: R<SnapshotInfo | null>() },
  'snapshot.open': { params: obj({ path: str({ max: 4096 }) }), result: R<SnapshotInfo>() },
  'snapshot.openDialog': { params: none, result: R<SnapshotInfo | null>() },
  'filters.options': { params: none, result: R<FilterOptions>() },
  'overview.get': { params: obj({ filters: filtersV }), result: R<Overview>() },
  'pillar.get': { params: obj({ pillar: pillarKeyV, filters: filtersV }), result: R<PillarDetail>() },
  'control.get': { params: obj({ controlId: controlIdV, filters: filtersV }), result: R<ControlDetail>() },
  'control.findings': {
    params: obj({
      controlId: controlIdV,
      filters: filtersV,
      text: optional(str({ max: 256 })),
      sort: optional(oneOf(FINDING_SORT_COLUMNS)),
      descending: optional(bool),
      offset: int(0, 100_000_000),
      limit: int(1, 1000),
    }),
    result: R<FindingPage>(),
  },
  'finding.get': { params: obj({ id: int(1, Number.MAX_SAFE_INTEGER) }), result: R<FindingDetail>() },
  'accounts.get': { params: obj({ filters: filtersV }), result: R<AccountRow[]>() },
  'coverage.errors': {
    params: obj({ offset: int(0, 100_000_000), limit: int(1, 1000) }),
    result: R<{ total: number; rows: CollectionError[] }>(),
  },
} as const;

export type ApiMethod = keyof typeof API;
export type ApiParams<M extends ApiMethod> = ReturnType<(typeof API)[M]['params']>;
export type ApiResult<M extends ApiMethod> = (typeof API)[M]['result'];
export const API_METHODS = Object.keys(API) as ApiMethod[];

/** Events pushed from the services to the renderer. */
export interface ApiEvents {
  'snapshot.changed': SnapshotInfo | null;
}
export type ApiEvent = keyof ApiEvents;
export const API_EVENTS: ApiEvent[] = ['snapshot.changed'];

export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The handlers a host provides: one per method, given already-validated parameters. */
export type ApiHandlers = { [M in ApiMethod]: (params: ApiParams<M>) => Promise<ApiResult<M>> | ApiResult<M> };

/** The typed client the renderer (and tests) use, whatever the transport. */
export interface ApiClient {
  call<M extends ApiMethod>(method: M, ...params: ApiParams<M> extends undefined ? [] : [ApiParams<M>]): Promise<ApiResult<M>>;
  on<E extends ApiEvent>(event: E, listener: (payload: ApiEvents[E]) => void): () => void;
}
