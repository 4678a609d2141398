// Which parts of two JSON documents differ: the paths to changed, added and removed values, so the diff view
// can highlight exactly those fields of the evidence side by side. Arrays compare position by position.

import type { JsonChange } from '../../shared/diff';

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

export function changedJsonPaths(before: unknown, after: unknown, limit: number): { changes: JsonChange[]; truncated: boolean } {
  const changes: JsonChange[] = [];
  let truncated = false;
  const add = (change: JsonChange) => {
    if (changes.length < limit) changes.push(change);
    else truncated = true;
  };
  const walk = (a: unknown, b: unknown, path: (string | number)[]) => {
    if (truncated) return;
    if (Array.isArray(a) && Array.isArray(b)) {
      for (let i = 0; i < Math.max(a.length, b.length); i++) {
        if (i >= a.length) add({ path: [...path, i], kind: 'added' });
        else if (i >= b.length) add({ path: [...path, i], kind: 'removed' });
        else walk(a[i], b[i], [...path, i]);
      }
      return;
    }
    if (isObject(a) && isObject(b)) {
      for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
        if (!Object.hasOwn(b, key)) add({ path: [...path, key], kind: 'removed' });
        else if (!Object.hasOwn(a, key)) add({ path: [...path, key], kind: 'added' });
        else walk(a[key], b[key], [...path, key]);
      }
      return;
    }
    if (!Object.is(a, b)) add({ path, kind: 'changed' });
  };
  walk(before, after, []);
  return { changes, truncated };
}
