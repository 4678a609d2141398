// Built-in check results into a snapshot: each check is a control `built-in:<check-id>` classified from its own
// metadata (through the catalog, so overrides apply), each CheckFinding a finding whose annotation starts with its
// red / yellow / green grade and whose evidence keeps the slice the check judged, with its provenance.

import type { Control } from '../../shared/domain';
import { withGrade } from '../../shared/grades';
import type { ClassifiableControl, ClassifyResult } from '../catalog';
import { ALL_CHECKS, runChecks } from '../checks';
import type { Check, CheckFinding } from '../checks/types';
import type { NewFinding, SnapshotWriter } from '../snapshot/writer-contract';
import { buildCheckInputs, type AccountEvidence } from './inputs';
import { trustedAdvisorControl, trustedAdvisorFindings, TRUSTED_ADVISOR_EVIDENCE, type TrustedAdvisorCheck, type TrustedAdvisorResult } from './trusted-advisor';

/** What classifying a control needs from the catalog (src/main/catalog `Catalog` or the collector's view of it). */
export interface ClassifyingCatalog {
  classify(control: ClassifiableControl): ClassifyResult;
}

export const builtInControlId = (checkId: string): string => `built-in:${checkId}`;

export function builtInControl(check: Check, catalog: ClassifyingCatalog): Control {
  const id = builtInControlId(check.meta.id);
  const { classification, origin } = catalog.classify({ id, source: 'built-in', sourceIdentifier: check.meta.id, classification: check.meta.classification });
  return {
    id,
    source: 'built-in',
    title: check.meta.title,
    description: check.meta.description,
    sourceIdentifier: check.meta.id,
    classification,
    classificationOrigin: origin,
    remediation: check.meta.remediation,
    references: [...check.meta.references],
  };
}

/**
 * A check that reads several inputs may say "not evaluated" once per missing input for the same resource; the
 * snapshot keeps one finding per check, resource and status, with every reason.
 */
export function mergeNotEvaluated(findings: CheckFinding[]): CheckFinding[] {
  const merged = new Map<string, CheckFinding>();
  const out: CheckFinding[] = [];
  for (const finding of findings) {
    if (finding.status !== 'NOT_EVALUATED' || finding.evidence) {
      out.push(finding);
      continue;
    }
    const key = [finding.checkId, finding.accountId, finding.region, finding.resourceType, finding.resourceId].join('\u0000');
    const first = merged.get(key);
    if (first) {
      if (!first.annotation.includes(finding.annotation)) first.annotation = `${first.annotation} ${finding.annotation}`;
      continue;
    }
    const copy = { ...finding };
    merged.set(key, copy);
    out.push(copy);
  }
  return out;
}

/** Writes check and Trusted Advisor results, upserting each control once. */
export class CheckResultWriter {
  private readonly controls = new Set<string>();

  constructor(
    private readonly writer: SnapshotWriter,
    private readonly catalog: ClassifyingCatalog,
    private readonly checks: readonly Check[] = ALL_CHECKS,
  ) {}

  /** Every built-in check is a control of the snapshot, even one that found nothing to judge. */
  writeBuiltInControls(): void {
    for (const check of this.checks) this.ensure(builtInControl(check, this.catalog));
  }

  /** Runs the checks over one account's stored evidence and writes their findings; returns how many. */
  evaluateAccount(source: AccountEvidence, evaluatedAt: string): number {
    const findings = mergeNotEvaluated(runChecks(buildCheckInputs(source, evaluatedAt), this.checks));
    for (const finding of findings) this.writeFinding(finding, evaluatedAt);
    return findings.length;
  }

  writeFinding(finding: CheckFinding, evaluatedAt: string): void {
    const check = this.checks.find((c) => c.meta.id === finding.checkId);
    if (check) this.ensure(builtInControl(check, this.catalog));
    const row: NewFinding = {
      controlId: builtInControlId(finding.checkId),
      accountId: finding.accountId,
      region: finding.region,
      resourceType: finding.resourceType,
      resourceId: finding.resourceId,
      status: finding.status,
      annotation: finding.grade ? withGrade(finding.grade, finding.annotation) : finding.annotation,
      evaluatedAt,
    };
    if (finding.resourceName !== undefined) row.resourceName = finding.resourceName;
    if (finding.evidence) {
      const body = finding.evidence.body as { resourceId?: unknown; configurationItemCaptureTime?: unknown } | null;
      // A check that shows the whole configuration item stores the very evidence row the collector kept.
      const capturedAt =
        finding.evidence.kind === 'configuration-item' && body && body.resourceId === finding.resourceId && typeof body.configurationItemCaptureTime === 'string'
          ? body.configurationItemCaptureTime
          : undefined;
      row.evidenceId = this.writer.addEvidence({
        kind: finding.evidence.kind,
        resourceType: finding.resourceType,
        resourceId: finding.resourceId,
        accountId: finding.accountId,
        region: finding.region,
        ...(capturedAt ? { capturedAt } : {}),
        body: finding.evidence.body,
        provenance: finding.evidence.provenance,
      });
    }
    this.writer.addFinding(row);
  }

  /** Trusted Advisor controls and findings from the account's stored Support API responses; returns how many findings. */
  writeTrustedAdvisor(source: Pick<AccountEvidence, 'accountId' | 'evidence'>): number {
    const listed = source.evidence.find(
      (e) => e.kind === 'api-response' && e.resourceType === TRUSTED_ADVISOR_EVIDENCE.checks.resourceType && e.resourceId === TRUSTED_ADVISOR_EVIDENCE.checks.resourceId,
    );
    if (!listed || !Array.isArray(listed.body)) return 0;
    const checks = new Map((listed.body as TrustedAdvisorCheck[]).filter((c): c is TrustedAdvisorCheck & { id: string } => typeof c?.id === 'string').map((c) => [c.id, c]));
    let written = 0;
    for (const evidence of source.evidence) {
      if (evidence.kind !== 'api-response' || evidence.resourceType !== TRUSTED_ADVISOR_EVIDENCE.result.resourceType) continue;
      const check = checks.get(evidence.resourceId ?? '');
      const result = evidence.body as TrustedAdvisorResult | null;
      if (!check || !result || typeof result !== 'object') continue;
      this.ensure(trustedAdvisorControl(check, this.catalog, this.checks));
      for (const row of trustedAdvisorFindings(source.accountId, check, result, evidence.provenance)) {
        this.writer.addFinding({ ...row.finding, evidenceId: this.writer.addEvidence(row.evidence) });
        written++;
      }
    }
    return written;
  }

  private ensure(control: Control): void {
    if (this.controls.has(control.id)) return;
    this.writer.upsertControl(control);
    this.controls.add(control.id);
  }
}
