// The evidence appendix shows each evidence item's key configuration fields, not its whole body: the fields an
// auditor checks first (identity, state, capture time, tags), then the item's own scalar settings, each value
// shortened for print with its full length stated. What is left out is counted, never silently dropped.

import type { Evidence } from '../../shared/domain';
import type { ReportEvidence, ReportEvidenceField } from '../../shared/report';

/** Configuration fields shown per item, after its identity fields and tags. */
export const MAX_FIELDS = 8;
/** Tags shown per item: owners, cost centers and the like are what auditors look for first. */
export const MAX_TAGS = 20;
export const MAX_VALUE_CHARS = 100;

/** Configuration-item fields shown first, in this order, when present. */
const CONFIGURATION_ITEM_KEYS = [
  'arn',
  'resourceName',
  'configurationItemStatus',
  'configurationItemCaptureTime',
];

function scalarText(value: unknown): string | undefined {
  if (value === null) return 'null';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** Scalar leaves of a JSON value as dotted paths ("ipPermissions[0].fromPort"), depth-first, in body order. */
function* leaves(value: unknown, path: string, depth: number): Generator<[string, string]> {
  const scalar = scalarText(value);
  if (scalar !== undefined) {
    yield [path, scalar];
    return;
  }
  if (depth > 6) return;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) yield* leaves(value[i], `${path}[${i}]`, depth + 1);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) yield* leaves(child, path ? `${path}.${key}` : key, depth + 1);
  }
}

function field(name: string, raw: string): ReportEvidenceField {
  const chars = [...raw];
  return chars.length > MAX_VALUE_CHARS ? { name, value: `${chars.slice(0, MAX_VALUE_CHARS).join('')}…`, fullLength: chars.length } : { name, value: raw };
}

export function evidenceForReport(evidence: Evidence): ReportEvidence {
  const key: [string, string][] = [];
  const tags: [string, string][] = [];
  const settings: [string, string][] = [];
  const body = evidence.body;
  if (evidence.kind === 'configuration-item' && body !== null && typeof body === 'object' && !Array.isArray(body)) {
    const item = body as Record<string, unknown>;
    for (const name of CONFIGURATION_ITEM_KEYS) {
      const value = scalarText(item[name]);
      if (value !== undefined && value !== '' && value !== 'null') key.push([name, value]);
    }
    const itemTags = item.tags;
    if (itemTags !== null && typeof itemTags === 'object' && !Array.isArray(itemTags)) {
      for (const [name, value] of Object.entries(itemTags)) tags.push([`tags.${name}`, scalarText(value) ?? JSON.stringify(value)]);
    }
    for (const part of ['configuration', 'supplementaryConfiguration']) {
      for (const leaf of leaves(item[part], part, 0)) settings.push(leaf);
    }
  } else {
    // API responses nest deeply ("EvaluationResultIdentifier.EvaluationResultQualifier.ConfigRuleName"): the
    // last two path segments name a field well enough in print.
    for (const [path, value] of leaves(body, '', 0)) settings.push([path.split('.').slice(-2).join('.'), value]);
  }
  const chosen = [...key, ...tags.slice(0, MAX_TAGS), ...settings.slice(0, MAX_FIELDS)];
  const shown = chosen.map(([name, value]) => field(name, value));
  const result: ReportEvidence = {
    id: evidence.id,
    kind: evidence.kind,
    accountId: evidence.accountId,
    region: evidence.region,
    fields: shown,
    moreFields: key.length + tags.length + settings.length - shown.length,
    provenance: {
      service: evidence.provenance.service,
      operation: evidence.provenance.operation,
      params: JSON.stringify(evidence.provenance.params),
      accountId: evidence.provenance.accountId,
      region: evidence.provenance.region,
      retrievedAt: evidence.provenance.retrievedAt,
    },
  };
  if (evidence.resourceType !== undefined) result.resourceType = evidence.resourceType;
  if (evidence.resourceId !== undefined) result.resourceId = evidence.resourceId;
  if (evidence.capturedAt !== undefined) result.capturedAt = evidence.capturedAt;
  return result;
}
