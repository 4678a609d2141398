// The subset of AWS Config's advanced-query SQL that resource lookups need:
//   SELECT <field>[, <field>...] | *  [WHERE <condition> [AND <condition>...]]
// where a field is a (dotted) property path and a condition is `f = 'v'`, `f IN ('a', 'b')` or `f LIKE 'prefix%'`.
// Anything else is refused with InvalidExpressionException naming what is not supported, never silently ignored.
import { AwsError } from '../context';

export type SelectableItem = Record<string, unknown>;

type Condition = { field: string; kind: 'eq' | 'in' | 'like'; values: string[] };

const SUPPORTED = "SELECT <fields> [WHERE <field> = 'v' | <field> IN ('a', ...) | <field> LIKE 'prefix%' joined by AND]";

function invalid(reason: string): AwsError {
  return new AwsError('InvalidExpressionException', `Invalid query expression: ${reason}. The emulator supports ${SUPPORTED}.`);
}

function valueAt(item: SelectableItem, path: string): unknown {
  return path.split('.').reduce<unknown>((value, key) => (value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined), item);
}

function setAt(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) {
    node[key] = (node[key] as Record<string, unknown> | undefined) ?? {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys[keys.length - 1]] = value;
}

function parseStrings(list: string): string[] {
  const values = [...list.matchAll(/'((?:[^']|'')*)'/g)].map((match) => match[1].replace(/''/g, "'"));
  if (values.length === 0) throw invalid(`empty IN list (${list})`);
  return values;
}

function parseCondition(text: string): Condition {
  const eq = /^([\w.]+)\s*=\s*'((?:[^']|'')*)'$/i.exec(text);
  if (eq) return { field: eq[1], kind: 'eq', values: [eq[2].replace(/''/g, "'")] };
  const inList = /^([\w.]+)\s+IN\s*\((.*)\)$/i.exec(text);
  if (inList) return { field: inList[1], kind: 'in', values: parseStrings(inList[2]) };
  const like = /^([\w.]+)\s+LIKE\s+'((?:[^'%]|'')*)%'$/i.exec(text);
  if (like) return { field: like[1], kind: 'like', values: [like[2].replace(/''/g, "'")] };
  throw invalid(`unsupported condition "${text}"`);
}

function matches(item: SelectableItem, condition: Condition): boolean {
  const value = valueAt(item, condition.field);
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') return false;
  const text = String(value);
  if (condition.kind === 'like') return text.startsWith(condition.values[0]);
  return condition.values.includes(text);
}

export function runSelect(expression: string, items: SelectableItem[]): { fields: string[]; rows: Record<string, unknown>[] } {
  const parsed = /^\s*SELECT\s+(.+?)(?:\s+WHERE\s+(.+?))?\s*$/is.exec(expression);
  if (!parsed) throw invalid('the expression must start with SELECT');
  if (/\b(ORDER|GROUP)\s+BY\b|\bOR\b|\bNOT\b|\bCOUNT\s*\(/i.test(expression)) throw invalid('ORDER BY, GROUP BY, OR, NOT and aggregate functions are not supported');
  const fields = parsed[1].split(',').map((field) => field.trim());
  if (fields.some((field) => field !== '*' && !/^[\w.]+$/.test(field))) throw invalid(`unsupported select list "${parsed[1]}"`);
  const conditions = parsed[2] ? parsed[2].split(/\s+AND\s+/i).map((part) => parseCondition(part.trim())) : [];
  const selectAll = fields.includes('*');
  const rows = items
    .filter((item) => conditions.every((condition) => matches(item, condition)))
    .map((item) => {
      if (selectAll) return item;
      const row: Record<string, unknown> = {};
      for (const field of fields) {
        const value = valueAt(item, field);
        if (value !== undefined) setAt(row, field, value);
      }
      return row;
    });
  return { fields: selectAll ? Object.keys(items[0] ?? {}) : fields, rows };
}
