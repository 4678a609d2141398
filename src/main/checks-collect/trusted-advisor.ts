// Trusted Advisor results (AWS Support API shapes, as stored in the snapshot) turned into controls and findings
// `trusted-advisor:<checkId>`, side by side with the built-in check that names the same Trusted Advisor check.
// Pure: works the same on a fresh collection and on a saved snapshot.

import type { Control, Provenance } from '../../shared/domain';
import { ALL_CHECKS } from '../checks';
import type { Check, Grade } from '../checks/types';
import type { NewEvidence, NewFinding } from '../snapshot/writer-contract';
import { withGrade } from '../../shared/grades';
import type { ClassifyingCatalog } from './results';

/** Trusted Advisor categories Triad ingests: the ones about security and resilience (CIA), not cost or limits. */
export const TRUSTED_ADVISOR_CATEGORIES = ['security', 'fault_tolerance'] as const;

export const TRUSTED_ADVISOR_EVIDENCE = {
  checks: { resourceType: 'AWS::TrustedAdvisor::Checks', resourceId: 'checks' },
  result: { resourceType: 'AWS::TrustedAdvisor::CheckResult' },
} as const;

/** The resource type of a Trusted Advisor flagged resource (Trusted Advisor does not name AWS resource types). */
export const FLAGGED_RESOURCE_TYPE = 'AWS::TrustedAdvisor::FlaggedResource';
export const ACCOUNT_RESOURCE_TYPE = 'AWS::::Account';

export const TRUSTED_ADVISOR_UNAVAILABLE = 'Trusted Advisor not available on this plan: a Business or Enterprise support plan is required';

/** DescribeTrustedAdvisorChecks entry. */
export interface TrustedAdvisorCheck {
  id?: string;
  name?: string;
  description?: string;
  category?: string;
  metadata?: string[];
}

/** DescribeTrustedAdvisorCheckResult `result`. */
export interface TrustedAdvisorResult {
  checkId?: string;
  timestamp?: string;
  status?: string;
  flaggedResources?: { status?: string; region?: string; resourceId?: string; isSuppressed?: boolean; metadata?: (string | null)[] }[];
}

/** The built-in check that names this Trusted Advisor check id, if any. */
export function builtInCounterpart(checkId: string, checks: readonly Check[] = ALL_CHECKS): Check | undefined {
  return checks.find((check) => check.meta.trustedAdvisor?.checkId === checkId);
}

export function trustedAdvisorControl(check: TrustedAdvisorCheck & { id: string }, catalog: ClassifyingCatalog, checks: readonly Check[] = ALL_CHECKS): Control {
  const counterpart = builtInCounterpart(check.id, checks);
  const id = `trusted-advisor:${check.id}`;
  const { classification, origin } = catalog.classify({ id, source: 'trusted-advisor', sourceIdentifier: check.id, classification: counterpart?.meta.classification ?? null });
  const control: Control = {
    id,
    source: 'trusted-advisor',
    title: check.name ?? check.id,
    description: stripHtml(check.description ?? ''),
    sourceIdentifier: check.id,
    classification,
    classificationOrigin: origin,
  };
  if (counterpart) {
    control.remediation = counterpart.meta.remediation;
    control.references = counterpart.meta.references;
  }
  return control;
}

const TA_GRADE: Record<string, Grade> = { error: 'red', warning: 'yellow', ok: 'green' };

export interface TrustedAdvisorRow {
  finding: Omit<NewFinding, 'evidenceId'>;
  evidence: NewEvidence;
}

/**
 * One finding per flagged resource: error → NON_COMPLIANT (red), warning → NON_COMPLIANT (yellow), ok → COMPLIANT;
 * a resource suppressed in Trusted Advisor → NOT_APPLICABLE. A check with nothing flagged gives one finding for the
 * account: COMPLIANT when its status is ok, NOT_EVALUATED when Trusted Advisor has no result.
 */
export function trustedAdvisorFindings(
  accountId: string,
  check: TrustedAdvisorCheck & { id: string },
  result: TrustedAdvisorResult,
  provenance: Provenance,
): TrustedAdvisorRow[] {
  const controlId = `trusted-advisor:${check.id}`;
  const columns = check.metadata ?? [];
  const evaluatedAt = result.timestamp;
  const rows: TrustedAdvisorRow[] = [];
  const evidenceOf = (resourceType: string, resourceId: string, region: string, body: unknown): NewEvidence => ({
    kind: 'api-response',
    resourceType,
    resourceId,
    accountId,
    region,
    body,
    provenance,
  });
  for (const resource of result.flaggedResources ?? []) {
    const resourceId = resource.resourceId ?? 'unknown';
    const region = resource.region && resource.region !== '-' ? resource.region : 'global';
    const values = resource.metadata ?? [];
    const named = Object.fromEntries(columns.map((name, i) => [name, values[i] ?? null]));
    // The AWS id a human recognises (e.g. "Security Group ID"), else a name column.
    const idColumn = columns.findIndex((name) => /\bID$/i.test(name));
    const nameColumn = idColumn >= 0 ? idColumn : columns.findIndex((name) => /Name$/.test(name) && !/^Region/.test(name));
    const grade = TA_GRADE[resource.status ?? ''];
    const detail = columns
      .map((name, i) => (values[i] ? `${name}: ${values[i]}` : ''))
      .filter(Boolean)
      .join(', ');
    const finding: TrustedAdvisorRow['finding'] = {
      controlId,
      accountId,
      region,
      resourceType: FLAGGED_RESOURCE_TYPE,
      resourceId,
      status: resource.isSuppressed ? 'NOT_APPLICABLE' : grade === undefined ? 'ERROR' : grade === 'green' ? 'COMPLIANT' : 'NON_COMPLIANT',
      annotation: resource.isSuppressed
        ? `Suppressed in Trusted Advisor. ${detail}`.trim()
        : grade === undefined
          ? `Trusted Advisor reported status "${resource.status ?? ''}". ${detail}`.trim()
          : withGrade(grade, `Trusted Advisor status ${resource.status}. ${detail}`.trim()),
    };
    const name = nameColumn >= 0 ? values[nameColumn] : null;
    if (name) finding.resourceName = name;
    if (evaluatedAt) finding.evaluatedAt = evaluatedAt;
    rows.push({ finding, evidence: evidenceOf(FLAGGED_RESOURCE_TYPE, resourceId, region, { checkId: check.id, checkName: check.name, checkStatus: result.status, resource, metadata: named }) });
  }
  if (rows.length === 0) {
    const grade = TA_GRADE[result.status ?? ''];
    const status = grade === undefined ? 'NOT_EVALUATED' : grade === 'green' ? 'COMPLIANT' : 'NON_COMPLIANT';
    const finding: TrustedAdvisorRow['finding'] = {
      controlId,
      accountId,
      region: 'global',
      resourceType: ACCOUNT_RESOURCE_TYPE,
      resourceId: accountId,
      status,
      annotation:
        grade === undefined
          ? `Trusted Advisor has no result for this check (status "${result.status ?? 'none'}").`
          : withGrade(grade, `Trusted Advisor status ${result.status}; no resource flagged.`),
    };
    if (evaluatedAt) finding.evaluatedAt = evaluatedAt;
    const summary = Object.fromEntries(Object.entries(result).filter(([key]) => key !== 'flaggedResources'));
    rows.push({ finding, evidence: evidenceOf(ACCOUNT_RESOURCE_TYPE, accountId, 'global', { checkId: check.id, checkName: check.name, result: summary }) });
  }
  return rows;
}

/** Trusted Advisor descriptions are HTML; the snapshot keeps the text only (rendered inert anyway). */
function stripHtml(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .trim();
}
