// `triad catalog [IDENTIFIER...] [--json] [--overrides FILE]`: the classification of every AWS Config managed
// rule (pillar, principles, layer, severity) with its rationale, as the catalog and an optional override file
// give it. Built-in checks carry their classification in their own metadata (see `triad checks`).

import { PILLAR_LABELS, PILLARS, type Classification, type ClassificationOrigin, type SnapshotMeta } from '../../../shared/domain';
import { CatalogError, loadCatalog, type Catalog } from '../../catalog';
import { CliError, parseCommandArgs, printable, table, type Command } from '../command';

/**
 * The `--json` output, version 1. Stable: fields are only ever added; a change that removes or renames one
 * bumps `version`.
 */
export interface CatalogJson {
  format: 'triad-catalog';
  version: 1;
  catalog: { version: string; entries: number; managedRules: number };
  overrides: SnapshotMeta['overrides'];
  controls: {
    id: string;
    source: 'config-rule';
    sourceIdentifier: string;
    title: string;
    resourceTypes: string[];
    origin: ClassificationOrigin;
    classification: Classification | null;
  }[];
}

const HELP = `Usage: npm run triad -- catalog [IDENTIFIER...] [--json] [--overrides FILE]

Prints the classification of every AWS Config managed rule: primary CIA pillar (and secondary pillars),
Well-Architected security design principles, shared-responsibility layer, severity and the one-line rationale.
Give rule identifiers (e.g. S3_BUCKET_PUBLIC_READ_PROHIBITED) to show only those.

Options:
  --json             Machine-readable output (stable; shape below).
  --overrides FILE   Apply a user override file, as collect does, and mark the controls it changes.
  -h, --help         This help.

Override file format:
  { "overrides": { "<control id or managed rule identifier>": {
      "pillar"?, "secondaryPillars"?, "principles"?, "layer"?, "severity"?, "rationale": "required" } } }

JSON output (--json):
  {
    "format": "triad-catalog", "version": 1,
    "catalog": { "version", "entries", "managedRules" },
    "overrides": { "file", "sha256", "count" } | null,
    "controls": [ { "id": "config-rule:<IDENTIFIER>", "source": "config-rule", "sourceIdentifier", "title",
                    "resourceTypes": [ ... ], "origin": "catalog" | "override" | "unclassified",
                    "classification": { "pillar", "secondaryPillars", "principles", "layer", "severity",
                                        "rationale" } | null } ]
  }`;

export const catalogCommand: Command = {
  name: 'catalog',
  help: HELP,
  run(args) {
    const { values, positionals } = parseCommandArgs('catalog', args, {
      json: { type: 'boolean' },
      overrides: { type: 'string' },
    });
    let catalog: Catalog;
    try {
      catalog = loadCatalog({ overridesPath: values.overrides });
    } catch (error) {
      if (error instanceof CatalogError) throw new CliError(`catalog: ${error.message}`);
      throw error;
    }
    const known = new Set(catalog.managedRules.map((r) => r.identifier));
    const unknown = positionals.filter((id) => !known.has(id));
    if (unknown.length)
      throw new CliError(`catalog: ${unknown.map(printable).join(', ')} is not an AWS Config managed rule identifier known to this catalog`);
    const json = toJson(catalog, positionals);
    process.stdout.write(values.json ? `${JSON.stringify(json, null, 2)}\n` : `${toText(json)}\n`);
    return 0;
  },
};

export function toJson(catalog: Catalog, only: string[] = []): CatalogJson {
  const wanted = only.length ? new Set(only) : null;
  return {
    format: 'triad-catalog',
    version: 1,
    catalog: { version: catalog.version, entries: catalog.size, managedRules: catalog.managedRules.length },
    overrides: catalog.overrides,
    controls: catalog.managedRules
      .filter((rule) => !wanted || wanted.has(rule.identifier))
      .map((rule) => {
        const control = { id: `config-rule:${rule.identifier}`, source: 'config-rule' as const, sourceIdentifier: rule.identifier };
        const { classification, origin } = catalog.classify(control);
        return { ...control, title: rule.title, resourceTypes: rule.resourceTypes, origin, classification };
      }),
  };
}

function toText(json: CatalogJson): string {
  const o = json.overrides;
  const lines = [
    `Catalog ${json.catalog.version}: ${json.catalog.entries} entries for ${json.catalog.managedRules} AWS Config managed rules; ${
      o ? `overrides ${printable(o.file)} (${o.count}, sha256 ${o.sha256.slice(0, 12)}…)` : 'no overrides'
    }`,
    '',
  ];
  for (const control of json.controls) {
    const c = control.classification;
    const mark = control.origin === 'override' ? '  [override]' : '';
    lines.push(`${control.sourceIdentifier}${mark}`);
    if (!c) {
      lines.push('  Unclassified: no catalog entry or override.');
      continue;
    }
    const pillars = [PILLAR_LABELS[c.pillar], ...c.secondaryPillars.map((p) => `(${PILLAR_LABELS[p]})`)].join(' ');
    lines.push(`  ${pillars} · ${c.severity} · ${c.layer} · ${c.principles.join(', ')}`, `  ${printable(c.rationale)}`);
  }
  const counted = (origin: ClassificationOrigin) => json.controls.filter((c) => c.origin === origin).length;
  lines.push(
    '',
    table([
      ['Pillar', 'Controls', 'Critical', 'High'],
      ...PILLARS.map((pillar) => {
        const inPillar = json.controls.filter((c) => c.classification?.pillar === pillar);
        const bySeverity = (s: string) => String(inPillar.filter((c) => c.classification?.severity === s).length);
        return [PILLAR_LABELS[pillar], String(inPillar.length), bySeverity('critical'), bySeverity('high')];
      }),
      ['Unclassified', String(counted('unclassified')), '', ''],
    ], [false, true, true, true]),
    `${json.controls.length} controls: ${counted('catalog')} from the catalog, ${counted('override')} overridden, ${counted('unclassified')} unclassified.`,
  );
  return lines.join('\n');
}
