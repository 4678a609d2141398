// The classification catalog: Triad's reviewed JSON mapping of every AWS Config managed rule to a CIA pillar,
// design principles, a responsibility layer and a severity, plus the user's optional override file.
// Data lives in resources/catalog/; this module only loads, validates and looks it up. Pure Node: no Electron, no AWS.
//
// classify() never guesses. In order:
//   1. an override keyed by the control id, then by its source identifier          → origin 'override'
//   2. for AWS Config rules and conformance-pack rules, the catalog entry of the
//      managed rule identifier (custom rules are never looked up)                 → origin 'catalog'
//   3. built-in checks and Trusted Advisor checks carry their classification in their own metadata
//      (src/main/checks/); callers pass it as `control.classification` and get it back with origin 'catalog'
//   4. anything else (custom rules, rules AWS added after this catalog)            → null, 'unclassified'

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';

import {
  LAYERS,
  PILLARS,
  PRINCIPLES,
  SEVERITIES,
  type Classification,
  type ClassificationOrigin,
  type ControlSource,
  type Layer,
  type Pillar,
  type Principle,
  type Severity,
  type SnapshotMeta,
} from '../../shared/domain';
import { resourcesDir } from '../paths';

/** Bad catalog or override file: the message names the file, the entry and the field. */
export class CatalogError extends Error {
  override name = 'CatalogError';
}

/** The catalog.json format this code reads; bump when the entry shape changes. */
export const CATALOG_SCHEMA = 1;

export interface CatalogEntry extends Classification {
  /** AWS Config managed rule identifier, e.g. "S3_BUCKET_PUBLIC_READ_PROHIBITED". */
  identifier: string;
}

export interface ManagedRuleParameter {
  name: string;
  type: string;
  optional: boolean;
  default?: string;
}

/** One AWS Config managed rule as listed in resources/catalog/aws-config-managed-rules.json. */
export interface ManagedRule {
  identifier: string;
  /**
   * The identifier in words ("S3 bucket public read prohibited"). The packaged rule list has no descriptions;
   * the full AWS description of a deployed rule comes from DescribeConfigRules at collection time.
   */
  title: string;
  /** e.g. ["AWS::S3::Bucket"]; empty for account-level periodic rules. */
  resourceTypes: string[];
  /** "Configuration changes", "Periodic" or both. */
  triggerTypes: string[];
  parameters: ManagedRuleParameter[];
  /** AWS's own wording of where the rule is available. */
  regions: string;
}

export interface ClassifiableControl {
  id: string;
  source: ControlSource;
  sourceIdentifier: string;
  /** Classification a built-in or Trusted Advisor check carries in its own metadata (ignored for Config rules). */
  classification?: Classification | null;
}

export interface ClassifyResult {
  classification: Classification | null;
  origin: ClassificationOrigin;
}

export interface Catalog {
  version: string;
  overrides: SnapshotMeta['overrides'];
  /** Number of catalog entries. */
  size: number;
  classify(control: ClassifiableControl): ClassifyResult;
  entry(sourceIdentifier: string): CatalogEntry | undefined;
  /** Every catalog entry, sorted by identifier. */
  entries: readonly CatalogEntry[];
  /** Every AWS Config managed rule Triad knows, sorted by identifier. */
  managedRules: readonly ManagedRule[];
}

export interface LoadCatalogOptions {
  /** User override file (JSON); see parseOverrides for its format. */
  overridesPath?: string;
  /** Defaults to resources/catalog/catalog.json. */
  catalogPath?: string;
  /** Defaults to resources/catalog/aws-config-managed-rules.json. */
  managedRulesPath?: string;
}

export const defaultCatalogPath = (): string => join(resourcesDir(), 'catalog', 'catalog.json');
export const defaultManagedRulesPath = (): string => join(resourcesDir(), 'catalog', 'aws-config-managed-rules.json');

export function loadCatalog(options: LoadCatalogOptions = {}): Catalog {
  const catalogPath = options.catalogPath ?? defaultCatalogPath();
  const { version, entries } = parseCatalog(readJson(catalogPath, 'catalog'), catalogPath);
  const managedRules = loadManagedRules(options.managedRulesPath);
  const byIdentifier = new Map(entries.map((e) => [e.identifier, e]));

  let overrides = new Map<string, OverrideEntry>();
  let overridesMeta: SnapshotMeta['overrides'] = null;
  if (options.overridesPath) {
    const raw = readFileOrThrow(options.overridesPath, 'override');
    overrides = parseOverrides(parseJson(raw, options.overridesPath, 'override'), options.overridesPath, byIdentifier);
    overridesMeta = {
      file: basename(options.overridesPath),
      sha256: createHash('sha256').update(raw).digest('hex'),
      count: overrides.size,
    };
  }

  const catalogEntryFor = (control: ClassifiableControl): CatalogEntry | undefined =>
    isManagedConfigRule(control) ? byIdentifier.get(control.sourceIdentifier) : undefined;

  return {
    version,
    overrides: overridesMeta,
    size: entries.length,
    entries,
    managedRules,
    entry: (sourceIdentifier) => byIdentifier.get(sourceIdentifier),
    classify(control) {
      const base = catalogEntryFor(control) ?? ownClassification(control);
      const override = overrides.get(control.id) ?? overrides.get(control.sourceIdentifier);
      if (override) return { classification: applyOverride(override, base, control), origin: 'override' };
      if (base) return { classification: toClassification(base), origin: 'catalog' };
      return { classification: null, origin: 'unclassified' };
    },
  };
}

let managedRulesCache: { path: string; rules: readonly ManagedRule[] } | undefined;

/** The packaged AWS Config managed rule list (identifier, title, resource types, parameters). */
export function loadManagedRules(path = defaultManagedRulesPath()): readonly ManagedRule[] {
  if (managedRulesCache?.path === path) return managedRulesCache.rules;
  const doc = readJson(path, 'managed rule list');
  const table = isRecord(doc) ? doc.ManagedRules : undefined;
  if (!isRecord(table)) throw new CatalogError(`Managed rule list ${path}: expected an object with "ManagedRules"`);
  const rules = Object.entries(table)
    .map(([identifier, value]): ManagedRule => {
      const rule = isRecord(value) ? value : {};
      const list = (field: string, separator: RegExp): string[] =>
        typeof rule[field] === 'string'
          ? (rule[field] as string).split(separator).map((s) => s.trim()).filter(Boolean)
          : [];
      const parameters = Array.isArray(rule.Parameters) ? rule.Parameters.filter(isRecord) : [];
      return {
        identifier,
        title: titleOf(identifier),
        resourceTypes: list('Resource Types', /,/),
        // AWS writes both triggers as "Configuration changes and Periodic".
        triggerTypes: list('Trigger type', / and (?=Periodic)/),
        parameters: parameters.map((p) => ({
          name: String(p.Name ?? ''),
          type: String(p.Type ?? ''),
          optional: p.Optional === true,
          ...(p.Default === undefined ? {} : { default: String(p.Default) }),
        })),
        regions: typeof rule['AWS Region'] === 'string' ? rule['AWS Region'] : '',
      };
    })
    .sort((a, b) => compare(a.identifier, b.identifier))
    .map(freezeDeep);
  // Shared by every catalog loaded from the same file, so frozen: no caller can change another's view.
  Object.freeze(rules);
  managedRulesCache = { path, rules };
  return rules;
}

// ---------------------------------------------------------------------------------------------------------------
// Catalog file

function parseCatalog(doc: unknown, file: string): { version: string; entries: CatalogEntry[] } {
  const where = `Catalog ${file}`;
  if (!isRecord(doc)) throw new CatalogError(`${where}: expected a JSON object`);
  if (doc.schema !== CATALOG_SCHEMA)
    throw new CatalogError(`${where}: schema ${JSON.stringify(doc.schema)} is not supported (expected ${CATALOG_SCHEMA})`);
  if (typeof doc.version !== 'string' || !doc.version.trim())
    throw new CatalogError(`${where}: "version" must be a non-empty string`);
  if (!isRecord(doc.entries)) throw new CatalogError(`${where}: "entries" must be an object keyed by rule identifier`);
  const entries = Object.entries(doc.entries).map(([identifier, value]) => {
    const at = `${where}: entry ${identifier}`;
    if (!/^[A-Z0-9_]+$/.test(identifier)) throw new CatalogError(`${at}: identifier must be an AWS managed rule identifier`);
    if (!isRecord(value)) throw new CatalogError(`${at}: must be an object`);
    refuseUnknownFields(value, CLASSIFICATION_FIELDS, at);
    const entry: CatalogEntry = {
      identifier,
      pillar: requireField(value, 'pillar', at, pillarOf),
      secondaryPillars: value.secondaryPillars === undefined ? [] : pillarsOf(value.secondaryPillars, `${at}: secondaryPillars`),
      principles: requireField(value, 'principles', at, principlesOf),
      layer: requireField(value, 'layer', at, layerOf),
      severity: requireField(value, 'severity', at, severityOf),
      rationale: requireField(value, 'rationale', at, rationaleOf),
    };
    checkSecondaryPillars(entry, at);
    return freezeDeep(entry);
  });
  entries.sort((a, b) => compare(a.identifier, b.identifier));
  return { version: doc.version, entries: Object.freeze(entries) as CatalogEntry[] };
}

// ---------------------------------------------------------------------------------------------------------------
// Override file
//
// { "overrides": { "<control id or managed rule identifier>": { "pillar"?, "secondaryPillars"?, "principles"?,
//                                                               "layer"?, "severity"?, "rationale": "…" } } }
// An override may change only some fields of a control that already has a classification (a catalog entry, a
// built-in or a Trusted Advisor check). For anything else it must give pillar, principles, layer and severity.

interface OverrideEntry {
  key: string;
  fields: Partial<Classification> & { rationale: string };
}

function parseOverrides(doc: unknown, file: string, catalog: Map<string, CatalogEntry>): Map<string, OverrideEntry> {
  const where = `Override file ${file}`;
  if (!isRecord(doc)) throw new CatalogError(`${where}: expected a JSON object like { "overrides": { … } }`);
  refuseUnknownFields(doc, ['overrides', 'description'], where);
  if (!isRecord(doc.overrides))
    throw new CatalogError(`${where}: "overrides" must be an object keyed by control id or managed rule identifier`);
  const result = new Map<string, OverrideEntry>();
  for (const [key, value] of Object.entries(doc.overrides)) {
    const at = `${where}: override "${key}"`;
    if (!key.trim() || key.length > 1024) throw new CatalogError(`${at}: the key must be a control id or rule identifier`);
    if (!isRecord(value)) throw new CatalogError(`${at}: must be an object`);
    refuseUnknownFields(value, CLASSIFICATION_FIELDS, at);
    const fields: OverrideEntry['fields'] = { rationale: requireField(value, 'rationale', at, rationaleOf) };
    if (value.pillar !== undefined) fields.pillar = pillarOf(value.pillar, `${at}: pillar`);
    if (value.secondaryPillars !== undefined) fields.secondaryPillars = pillarsOf(value.secondaryPillars, `${at}: secondaryPillars`);
    if (value.principles !== undefined) fields.principles = principlesOf(value.principles, `${at}: principles`);
    if (value.layer !== undefined) fields.layer = layerOf(value.layer, `${at}: layer`);
    if (value.severity !== undefined) fields.severity = severityOf(value.severity, `${at}: severity`);
    if (fields.pillar && fields.secondaryPillars?.includes(fields.pillar))
      throw new CatalogError(`${at}: secondaryPillars must not repeat the primary pillar "${fields.pillar}"`);
    const incomplete = (['pillar', 'principles', 'layer', 'severity'] as const).filter((f) => fields[f] === undefined);
    if (incomplete.length && !hasBaseClassification(key, catalog))
      throw new CatalogError(
        `${at}: "${key}" has no classification to adjust (only managed rules in the catalog and built-in:<check-id> controls do), so the override must also give ${incomplete.join(', ')}`,
      );
    result.set(key, { key, fields });
  }
  return result;
}

/**
 * Whether an override key names something already classified, so a partial override has a base to adjust:
 * a catalogued managed rule (by identifier or control id) or a built-in check, whose metadata always carries a
 * classification. Trusted Advisor checks and custom rules have none, so their overrides must be complete.
 */
function hasBaseClassification(key: string, catalog: Map<string, CatalogEntry>): boolean {
  if (catalog.has(key)) return true;
  const parts = key.split(':');
  if (parts[0] === 'built-in') return parts.length === 2 && parts[1] !== '';
  if (parts[0] === 'config-rule') return parts.length === 2 && catalog.has(parts[1]);
  if (parts[0] === 'conformance-pack') return parts.length === 3 && catalog.has(parts[2]);
  return false;
}

function applyOverride(override: OverrideEntry, base: Classification | undefined, control: ClassifiableControl): Classification {
  const f = override.fields;
  const pillar = f.pillar ?? base?.pillar;
  const principles = f.principles ?? base?.principles;
  const layer = f.layer ?? base?.layer;
  const severity = f.severity ?? base?.severity;
  // Only reachable when a built-in check is classified without passing its own classification: a caller bug.
  if (!pillar || !principles || !layer || !severity)
    throw new CatalogError(
      `Override "${override.key}" changes only part of the classification of ${control.id}, but none was given to start from`,
    );
  const secondaryPillars = (f.secondaryPillars ?? base?.secondaryPillars ?? []).filter((p) => p !== pillar);
  return { pillar, secondaryPillars, principles, layer, severity, rationale: f.rationale };
}

// ---------------------------------------------------------------------------------------------------------------
// Lookup helpers

/** Managed Config rules (directly or inside a conformance pack); custom rules never match a catalog entry. */
function isManagedConfigRule(control: ClassifiableControl): boolean {
  if (control.source !== 'config-rule' && control.source !== 'conformance-pack') return false;
  return !/(^|:)custom:/.test(control.id);
}

function ownClassification(control: ClassifiableControl): Classification | undefined {
  if (control.source !== 'built-in' && control.source !== 'trusted-advisor') return undefined;
  return control.classification ?? undefined;
}

function toClassification(c: Classification): Classification {
  return {
    pillar: c.pillar,
    secondaryPillars: [...c.secondaryPillars],
    principles: [...c.principles],
    layer: c.layer,
    severity: c.severity,
    rationale: c.rationale,
  };
}

/** "S3_BUCKET_PUBLIC_READ_PROHIBITED" → "S3 bucket public read prohibited". */
function titleOf(identifier: string): string {
  const words = identifier.toLowerCase().split('_').filter(Boolean);
  const text = words.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

// ---------------------------------------------------------------------------------------------------------------
// Field validation

const CLASSIFICATION_FIELDS = ['pillar', 'secondaryPillars', 'principles', 'layer', 'severity', 'rationale'];

const MAX_RATIONALE = 500;

function requireField<T>(value: Record<string, unknown>, field: string, at: string, parse: (v: unknown, at: string) => T): T {
  if (value[field] === undefined) throw new CatalogError(`${at}: "${field}" is missing`);
  return parse(value[field], `${at}: ${field}`);
}

function member<T extends string>(values: readonly T[], label: string) {
  return (v: unknown, at: string): T => {
    if (typeof v !== 'string' || !(values as readonly string[]).includes(v))
      throw new CatalogError(`${at} is ${JSON.stringify(v)}; the ${label} must be one of: ${values.join(', ')}`);
    return v as T;
  };
}

const pillarOf = member<Pillar>(PILLARS, 'pillar');
const layerOf = member<Layer>(LAYERS, 'layer');
const severityOf = member<Severity>(SEVERITIES, 'severity');
const principleOf = member<Principle>(PRINCIPLES, 'principle');

function listOf<T>(item: (v: unknown, at: string) => T, minimum: number) {
  return (v: unknown, at: string): T[] => {
    if (!Array.isArray(v)) throw new CatalogError(`${at} must be a list`);
    if (v.length < minimum) throw new CatalogError(`${at} must list at least ${minimum}`);
    const items = v.map((x, i) => item(x, `${at}[${i}]`));
    if (new Set(items).size !== items.length) throw new CatalogError(`${at} lists the same value twice`);
    return items;
  };
}

const pillarsOf = listOf(pillarOf, 0);
const principlesOf = listOf(principleOf, 1);

function rationaleOf(v: unknown, at: string): string {
  if (typeof v !== 'string' || !v.trim()) throw new CatalogError(`${at} must be a non-empty one-line text`);
  if (/[\r\n]/.test(v)) throw new CatalogError(`${at} must be one line`);
  if (v.length > MAX_RATIONALE) throw new CatalogError(`${at} is longer than ${MAX_RATIONALE} characters`);
  return v.trim();
}

function checkSecondaryPillars(c: Classification, at: string): void {
  if (c.secondaryPillars.includes(c.pillar))
    throw new CatalogError(`${at}: secondaryPillars must not repeat the primary pillar "${c.pillar}"`);
}

function refuseUnknownFields(value: Record<string, unknown>, known: readonly string[], at: string): void {
  const unknown = Object.keys(value).find((k) => !known.includes(k));
  if (unknown !== undefined)
    throw new CatalogError(`${at}: unknown field "${unknown}" (expected ${known.join(', ')})`);
}

// ---------------------------------------------------------------------------------------------------------------
// Files

function readFileOrThrow(path: string, what: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'the file does not exist' : (error as Error).message;
    throw new CatalogError(`Cannot read the ${what} file ${path}: ${reason}`);
  }
}

function parseJson(raw: Buffer, path: string, what: string): unknown {
  try {
    return JSON.parse(raw.toString('utf8')) as unknown;
  } catch (error) {
    throw new CatalogError(`The ${what} file ${path} is not valid JSON: ${(error as Error).message}`);
  }
}

function readJson(path: string, what: string): unknown {
  return parseJson(readFileOrThrow(path, what), path, what);
}

function freezeDeep<T extends object>(value: T): T {
  for (const field of Object.values(value)) if (typeof field === 'object' && field !== null) freezeDeep(field as object);
  return Object.freeze(value);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
