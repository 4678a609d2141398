// `triad checks [ID...] [--json]`: Triad's built-in checks with their metadata: classification, Trusted Advisor
// and AWS Config equivalents, grading, remediation and references. Lists all checks as a table; with ids, prints
// each check in full.

import { PILLAR_LABELS, type Classification } from '../../../shared/domain';
import { ALL_CHECKS } from '../../checks';
import { INPUT_LABELS } from '../../checks/support/findings';
import type { Check, CheckMeta, InputKind } from '../../checks/types';
import { CliError, parseCommandArgs, printable, table, type Command } from '../command';

/**
 * The `--json` output, version 1. Stable: fields are only ever added; a change that removes or renames one
 * bumps `version`.
 */
export interface ChecksJson {
  format: 'triad-checks';
  version: 1;
  checks: {
    id: string;
    controlId: string;
    title: string;
    description: string;
    classification: Classification;
    trustedAdvisor: { name: string; checkId: string } | null;
    configRule: string | null;
    grading: CheckMeta['grading'];
    remediation: string;
    references: string[];
    inputs: InputKind[];
  }[];
}

const HELP = `Usage: npm run triad -- checks [ID...] [--json]

Lists Triad's built-in, Trusted-Advisor-style checks: CIA pillar, severity, the equivalent Trusted Advisor
check and AWS Config managed rule. Give check ids (e.g. iam-root-mfa) to print those checks in full: description,
classification, red/yellow/green grading, remediation, references and the inputs they read.

Options:
  --json       Machine-readable output (stable; shape below).
  -h, --help   This help.

JSON output (--json):
  {
    "format": "triad-checks", "version": 1,
    "checks": [ { "id", "controlId": "built-in:<id>", "title", "description",
                  "classification": { "pillar", "secondaryPillars", "principles", "layer", "severity", "rationale" },
                  "trustedAdvisor": { "name", "checkId" } | null, "configRule": "<IDENTIFIER>" | null,
                  "grading": { "red"?, "yellow"?, "green" }, "remediation", "references": [ "https://..." ],
                  "inputs": [ "credentialReport" | "configurationItems" | ... ] } ]
  }`;

export const checksCommand: Command = {
  name: 'checks',
  help: HELP,
  run(args) {
    const { values, positionals } = parseCommandArgs('checks', args, { json: { type: 'boolean' } });
    const known = new Set(ALL_CHECKS.map((c) => c.meta.id));
    const unknown = positionals.filter((id) => !known.has(id));
    if (unknown.length) throw new CliError(`checks: no built-in check named ${unknown.map((id) => `"${printable(id)}"`).join(', ')} (run triad checks for the list)`);
    const selected = positionals.length ? ALL_CHECKS.filter((c) => positionals.includes(c.meta.id)) : ALL_CHECKS;
    const json = toJson(selected);
    if (values.json) process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
    else process.stdout.write(`${positionals.length ? details(json) : overview(json)}\n`);
    return 0;
  },
};

export function toJson(checks: readonly Check[] = ALL_CHECKS): ChecksJson {
  return {
    format: 'triad-checks',
    version: 1,
    checks: checks.map(({ meta, inputs }) => ({
      id: meta.id,
      controlId: `built-in:${meta.id}`,
      title: meta.title,
      description: meta.description,
      classification: meta.classification,
      trustedAdvisor: meta.trustedAdvisor ?? null,
      configRule: meta.configRule ?? null,
      grading: meta.grading,
      remediation: meta.remediation,
      references: meta.references,
      inputs,
    })),
  };
}

function overview(json: ChecksJson): string {
  const rows = json.checks.map((c) => [
    c.id,
    PILLAR_LABELS[c.classification.pillar],
    c.classification.severity,
    c.trustedAdvisor ? c.trustedAdvisor.checkId : '-',
    c.configRule ?? '-',
    c.title,
  ]);
  const withTa = json.checks.filter((c) => c.trustedAdvisor).length;
  const withConfig = json.checks.filter((c) => c.configRule).length;
  return [
    table([['Check', 'Pillar', 'Severity', 'Trusted Advisor', 'AWS Config rule', 'Title'], ...rows]),
    '',
    `${json.checks.length} built-in checks: ${withTa} with a Trusted Advisor counterpart, ${withConfig} with an AWS Config managed rule.`,
    'Run `npm run triad -- checks <id>` for a check in full.',
  ].join('\n');
}

function details(json: ChecksJson): string {
  return json.checks
    .map((c) => {
      const k = c.classification;
      const pillars = [PILLAR_LABELS[k.pillar], ...k.secondaryPillars.map((p) => `(${PILLAR_LABELS[p]})`)].join(' ');
      const grading = (['red', 'yellow', 'green'] as const).filter((g) => c.grading[g]).map((g) => `  ${g.padEnd(6)} ${c.grading[g]}`);
      return [
        `${c.id}: ${c.title}`,
        `  ${c.description}`,
        `Classification: ${pillars} · ${k.severity} · ${k.layer} · ${k.principles.join(', ')}`,
        `  ${k.rationale}`,
        `Trusted Advisor: ${c.trustedAdvisor ? `${c.trustedAdvisor.name} (${c.trustedAdvisor.checkId})` : 'no equivalent check'}`,
        `AWS Config rule: ${c.configRule ?? 'no equivalent managed rule'}`,
        'Grading:',
        ...grading,
        `Remediation: ${c.remediation}`,
        'References:',
        ...c.references.map((r) => `  ${r}`),
        `Reads: ${c.inputs.map((i) => INPUT_LABELS[i]).join(', ')}`,
      ].join('\n');
    })
    .join('\n\n');
}
