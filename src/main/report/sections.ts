// The report sections made from what the user brings besides the snapshot: the exception register (an
// exceptions file), the reviewer's notes, samples and sign-off (a review file), the changes since an earlier
// snapshot (a comparison), and Trusted Advisor availability per account. Pure: each is built from data that
// inputs.ts gathered (the files as read, counts from SQLite, the comparison's pages), so the same inputs always
// give the same sections.

import { DIFF_CATEGORIES, DIFF_CATEGORY_LABELS, type DiffChange, type DiffSummary } from '../../shared/diff';
import type { Account, CollectionError, SnapshotMeta } from '../../shared/domain';
import { exceptionState, type ExceptionEntry, type ExceptionScope, type ExceptionState } from '../../shared/exceptions';
import {
  REPORT_ANCHORS,
  type ReportChangeRow,
  type ReportChanges,
  type ReportExceptions,
  type ReportOptions,
  type ReportReview,
  type ReportReviewFinding,
  type ReportScoreWithExceptions,
  type ReportTrustedAdvisor,
} from '../../shared/report';
import { REVIEW_STATUSES, type ReviewFileContent, type ReviewStatus } from '../../shared/review';
import { compliancePercent, type Score } from '../../shared/scoring';

export interface ExceptionsInput {
  fileName: string;
  sha256: string;
  entries: ExceptionEntry[];
  /** NON_COMPLIANT findings in the report's scope matched by each entry's scope, in entry order. */
  covers: number[];
  /** Failing findings in the report's scope under at least one live exception, per control id. */
  exceptedByControl: Record<string, number>;
}

export interface ReviewInput {
  fileName: string;
  sha256: string;
  content: ReviewFileContent;
  /** Every finding the review names, by id (inputs.ts refuses a review naming a finding the snapshot lacks). */
  findings: Record<number, ReportReviewFinding>;
  controlTitles: Record<string, string>;
}

export interface ChangesInput {
  summary: Pick<DiffSummary, 'warnings' | 'totals' | 'evidenceChanged' | 'accounts' | 'regions' | 'controlsAdded' | 'controlsRemoved' | 'coverage'>;
  base: { title: string; fileName: string; createdAt: string; digest: string | null };
  /** The first `limit` changes of each category, in key order, and each category's total. */
  lists: { category: DiffChange['category']; total: number; rows: DiffChange[] }[];
  /** Titles of the controls of both snapshots. */
  controlTitles: Record<string, string>;
  limit: number;
}

/** What inputs.ts gathers for the sections the options ask for. */
export interface ReportSectionInputs {
  exceptions?: ExceptionsInput;
  review?: ReviewInput;
  changes?: ChangesInput;
}

/** The UTC day exceptions are checked against: the report time's, so a report can be reproduced exactly. */
export function reportDay(options: Pick<ReportOptions, 'reportTime'>): string {
  return new Date(options.reportTime).toISOString().slice(0, 10);
}

/** Noon of the report day: exceptionState compares whole UTC days. */
export const reportDate = (options: Pick<ReportOptions, 'reportTime'>): Date => new Date(`${reportDay(options)}T12:00:00Z`);

export function scopeLines(scope: ExceptionScope): string[] {
  const lines: string[] = [];
  if (scope.controlId !== undefined) lines.push(`Control: ${scope.controlId}`);
  if (scope.accountId !== undefined) lines.push(`Account: ${scope.accountId}`);
  if (scope.region !== undefined) lines.push(`Region: ${scope.region}`);
  if (scope.resourcePattern !== undefined) lines.push(`Resources: ${scope.resourcePattern}`);
  return lines;
}

/** A score with the excepted findings taken out of its NON_COMPLIANT term (never counted as compliant). */
export function scoreWithExceptions(score: Score, excepted: number): ReportScoreWithExceptions {
  const nonCompliant = score.counts.NON_COMPLIANT - excepted;
  return { percent: compliancePercent({ ...score.counts, NON_COMPLIANT: nonCompliant }), excepted, nonCompliant };
}

export function exceptionsSection(input: ExceptionsInput | undefined, options: Pick<ReportOptions, 'reportTime'>, title: string): ReportExceptions {
  const asOf = reportDate(options);
  const counts: Record<ExceptionState, number> = { live: 0, expired: 0, pending: 0 };
  const entries = (input?.entries ?? []).map((entry, i) => {
    const state = exceptionState(entry, asOf);
    counts[state]++;
    return {
      id: entry.id,
      scope: entry.scope,
      scopeLines: scopeLines(entry.scope),
      justification: entry.justification,
      owner: entry.owner,
      approver: entry.approver,
      created: entry.created,
      expires: entry.expires,
      state,
      covers: input!.covers[i],
    };
  });
  return {
    anchor: REPORT_ANCHORS.exceptions,
    title,
    file: input ? { fileName: input.fileName, sha256: input.sha256 } : null,
    asOf: reportDay(options),
    entries,
    counts,
    excepted: Object.values(input?.exceptedByControl ?? {}).reduce((sum, n) => sum + n, 0),
  };
}

const emptyStatusCounts = (): Record<ReviewStatus, number> => Object.fromEntries(REVIEW_STATUSES.map((s) => [s, 0])) as Record<ReviewStatus, number>;

export function reviewSection(input: ReviewInput | undefined, title: string): ReportReview {
  const counts = emptyStatusCounts();
  if (!input) return { anchor: REPORT_ANCHORS.review, title, file: null, signOff: null, counts, controlNotes: [], findingNotes: [], samples: [] };
  const { content } = input;
  const titleOf = (controlId: string) => input.controlTitles[controlId] ?? controlId;
  const findingItems = new Map<number, ReviewFileContent['items'][number]>();
  const controlNotes: ReportReview['controlNotes'] = [];
  const findingNotes: ReportReview['findingNotes'] = [];
  for (const item of content.items) {
    counts[item.status]++;
    if (item.target.kind === 'control') {
      controlNotes.push({ controlId: item.target.controlId, controlTitle: titleOf(item.target.controlId), status: item.status, note: item.note, updatedAt: item.updatedAt });
      continue;
    }
    findingItems.set(item.target.findingId, item);
    // A pick only marked by its sample is listed with that sample, not again here.
    if (item.sampled && item.status === 'to-review' && item.note === '') continue;
    findingNotes.push({ finding: input.findings[item.target.findingId], status: item.status, note: item.note, sampled: item.sampled, updatedAt: item.updatedAt });
  }
  controlNotes.sort((a, b) => (a.controlId < b.controlId ? -1 : a.controlId > b.controlId ? 1 : 0));
  findingNotes.sort((a, b) => a.finding.findingId - b.finding.findingId);
  const samples = [...content.samples]
    .sort((a, b) => (a.controlId < b.controlId ? -1 : a.controlId > b.controlId ? 1 : 0))
    .map((sample) => ({
      controlId: sample.controlId,
      controlTitle: titleOf(sample.controlId),
      seed: sample.seed,
      size: sample.size,
      population: sample.population,
      createdAt: sample.createdAt,
      picks: sample.findingIds.map((findingId) => {
        const item = findingItems.get(findingId);
        return { finding: input.findings[findingId], status: item?.status ?? ('to-review' as const), note: item?.note ?? '' };
      }),
    }));
  return {
    anchor: REPORT_ANCHORS.review,
    title,
    file: { fileName: input.fileName, sha256: input.sha256, snapshotDigest: content.snapshot.digest },
    signOff: content.signOff ? { name: content.signOff.name, date: content.signOff.date } : null,
    counts,
    controlNotes,
    findingNotes,
    samples,
  };
}

export function changesSection(input: ChangesInput, changesList: ReportOptions['changesList']): ReportChanges {
  const { summary } = input;
  const titleOf = (id: string) => input.controlTitles[id] ?? id;
  const row = (c: DiffChange): ReportChangeRow => ({
    controlId: c.controlId,
    controlTitle: titleOf(c.controlId),
    accountId: c.accountId,
    region: c.region,
    resourceType: c.resourceType,
    resourceId: c.resourceId,
    baseStatus: c.baseStatus,
    currentStatus: c.currentStatus,
    evidenceChanged: c.evidenceChanged,
  });
  const capped = input.lists.some((l) => l.total > l.rows.length);
  return {
    anchor: REPORT_ANCHORS.changes,
    title: `Changes since ${input.base.createdAt.slice(0, 10)}`,
    base: input.base,
    warnings: summary.warnings,
    counts: DIFF_CATEGORIES.map((category) => ({ category, label: DIFF_CATEGORY_LABELS[category], count: summary.totals[category] })),
    unchanged: summary.totals.unchanged,
    evidenceChanged: summary.evidenceChanged,
    accounts: summary.accounts,
    regions: summary.regions,
    controls: {
      added: summary.controlsAdded.map((id) => ({ id, title: titleOf(id) })),
      removed: summary.controlsRemoved.map((id) => ({ id, title: titleOf(id) })),
    },
    coverage: summary.coverage,
    lists: input.lists.filter((l) => l.total > 0).map((l) => ({ category: l.category, label: DIFF_CATEGORY_LABELS[l.category], total: l.total, rows: l.rows.map(row) })),
    limit: input.limit,
    ...(capped && changesList ? { changesList } : {}),
  };
}

const TRUSTED_ADVISOR_SERVICES = new Set(['support', 'trustedadvisor']);

/**
 * Trusted Advisor availability per account: as the collector recorded it (meta `trustedAdvisor`), or, for a
 * snapshot without that record, read from its Trusted Advisor results and errors.
 */
export function trustedAdvisorSection(
  recorded: SnapshotMeta['trustedAdvisor'],
  accounts: Account[],
  resultsByAccount: Map<string, number>,
  errors: CollectionError[],
): ReportTrustedAdvisor {
  if (recorded) {
    return {
      present: true,
      basis: 'recorded',
      accounts: accounts.map((account) => {
        const entry = recorded[account.id];
        const results = resultsByAccount.get(account.id) ?? 0;
        if (!entry) return { account, state: 'not-collected' as const, results, reason: 'No Trusted Advisor availability was recorded for this account' };
        return { account, state: entry.state, results, reason: entry.note };
      }),
    };
  }
  const taErrors = errors.filter((e) => TRUSTED_ADVISOR_SERVICES.has(e.service.toLowerCase()));
  const anyResult = [...resultsByAccount.values()].some((n) => n > 0);
  return {
    present: anyResult || taErrors.length > 0,
    basis: anyResult || taErrors.length > 0 ? 'inferred' : 'none',
    accounts: accounts.map((account) => {
      const results = resultsByAccount.get(account.id) ?? 0;
      const error = taErrors.find((e) => e.accountId === account.id);
      if (results > 0) return { account, state: 'available' as const, results, reason: '' };
      if (error) {
        const state = error.code === 'SubscriptionRequiredException' ? ('not-available' as const) : ('not-collected' as const);
        return { account, state, results: 0, reason: `${error.code}: ${error.message}` };
      }
      return { account, state: 'not-collected' as const, results: 0, reason: 'Not collected in this snapshot' };
    }),
  };
}
