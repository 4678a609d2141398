// The audit report as data: built from a snapshot (through the reader's aggregates and the report source) and
// the report options, nothing else. The report time and the digest are inputs, so the same snapshot and
// options always give the same model. The failing findings themselves are not in the model: the print route
// fetches them in pages (reportFindings), so a large report never crosses the API in one piece.

import {
  CONTROL_SOURCE_LABELS,
  CONTROL_SOURCES,
  PILLAR_LABELS,
  PILLARS,
  PRINCIPLE_LABELS,
  SEVERITIES,
  type CollectionError,
  type ControlSource,
  type PillarKey,
} from '../../shared/domain';
import { FILTER_KEYS, type Filters } from '../../shared/filters';
import {
  REPORT_ANCHORS,
  type ReportControl,
  type ReportCoverage,
  type ReportDigest,
  type ReportListing,
  type ReportMethod,
  type ReportModel,
  type ReportOptions,
  type ReportPillarSection,
  type ReportRisk,
  type ReportToc,
  type ReportTrustedAdvisor,
} from '../../shared/report';
import { changesSection, exceptionsSection, reviewSection, scoreWithExceptions, trustedAdvisorSection, type ReportSectionInputs } from './sections';
import type { ReportSource } from './source';

export interface ReportContext {
  digest: ReportDigest;
  /** The Triad making the report. */
  triadVersion: string;
  /** What the exceptions, review and since options need, gathered by ReportInputs.gather (inputs.ts). */
  sections?: ReportSectionInputs;
}

export const TOP_RISKS = 10;
const ERROR_PAGE = 1000;

/** The scoring definition of src/shared/scoring.ts, in words for the method section. */
export const SCORING_DEFINITION = [
  'Compliance % = COMPLIANT ÷ (COMPLIANT + NON_COMPLIANT), rounded to one decimal.',
  'NOT_APPLICABLE, INSUFFICIENT_DATA, ERROR and NOT_EVALUATED results are shown beside the score, never inside it.',
  'Anything not collected is absent from both terms, so it can never raise a score.',
  'With no compliant or non-compliant result the score is "no data", never 100%.',
  'Pillar and account scores add up the results of their controls; each control counts once, under its primary pillar.',
];

export function pillarLabel(pillar: PillarKey): string {
  return pillar === 'unclassified' ? 'Unclassified controls' : PILLAR_LABELS[pillar];
}

function filterLines(filters: Filters): string[] {
  const names: Record<(typeof FILTER_KEYS)[number], string> = {
    accounts: 'Accounts',
    ous: 'Organizational units',
    regions: 'Regions',
    statuses: 'Statuses',
    severities: 'Severities',
    sources: 'Sources',
  };
  return FILTER_KEYS.filter((key) => filters[key]?.length).map((key) => `${names[key]}: ${filters[key]!.join(', ')}`);
}

const severityRank = (severity: string | null): number => (severity === null ? SEVERITIES.length : SEVERITIES.indexOf(severity as never));

/** Failing findings in the report's scope (filters and included pillars): what decides complete or capped. */
export function countFailing(reader: ReportSource['reader'], options: Pick<ReportOptions, 'filters' | 'pillars'>): number {
  return options.pillars.reduce((sum, p) => sum + reader.pillar(p, options.filters).score.counts.NON_COMPLIANT, 0);
}

export function buildReportModel(source: ReportSource, options: ReportOptions, context: ReportContext): ReportModel {
  const reader = source.reader;
  const info = reader.info();
  const meta = info.meta;
  const filters = options.filters;
  const overview = reader.overview(filters);
  const accounts = source.accounts();
  const accountName = (id: string) => accounts.get(id)?.name ?? id;
  const scope = source.resolve(filters);
  const exceptionsInput = options.exceptions ? context.sections?.exceptions : undefined;
  const exceptedOf = (controlId: string) => exceptionsInput?.exceptedByControl[controlId] ?? 0;

  // ---- Failing counts per control, account and region (from the summary cube) ----
  const byControl = new Map<string, { accountId: string; region: string; count: number }[]>();
  for (const row of source.failingCounts(scope)) {
    let list = byControl.get(row.controlId);
    if (!list) byControl.set(row.controlId, (list = []));
    list.push(row);
  }

  // ---- Pillar sections ----
  const allDetails = new Map(([...PILLARS, 'unclassified'] as PillarKey[]).map((p) => [p, reader.pillar(p, filters)]));
  const failingInReport = countFailing(reader, options);
  const capped = failingInReport > options.completeLimit;
  let controlNumber = 0;
  let shownFindings = 0;
  const sections: ReportPillarSection[] = options.pillars.map((pillar) => {
    const detail = allDetails.get(pillar)!;
    const rows = options.failingOnly ? detail.controls.filter((c) => c.score.counts.NON_COMPLIANT > 0) : detail.controls;
    const controls: ReportControl[] = rows.map((row) => {
      const control = source.control(row.id);
      if (!control) throw new Error(`The snapshot lists control ${row.id} in a pillar but has no such control`);
      const failing = row.score.counts.NON_COMPLIANT;
      const shown = capped ? Math.min(failing, options.resourceLimit) : failing;
      shownFindings += shown;
      const c = control.classification;
      const result: ReportControl = {
        id: control.id,
        anchor: `report-control-${++controlNumber}`,
        title: control.title,
        source: control.source,
        sourceLabel: CONTROL_SOURCE_LABELS[control.source],
        sourceIdentifier: control.sourceIdentifier,
        description: control.description,
        severity: c?.severity ?? null,
        principles: c?.principles ?? [],
        layer: c?.layer ?? null,
        secondaryPillars: c?.secondaryPillars ?? [],
        rationale: c?.rationale ?? '',
        classificationOrigin: control.classificationOrigin,
        references: control.references ?? [],
        score: row.score,
        failing,
        failingAccounts: row.failingAccounts,
        shown,
        ...(exceptionsInput ? { excepted: exceptedOf(control.id) } : {}),
        byAccountRegion: (byControl.get(control.id) ?? []).map((r) => ({
          accountId: r.accountId,
          accountName: accountName(r.accountId),
          region: r.region,
          failing: r.count,
        })),
      };
      if (control.conformancePack !== undefined) result.conformancePack = control.conformancePack;
      if (control.remediation !== undefined) result.remediation = control.remediation;
      return result;
    });
    return {
      pillar,
      label: pillarLabel(pillar),
      anchor: REPORT_ANCHORS.pillar(pillar),
      score: detail.score,
      principles: detail.principles.map((p) => ({ ...p, label: PRINCIPLE_LABELS[p.principle] })),
      controls,
      omittedPassing: detail.controls.length - rows.length,
    };
  });

  const listing: ReportListing = {
    mode: capped ? 'capped' : 'complete',
    failingFindings: failingInReport,
    shownFindings,
    completeLimit: options.completeLimit,
    resourceLimit: options.resourceLimit,
  };
  if (capped && options.fullList) listing.fullList = options.fullList;

  // ---- Executive summary ----
  const everyControl = [...allDetails.values()].flatMap((d) => d.controls);
  const topRisks: ReportRisk[] = everyControl
    .filter((c) => c.score.counts.NON_COMPLIANT > 0 && options.pillars.includes(c.pillar))
    .sort(
      (a, b) =>
        severityRank(a.severity) - severityRank(b.severity) ||
        b.score.counts.NON_COMPLIANT - a.score.counts.NON_COMPLIANT ||
        a.title.localeCompare(b.title) ||
        (a.id < b.id ? -1 : 1),
    )
    .slice(0, TOP_RISKS)
    .map((c) => ({
      controlId: c.id,
      title: c.title,
      origin: originOf(source.control(c.id)?.conformancePack, c.source),
      pillar: c.pillar,
      severity: c.severity,
      failing: c.score.counts.NON_COMPLIANT,
      failingAccounts: c.failingAccounts,
      anchor: sections.flatMap((s) => s.controls).find((rc) => rc.id === c.id)?.anchor ?? '',
    }));

  const allErrors: CollectionError[] = [];
  for (let offset = 0; ; offset += ERROR_PAGE) {
    const page = reader.coverageErrors(offset, ERROR_PAGE);
    allErrors.push(...page.rows);
    if (page.rows.length < ERROR_PAGE) break;
  }

  const sourceCoverage = CONTROL_SOURCES.map((src) => {
    const list = everyControl.filter((c) => c.source === src);
    return { source: src, label: CONTROL_SOURCE_LABELS[src], controls: list.length, results: list.reduce((s, c) => s + c.score.total, 0) };
  });
  const coverage: ReportCoverage = {
    pairs: overview.coverage.pairs,
    collected: overview.coverage.collected,
    gaps: overview.coverage.gaps.map((g) => ({ ...g, accountName: accountName(g.accountId) })),
    errorCount: overview.coverage.errorCount,
    errors: overview.coverage.errors,
    sources: sourceCoverage,
    notCollected: notCollectedStatements(meta.partial, overview.coverage.pairs - overview.coverage.collected, overview.coverage.errorCount, sourceCoverage, filters),
  };

  const taResults = new Map(reader.accounts({ ...filters, sources: ['trusted-advisor'] }).map((row) => [row.account.id, row.total.total]));
  const trustedAdvisor: ReportTrustedAdvisor = trustedAdvisorSection(
    meta.trustedAdvisor,
    overview.accounts.map((row) => row.account),
    taResults,
    allErrors,
  );

  // ---- Accepted risks: every score also stated with the excepted findings taken out ----
  const exceptedByPillar = new Map<PillarKey, number>();
  for (const c of everyControl) exceptedByPillar.set(c.pillar, (exceptedByPillar.get(c.pillar) ?? 0) + exceptedOf(c.id));

  // ---- Method ----
  const origins = { catalog: 0, override: 0, unclassified: 0 };
  for (const c of source.controls()) origins[c.classificationOrigin]++;
  const method: ReportMethod = {
    sources: sourceCoverage.map((s) => ({
      label: s.label,
      detail: s.controls ? `${s.controls} controls, ${s.results} results in scope` : 'not in this snapshot',
    })),
    operations: source.operations(),
    catalogVersion: meta.catalogVersion,
    overrides: meta.overrides,
    classification: origins,
    scoring: SCORING_DEFINITION,
    limitations: limitations(meta.isDemo, meta.partial, origins.unclassified, listing, options),
  };

  // ---- Sections from the exceptions file, the review file and the comparison ----
  const appendices = ['Appendix A: Accounts', ...(options.evidence ? ['Appendix B: Evidence'] : [])];
  const nextAppendix = (name: string) => {
    appendices.push(`Appendix ${String.fromCharCode(65 + appendices.length)}: ${name}`);
    return appendices[appendices.length - 1];
  };
  const exceptions = exceptionsSection(exceptionsInput, options, nextAppendix('Exception register'));
  const review = reviewSection(options.review ? context.sections?.review : undefined, nextAppendix('Reviewer notes, sample and sign-off'));
  const changesInput = options.since ? context.sections?.changes : undefined;
  const changes = changesInput ? changesSection(changesInput, options.changesList) : undefined;

  // ---- Cover and contents ----
  const title = `Compliance report: ${meta.title}`;
  const toc: ReportToc[] = [
    { anchor: REPORT_ANCHORS.summary, label: 'Executive summary', level: 1 },
    { anchor: REPORT_ANCHORS.method, label: 'Method', level: 1 },
    ...sections.map((s) => ({ anchor: s.anchor, label: s.label, level: 1 as const })),
    ...(changes ? [{ anchor: changes.anchor, label: changes.title, level: 1 as const }] : []),
    { anchor: REPORT_ANCHORS.accounts, label: appendices[0], level: 1 },
    ...(options.evidence ? [{ anchor: REPORT_ANCHORS.evidence, label: appendices[1], level: 1 as const }] : []),
    { anchor: exceptions.anchor, label: exceptions.title, level: 1 },
    { anchor: review.anchor, label: review.title, level: 1 },
  ];

  return {
    format: 'triad-report',
    version: 1,
    options,
    cover: {
      title,
      snapshotTitle: meta.title,
      snapshotFile: info.fileName,
      scope: meta.scope,
      snapshotTime: meta.createdAt,
      collectedBy: meta.collectedBy,
      digest: context.digest,
      triadVersion: context.triadVersion,
      snapshotTriadVersion: meta.triadVersion,
      formatVersion: meta.formatVersion,
      reportTime: options.reportTime,
      ...(options.preparedBy ? { preparedBy: options.preparedBy } : {}),
      ...(options.reviewedBy ? { reviewedBy: options.reviewedBy } : {}),
      isDemo: meta.isDemo,
      partial: meta.partial,
      filterLines: filterLines(filters),
      pillarLabels: options.pillars.map(pillarLabel),
      failingOnly: options.failingOnly,
    },
    toc,
    summary: {
      total: overview.total,
      ...(exceptionsInput ? { totalWithExceptions: scoreWithExceptions(overview.total, exceptions.excepted) } : {}),
      pillars: overview.pillars.map((p) => ({
        pillar: p.pillar,
        label: pillarLabel(p.pillar),
        score: p.score,
        controls: p.controls,
        failingControls: p.failingControls,
        ...(exceptionsInput ? { withExceptions: scoreWithExceptions(p.score, exceptedByPillar.get(p.pillar) ?? 0) } : {}),
      })),
      topRisks,
      coverage,
      trustedAdvisor,
    },
    method,
    listing,
    pillars: sections,
    ...(changes ? { changes } : {}),
    accounts: overview.accounts,
    exceptions,
    review,
  };
}

function originOf(conformancePack: string | undefined, controlSource: ControlSource): string {
  return conformancePack ? `Conformance pack ${conformancePack}` : CONTROL_SOURCE_LABELS[controlSource];
}

function notCollectedStatements(
  partial: boolean,
  gapCount: number,
  errorCount: number,
  sources: { source: ControlSource; label: string; controls: number }[],
  filters: Filters,
): string[] {
  const lines: string[] = [];
  if (partial) lines.push('The collection did not finish: this snapshot is partial, and account × region pairs it did not complete are missing.');
  if (gapCount > 0) {
    lines.push(`${gapCount} account × region pair${gapCount === 1 ? ' was' : 's were'} not fully collected; each is listed below with the reason.`);
  }
  if (errorCount > 0) lines.push(`${errorCount} call${errorCount === 1 ? '' : 's'} failed during collection (collection errors below).`);
  const reasons: Record<ControlSource, string> = {
    'config-rule': 'no AWS Config rule results were recorded',
    'conformance-pack': 'no conformance pack was found or collected',
    'built-in': 'Triad built-in checks were not run for this snapshot',
    'trusted-advisor': 'AWS Trusted Advisor results were not collected in this snapshot',
  };
  for (const s of sources) if (s.controls === 0) lines.push(`${s.label}: not collected in this snapshot (${reasons[s.source]}).`);
  if (FILTER_KEYS.some((k) => filters[k]?.length)) {
    lines.push('This report is limited to the filters listed on the cover; results outside them are neither counted nor listed.');
  }
  if (lines.length === 0) lines.push('Every account × region pair in scope was fully collected, with no collection error.');
  return lines;
}

function limitations(isDemo: boolean, partial: boolean, unclassified: number, listing: ReportListing, options: ReportOptions): string[] {
  const lines = [
    'The report shows the state recorded in the snapshot at collection time; changes made since are not reflected.',
    'AWS Config evaluates only the resources its recorder records and the rules deployed in each account and region; resources outside them have no result.',
    'A control counts under its primary pillar only; secondary pillars are shown with the control but not scored twice.',
    'Classification (pillar, design principles, responsibility layer, severity) comes from the Triad catalog and the overrides named above; unclassified controls are reported apart, never guessed.',
  ];
  if (unclassified > 0) lines.push(`${unclassified} control${unclassified === 1 ? ' is' : 's are'} unclassified and appear${unclassified === 1 ? 's' : ''} in the "Unclassified controls" group.`);
  if (partial) lines.push('The snapshot is partial: the collection was interrupted before every account × region pair finished.');
  if (isDemo) lines.push('The snapshot holds demo data of a fictional organization, not results from AWS.');
  if (listing.mode === 'capped') {
    lines.push(
      `The snapshot has ${listing.failingFindings} failing findings in scope, more than the ${listing.completeLimit} a complete listing allows: each failing control lists its first ${listing.resourceLimit} resources and states how many are shown.` +
        (listing.fullList ? ` The complete list is in ${listing.fullList.fileName}.` : ''),
    );
  }
  if (!options.evidence) lines.push('The evidence appendix was left out at the request of the person who made this report.');
  if (options.failingOnly) lines.push('Pillar sections list only controls with at least one non-compliant result; scores still count every result.');
  if (options.exceptions) {
    lines.push('Exceptions are checked on the report’s day (UTC). Excepted findings are accepted risks, not compliance: scores are stated without and with them, and they never count as compliant.');
  }
  if (options.since) lines.push('The changes section compares the whole snapshots, whatever the filters of this report.');
  return lines;
}
