// The rows every export writes: each finding in scope joined with its control (classification) and account
// (name, OU), produced one at a time from the report source so a million findings never sit in memory.

import type { Account, ComplianceStatus, Control } from '../../shared/domain';
import type { Filters } from '../../shared/filters';
import type { FindingIdRange, ReportSource, SourceFinding } from '../report/source';

export interface ExportFinding extends SourceFinding {
  control: Control;
  account: Account;
}

export interface ExportScope {
  filters: Filters;
  /** Only these statuses (intersected with the filters' statuses); absent: all. */
  statuses?: ComplianceStatus[];
  /** Only these controls (intersected with the filters' sources and severities); absent: all. */
  controlIds?: string[];
  /** Only findings with ids in this range; absent: all. */
  ids?: FindingIdRange;
}

function* exportFindings(source: ReportSource, scope: ExportScope): Generator<ExportFinding> {
  const accounts = source.accounts();
  const resolved = source.resolve(scope.filters);
  const wanted = scope.controlIds && new Set(scope.controlIds);
  // A list naming every control selects nothing out, and as a condition it would steer SQLite from one pass over
  // the table to an index search plus a sort of every match (twice as slow for a report's complete list).
  if (wanted && !source.controls().every((c) => wanted.has(c.id))) {
    resolved.controls = new Set([...(resolved.controls ?? wanted)].filter((id) => wanted.has(id)));
  }
  for (const finding of source.iterateFindings(resolved, scope.statuses, scope.ids)) {
    const control = source.control(finding.controlId);
    if (!control) throw new Error(`Finding ${finding.id} refers to control ${finding.controlId}, which the snapshot does not describe`);
    const row = finding as ExportFinding;
    row.control = control;
    row.account = accounts.get(finding.accountId) ?? { id: finding.accountId, name: finding.accountId, ouPath: '' };
    yield row;
  }
}

export interface ExportResult {
  path: string;
  rows: number;
  bytes: number;
  sha256: string;
}

/** Calls `progress` about every 10,000 rows. */
export type ExportProgress = (rows: number) => void;
export const PROGRESS_EVERY = 10_000;
/** Rows between turns of the event loop: a few milliseconds of writing. */
const ROWS_PER_TURN = 1_000;

/**
 * Calls `each` for every finding in scope, in id order, and returns how many there were. It reports progress
 * every PROGRESS_EVERY rows and gives the event loop a turn every few milliseconds, so the process keeps serving
 * while a million rows are written: the app its progress events, the CLI the browser it starts and the print
 * route it serves while a report's complete list is written.
 */
export async function eachExportFinding(source: ReportSource, scope: ExportScope, each: (finding: ExportFinding) => void, progress?: ExportProgress): Promise<number> {
  let rows = 0;
  for (const finding of exportFindings(source, scope)) {
    each(finding);
    rows++;
    if (rows % PROGRESS_EVERY === 0) progress?.(rows);
    if (rows % ROWS_PER_TURN === 0) await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return rows;
}
