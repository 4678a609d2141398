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
import {
  ALL_REPORT_PILLARS,
  PAPER_SIZES,
  type ReportEvidence,
  type ReportFindingRow,
  type ReportInputsInfo,
  type ReportModel,
  type ReportOptions,
} from './report';
import type { ApiErrorCode } from './ipc';
import { DIFF_CATEGORIES, type DiffChangeDetail, type DiffChangePage, type DiffSummary } from './diff';
import type { ExceptionEntry, ExceptionsApplied } from './exceptions';
import type { IntegrityReport, ReportIntegrity } from './integrity';
import type { Library } from './library';
import { DATA_FORMATS, SAFE_FILE_NAME, type ExportOutcome, type ExportProgress } from './exports';
import { REVIEW_STATUSES, type ReviewFileContent, type ReviewTarget } from './review';
import type { SignOutcome, SigningKeyInfo, TrustedKeyList } from './signing';
export type { ApiErrorCode, ApiResponse } from './ipc';
import type { Score } from './scoring';
import { ValidationError, arrayOf, bool, int, none, obj, oneOf, optional, str, type Validator } from './validate';

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

/** The dimensions the overview can regroup the same findings by. */
export const GROUP_BYS = ['pillar', 'principle', 'layer', 'source'] as const;
export type GroupBy = (typeof GROUP_BYS)[number];

export interface OverviewGroup {
  /** A pillar key, principle, layer or control source; 'unclassified' for controls without a classification. */
  key: string;
  label: string;
  score: Score;
  controls: number;
  failingControls: number;
  /** The group's controls with the most non-compliant findings first, at most 10. */
  topControls: ControlRow[];
}

export interface OverviewGroups {
  groupBy: GroupBy;
  /**
   * True when a control may count in several groups (design principles: a control counts once in each of its
   * principles), so the groups' totals add up to more than the overall total.
   */
  overlapping: boolean;
  groups: OverviewGroup[];
}

/** A built-in check's metadata, for its control page (and the Trusted Advisor control it sits beside). */
export interface CheckMetadata {
  checkId: string;
  controlId: string;
  title: string;
  grading: { red?: string; yellow?: string; green: string };
  /** The Trusted Advisor counterpart; `inSnapshot` when this snapshot holds its real results. */
  trustedAdvisor: { name: string; checkId: string; controlId: string; inSnapshot: boolean } | null;
  /** The equivalent AWS Config managed rule; `inSnapshot` when this snapshot holds its results. */
  configRule: { identifier: string; controlId: string; inSnapshot: boolean } | null;
  remediation: string;
  references: string[];
  /** What the check reads, in words (e.g. "IAM credential report"). */
  inputs: string[];
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
  /** Whether exports can be saved: a save dialog in the app, a configured output folder in the browser host. */
  canSave: boolean;
  /** Whether a file Triad just wrote can be opened with the system's default application ("open when done"). */
  canOpenFiles: boolean;
  /** Where this host keeps the signing key: the system keychain (app), a test-only plain folder (browser host), or nowhere. */
  signingKeys: 'keychain' | 'test-only' | null;
}

/** An open review file (docs/review.md) and where it is. */
export interface ReviewDocument {
  path: string;
  review: ReviewFileContent;
}

export type ProfileKind = 'sso' | 'role' | 'process' | 'static' | 'web-identity' | 'other';

/** An AWS profile from the user's config files: its name and kind, never a secret. */
export interface CollectionProfile {
  name: string;
  kind: ProfileKind;
  region?: string;
  /** The SSO account of an IAM Identity Center profile. */
  accountId?: string;
  /** The role a role profile assumes. */
  roleArn?: string;
}

/** A new collection: scopes combine (self, accounts, organization, aggregator); regions are a list or all enabled. */
export interface CollectionRequest {
  /** Named profile; absent means the default credential chain. */
  profile?: string;
  self?: boolean;
  accounts?: string[];
  organization?: boolean;
  aggregator?: string;
  /** Role name to assume in each account of the accounts and organization scopes. */
  role?: string;
  externalId?: string;
  mfaSerial?: string;
  mfaCode?: string;
  sessionDurationSeconds?: number;
  regions?: string[];
  /** All regions enabled in each account (EC2 DescribeRegions); used when `regions` is absent. */
  allRegions?: boolean;
  /** Region for STS, Organizations and the aggregator; defaults to the profile's region, then us-east-1. */
  homeRegion?: string;
  /** Where the snapshot is written (the work file is `<outPath>.partial` until it finishes). */
  outPath: string;
  title?: string;
  /** Account × region pairs collected at the same time. */
  concurrency?: number;
  /** Continue the interrupted collection whose work file is `<outPath>.partial`. */
  resume?: boolean;
}

export type CollectionState = 'running' | 'paused' | 'finished' | 'cancelled' | 'failed';

/** Pushed while a collection runs (event collection.progress). */
export interface CollectionProgress {
  state: CollectionState;
  outPath: string;
  pairsDone: number;
  pairsTotal: number;
  calls: number;
  throttles: number;
  retries: number;
  errors: number;
  elapsedMs: number;
  /** null until enough pairs finished to estimate. */
  etaSeconds: number | null;
  /** Why it is paused (e.g. the `aws sso login` to run) or why it failed. */
  message?: string;
  lastError?: CollectionError;
  lastPair?: CoverageCell;
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
/** Rows one report.findings call may ask for, over all its pages. */
export const REPORT_FINDINGS_PER_CALL = 5000;

const accountNumberV = str({ max: 12, pattern: /^\d{12}$/ });
const regionV = str({ max: 32, pattern: /^[a-z]{2}(-[a-z]+)+-\d+$/ });
const awsNameV = (max: number) => str({ max, pattern: /^[\w+=,.@\/-]+$/ });
const collectionRequestV: Validator<CollectionRequest> = obj({
  profile: optional(str({ max: 128, pattern: /^[\w+=,.@\/-]+$/ })),
  self: optional(bool),
  accounts: optional(arrayOf(accountNumberV, 10_000)),
  organization: optional(bool),
  aggregator: optional(awsNameV(256)),
  role: optional(awsNameV(512)),
  externalId: optional(str({ max: 1224, pattern: /^[\w+=,.@:\/-]+$/ })),
  mfaSerial: optional(str({ max: 256, pattern: /^[\w+=\/:,.@-]+$/ })),
  mfaCode: optional(str({ max: 6, pattern: /^\d{6}$/ })),
  sessionDurationSeconds: optional(int(900, 43_200)),
  regions: optional(arrayOf(regionV, 100)),
  allRegions: optional(bool),
  homeRegion: optional(regionV),
  outPath: str({ max: 4096 }),
  title: optional(str({ max: 256 })),
  concurrency: optional(int(1, 512)),
  resume: optional(bool),
});

const pathV = str({ max: 4096 });
const fileNameV = str({ max: 151, pattern: SAFE_FILE_NAME });
const dayV = str({ max: 10, pattern: /^\d{4}-\d{2}-\d{2}$/ });
const reviewTargetShapeV = obj({ kind: oneOf(['finding', 'control'] as const), findingId: optional(int(1, Number.MAX_SAFE_INTEGER)), controlId: optional(controlIdV) });
const reviewTargetV: Validator<ReviewTarget> = (value, path) => {
  const target = reviewTargetShapeV(value, path);
  if (target.kind === 'finding' && target.findingId !== undefined && target.controlId === undefined) return { kind: 'finding', findingId: target.findingId };
  if (target.kind === 'control' && target.controlId !== undefined && target.findingId === undefined) return { kind: 'control', controlId: target.controlId };
  throw new ValidationError(`${path} must be { kind: "finding", findingId } or { kind: "control", controlId }`);
};

const reportOptionsV: Validator<ReportOptions> = obj({
  filters: obj({
    accounts: optional(arrayOf(accountId, 5000)),
    ous: optional(arrayOf(str({ max: 2048 }), 1000)),
    regions: optional(arrayOf(str({ max: 32 }), 100)),
    statuses: optional(arrayOf(oneOf(STATUSES))),
    severities: optional(arrayOf(oneOf(SEVERITIES))),
    sources: optional(arrayOf(oneOf(CONTROL_SOURCES))),
  }),
  pillars: arrayOf(oneOf(ALL_REPORT_PILLARS), 4),
  failingOnly: bool,
  evidence: bool,
  paper: oneOf(PAPER_SIZES),
  preparedBy: optional(str({ max: 256 })),
  reviewedBy: optional(str({ max: 256 })),
  reportTime: str({ max: 64 }),
  completeLimit: int(1, 100_000_000),
  resourceLimit: int(1, 100_000_000),
  evidenceLimit: int(1, 100_000_000),
  fullList: optional(obj({ fileName: str({ max: 1024 }), sha256: str({ max: 64, pattern: /^[0-9a-f]{64}$/ }), rows: int(0, 100_000_000) })),
  exceptions: optional(bool),
  review: optional(bool),
  since: optional(bool),
  changesLimit: optional(int(1, 100_000_000)),
  changesList: optional(obj({ fileName: str({ max: 1024 }), sha256: str({ max: 64, pattern: /^[0-9a-f]{64}$/ }), rows: int(0, 100_000_000) })),
});

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
  'overview.groups': { params: obj({ groupBy: oneOf(GROUP_BYS), filters: filtersV }), result: R<OverviewGroups>() },
  'pillar.get': { params: obj({ pillar: pillarKeyV, filters: filtersV }), result: R<PillarDetail>() },
  'control.get': { params: obj({ controlId: controlIdV, filters: filtersV }), result: R<ControlDetail>() },
  /** null for controls that are not a built-in check or a Trusted Advisor check with a built-in counterpart. */
  'control.checkMetadata': { params: obj({ controlId: controlIdV }), result: R<CheckMetadata | null>() },
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
  /** The report model; its cover carries no integrity state, which report.integrity answers (it can take seconds). */
  'report.model': { params: obj({ options: reportOptionsV }), result: R<ReportModel>() },
  /** The open snapshot's integrity for the report cover, once its content digest is recomputed. */
  'report.integrity': { params: none, result: R<ReportIntegrity>() },
  /**
   * Listed failing findings of several controls in one call: for each page asked (a control, offset and limit),
   * its rows, in the order asked. At most REPORT_FINDINGS_PER_CALL rows in all.
   */
  'report.findings': {
    params: obj({
      filters: filtersV,
      pages: arrayOf(obj({ controlId: controlIdV, offset: int(0, 100_000_000), limit: int(1, REPORT_FINDINGS_PER_CALL) }), 1000),
    }),
    result: R<ReportFindingRow[][]>(),
  },
  'report.evidence': { params: obj({ ids: arrayOf(int(1, Number.MAX_SAFE_INTEGER), 1000) }), result: R<ReportEvidence[]>() },
  /** The files the report options exceptions, review and since would use: the ones last applied, opened or compared here. */
  'report.inputs': { params: none, result: R<ReportInputsInfo>() },
  'collection.profiles': { params: none, result: R<CollectionProfile[]>() },
  'collection.start': { params: collectionRequestV, result: R<CollectionProgress>() },
  'collection.cancel': { params: none, result: R<void>() },
  'collection.pause': { params: none, result: R<void>() },
  'collection.resume': { params: none, result: R<void>() },
  'snapshot.verify': { params: obj({ trustedKeysPath: optional(str({ max: 4096 })) }), result: R<IntegrityReport>() },
  'diff.run': { params: obj({ basePath: str({ max: 4096 }), currentPath: str({ max: 4096 }) }), result: R<DiffSummary>() },
  'diff.changes': {
    params: obj({ category: optional(oneOf(DIFF_CATEGORIES)), controlId: optional(controlIdV), offset: int(0, 100_000_000), limit: int(1, 1000) }),
    result: R<DiffChangePage>(),
  },
  'diff.change': { params: obj({ id: int(1, Number.MAX_SAFE_INTEGER) }), result: R<DiffChangeDetail>() },
  'exceptions.apply': {
    params: obj({ path: str({ max: 4096 }), asOf: optional(str({ max: 10, pattern: /^\d{4}-\d{2}-\d{2}$/ })) }),
    result: R<ExceptionsApplied>(),
  },
  'exceptions.save': {
    params: obj({
      path: str({ max: 4096 }),
      entry: obj({
        id: str({ max: 200 }),
        scope: obj({ controlId: optional(controlIdV), accountId: optional(accountNumberV), region: optional(regionV), resourcePattern: optional(str({ max: 1024 })) }),
        justification: str({ max: 4000 }),
        owner: str({ max: 200 }),
        approver: str({ max: 200 }),
        created: str({ max: 10, pattern: /^\d{4}-\d{2}-\d{2}$/ }),
        expires: str({ max: 10, pattern: /^\d{4}-\d{2}-\d{2}$/ }),
      }),
    }),
    result: R<ExceptionEntry[]>(),
  },
  'library.scan': { params: obj({ folder: str({ max: 4096 }), verify: optional(bool) }), result: R<Library>() },
  /** Asks where to save (null: the user cancelled), writes atomically, and opens the file when asked to. */
  'export.report': { params: obj({ options: reportOptionsV, fileName: fileNameV, openWhenDone: bool }), result: R<ExportOutcome | null>() },
  'export.data': {
    params: obj({ format: oneOf(DATA_FORMATS), filters: filtersV, bom: bool, fileName: fileNameV, openWhenDone: bool }),
    result: R<ExportOutcome | null>(),
  },
  /** Opens the review file at `path` for the open snapshot; `create` makes it when it does not exist yet. */
  'review.open': { params: obj({ path: pathV, create: bool }), result: R<ReviewDocument>() },
  'review.note': {
    params: obj({ path: pathV, target: reviewTargetV, status: optional(oneOf(REVIEW_STATUSES)), note: optional(str({ max: 20_000 })), sampled: optional(bool) }),
    result: R<ReviewDocument>(),
  },
  /** Draws `size` findings of a control from `seed` (a random one when absent), recorded in the review. */
  'review.sample': { params: obj({ path: pathV, controlId: controlIdV, size: int(1, 10_000), seed: optional(str({ max: 200 })) }), result: R<ReviewDocument>() },
  'review.signOff': { params: obj({ path: pathV, name: str({ max: 200 }), date: dayV }), result: R<ReviewDocument>() },
  'signing.key': { params: none, result: R<SigningKeyInfo | null>() },
  'signing.createKey': { params: obj({ name: str({ max: 200 }), replace: bool }), result: R<SigningKeyInfo>() },
  /** Saves the public key PEM where the user chooses (null: cancelled). */
  'signing.exportPublicKey': { params: obj({ fileName: fileNameV }), result: R<{ path: string } | null>() },
  /** Signs the open snapshot with the app's key, replacing the file atomically, and reopens it. */
  'snapshot.sign': { params: none, result: R<SignOutcome>() },
  'trustedKeys.list': { params: none, result: R<TrustedKeyList>() },
  'trustedKeys.add': { params: obj({ name: str({ max: 200 }), publicKeyPem: str({ max: 4096 }) }), result: R<TrustedKeyList>() },
  'trustedKeys.remove': { params: obj({ fingerprint: str({ max: 64, pattern: /^[0-9a-f]{64}$/ }) }), result: R<TrustedKeyList>() },
} as const;

export type ApiMethod = keyof typeof API;
export type ApiParams<M extends ApiMethod> = ReturnType<(typeof API)[M]['params']>;
export type ApiResult<M extends ApiMethod> = (typeof API)[M]['result'];
export const API_METHODS = Object.keys(API) as ApiMethod[];

/** Events pushed from the services to the renderer. */
export interface ApiEvents {
  'snapshot.changed': SnapshotInfo | null;
  'collection.progress': CollectionProgress;
  'export.progress': ExportProgress;
}
export type ApiEvent = keyof ApiEvents;
export const API_EVENTS: ApiEvent[] = ['snapshot.changed', 'collection.progress', 'export.progress'];

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
