// Finding keys for the diff: account, region, resource type, resource id and control id joined by NUL, in the
// order SQLite sorts them, so two snapshots' findings can be merged as two sorted streams.

export const KEY_SEPARATOR = '\u0000';

/** The key expression and the matching ORDER BY; `f` is the findings table alias. */
export const KEY_SQL = `f.account_id || char(0) || f.region || char(0) || f.resource_type || char(0) || f.resource_id || char(0) || f.control_id`;
export const KEY_ORDER_SQL = 'f.account_id, f.region, f.resource_type, f.resource_id, f.control_id, f.id';

export interface FindingKey {
  accountId: string;
  region: string;
  resourceType: string;
  resourceId: string;
  controlId: string;
}

export function splitKey(key: string): FindingKey {
  const [accountId, region, resourceType, resourceId, controlId] = key.split(KEY_SEPARATOR);
  return { accountId, region, resourceType, resourceId, controlId };
}

export function controlOfKey(key: string): string {
  return key.slice(key.lastIndexOf(KEY_SEPARATOR) + 1);
}

// UTF-16 code units ranked in Unicode code point order, which is the byte order of UTF-8 and so SQLite's
// BINARY collation: surrogates (characters above U+FFFF) sort after U+E000–U+FFFF.
const rank = (unit: number): number => (unit < 0xd800 ? unit : unit >= 0xe000 ? unit - 0x800 : unit + 0x2000);

/** Code units whose UTF-16 order differs from their code point order (surrogates and U+E000–U+FFFF). */
const HIGH_UNITS = /[\uD800-\uFFFF]/;

/** Compares keys exactly as SQLite orders their columns (BINARY collation, column by column). */
export function compareKeys(a: string, b: string): number {
  if (a === b) return 0;
  // The common case: UTF-16 order is code point order, and the engine's native comparison is fastest.
  if (!HIGH_UNITS.test(a) && !HIGH_UNITS.test(b)) return a < b ? -1 : 1;
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (i === n) return a.length - b.length;
  return rank(a.charCodeAt(i)) - rank(b.charCodeAt(i));
}
