// The audit report's contract, shared by the main process (which builds the model from a snapshot) and the
// renderer's print route (which lays it out for Chromium to print). Pure types, defaults and the route-query
// codec: the CLI, the app and the tests all describe a report with the same ReportOptions.

import {
  PILLARS,
  type Account,
  type CallerIdentity,
  type ComplianceStatus,
  type ControlSource,
  type CoverageCell,
  type CollectionError,
  type Layer,
  type Pillar,
  type PillarKey,
  type Principle,
  type Severity,
  type SnapshotMeta,
} from './domain';
import type { CoverageChange, DiffCategory } from './diff';
import type { ExceptionScope, ExceptionState } from './exceptions';
import { filtersFromQuery, filtersToQuery, type Filters } from './filters';
import type { ReviewStatus } from './review';
import type { Score } from './scoring';

export const PAPER_SIZES = ['a4', 'letter'] as const;
export type PaperSize = (typeof PAPER_SIZES)[number];

/** Up to this many failing findings in scope, the report lists every one of them. */
export const DEFAULT_COMPLETE_LIMIT = 100_000;
/** Above the complete limit, each failing control lists this many resources and says "N of M shown". */
export const DEFAULT_RESOURCE_LIMIT = 100;
/** The evidence appendix details at most this many evidence items and says "N of M shown" beyond it. */
export const DEFAULT_EVIDENCE_LIMIT = 500;
/** The changes section lists at most this many changed findings per category and says "N of M shown" beyond it. */
export const DEFAULT_CHANGES_LIMIT = 200;

/** What the user asks for. Everything a report shows follows from the snapshot and these options. */
export interface ReportOptions {
  filters: Filters;
  /** The pillar sections to include, in this order; 'unclassified' is the clearly marked group of unclassified controls. */
  pillars: PillarKey[];
  /** Pillar sections list only controls with at least one non-compliant result (scores still count every result). */
  failingOnly: boolean;
  /** Whether the evidence appendix is included. */
  evidence: boolean;
  paper: PaperSize;
  preparedBy?: string;
  reviewedBy?: string;
  /** ISO-8601 time the report is made: an input, so the same snapshot and options give the same report. */
  reportTime: string;
  /** Every failing finding is listed when the scope has at most this many. */
  completeLimit: number;
  /** Resources listed per failing control when the scope has more failing findings than completeLimit. */
  resourceLimit: number;
  /** Evidence items detailed in the evidence appendix (the first ones by id); the rest are counted. */
  evidenceLimit: number;
  /** The complete list written beside the PDF when the listing is capped. */
  fullList?: { fileName: string; sha256: string; rows: number };
  // Sections made from files the user chose. Options never carry paths: the main process holds the chosen files
  // (the CLI's --exceptions/--review/--since, or the files in use in the app, see `report.inputs`) and these flags
  // ask for them; a flag set without its file makes the report fail with a message saying so.
  /** The exception register; findings under a live exception show as excepted, and scores are stated both ways. */
  exceptions?: boolean;
  /** The reviewer's notes, samples and sign-off from the review file of this snapshot. */
  review?: boolean;
  /** The "changes since" section: this snapshot compared with the earlier one chosen. */
  since?: boolean;
  /** Changed findings listed per change category (default DEFAULT_CHANGES_LIMIT); the rest are counted. */
  changesLimit?: number;
  /** The complete list of changes written beside the PDF when a change category is capped. */
  changesList?: { fileName: string; sha256: string; rows: number };
}

/** The files a report's exceptions, review and since options would use here (file names; null when none is chosen). */
export interface ReportInputsInfo {
  exceptions: string | null;
  review: string | null;
  since: string | null;
}

export const ALL_REPORT_PILLARS: PillarKey[] = [...PILLARS, 'unclassified'];

export function defaultReportOptions(reportTime: string): ReportOptions {
  return {
    filters: {},
    pillars: [...ALL_REPORT_PILLARS],
    failingOnly: false,
    evidence: true,
    paper: 'a4',
    reportTime,
    completeLimit: DEFAULT_COMPLETE_LIMIT,
    resourceLimit: DEFAULT_RESOURCE_LIMIT,
    evidenceLimit: DEFAULT_EVIDENCE_LIMIT,
  };
}

// ---- The model -------------------------------------------------------------------------------------------

export interface ReportDigest {
  algorithm: 'SHA-256';
  value: string;
  /** 'content': the digest recorded in the snapshot; 'file': the SHA-256 of the snapshot file's bytes. */
  basis: 'content' | 'file';
}

export interface ReportCover {
  title: string;
  snapshotTitle: string;
  snapshotFile: string;
  scope: SnapshotMeta['scope'];
  snapshotTime: string;
  collectedBy: CallerIdentity | null;
  digest: ReportDigest;
  /** The Triad that makes this report, and the one that made the snapshot. */
  triadVersion: string;
  snapshotTriadVersion: string;
  formatVersion: string;
  reportTime: string;
  preparedBy?: string;
  reviewedBy?: string;
  isDemo: boolean;
  partial: boolean;
  /** The filters applied, one "name: values" line each; empty when the whole snapshot is reported. */
  filterLines: string[];
  pillarLabels: string[];
  failingOnly: boolean;
}

/** A score with accepted risks taken out: excepted findings leave the NON_COMPLIANT term (docs/exceptions.md). */
export interface ReportScoreWithExceptions {
  percent: number | null;
  excepted: number;
  nonCompliant: number;
}

export interface ReportPillarScore {
  pillar: PillarKey;
  label: string;
  score: Score;
  controls: number;
  failingControls: number;
  /** Present when the report applies an exceptions file. */
  withExceptions?: ReportScoreWithExceptions;
}

export interface ReportRisk {
  controlId: string;
  title: string;
  /** Where the control comes from, e.g. "AWS Config rule" or "Conformance pack Operational-Best-Practices". */
  origin: string;
  pillar: PillarKey;
  severity: Severity | null;
  failing: number;
  failingAccounts: number;
  anchor: string;
}

export interface ReportSourceCoverage {
  source: ControlSource;
  label: string;
  controls: number;
  results: number;
}

export interface ReportCoverage {
  pairs: number;
  collected: number;
  gaps: (CoverageCell & { accountName: string })[];
  errorCount: number;
  /** The most recent errors, at most 50; the count above is the whole. */
  errors: CollectionError[];
  sources: ReportSourceCoverage[];
  /** One sentence per thing not collected, with why. */
  notCollected: string[];
}

/** available: its results could be read; not-available: the support plan has no Trusted Advisor API; not-collected: a failed call. */
export type TrustedAdvisorState = 'available' | 'not-available' | 'not-collected';

export interface ReportTrustedAdvisor {
  /** False when nothing at all is known about Trusted Advisor in this snapshot. */
  present: boolean;
  /**
   * recorded: the availability the collector recorded per account (snapshot meta `trustedAdvisor`);
   * inferred: a snapshot without that record, read from its Trusted Advisor results and errors; none: neither.
   */
  basis: 'recorded' | 'inferred' | 'none';
  accounts: { account: Account; state: TrustedAdvisorState; results: number; reason: string }[];
}

export interface ReportMethod {
  sources: { label: string; detail: string }[];
  /** Evidence items by the AWS operation that retrieved them. */
  operations: { service: string; operation: string; evidence: number }[];
  catalogVersion: string;
  overrides: SnapshotMeta['overrides'];
  classification: { catalog: number; override: number; unclassified: number };
  scoring: string[];
  limitations: string[];
}

export interface ReportAccountRegion {
  accountId: string;
  accountName: string;
  region: string;
  failing: number;
}

export interface ReportControl {
  id: string;
  anchor: string;
  title: string;
  source: ControlSource;
  sourceLabel: string;
  sourceIdentifier: string;
  conformancePack?: string;
  description: string;
  severity: Severity | null;
  principles: Principle[];
  layer: Layer | null;
  secondaryPillars: Pillar[];
  rationale: string;
  classificationOrigin: SnapshotControlOrigin;
  remediation?: string;
  references: string[];
  score: Score;
  failing: number;
  failingAccounts: number;
  /** How many of the failing findings the report lists (all of them unless the listing is capped). */
  shown: number;
  /** Failing findings covered by a live exception (present when the report applies an exceptions file). */
  excepted?: number;
  byAccountRegion: ReportAccountRegion[];
}

export type SnapshotControlOrigin = 'catalog' | 'override' | 'unclassified';

export interface ReportPillarSection {
  pillar: PillarKey;
  label: string;
  anchor: string;
  score: Score;
  principles: { principle: Principle; label: string; score: Score; controls: number }[];
  controls: ReportControl[];
  /** Controls in scope left out because they have no failure and the report is failing-only. */
  omittedPassing: number;
}

export interface ReportListing {
  mode: 'complete' | 'capped';
  failingFindings: number;
  shownFindings: number;
  completeLimit: number;
  resourceLimit: number;
  fullList?: ReportOptions['fullList'];
}

export interface ReportAccountRow {
  account: Account;
  total: Score;
  pillars: Record<Pillar, Score>;
  unclassified: Score;
}

export interface ReportToc {
  anchor: string;
  label: string;
  level: 1 | 2;
}

/** One entry of the exception register. */
export interface ReportExceptionRow {
  id: string;
  scope: ExceptionScope;
  /** The scope in words, one "Field: value" line per scope field. */
  scopeLines: string[];
  justification: string;
  owner: string;
  approver: string;
  created: string;
  expires: string;
  /** On the day the report is made (the report time's UTC day). */
  state: ExceptionState;
  /** NON_COMPLIANT findings in the report's scope that the exception's scope matches (for an expired one: no longer covered). */
  covers: number;
}

export interface ReportExceptions {
  anchor: string;
  title: string;
  /** The exceptions file applied; null when the report applies none (every failing finding counts as failing). */
  file: { fileName: string; sha256: string } | null;
  /** The UTC day exceptions are checked against: the report time's day. */
  asOf: string;
  entries: ReportExceptionRow[];
  counts: Record<ExceptionState, number>;
  /** Distinct failing findings in the report's scope covered by at least one live exception. */
  excepted: number;
}

/** A finding as the review section cites it. */
export interface ReportReviewFinding {
  findingId: number;
  controlId: string;
  controlTitle: string;
  accountId: string;
  region: string;
  resourceType: string;
  resourceId: string;
  /** The finding's compliance result in the snapshot. */
  result: ComplianceStatus;
}

export interface ReportReview {
  anchor: string;
  title: string;
  /** The review file used; null when the report has none. */
  file: { fileName: string; sha256: string; snapshotDigest: string } | null;
  signOff: { name: string; date: string } | null;
  /** Review items by status (findings and controls). */
  counts: Record<ReviewStatus, number>;
  controlNotes: { controlId: string; controlTitle: string; status: ReviewStatus; note: string; updatedAt: string }[];
  /** Findings the reviewer noted or set a status on (sample picks only marked as sampled are listed with their sample). */
  findingNotes: { finding: ReportReviewFinding; status: ReviewStatus; note: string; sampled: boolean; updatedAt: string }[];
  samples: {
    controlId: string;
    controlTitle: string;
    seed: string;
    size: number;
    population: number;
    createdAt: string;
    picks: { finding: ReportReviewFinding; status: ReviewStatus; note: string }[];
  }[];
}

export interface ReportChangeRow {
  controlId: string;
  controlTitle: string;
  accountId: string;
  region: string;
  resourceType: string;
  resourceId: string;
  baseStatus: ComplianceStatus | null;
  currentStatus: ComplianceStatus | null;
  evidenceChanged: boolean;
}

export interface ReportChanges {
  anchor: string;
  /** "Changes since <day>", the day of the earlier snapshot. */
  title: string;
  base: { title: string; fileName: string; createdAt: string; digest: string | null };
  /** What the reader must know before trusting the comparison (different scopes, order, partial snapshots). */
  warnings: string[];
  counts: { category: DiffCategory; label: string; count: number }[];
  unchanged: number;
  /** Findings whose evidence content differs, whatever their category. */
  evidenceChanged: number;
  accounts: { added: string[]; removed: string[] };
  regions: { added: string[]; removed: string[] };
  controls: { added: { id: string; title: string }[]; removed: { id: string; title: string }[] };
  coverage: CoverageChange[];
  /** Changed findings per category, the first `limit` of each in key order. */
  lists: { category: DiffCategory; label: string; total: number; rows: ReportChangeRow[] }[];
  limit: number;
  changesList?: ReportOptions['changesList'];
}

export interface ReportModel {
  format: 'triad-report';
  version: 1;
  options: ReportOptions;
  cover: ReportCover;
  toc: ReportToc[];
  summary: {
    total: Score;
    /** Present when the report applies an exceptions file. */
    totalWithExceptions?: ReportScoreWithExceptions;
    pillars: ReportPillarScore[];
    topRisks: ReportRisk[];
    coverage: ReportCoverage;
    trustedAdvisor: ReportTrustedAdvisor;
  };
  method: ReportMethod;
  listing: ReportListing;
  pillars: ReportPillarSection[];
  /** Present when the report compares with an earlier snapshot. */
  changes?: ReportChanges;
  accounts: ReportAccountRow[];
  exceptions: ReportExceptions;
  review: ReportReview;
}

/** One failing finding as a report lists it (a compact row: the print route fetches these in pages). */
export interface ReportFindingRow {
  id: number;
  accountId: string;
  region: string;
  resourceType: string;
  resourceId: string;
  resourceName?: string;
  annotation?: string;
  evaluatedAt?: string;
  evidenceId?: number;
}

export interface ReportEvidenceField {
  name: string;
  value: string;
  /** Set when the value was shortened for print; the full value is in the snapshot's evidence item. */
  fullLength?: number;
}

/** An evidence item as the evidence appendix shows it: key fields and provenance. */
export interface ReportEvidence {
  id: number;
  kind: 'configuration-item' | 'api-response';
  resourceType?: string;
  resourceId?: string;
  accountId: string;
  region: string;
  capturedAt?: string;
  fields: ReportEvidenceField[];
  /** Fields not shown (beyond the key fields), counted so nothing is dropped silently. */
  moreFields: number;
  provenance: { service: string; operation: string; params: string; accountId: string; region: string; retrievedAt: string };
}

export const STATUS_FAILING: ComplianceStatus = 'NON_COMPLIANT';

// ---- Print route query ------------------------------------------------------------------------------------

/** The options as the print route's query (`#/report?…`): flat strings, like the app's filter query. */
export function reportOptionsToQuery(options: ReportOptions): Record<string, string> {
  const query: Record<string, string> = {
    ...filtersToQuery(options.filters),
    pillars: options.pillars.join(','),
    failingOnly: options.failingOnly ? '1' : '0',
    evidence: options.evidence ? '1' : '0',
    paper: options.paper,
    reportTime: options.reportTime,
    completeLimit: String(options.completeLimit),
    resourceLimit: String(options.resourceLimit),
    evidenceLimit: String(options.evidenceLimit),
  };
  if (options.preparedBy) query.preparedBy = options.preparedBy;
  if (options.reviewedBy) query.reviewedBy = options.reviewedBy;
  if (options.fullList) {
    query.fullListName = options.fullList.fileName;
    query.fullListSha256 = options.fullList.sha256;
    query.fullListRows = String(options.fullList.rows);
  }
  if (options.exceptions) query.exceptions = '1';
  if (options.review) query.review = '1';
  if (options.since) query.since = '1';
  if (options.changesLimit !== undefined) query.changesLimit = String(options.changesLimit);
  if (options.changesList) {
    query.changesListName = options.changesList.fileName;
    query.changesListSha256 = options.changesList.sha256;
    query.changesListRows = String(options.changesList.rows);
  }
  return query;
}

/** The inverse of reportOptionsToQuery; throws an Error naming the bad value. */
export function reportOptionsFromQuery(query: Record<string, unknown>, now: () => string): ReportOptions {
  const text = (key: string): string | undefined => {
    const value = query[key];
    const first = Array.isArray(value) ? value[0] : value;
    return typeof first === 'string' && first !== '' ? first : undefined;
  };
  const count = (key: string, fallback: number): number => {
    const raw = text(key);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isSafeInteger(value) || value < 1) throw new Error(`Report option ${key} must be a whole number of at least 1 (got "${raw}")`);
    return value;
  };
  const pillarsText = text('pillars');
  const pillars = pillarsText ? pillarsText.split(',') : [...ALL_REPORT_PILLARS];
  const badPillar = pillars.find((p) => !(ALL_REPORT_PILLARS as string[]).includes(p));
  if (badPillar !== undefined) throw new Error(`Unknown report pillar "${badPillar}"`);
  const paper = text('paper') ?? 'a4';
  if (!(PAPER_SIZES as readonly string[]).includes(paper)) throw new Error(`Unknown paper size "${paper}" (a4 or letter)`);
  const fullListName = text('fullListName');
  const fullListSha256 = text('fullListSha256');
  const options: ReportOptions = {
    filters: filtersFromQuery(query),
    pillars: pillars as PillarKey[],
    failingOnly: text('failingOnly') === '1',
    evidence: text('evidence') !== '0',
    paper: paper as PaperSize,
    reportTime: text('reportTime') ?? now(),
    completeLimit: count('completeLimit', DEFAULT_COMPLETE_LIMIT),
    resourceLimit: count('resourceLimit', DEFAULT_RESOURCE_LIMIT),
    evidenceLimit: count('evidenceLimit', DEFAULT_EVIDENCE_LIMIT),
  };
  const preparedBy = text('preparedBy');
  const reviewedBy = text('reviewedBy');
  if (preparedBy) options.preparedBy = preparedBy;
  if (reviewedBy) options.reviewedBy = reviewedBy;
  if (fullListName && fullListSha256) {
    options.fullList = { fileName: fullListName, sha256: fullListSha256, rows: count('fullListRows', 1) };
  }
  if (text('exceptions') === '1') options.exceptions = true;
  if (text('review') === '1') options.review = true;
  if (text('since') === '1') options.since = true;
  if (text('changesLimit') !== undefined) options.changesLimit = count('changesLimit', DEFAULT_CHANGES_LIMIT);
  const changesListName = text('changesListName');
  const changesListSha256 = text('changesListSha256');
  if (changesListName && changesListSha256) {
    options.changesList = { fileName: changesListName, sha256: changesListSha256, rows: count('changesListRows', 1) };
  }
  return options;
}

/** The print route marks each step (performance.mark) under this prefix; the PDF printer reports their times. */
export const REPORT_MARK_PREFIX = 'triad-report:';

/** Anchors of the report's sections: stable ids for the table of contents, internal links and the outline. */
export const REPORT_ANCHORS = {
  summary: 'report-summary',
  method: 'report-method',
  accounts: 'report-accounts',
  evidence: 'report-evidence',
  exceptions: 'report-exceptions',
  review: 'report-review',
  changes: 'report-changes',
  pillar: (pillar: PillarKey) => `report-pillar-${pillar}`,
} as const;
