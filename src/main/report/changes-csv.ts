// The complete list of changes beside a report whose "changes since" section is capped: one row per changed
// finding, in the comparison's key order, written atomically and neutralized against spreadsheet formulas.

import { basename, dirname, extname, join } from 'node:path';
import { DIFF_CATEGORY_LABELS } from '../../shared/diff';
import { AtomicTextWriter } from '../export/atomic';
import { csvLine } from '../export/csv';
import type { SnapshotDiff } from '../diff';

export const CHANGES_CSV_COLUMNS = ['category', 'control_id', 'control', 'account_id', 'region', 'resource_type', 'resource_id', 'base_status', 'current_status', 'evidence_changed'];

/** `report.pdf` → `report.changes.csv`, in the same folder. */
export function changesListPathFor(pdfPath: string): string {
  return join(dirname(pdfPath), `${basename(pdfPath, extname(pdfPath))}.changes.csv`);
}

export function writeChangesCsv(diff: SnapshotDiff, outPath: string, controlTitles: Record<string, string>): { rows: number; sha256: string } {
  const writer = new AtomicTextWriter(outPath);
  let rows = 0;
  try {
    writer.write(csvLine(CHANGES_CSV_COLUMNS));
    for (const c of diff.allChanges()) {
      writer.write(
        csvLine([
          DIFF_CATEGORY_LABELS[c.category],
          c.controlId,
          controlTitles[c.controlId] ?? c.controlId,
          c.accountId,
          c.region,
          c.resourceType,
          c.resourceId,
          c.baseStatus,
          c.currentStatus,
          c.evidenceChanged ? 'yes' : 'no',
        ]),
      );
      rows++;
    }
  } catch (error) {
    writer.abort();
    throw error;
  }
  return { rows, sha256: writer.commit().sha256 };
}
