// `triad summary F [--json] [filters]`: pillar and account scores, counts and coverage of one snapshot,
// computed by the same reader and scoring as the app's overview.

import type { Overview } from '../../../shared/api';
import {
  PILLAR_LABELS,
  PILLARS,
  STATUSES,
  type Account,
  type CallerIdentity,
  type CoverageCell,
  type Pillar,
  type PillarKey,
  type SnapshotMeta,
} from '../../../shared/domain';
import { isEmptyFilters, type Filters } from '../../../shared/filters';
import { formatPercent, type Score } from '../../../shared/scoring';
import { openSnapshot } from '../../snapshot';
import { CliError, FILTER_OPTIONS, parseCommandArgs, parseFilters, printable, table, type Command } from '../command';

/**
 * The `--json` output, version 1. Stable: fields are only ever added; a change that removes or renames one
 * bumps `version`. Every score has the same shape and definition as in the app (src/shared/scoring.ts).
 */
export interface SummaryJson {
  format: 'triad-summary';
  version: 1;
  snapshot: {
    path: string;
    fileName: string;
    title: string;
    createdAt: string;
    formatVersion: string;
    triadVersion: string;
    collectedBy: CallerIdentity | null;
    scope: SnapshotMeta['scope'];
    catalogVersion: string;
    overrides: SnapshotMeta['overrides'];
    isDemo: boolean;
    partial: boolean;
    digest: string | null;
  };
  /** The filters applied (empty object: none). */
  filters: Filters;
  /** Whole-snapshot row counts, independent of filters. */
  counts: { findings: number; controls: number; accounts: number; regions: number; evidence: number; errors: number };
  total: Score;
  /** Always four entries, in this order: confidentiality, integrity, availability, unclassified. */
  pillars: { pillar: PillarKey; label: string; score: Score; controls: number; failingControls: number }[];
  accounts: (Account & { total: Score; pillars: Record<Pillar, Score>; unclassified: Score })[];
  coverage: { pairs: number; collected: number; gaps: CoverageCell[]; errorCount: number };
}

const JSON_SHAPE = `  {
    "format": "triad-summary", "version": 1,
    "snapshot": { "path", "fileName", "title", "createdAt", "formatVersion", "triadVersion",
                  "collectedBy": { "account", "arn", "userId" } | null,
                  "scope": { "mode", "description" }, "catalogVersion",
                  "overrides": { "file", "sha256", "count" } | null, "isDemo", "partial", "digest" },
    "filters": { "accounts"?, "ous"?, "regions"?, "statuses"?, "severities"?, "sources"? },
    "counts": { "findings", "controls", "accounts", "regions", "evidence", "errors" },
    "total": Score,
    "pillars": [ { "pillar", "label", "score": Score, "controls", "failingControls" } ]
               (confidentiality, integrity, availability, unclassified),
    "accounts": [ { "id", "name", "ouPath", "email"?, "total": Score,
                    "pillars": { "confidentiality": Score, "integrity": Score, "availability": Score },
                    "unclassified": Score } ],
    "coverage": { "pairs", "collected", "gaps": [ { "accountId", "region", "state", "reason" } ], "errorCount" }
  }
  Score = { "counts": { ${STATUSES.map((s) => `"${s}"`).join(', ')} },
            "total", "percent": number (0-100, one decimal) | null }
  percent = COMPLIANT / (COMPLIANT + NON_COMPLIANT); null when neither occurs. Other statuses are counted
  beside it, never inside it, and what was not collected is in neither.`;

const HELP = `Usage: npm run triad -- summary <snapshot.triad> [--json] [filters]

Prints the pillar and account scores, finding counts and collection coverage of a snapshot.

Options:
  --json                  Machine-readable output (stable; shape below).
  --accounts a,b          Only these account ids.
  --ous Root/Prod,...     Only accounts in these OUs (or below them).
  --regions r1,r2         Only these regions.
  --statuses S1,S2        Only findings with these statuses (${STATUSES.join(', ')}).
  --severities s1,s2      Only controls of these severities (critical, high, medium, low, informational).
  --sources s1,s2         Only controls from these sources (config-rule, conformance-pack, built-in, trusted-advisor).
  -h, --help              This help.

JSON output (--json):
${JSON_SHAPE}`;

export const summaryCommand: Command = {
  name: 'summary',
  help: HELP,
  run(args) {
    const { values, positionals } = parseCommandArgs('summary', args, {
      json: { type: 'boolean' },
      ...FILTER_OPTIONS,
    });
    if (positionals.length !== 1) throw new CliError('summary: give exactly one snapshot file (see triad summary --help)');
    const filters = parseFilters('summary', values);
    const snapshot = openSnapshot(positionals[0]);
    try {
      const overview = snapshot.overview(filters);
      const json = toJson(overview, filters);
      process.stdout.write(values.json ? `${JSON.stringify(json, null, 2)}\n` : `${toText(json)}\n`);
      return 0;
    } finally {
      snapshot.close();
    }
  },
};

export function toJson(overview: Overview, filters: Filters): SummaryJson {
  const { meta, path, fileName, counts } = overview.snapshot;
  return {
    format: 'triad-summary',
    version: 1,
    snapshot: {
      path,
      fileName,
      title: meta.title,
      createdAt: meta.createdAt,
      formatVersion: meta.formatVersion,
      triadVersion: meta.triadVersion,
      collectedBy: meta.collectedBy,
      scope: meta.scope,
      catalogVersion: meta.catalogVersion,
      overrides: meta.overrides,
      isDemo: meta.isDemo,
      partial: meta.partial,
      digest: meta.digest,
    },
    filters,
    counts,
    total: overview.total,
    pillars: overview.pillars.map((p) => ({
      pillar: p.pillar,
      label: p.pillar === 'unclassified' ? 'Unclassified' : PILLAR_LABELS[p.pillar],
      score: p.score,
      controls: p.controls,
      failingControls: p.failingControls,
    })),
    accounts: overview.accounts.map((a) => ({ ...a.account, total: a.total, pillars: a.pillars, unclassified: a.unclassified })),
    coverage: {
      pairs: overview.coverage.pairs,
      collected: overview.coverage.collected,
      gaps: overview.coverage.gaps,
      errorCount: overview.coverage.errorCount,
    },
  };
}

function toText(s: SummaryJson): string {
  const m = s.snapshot;
  const flags = [m.isDemo ? 'DEMO DATA' : '', m.partial ? 'PARTIAL (collection did not finish)' : ''].filter(Boolean);
  const lines = [
    `${printable(m.title)}  (${printable(m.fileName)})${flags.length ? `  [${flags.join(', ')}]` : ''}`,
    `Taken ${printable(m.createdAt)}${m.collectedBy ? ` by ${printable(m.collectedBy.arn)}` : ''}`,
    `Scope ${m.scope.mode}${m.scope.description ? `: ${printable(m.scope.description)}` : ''}`,
    `Catalog ${printable(m.catalogVersion) || 'unknown'}; ${m.overrides ? `overrides ${printable(m.overrides.file)} (${m.overrides.count})` : 'no overrides'}; format ${printable(m.formatVersion)}`,
    `Digest ${m.digest ? `${m.digest} (SHA-256 content digest; check it with triad verify)` : 'none recorded'}`,
    `Counts ${s.counts.findings} findings, ${s.counts.controls} controls, ${s.counts.accounts} accounts, ${s.counts.regions} regions, ${s.counts.evidence} evidence items`,
  ];
  if (!isEmptyFilters(s.filters)) {
    lines.push(`Filters ${Object.entries(s.filters).map(([k, v]) => `${k}=${(v as string[]).map(printable).join(',')}`).join('; ')}`);
  }

  const c = s.coverage;
  lines.push(
    '',
    `Coverage: ${c.collected} of ${c.pairs} account × region pairs collected; ${c.gaps.length} not fully collected; ${c.errorCount} collection error${c.errorCount === 1 ? '' : 's'}`,
  );
  for (const gap of c.gaps) lines.push(`  ${printable(gap.accountId)} ${printable(gap.region)}  ${gap.state}  ${printable(gap.reason)}`);

  const scoreColumns = (score: Score) => [formatPercent(score.percent), ...STATUSES.map((status) => String(score.counts[status]))];
  const statusHeaders = ['Compliant', 'Non-compliant', 'Not applicable', 'Insufficient data', 'Error', 'Not evaluated'];
  lines.push(
    '',
    table(
      [
        ['Pillar', 'Score', ...statusHeaders, 'Controls', 'Failing'],
        ...s.pillars.map((p) => [p.label, ...scoreColumns(p.score), String(p.controls), String(p.failingControls)]),
        ['All', ...scoreColumns(s.total), '', ''],
      ],
      [false, true, true, true, true, true, true, true, true, true],
    ),
    '',
    table(
      [
        ['Account', 'OU', 'Score', ...PILLARS.map((p) => PILLAR_LABELS[p]), 'Unclassified', 'Findings', 'Non-compliant'],
        ...s.accounts.map((a) => [
          `${printable(a.name)} (${printable(a.id)})`,
          printable(a.ouPath) || '-',
          formatPercent(a.total.percent),
          ...PILLARS.map((p) => formatPercent(a.pillars[p].percent)),
          formatPercent(a.unclassified.percent),
          String(a.total.total),
          String(a.total.counts.NON_COMPLIANT),
        ]),
      ],
      [false, false, true, true, true, true, true, true, true],
    ),
    '',
    'Score = compliant ÷ (compliant + non-compliant); other statuses are shown beside it, never inside it.',
  );
  return lines.join('\n');
}
