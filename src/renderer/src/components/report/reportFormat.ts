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

/**
 * Untrusted text inside a line of several values: wrapped in FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE so a
 * right-to-left override in one value cannot reorder the rest of the line.
 */
export function isolate(text: string): string {
  return `\u2068${text}\u2069`;
}

/** One failing finding as a line of the resource listing. */
export function findingLine(row: ReportFindingRow): string {
  const parts = [isolate(row.resourceType), isolate(resourceLabel(row))];
  if (row.annotation) parts.push(`— ${isolate(row.annotation)}`);
  parts.push(`[${evidenceRef(row.evidenceId)}]`);
  return parts.join('  ');
}
