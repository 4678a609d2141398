// Configuration items as evidence: AWS returns `configuration` and each `supplementaryConfiguration` value
// as JSON strings; the snapshot stores them parsed so the evidence view and the checks read objects.

import type { BaseConfigurationItem } from '@aws-sdk/client-config-service';

export interface ParsedConfigurationItem {
  version?: string;
  accountId?: string;
  awsRegion?: string;
  resourceType?: string;
  resourceId?: string;
  resourceName?: string;
  arn?: string;
  availabilityZone?: string;
  configurationItemCaptureTime?: string;
  configurationItemStatus?: string;
  configurationStateId?: string;
  resourceCreationTime?: string;
  configurationItemDeliveryTime?: string;
  recordingFrequency?: string;
  configuration: unknown;
  supplementaryConfiguration: Record<string, unknown>;
  /** Present only when AWS sent a value that is not valid JSON; the raw text is then kept as the value. */
  parseErrors?: string[];
}

function parseJsonField(text: string | undefined, field: string, errors: string[]): unknown {
  if (text === undefined || text === null) return null;
  try {
    const value: unknown = JSON.parse(text);
    // AWS double-encodes some values (e.g. the S3 AccessControlList supplementary configuration).
    if (typeof value === 'string' && /^\s*[[{]/.test(value)) {
      try {
        return JSON.parse(value);
      } catch {
        return value;
      }
    }
    return value;
  } catch {
    errors.push(`${field} is not valid JSON; kept as text`);
    return text;
  }
}

const iso = (d: Date | undefined): string | undefined => (d instanceof Date && !Number.isNaN(d.getTime()) ? d.toISOString() : undefined);

export function parseConfigurationItem(item: BaseConfigurationItem): ParsedConfigurationItem {
  const errors: string[] = [];
  const supplementary: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(item.supplementaryConfiguration ?? {})) {
    supplementary[key] = parseJsonField(value, `supplementaryConfiguration.${key}`, errors);
  }
  const parsed: ParsedConfigurationItem = {
    version: item.version,
    accountId: item.accountId,
    awsRegion: item.awsRegion,
    resourceType: item.resourceType,
    resourceId: item.resourceId,
    resourceName: item.resourceName,
    arn: item.arn,
    availabilityZone: item.availabilityZone,
    configurationItemCaptureTime: iso(item.configurationItemCaptureTime),
    configurationItemStatus: item.configurationItemStatus,
    configurationStateId: item.configurationStateId,
    resourceCreationTime: iso(item.resourceCreationTime),
    configurationItemDeliveryTime: iso(item.configurationItemDeliveryTime),
    recordingFrequency: item.recordingFrequency,
    configuration: parseJsonField(item.configuration, 'configuration', errors),
    supplementaryConfiguration: supplementary,
  };
  if (errors.length) parsed.parseErrors = errors;
  for (const key of Object.keys(parsed) as (keyof ParsedConfigurationItem)[]) if (parsed[key] === undefined) delete parsed[key];
  return parsed;
}

export interface ResourceKey {
  resourceType: string;
  resourceId: string;
}

/** Resource types that evaluations name but Config does not record as configuration items. */
const NOT_RECORDED_TYPES = new Set(['AWS::::Account']);

/** Unique, fetchable resource keys in first-seen order. */
export function uniqueResourceKeys(keys: Iterable<ResourceKey>): ResourceKey[] {
  const seen = new Set<string>();
  const out: ResourceKey[] = [];
  for (const key of keys) {
    if (!key.resourceType || !key.resourceId || NOT_RECORDED_TYPES.has(key.resourceType)) continue;
    const id = resourceKeyId(key);
    if (seen.has(id)) continue;
    seen.add(id);
    out.push({ resourceType: key.resourceType, resourceId: key.resourceId });
  }
  return out;
}

export const resourceKeyId = (key: ResourceKey): string => `${key.resourceType}\u0000${key.resourceId}`;

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
