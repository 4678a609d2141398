// Control identity for Config results (BRIEF "Seams"): the same rule gets the same control id in every
// account and region, and its classification comes from the catalog, never from a guess.

import type { Classification, ClassificationOrigin, Control, ControlSource } from '../../shared/domain';
import type { Catalog } from '../catalog';
import type { SnapshotWriter } from '../snapshot/writer-contract';

/** What the collector needs from the catalog (src/main/catalog). */
export interface ControlCatalog {
  version: string;
  classify(control: { id: string; source: ControlSource; sourceIdentifier: string }): {
    classification: Classification | null;
    origin: ClassificationOrigin;
  };
  /** Whether a managed rule identifier is known; used to recognise managed rules behind aggregated rule names. */
  knowsManagedRule(sourceIdentifier: string): boolean;
  /** The catalog's title for a managed rule, when it has one. */
  titleOf(sourceIdentifier: string): string | undefined;
}

/** AWS suffixes rules deployed by a conformance pack with a random id per account; the control id must not vary. */
const PACK_SUFFIX = /-conformance-pack-[a-z0-9]+$/i;

export function baseRuleName(ruleName: string): string {
  return ruleName.replace(PACK_SUFFIX, '');
}

export interface RuleIdentity {
  ruleName: string;
  /** Source.Owner: "AWS" for managed rules, "CUSTOM_LAMBDA" / "CUSTOM_POLICY" otherwise. */
  owner?: string;
  sourceIdentifier?: string;
}

/** "S3_BUCKET_PUBLIC_READ_PROHIBITED" for a managed rule, "custom:<name>" otherwise. */
export function ruleKey(rule: RuleIdentity): { managed: boolean; key: string; sourceIdentifier: string } {
  if (rule.owner === 'AWS' && rule.sourceIdentifier) return { managed: true, key: rule.sourceIdentifier, sourceIdentifier: rule.sourceIdentifier };
  const name = baseRuleName(rule.ruleName);
  return { managed: false, key: `custom:${name}`, sourceIdentifier: name };
}

export function controlIdFor(rule: RuleIdentity, conformancePack?: string): string {
  const { key } = ruleKey(rule);
  return conformancePack ? `conformance-pack:${conformancePack}:${key}` : `config-rule:${key}`;
}

/**
 * Aggregate APIs name rules but do not describe them. A managed rule deployed under its default name
 * ("s3-bucket-public-read-prohibited", possibly with a conformance-pack suffix) is recognised when the
 * catalog knows the identifier; anything else is treated as a custom rule under its name.
 */
export function identityFromRuleName(ruleName: string, catalog: Pick<ControlCatalog, 'knowsManagedRule'>): RuleIdentity {
  const candidate = baseRuleName(ruleName).toUpperCase().replace(/-/g, '_');
  return catalog.knowsManagedRule(candidate) ? { ruleName, owner: 'AWS', sourceIdentifier: candidate } : { ruleName };
}

/** Upserts each control once per collection, classified through the catalog. */
export class ControlRegistry {
  private readonly written = new Set<string>();

  constructor(
    private readonly writer: SnapshotWriter,
    private readonly catalog: ControlCatalog,
  ) {}

  /** Identity of a rule known only by name (aggregate APIs). */
  identify(ruleName: string): RuleIdentity {
    return identityFromRuleName(ruleName, this.catalog);
  }

  ensure(rule: RuleIdentity & { description?: string }, conformancePack?: string): string {
    const id = controlIdFor(rule, conformancePack);
    if (this.written.has(id)) return id;
    const { managed, sourceIdentifier } = ruleKey(rule);
    const source: ControlSource = conformancePack ? 'conformance-pack' : 'config-rule';
    const { classification, origin } = this.catalog.classify({ id, source, sourceIdentifier });
    const control: Control = {
      id,
      source,
      title: (managed ? this.catalog.titleOf(sourceIdentifier) : undefined) ?? baseRuleName(rule.ruleName),
      description: rule.description ?? '',
      sourceIdentifier,
      classification,
      classificationOrigin: origin,
    };
    if (conformancePack) control.conformancePack = conformancePack;
    this.writer.upsertControl(control);
    this.written.add(id);
    return id;
  }
}

/** The collector's view of the loaded catalog (src/main/catalog). */
export function controlCatalogFrom(catalog: Catalog): ControlCatalog {
  const titles = new Map(catalog.managedRules.map((rule) => [rule.identifier, rule.title]));
  return {
    version: catalog.version,
    classify: (control) => catalog.classify(control),
    knowsManagedRule: (id) => titles.has(id) || catalog.entry(id) !== undefined,
    titleOf: (id) => titles.get(id),
  };
}
