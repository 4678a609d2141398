import { createHash } from 'node:crypto';

/**
 * JSON with object keys sorted at every level and no whitespace, so equal content always gives equal text
 * whatever order a producer built it in. Used for evidence deduplication (and later the content digest).
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    // What JSON.stringify stores for it: a Date (AWS SDK outputs carry many) is its ISO text, not an empty object.
    const toJSON = (value as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function') return sortKeys(toJSON.call(value));
    // No prototype: on a plain object, assigning a "__proto__" key (a tag key AWS accepts) would set the prototype
    // and drop the key from the text, so content differing only there would hash the same.
    const sorted = Object.create(null) as Record<string, unknown>;
    for (const key of Object.keys(value).sort()) sorted[key] = sortKeys((value as Record<string, unknown>)[key]);
    return sorted;
  }
  return value;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
