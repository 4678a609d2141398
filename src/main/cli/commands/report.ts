// `triad report F --out report.pdf [options] [filters]`: the audit report of a snapshot as a PDF, printed by
// Chromium from the renderer's print route (the same layout the app prints). Above the complete-listing limit
// the complete list of failing findings is written as a CSV beside the PDF and cited in it by name and SHA-256.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PILLARS, STATUSES, type PillarKey } from '../../../shared/domain';
import {
  DEFAULT_CHANGES_LIMIT,
  DEFAULT_COMPLETE_LIMIT,
  DEFAULT_EVIDENCE_LIMIT,
  DEFAULT_RESOURCE_LIMIT,
  PAPER_SIZES,
  defaultReportOptions,
  type PaperSize,
  type ReportOptions,
} from '../../../shared/report';
import { OutputPathError, checkWritable } from '../../export/atomic';
import { HostError } from '../../host/errors';
import { rendererOutDir, triadVersion } from '../../paths';
import { ReportRenderError, launchReportBrowser, renderReportPdf } from '../../report/pdf';
import { createReportInputs, ReportInputError, type ReportInputFiles } from '../../report/inputs';
import { prepareReport } from '../../report/prepare';
import { createReportSource } from '../../report/source';
import { openSnapshot } from '../../snapshot';
import { CliError, FILTER_OPTIONS, parseCommandArgs, parseFilters, userPath, type Command } from '../command';

const HELP = `Usage: npm run triad -- report <snapshot.triad> --out <report.pdf> [options] [filters]

Writes the audit report of a snapshot as a PDF: cover (scope, snapshot time, collector, snapshot SHA-256,
Triad version, report time), contents, executive summary (CIA scores as charts and a table, top risks,
coverage, Trusted Advisor availability), method, one section per pillar (controls ranked by failures, each
failing control with its failing resources by account and region), the changes since an earlier snapshot
(--since), accounts and evidence appendices, the exception register (--exceptions) and the reviewer's notes,
samples and sign-off (--review). A snapshot that fails its integrity check gets a warning on the cover and on
every page header. Chromium prints the renderer's report route; the renderer must be built
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
  --exceptions <file.json>  Apply this exceptions file (docs/exceptions.md) on the report's day: the exception
                            register, failing findings under a live exception shown as excepted, every
                            score stated without and with exceptions, expired exceptions flagged.
  --review <file.json>      This snapshot's review file (docs/review.md): reviewer notes and statuses, the
                            samples with their picks and results, and the sign-off. A review file made for
                            another snapshot is refused.
  --since <earlier.triad>   Add "Changes since <date>": this snapshot compared with an earlier one (docs/diff.md).
  --changes-limit <N>       Changed findings listed per change category (default ${DEFAULT_CHANGES_LIMIT}); above it the
                            section says "N of M shown" and the complete list is written as
                            <report>.changes.csv beside the PDF, cited in it by name and SHA-256.
  --timings                 Also print on stderr where the time went: preparing the model (and any complete
                            list), each step of the print route, printing and writing.
  --accounts a,b            Only these account ids.
  --ous Root/Prod,...       Only accounts in these OUs (or below them).
  --regions r1,r2           Only these regions.
  --statuses S1,S2          Only findings with these statuses (${STATUSES.join(', ')}).
  --severities s1,s2        Only controls of these severities.
  --sources s1,s2           Only controls from these sources.
  -h, --help                This help.

Environment: CHROMIUM_PATH (default /usr/bin/chromium-headless-shell if installed, else /usr/bin/chromium).`;

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

function parseCount(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const value = /^\d+$/.test(text.replace(/[_,]/g, '')) ? Number(text.replace(/[_,]/g, '')) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < 1) throw new CliError(`report: --${name} must be a whole number of at least 1 (got "${text}")`);
  return value;
}

export const reportCommand: Command = {
  name: 'report',
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
      exceptions: { type: 'string' },
      review: { type: 'string' },
      since: { type: 'string' },
      'changes-limit': { type: 'string' },
      timings: { type: 'boolean' },
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
    const inputFiles: ReportInputFiles = {};
    if (values.exceptions !== undefined) inputFiles.exceptions = userPath(values.exceptions);
    if (values.review !== undefined) inputFiles.review = userPath(values.review);
    if (values.since !== undefined) inputFiles.since = userPath(values.since);
    if (inputFiles.exceptions) options.exceptions = true;
    if (inputFiles.review) options.review = true;
    if (inputFiles.since) options.since = true;
    if (values['changes-limit'] !== undefined) {
      if (!inputFiles.since) throw new CliError('report: --changes-limit applies to the changes section; give --since <earlier.triad> too');
      options.changesLimit = parseCount('changes-limit', values['changes-limit'], DEFAULT_CHANGES_LIMIT);
    }

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
    // Shared with the print route's host, so the comparison behind the changes section is made once.
    const inputs = createReportInputs(inputFiles);
    let prepared;
    const preparing = performance.now();
    // Chromium starts while the report is prepared (the complete list written, the snapshot's digest checked).
    const browser = launchReportBrowser(options.paper);
    browser.catch(() => undefined);
    try {
      prepared = await prepareReport(source, options, out, { triadVersion: triadVersion(), inputs, recomputeDigestAfter: browser });
    } catch (error) {
      inputs.close();
      await browser.then((b) => b.browser.close()).catch(() => undefined);
      if (error instanceof OutputPathError || error instanceof ReportInputError) throw new CliError(`report: ${error.message}`);
      throw error;
    } finally {
      source.close();
      reader.close();
    }

    const prepareMs = Math.round(performance.now() - preparing);
    try {
      const { model, fullList, changesList, integrity, expectedIntegrity } = prepared;
      const fullListNote =
        (fullList ? `; complete list of ${fullList.rows} failing findings in ${fullList.path}` : '') +
        (changesList ? `; complete list of ${changesList.rows} changes in ${changesList.path}` : '');
      const pdf = await renderReportPdf({ snapshotPath: reader.path, rendererDir, options: prepared.options, model, integrity, expectedIntegrity, outPath: out, inputs }, browser);
      const listed =
        model.listing.mode === 'complete'
          ? `all ${model.listing.failingFindings} failing findings listed`
          : `${model.listing.shownFindings} of ${model.listing.failingFindings} failing findings shown`;
      process.stdout.write(`Wrote ${out} (${(pdf.bytes / 1_048_576).toFixed(1)} MB, ${options.paper === 'a4' ? 'A4' : 'Letter'}): ${listed}${fullListNote}\n`);
      if (values.timings) {
        const steps = [{ step: 'prepare the model and complete lists', ms: prepareMs }, ...pdf.timings];
        process.stderr.write(`report timings: ${steps.map((t) => `${t.step} ${(t.ms / 1000).toFixed(1)} s`).join('; ')}\n`);
      }
      return 0;
    } catch (error) {
      if (error instanceof OutputPathError || error instanceof ReportRenderError || error instanceof HostError) {
        throw new CliError(`report: ${error.message}`);
      }
      throw error;
    } finally {
      inputs.close();
    }
  },
};
