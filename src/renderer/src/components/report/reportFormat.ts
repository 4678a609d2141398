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
