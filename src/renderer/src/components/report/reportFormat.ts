// Small presentation helpers of the report print route.
import type { ReportFindingRow } from '../../../../shared/report';

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

/** "E123": how the report cites an evidence item. */
export function evidenceRef(id: number | undefined): string {
  return id === undefined ? '—' : `E${id}`;
}

export function resourceLabel(row: Pick<ReportFindingRow, 'resourceId' | 'resourceName'>): string {
  return row.resourceName && row.resourceName !== row.resourceId ? `${row.resourceName} (${row.resourceId})` : row.resourceId;
}

/** Right-to-left letters and directional formatting characters: text that can reorder what follows it. */
const BIDI = /[\u0590-\u08ff\u200e\u200f\u202a-\u202e\u2066-\u2069\ufb1d-\ufdff\ufe70-\ufefc]/;

/**
 * Untrusted text inside a line of several values: when it has right-to-left letters or directional controls, it
 * is wrapped in FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE so an override cannot reorder the rest of the
 * line. Other text is left as is, so the PDF's text stays searchable and copyable.
 */
export function isolate(text: string): string {
  return BIDI.test(text) ? `\u2068${text}\u2069` : text;
}

/** What every listed finding of a control shares, printed once above its lines instead of on each. */
export interface SharedFields {
  resourceType?: string;
  annotation?: string;
}

export function sharedFields(rows: ReportFindingRow[]): SharedFields {
  if (rows.length < 2) return {};
  const shared: SharedFields = {};
  const [first] = rows;
  if (rows.every((r) => r.resourceType === first.resourceType)) shared.resourceType = first.resourceType;
  if (first.annotation && rows.every((r) => r.annotation === first.annotation)) shared.annotation = first.annotation;
  return shared;
}

/** One failing finding as a line of the resource listing (without the fields its control's findings share). */
export function findingLine(row: ReportFindingRow, shared: SharedFields = {}): string {
  const parts: string[] = [];
  if (shared.resourceType === undefined) parts.push(isolate(row.resourceType));
  parts.push(isolate(resourceLabel(row)));
  if (row.annotation && shared.annotation === undefined) parts.push(`— ${isolate(row.annotation)}`);
  parts.push(`[${evidenceRef(row.evidenceId)}]`);
  return parts.join('  ');
}
