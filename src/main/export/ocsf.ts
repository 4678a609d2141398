// OCSF export: one Compliance Finding event (class 2003, category 2 "Findings", OCSF 1.1) per finding, one JSON
// object per line, so data lakes and SIEMs ingest them as they come. Triad's own vocabulary (pillar, design
// principles, layer, evidence id) rides in `unmapped`, which OCSF reserves for source attributes it lacks.

import { CONTROL_SOURCE_LABELS, PILLAR_LABELS, type ComplianceStatus, type Severity } from '../../shared/domain';
import type { ReportDigest } from '../../shared/report';
import type { ReportSource } from '../report/source';
import { AtomicTextWriter } from './atomic';
import { eachExportFinding, type ExportFinding, type ExportProgress, type ExportResult, type ExportScope } from './findings';

export const OCSF_VERSION = '1.1.0';
export const OCSF_CLASS_UID = 2003;
export const OCSF_CATEGORY_UID = 2;
/** Activity 1, "Create": each export reports the findings as the snapshot recorded them. */
export const OCSF_ACTIVITY_ID = 1;

const SEVERITY_IDS: Record<Severity, [number, string]> = {
  informational: [1, 'Informational'],
  low: [2, 'Low'],
  medium: [3, 'Medium'],
  high: [4, 'High'],
  critical: [5, 'Critical'],
};

/** compliance.status_id: 0 Unknown, 1 Pass, 2 Warning (no result for lack of information), 3 Fail, 99 Other. */
const COMPLIANCE_STATUS: Record<ComplianceStatus, [number, string]> = {
  COMPLIANT: [1, 'Pass'],
  NON_COMPLIANT: [3, 'Fail'],
  INSUFFICIENT_DATA: [2, 'Warning'],
  NOT_EVALUATED: [0, 'Unknown'],
  NOT_APPLICABLE: [99, 'Not Applicable'],
  ERROR: [99, 'Error'],
};

export interface OcsfOptions extends ExportScope {
  outPath: string;
  digest: ReportDigest;
  triadVersion: string;
  progress?: ExportProgress;
}

function epochMs(iso: string | null | undefined): number | undefined {
  if (!iso) return undefined;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : ms;
}

export function ocsfEvent(f: ExportFinding, context: { snapshotTime: number; digest: ReportDigest; triadVersion: string; fileName: string }) {
  const classification = f.control.classification;
  const [severityId, severity] = classification ? SEVERITY_IDS[classification.severity] : [0, 'Unknown'];
  const [complianceStatusId, complianceStatus] = COMPLIANCE_STATUS[f.status];
  const standards = [f.control.conformancePack ? `AWS Config conformance pack ${f.control.conformancePack}` : CONTROL_SOURCE_LABELS[f.control.source]];
  if (classification) standards.push('AWS Well-Architected Framework, Security Pillar');
  const account = { uid: f.accountId, name: f.account.name, type: 'AWS Account', type_id: 10 };
  const time = epochMs(f.evaluatedAt) ?? epochMs(f.recordedAt) ?? context.snapshotTime;
  return {
    activity_id: OCSF_ACTIVITY_ID,
    activity_name: 'Create',
    category_uid: OCSF_CATEGORY_UID,
    category_name: 'Findings',
    class_uid: OCSF_CLASS_UID,
    class_name: 'Compliance Finding',
    type_uid: OCSF_CLASS_UID * 100 + OCSF_ACTIVITY_ID,
    type_name: 'Compliance Finding: Create',
    time,
    severity_id: severityId,
    severity,
    status_id: 1,
    status: 'New',
    message: `${f.control.title}: ${f.status} for ${f.resourceType} ${f.resourceId}`,
    metadata: {
      version: OCSF_VERSION,
      product: { name: 'Triad', vendor_name: 'Triad', version: context.triadVersion },
      uid: `${context.digest.value}:${f.id}`,
      ...(f.recordedAt ? { original_time: f.recordedAt } : {}),
      profiles: ['cloud'],
    },
    finding_info: {
      uid: `triad:${context.digest.value.slice(0, 16)}:${f.id}`,
      title: f.control.title,
      desc: f.annotation ?? f.control.description,
      types: [CONTROL_SOURCE_LABELS[f.control.source]],
      ...(time !== undefined ? { created_time: time } : {}),
    },
    compliance: {
      control: f.controlId,
      standards,
      requirements: [f.control.sourceIdentifier],
      status: complianceStatus,
      status_id: complianceStatusId,
      status_code: f.status,
      ...(f.annotation ? { status_detail: f.annotation } : {}),
    },
    resources: [
      {
        uid: f.resourceId,
        type: f.resourceType,
        ...(f.resourceName ? { name: f.resourceName } : {}),
        region: f.region,
        cloud_partition: 'aws',
        owner: { account },
      },
    ],
    cloud: { provider: 'AWS', region: f.region, account },
    ...(f.control.remediation ? { remediation: { desc: f.control.remediation, references: f.control.references ?? [] } } : {}),
    unmapped: {
      triad_finding_id: f.id,
      pillar: classification ? PILLAR_LABELS[classification.pillar] : 'Unclassified',
      principles: classification?.principles ?? [],
      layer: classification?.layer ?? null,
      classification_origin: f.control.classificationOrigin,
      rule_name: f.ruleName,
      evidence_id: f.evidenceId,
      snapshot: context.fileName,
      snapshot_sha256: context.digest.value,
    },
  };
}

export async function writeFindingsOcsf(source: ReportSource, options: OcsfOptions): Promise<ExportResult> {
  const info = source.reader.info();
  const context = {
    snapshotTime: epochMs(info.meta.createdAt) ?? 0,
    digest: options.digest,
    triadVersion: options.triadVersion,
    fileName: info.fileName,
  };
  const out = new AtomicTextWriter(options.outPath);
  let rows: number;
  try {
    rows = await eachExportFinding(source, options, (finding) => out.write(`${JSON.stringify(ocsfEvent(finding, context))}\n`), options.progress);
  } catch (error) {
    out.abort();
    throw error;
  }
  const { bytes, sha256 } = out.commit();
  return { path: options.outPath, rows, bytes, sha256 };
}
