// Pretty-printed JSON as lines (the layout of JSON.stringify(value, null, 2)), each marked when the diff found
// its path changed on this side: changed or removed values on the base side, changed or added ones on the
// current side. A marked object or array marks everything inside it.
import type { JsonChange } from '../../../../shared/diff';

export type JsonLineMark = JsonChange['kind'] | null;

export interface JsonLine {
  text: string;
  depth: number;
  mark: JsonLineMark;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

export function jsonLines(value: unknown, changes: JsonChange[], side: 'base' | 'current'): JsonLine[] {
  const shown = changes.filter((c) => c.kind === 'changed' || c.kind === (side === 'base' ? 'removed' : 'added'));
  const marks = new Map(shown.map((c) => [JSON.stringify(c.path), c.kind]));
  const lines: JsonLine[] = [];

  const emit = (key: string | number | undefined, item: unknown, path: (string | number)[], depth: number, comma: string, inherited: JsonLineMark) => {
    const mark = marks.get(JSON.stringify(path)) ?? inherited;
    const prefix = typeof key === 'string' ? `${JSON.stringify(key)}: ` : '';
    const entries: [string | number | undefined, unknown][] | null = Array.isArray(item)
      ? item.map((v, i) => [i, v])
      : isObject(item)
        ? Object.entries(item)
        : null;
    if (entries && entries.length) {
      const [open, close] = Array.isArray(item) ? ['[', ']'] : ['{', '}'];
      lines.push({ text: prefix + open, depth, mark });
      entries.forEach(([childKey, child], i) => emit(childKey, child, [...path, childKey!], depth + 1, i < entries.length - 1 ? ',' : '', mark));
      lines.push({ text: close + comma, depth, mark });
      return;
    }
    const literal = entries ? (Array.isArray(item) ? '[]' : '{}') : item === undefined ? 'null' : JSON.stringify(item);
    lines.push({ text: prefix + literal + comma, depth, mark });
  };
  emit(undefined, value, [], 0, '', null);
  return lines;
}
