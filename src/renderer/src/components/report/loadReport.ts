// Fetches everything the print route lays out: the report model in one call, then each control's listed
// failing findings and the evidence items they cite in pages, so no single API answer carries the whole report.
// The snapshot's integrity is asked for at once but awaited last (by the view): recomputing a large snapshot's
// content digest takes seconds, and the rest of the report is fetched and laid out meanwhile.
import type { ApiClient } from '../../../../shared/api';
import type { ReportIntegrity } from '../../../../shared/integrity';
import { REPORT_MARK_PREFIX, type ReportEvidence, type ReportFindingRow, type ReportModel, type ReportOptions } from '../../../../shared/report';

export const FINDINGS_PAGE = 5000;
export const EVIDENCE_PAGE = 1000;
export const FINDINGS_IN_FLIGHT = 6;

export interface LoadedReport {
  model: ReportModel;
  /** Listed failing findings by control id, in report order. */
  rows: Map<string, ReportFindingRow[]>;
  evidence: ReportEvidence[];
  /** Distinct evidence items cited by the listed findings (the appendix details the first evidenceLimit). */
  evidenceTotal: number;
  integrity: Promise<ReportIntegrity>;
}

export async function loadReport(api: ApiClient, options: ReportOptions, onProgress?: (done: number, total: number) => void): Promise<LoadedReport> {
  const model = await api.call('report.model', { options });
  performance.mark(`${REPORT_MARK_PREFIX}model`);
  const integrity = api.call('report.integrity');
  integrity.catch(() => undefined);
  const rows = new Map<string, ReportFindingRow[]>();
  const controls = model.pillars.flatMap((section) => section.controls).filter((c) => c.shown > 0);
  for (const control of controls) rows.set(control.id, []);
  let done = 0;
  let next = 0;
  // A few controls in flight at once, so the main process reads the next page while this page parses the last.
  const worker = async () => {
    while (next < controls.length) {
      const control = controls[next++];
      const list = rows.get(control.id)!;
      while (list.length < control.shown) {
        const limit = Math.min(FINDINGS_PAGE, control.shown - list.length);
        const page = await api.call('report.findings', { controlId: control.id, filters: options.filters, offset: list.length, limit });
        list.push(...page);
        if (page.length < limit) break;
      }
      onProgress?.(++done, controls.length);
    }
  };
  await Promise.all(Array.from({ length: FINDINGS_IN_FLIGHT }, worker));

  performance.mark(`${REPORT_MARK_PREFIX}failing findings`);

  const evidence: ReportEvidence[] = [];
  const ids = new Set<number>();
  for (const list of rows.values()) for (const row of list) if (row.evidenceId !== undefined) ids.add(row.evidenceId);
  if (options.evidence) {
    const sorted = [...ids].sort((a, b) => a - b).slice(0, options.evidenceLimit);
    for (let start = 0; start < sorted.length; start += EVIDENCE_PAGE) {
      evidence.push(...(await api.call('report.evidence', { ids: sorted.slice(start, start + EVIDENCE_PAGE) })));
    }
  }
  performance.mark(`${REPORT_MARK_PREFIX}evidence`);
  return { model, rows, evidence, evidenceTotal: ids.size, integrity };
}
