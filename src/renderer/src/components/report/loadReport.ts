// Fetches everything the print route lays out: the report model in one call, then the listed failing findings
// (several controls per call, up to REPORT_FINDINGS_PER_CALL rows) and the evidence items they cite in pages, so
// no single API answer carries the whole report, and a report of a hundred controls takes a few calls, not one each.
// The snapshot's integrity is asked for at once but awaited last (by the view): recomputing a large snapshot's
// content digest takes seconds, and the rest of the report is fetched and laid out meanwhile.
import { REPORT_FINDINGS_PER_CALL, type ApiClient } from '../../../../shared/api';
import type { ReportIntegrity } from '../../../../shared/integrity';
import { REPORT_MARK_PREFIX, type ReportEvidence, type ReportFindingRow, type ReportModel, type ReportOptions } from '../../../../shared/report';

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

interface FindingsPage {
  controlId: string;
  offset: number;
  limit: number;
}

/** The pages of every control's listed rows, packed in order into calls of at most REPORT_FINDINGS_PER_CALL rows. */
export function findingsCalls(controls: { id: string; shown: number }[]): FindingsPage[][] {
  const calls: FindingsPage[][] = [];
  let call: FindingsPage[] = [];
  let rows = 0;
  for (const control of controls) {
    for (let offset = 0; offset < control.shown; ) {
      if (rows === REPORT_FINDINGS_PER_CALL) {
        calls.push(call);
        call = [];
        rows = 0;
      }
      const limit = Math.min(control.shown - offset, REPORT_FINDINGS_PER_CALL - rows);
      call.push({ controlId: control.id, offset, limit });
      rows += limit;
      offset += limit;
    }
  }
  if (call.length) calls.push(call);
  return calls;
}

/** `onProgress`: listed rows loaded so far, of all listed rows. */
export async function loadReport(api: ApiClient, options: ReportOptions, onProgress?: (done: number, total: number) => void): Promise<LoadedReport> {
  const model = await api.call('report.model', { options });
  performance.mark(`${REPORT_MARK_PREFIX}model`);
  const integrity = api.call('report.integrity');
  integrity.catch(() => undefined);
  const controls = model.pillars.flatMap((section) => section.controls).filter((c) => c.shown > 0);
  const calls = findingsCalls(controls);
  const answers: ReportFindingRow[][][] = [];
  const total = controls.reduce((sum, c) => sum + c.shown, 0);
  let done = 0;
  let next = 0;
  // A few calls in flight at once, so the main process reads the next while this page parses the last.
  const worker = async () => {
    while (next < calls.length) {
      const index = next++;
      answers[index] = await api.call('report.findings', { filters: options.filters, pages: calls[index] });
      done += calls[index].reduce((sum, page) => sum + page.limit, 0);
      onProgress?.(done, total);
    }
  };
  await Promise.all(Array.from({ length: FINDINGS_IN_FLIGHT }, worker));
  const rows = new Map<string, ReportFindingRow[]>(controls.map((c) => [c.id, []]));
  calls.forEach((call, c) => call.forEach((page, p) => rows.get(page.controlId)!.push(...answers[c][p])));

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
