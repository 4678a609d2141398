// A small, fully known organization written through the real snapshot writer, for tests in any area.
// Every number a test expects can be read off the tables below.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Account, ComplianceStatus, Control, CoverageCell } from '../../../src/shared/domain';
import { createSnapshotWriter, type SnapshotWriter } from '../../../src/main/snapshot';

export const PROD = '111111111111';
export const DEV = '222222222222';
export const SEC = '333333333333';

export const FIXTURE_ACCOUNTS: Account[] = [
  { id: PROD, name: 'prod-main', ouPath: 'Root/Workloads/Prod', email: 'prod@example.com' },
  { id: DEV, name: 'dev-sandbox', ouPath: 'Root/Workloads/Dev' },
  { id: SEC, name: 'security-audit', ouPath: 'Root/Security' },
];

export const FIXTURE_REGIONS = ['eu-west-1', 'us-east-1'];

const classified = (
  id: string,
  sourceIdentifier: string,
  pillar: 'confidentiality' | 'integrity' | 'availability',
  severity: 'critical' | 'high' | 'medium' | 'low',
  source: Control['source'] = 'config-rule',
): Control => ({
  id,
  source,
  title: sourceIdentifier.toLowerCase().replaceAll('_', '-'),
  description: `Checks ${sourceIdentifier}.`,
  sourceIdentifier,
  ...(source === 'conformance-pack' ? { conformancePack: 'operational-best-practices' } : {}),
  classification: {
    pillar,
    secondaryPillars: pillar === 'confidentiality' ? ['integrity'] : [],
    principles: pillar === 'availability' ? ['prepare-for-security-events'] : ['protect-data-in-transit-and-at-rest', 'security-at-all-layers'],
    layer: 'server-side-encryption',
    severity,
    rationale: `Rationale for ${sourceIdentifier}.`,
  },
  classificationOrigin: 'catalog',
  references: ['https://docs.aws.amazon.com/config/latest/developerguide/managed-rules-by-aws-config.html'],
});

export const S3_PUBLIC = 'config-rule:S3_BUCKET_PUBLIC_READ_PROHIBITED';
export const TRAIL = 'config-rule:CLOUD_TRAIL_ENABLED';
export const BACKUP = 'config-rule:DB_INSTANCE_BACKUP_ENABLED';
export const ROOT_KEY = 'conformance-pack:operational-best-practices:IAM_ROOT_ACCESS_KEY_CHECK';
export const CUSTOM = 'config-rule:custom:tag-policy';
export const UNUSED = 'built-in:no-results-check';

export const FIXTURE_CONTROLS: Control[] = [
  classified(S3_PUBLIC, 'S3_BUCKET_PUBLIC_READ_PROHIBITED', 'confidentiality', 'high'),
  classified(TRAIL, 'CLOUD_TRAIL_ENABLED', 'integrity', 'medium'),
  classified(BACKUP, 'DB_INSTANCE_BACKUP_ENABLED', 'availability', 'low'),
  classified(ROOT_KEY, 'IAM_ROOT_ACCESS_KEY_CHECK', 'confidentiality', 'critical', 'conformance-pack'),
  {
    id: CUSTOM,
    source: 'config-rule',
    title: 'tag-policy',
    description: 'A custom rule the catalog does not know.',
    sourceIdentifier: 'custom:tag-policy',
    classification: null,
    classificationOrigin: 'unclassified',
  },
  classified(UNUSED, 'no-results-check', 'confidentiality', 'low', 'built-in'),
];

export const HOSTILE_TAG = '<script>alert(1)</script>';

/** [control, account, region, resource id, status, annotation] */
type Row = [string, string, string, string, ComplianceStatus, string?];
export const FIXTURE_FINDINGS: Row[] = [
  [S3_PUBLIC, PROD, 'eu-west-1', 'prod-logs', 'COMPLIANT'],
  [S3_PUBLIC, PROD, 'eu-west-1', 'prod-public-site', 'NON_COMPLIANT', 'Bucket allows public read.'],
  [S3_PUBLIC, PROD, 'us-east-1', 'prod-assets', 'COMPLIANT'],
  [S3_PUBLIC, DEV, 'eu-west-1', 'dev-scratch', 'NON_COMPLIANT', HOSTILE_TAG],
  [S3_PUBLIC, DEV, 'eu-west-1', 'dev-tmp', 'NOT_APPLICABLE'],
  [S3_PUBLIC, SEC, 'eu-west-1', 'sec-archive', 'COMPLIANT'],
  [ROOT_KEY, PROD, 'us-east-1', PROD, 'COMPLIANT'],
  [ROOT_KEY, DEV, 'us-east-1', DEV, 'NON_COMPLIANT', 'Root account has an active access key.'],
  [ROOT_KEY, SEC, 'eu-west-1', SEC, 'INSUFFICIENT_DATA'],
  [TRAIL, PROD, 'eu-west-1', 'org-trail', 'COMPLIANT'],
  [TRAIL, PROD, 'us-east-1', 'org-trail', 'COMPLIANT'],
  [TRAIL, DEV, 'eu-west-1', 'dev-trail', 'ERROR', 'Evaluation failed.'],
  [BACKUP, PROD, 'eu-west-1', 'prod-db', 'NON_COMPLIANT', 'Backup retention is 0 days.'],
  [BACKUP, PROD, 'eu-west-1', 'prod-db-replica', 'COMPLIANT'],
  [BACKUP, DEV, 'us-east-1', 'dev-db', 'NOT_EVALUATED'],
  [CUSTOM, PROD, 'eu-west-1', 'prod-public-site', 'NON_COMPLIANT', 'Missing cost-center tag.'],
  [CUSTOM, DEV, 'eu-west-1', 'dev-scratch', 'COMPLIANT'],
];

export const FIXTURE_COVERAGE: CoverageCell[] = [
  { accountId: PROD, region: 'eu-west-1', state: 'collected', reason: '' },
  { accountId: PROD, region: 'us-east-1', state: 'collected', reason: '' },
  { accountId: DEV, region: 'eu-west-1', state: 'collected', reason: '' },
  { accountId: DEV, region: 'us-east-1', state: 'collected', reason: '' },
  { accountId: SEC, region: 'eu-west-1', state: 'partial', reason: 'AccessDenied on config:GetComplianceDetailsByConfigRule' },
  { accountId: SEC, region: 'us-east-1', state: 'not-enabled', reason: 'AWS Config is not enabled in this region' },
];

const resourceTypeOf = (controlId: string): string =>
  controlId === TRAIL ? 'AWS::CloudTrail::Trail' : controlId === BACKUP ? 'AWS::RDS::DBInstance' : controlId === ROOT_KEY ? 'AWS::::Account' : 'AWS::S3::Bucket';

/** The configuration item stored as evidence for a resource; identical for every finding on that resource. */
export function configurationItem(accountId: string, region: string, resourceType: string, resourceId: string): Record<string, unknown> {
  return {
    configurationItemCaptureTime: '2026-11-20T10:00:00.000Z',
    resourceType,
    resourceId,
    arn: `arn:aws:s3:::${resourceId}`,
    awsAccountId: accountId,
    awsRegion: region,
    configuration: { name: resourceId, versioning: { status: 'Enabled' } },
    supplementaryConfiguration: {},
    tags: { owner: HOSTILE_TAG, note: '=HYPERLINK("http://evil.example")', rtl: '\u202Egnp.exe' },
  };
}

/** Writes every row of the fixture for one account × region pair through an open writer. */
export function writePair(writer: SnapshotWriter, accountId: string, region: string): void {
  for (const cell of FIXTURE_COVERAGE) if (cell.accountId === accountId && cell.region === region) writer.setCoverage(cell);
  for (const [controlId, account, findingRegion, resourceId, status, annotation] of FIXTURE_FINDINGS) {
    if (account !== accountId || findingRegion !== region) continue;
    const resourceType = resourceTypeOf(controlId);
    const evidenceId = writer.addEvidence({
      kind: 'configuration-item',
      resourceType,
      resourceId,
      accountId,
      region,
      capturedAt: '2026-11-20T10:00:00.000Z',
      body: configurationItem(accountId, region, resourceType, resourceId),
      provenance: {
        service: 'config',
        operation: 'BatchGetResourceConfig',
        params: { resourceKeys: [{ resourceType, resourceId }] },
        accountId,
        region,
        retrievedAt: '2026-11-20T12:00:00.000Z',
      },
    });
    writer.addFinding({
      controlId,
      accountId,
      region,
      resourceType,
      resourceId,
      resourceName: resourceId,
      ruleName: controlId.split(':').pop(),
      status,
      ...(annotation ? { annotation } : {}),
      evaluatedAt: '2026-11-20T09:00:00.000Z',
      recordedAt: '2026-11-20T09:00:01.000Z',
      invokedAt: '2026-11-20T08:59:00.000Z',
      evidenceId,
    });
  }
  if (accountId === SEC && region === 'eu-west-1') {
    writer.addError({
      accountId,
      region,
      service: 'config',
      operation: 'GetComplianceDetailsByConfigRule',
      code: 'AccessDenied',
      message: 'User is not authorized to perform config:GetComplianceDetailsByConfigRule',
      at: '2026-11-20T12:01:00.000Z',
    });
  }
  writer.addCallStats({ accountId, region, service: 'config', operation: 'GetComplianceDetailsByConfigRule', calls: 3, throttles: 1, retries: 1, errors: 0, totalMs: 42 });
}

export function writeHeader(writer: SnapshotWriter): void {
  writer.setMeta({
    title: 'Fixture organization',
    createdAt: '2026-11-20T12:00:00.000Z',
    collectedBy: { account: SEC, arn: `arn:aws:sts::${SEC}:assumed-role/Auditor/alice`, userId: 'AROAEXAMPLE:alice' },
    scope: { mode: 'organization', description: 'Organization o-fixture, 3 accounts, 2 regions' },
    catalogVersion: '2026.11.0',
  });
  for (const account of FIXTURE_ACCOUNTS) writer.upsertAccount(account);
  for (const control of FIXTURE_CONTROLS) writer.upsertControl(control);
}

/** Writes the whole fixture to `path` and finishes it. */
export function buildFixtureSnapshot(path: string, options: { partial?: boolean; writerThread?: boolean } = {}): void {
  const writer = createSnapshotWriter(path, { writerThread: options.writerThread ?? false });
  writeHeader(writer);
  for (const account of FIXTURE_ACCOUNTS) {
    for (const region of FIXTURE_REGIONS) {
      writePair(writer, account.id, region);
      writer.markPairDone(account.id, region);
    }
  }
  writer.finish({ partial: options.partial ?? false });
}

/** A fresh temp folder and a cleanup function for it. */
export function tempFolder(prefix = 'triad-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
