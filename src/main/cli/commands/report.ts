// `triad report F --out report.pdf [options] [filters]`: the audit report of a snapshot as a PDF, printed by
// Chromium from the renderer's print route (the same layout the app prints). Above the complete-listing limit
// the complete list of failing findings is written as a CSV beside the PDF and cited in it by name and SHA-256.

import { existsSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { PILLARS, STATUSES, type PillarKey } from '../../../shared/domain';
import {
  DEFAULT_COMPLETE_LIMIT,
  DEFAULT_EVIDENCE_LIMIT,
  DEFAULT_RESOURCE_LIMIT,
  PAPER_SIZES,
  defaultReportOptions,
  type PaperSize,
  type ReportOptions,
} from '../../../shared/report';
import { OutputPathError, checkWritable } from '../../export/atomic';
import { writeFindingsCsv } from '../../export/csv';
import { HostError } from '../../host/server';
import { rendererOutDir, triadVersion } from '../../paths';
import { snapshotDigest } from '../../report/digest';
import { reportIntegrityOf } from '../../../shared/integrity';
import { verifySnapshotFileAsync } from '../../integrity';
import { buildReportModel, countFailing } from '../../report/model';
import { ReportRenderError, renderReportPdf } from '../../report/pdf';
import { createReportSource } from '../../report/source';
import { openSnapshot } from '../../snapshot';
import { CliError, FILTER_OPTIONS, parseCommandArgs, parseFilters, type Command } from '../command';

const HELP = `Usage: npm run triad -- report <snapshot.triad> --out <report.pdf> [options] [filters]

Writes the audit report of a snapshot as a PDF: cover (scope, snapshot time, collector, snapshot SHA-256,
Triad version, report time), contents, executive summary (CIA scores as charts and a table, top risks,
coverage, Trusted Advisor availability), method, one section per pillar (controls ranked by failures, each
failing control with its failing resources by account and region), accounts and evidence appendices, and the
reserved exceptions section. Chromium prints the renderer's report route; the renderer must be built
(\`npm run build\`). The PDF is written atomically.

Up to --complete-limit failing findings in scope, every failing finding is listed. Above it, each failing
control lists its first --resource-limit resources and says "N of M shown", and the complete list of failing
findings is written as <report>.failing-findings.csv beside the PDF, cited in the PDF by name and SHA-256.

Options:
  --out <file.pdf>          The PDF to write (replaced if it exists).
  --paper a4|letter         Paper size (default a4).
  --pillars c,i,a,u         Pillar sections to include: c(onfidentiality), i(ntegrity), a(vailability),
                            u(nclassified); default all four.
  --failing-only            Pillar sections list only controls with a non-compliant result.
  --no-evidence             Leave out the evidence appendix.
  --prepared-by <name>      Shown on the cover.
  --reviewed-by <name>      Shown on the cover.
  --report-time <ISO time>  The report's time (default: now), e.g. to reproduce a report exactly.
  --complete-limit <N>      List every failing finding up to N failing findings (default ${DEFAULT_COMPLETE_LIMIT}).
  --resource-limit <N>      Resources per failing control above that limit (default ${DEFAULT_RESOURCE_LIMIT}).
  --evidence-limit <N>      Evidence items detailed in the evidence appendix (default ${DEFAULT_EVIDENCE_LIMIT});
                            beyond it the appendix says "N of M shown" (findings still cite every item).
  --accounts a,b            Only these account ids.
  --ous Root/Prod,...       Only accounts in these OUs (or below them).
  --regions r1,r2           Only these regions.
  --statuses S1,S2          Only findings with these statuses (${STATUSES.join(', ')}).
  --severities s1,s2        Only controls of these severities.
  --sources s1,s2           Only controls from these sources.
  -h, --help                This help.

Environment: CHROMIUM_PATH (default /usr/bin/chromium).`;

const PILLAR_ALIASES: Record<string, PillarKey> = {
  c: 'confidentiality',
  i: 'integrity',
  a: 'availability',
  u: 'unclassified',
  confidentiality: 'confidentiality',
  integrity: 'integrity',
  availability: 'availability',
  unclassified: 'unclassified',
};

/** npm runs scripts from the project root; a relative path means relative to where the user typed it. */
export function userPath(path: string): string {
  return resolve(process.env.INIT_CWD ?? process.cwd(), path);
}

function parseCount(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const value = /^\d+$/.test(text.replace(/[_,]/g, '')) ? Number(text.replace(/[_,]/g, '')) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < 1) throw new CliError(`report: --${name} must be a whole number of at least 1 (got "${text}")`);
  return value;
}

/** `report.pdf` → `report.failing-findings.csv`, in the same folder. */
export function fullListPathFor(pdfPath: string): string {
  const name = basename(pdfPath, extname(pdfPath));
  return join(dirname(pdfPath), `${name}.failing-findings.csv`);
}

export const reportCommand: Command = {
  name: 'report',
  summary: 'Write the audit report of a snapshot as a PDF (--out F [--paper a4|letter] [filters]).',
  help: HELP,
  async run(args) {
    const { values, positionals } = parseCommandArgs('report', args, {
      out: { type: 'string' },
      paper: { type: 'string' },
      pillars: { type: 'string' },
      'failing-only': { type: 'boolean' },
      'no-evidence': { type: 'boolean' },
      'prepared-by': { type: 'string' },
      'reviewed-by': { type: 'string' },
      'report-time': { type: 'string' },
      'complete-limit': { type: 'string' },
      'resource-limit': { type: 'string' },
      'evidence-limit': { type: 'string' },
      ...FILTER_OPTIONS,
    });
    if (positionals.length !== 1) throw new CliError('report: give exactly one snapshot file (see triad report --help)');
    if (!values.out) throw new CliError('report: --out <report.pdf> is required (see triad report --help)');
    const out = userPath(values.out);
    const paper = (values.paper ?? 'a4').toLowerCase();
    if (!(PAPER_SIZES as readonly string[]).includes(paper)) throw new CliError(`report: --paper must be a4 or letter (got "${values.paper}")`);
    const pillars = values.pillars
      ? [...new Set(values.pillars.split(',').map((p) => p.trim().toLowerCase()).filter(Boolean))].map((p) => {
          const key = PILLAR_ALIASES[p];
          if (!key) throw new CliError(`report: unknown pillar "${p}" in --pillars (use c, i, a, u)`);
          return key;
        })
      : undefined;
    const reportTime = values['report-time'] ?? new Date().toISOString();
    if (Number.isNaN(Date.parse(reportTime))) throw new CliError(`report: --report-time "${reportTime}" is not a date (use ISO 8601, e.g. 2026-01-31T12:00:00Z)`);

    const options: ReportOptions = {
      ...defaultReportOptions(new Date(reportTime).toISOString()),
      filters: parseFilters('report', values),
      ...(pillars ? { pillars: [...PILLARS, 'unclassified' as const].filter((p) => pillars.includes(p)) } : {}),
      failingOnly: values['failing-only'] ?? false,
      evidence: !values['no-evidence'],
      paper: paper as PaperSize,
      completeLimit: parseCount('complete-limit', values['complete-limit'], DEFAULT_COMPLETE_LIMIT),
      resourceLimit: parseCount('resource-limit', values['resource-limit'], DEFAULT_RESOURCE_LIMIT),
      evidenceLimit: parseCount('evidence-limit', values['evidence-limit'], DEFAULT_EVIDENCE_LIMIT),
    };
    if (values['prepared-by']) options.preparedBy = values['prepared-by'];
    if (values['reviewed-by']) options.reviewedBy = values['reviewed-by'];

    try {
      checkWritable(out);
    } catch (error) {
      if (error instanceof OutputPathError) throw new CliError(`report: ${error.message}`);
      throw error;
    }
    const rendererDir = rendererOutDir();
    if (!existsSync(join(rendererDir, 'index.html'))) {
      throw new CliError(`report: the built renderer is missing (${rendererDir}); run \`npm run build\` first`);
    }

    const snapshotPath = userPath(positionals[0]);
    const reader = openSnapshot(snapshotPath);
    const source = createReportSource(reader);
    let model;
    let fullListNote = '';
    try {
      // The digest is computed in a worker while the complete list (if any) is written.
      const digestPending = snapshotDigest(reader.path, reader.info().meta);
      digestPending.catch(() => undefined);
      if (countFailing(reader, options) > options.completeLimit) {
        const csvPath = fullListPathFor(out);
        const controlIds = options.pillars.flatMap((p) => reader.pillar(p, options.filters).controls.map((c) => c.id));
        const csv = writeFindingsCsv(source, { filters: options.filters, statuses: ['NON_COMPLIANT'], controlIds, outPath: csvPath });
        options.fullList = { fileName: basename(csvPath), sha256: csv.sha256, rows: csv.rows };
        fullListNote = `; complete list of ${csv.rows} failing findings in ${csvPath}`;
      }
      const integrity = reportIntegrityOf(await verifySnapshotFileAsync(reader.path));
      model = buildReportModel(source, options, { digest: await digestPending, integrity, triadVersion: triadVersion() });
    } catch (error) {
      if (error instanceof OutputPathError) throw new CliError(`report: ${error.message}`);
      throw error;
    } finally {
      source.close();
      reader.close();
    }

    try {
      const pdf = await renderReportPdf({ snapshotPath: reader.path, rendererDir, options, model, outPath: out });
      const listed =
        model.listing.mode === 'complete'
          ? `all ${model.listing.failingFindings} failing findings listed`
          : `${model.listing.shownFindings} of ${model.listing.failingFindings} failing findings shown`;
      process.stdout.write(`Wrote ${out} (${(pdf.bytes / 1_048_576).toFixed(1)} MB, ${options.paper === 'a4' ? 'A4' : 'Letter'}): ${listed}${fullListNote}\n`);
      return 0;
    } catch (error) {
      if (error instanceof OutputPathError || error instanceof ReportRenderError || error instanceof HostError) {
        throw new CliError(`report: ${error.message}`);
      }
      throw error;
    }
  },
};
