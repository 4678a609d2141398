// Resource keys for the diff: account, region, resource type and resource id joined by NUL (which sorts before
// every other character), compared in the order SQLite sorts the columns, so two snapshots' resources can be
// merged as two sorted streams.

export const KEY_SEPARATOR = '\u0000';

/** [account id, region, resource type, resource id]; a NUL inside a resource id stays in the resource id. */
export function splitResourceKey(key: string): string[] {
  const parts = key.split(KEY_SEPARATOR);
  return parts.length === 4 ? parts : [parts[0], parts[1], parts[2], parts.slice(3).join(KEY_SEPARATOR)];
}

// UTF-16 code units ranked in Unicode code point order, which is the byte order of UTF-8 and so SQLite's
// BINARY collation: surrogates (characters above U+FFFF) sort after U+E000–U+FFFF.
const rank = (unit: number): number => (unit < 0xd800 ? unit : unit >= 0xe000 ? unit - 0x800 : unit + 0x2000);

/** Code units whose UTF-16 order differs from their code point order (surrogates and U+E000–U+FFFF). */
const HIGH_UNITS = /[\uD800-\uFFFF]/;

/** Whether `text` holds a code unit whose UTF-16 order is not its code point order (then only compareKeys orders it as SQLite does). */
export const needsCodePointOrder = (text: string): boolean => HIGH_UNITS.test(text);

/** compareKeys for strings that need no code point order: the engine's native comparison. */
export const compareUnits = (a: string, b: string): number => (a === b ? 0 : a < b ? -1 : 1);

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
