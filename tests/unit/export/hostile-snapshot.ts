// A snapshot for export tests, written through the real writer: two accounts, controls of every source, and
// resource names, annotations and tag values that try spreadsheet formulas, markup, quoting and bidi tricks.
// `extraFindings` adds that many plain findings, for the large-export tests.

import { join } from 'node:path';
import type { Control } from '../../../src/shared/domain';
import { createSnapshotWriter } from '../../../src/main/snapshot';

export const HOSTILE_VALUES = [
  '=HYPERLINK("http://evil.example","click")',
  "+cmd|' /C calc'!A0",
  '-2+3',
  '@SUM(1+1)',
  '\tTabbed',
  '\rCarriage',
  'comma, "quoted" and\nnew line',
  '<script>alert(1)</script>',
  'فريق \u202Etxt.exe',
] as const;

export const ACCOUNTS = [
  { id: '111111111111', name: '=evil-account', ouPath: 'Root/Prod' },
  { id: '222222222222', name: 'dev', ouPath: 'Root/Dev' },
];

export const CONTROLS: Control[] = [
  {
    id: 'config-rule:S3_BUCKET_PUBLIC_READ_PROHIBITED',
    source: 'config-rule',
    title: 's3-bucket-public-read-prohibited',
    description: 'Checks that S3 buckets do not allow public read access.',
    sourceIdentifier: 'S3_BUCKET_PUBLIC_READ_PROHIBITED',
    classification: {
      pillar: 'confidentiality',
      secondaryPillars: ['integrity'],
      principles: ['keep-people-away-from-data', 'protect-data-in-transit-and-at-rest'],
      layer: 'customer-data',
      severity: 'critical',
      rationale: 'Public read exposes data.',
    },
    classificationOrigin: 'catalog',
    remediation: 'Enable S3 Block Public Access.',
    references: ['https://docs.aws.amazon.com/config/latest/developerguide/s3-bucket-public-read-prohibited.html'],
  },
  {
    id: 'built-in:ebs-volume-encryption',
    source: 'built-in',
    title: 'EBS volumes are encrypted',
    description: 'Checks EBS volume encryption.',
    sourceIdentifier: 'ebs-volume-encryption',
    classification: {
      pillar: 'confidentiality',
      secondaryPillars: [],
      principles: ['protect-data-in-transit-and-at-rest'],
      layer: 'server-side-encryption',
      severity: 'medium',
      rationale: 'Unencrypted volumes expose data at rest.',
    },
    classificationOrigin: 'catalog',
  },
  {
    id: 'config-rule:custom:tag-policy',
    source: 'config-rule',
    title: 'tag-policy',
    description: 'A custom rule.',
    sourceIdentifier: 'custom:tag-policy',
    classification: null,
    classificationOrigin: 'unclassified',
  },
];

export function writeHostileSnapshot(dir: string, extraFindings = 0): string {
  const path = join(dir, `hostile-${extraFindings}.triad`);
  const writer = createSnapshotWriter(path);
  writer.setMeta({ title: 'Export test', createdAt: '2026-11-20T12:00:00.000Z', catalogVersion: 'test', isDemo: false });
  for (const a of ACCOUNTS) writer.upsertAccount(a);
  for (const c of CONTROLS) writer.upsertControl(c);
  for (const a of ACCOUNTS) writer.setCoverage({ accountId: a.id, region: 'eu-west-1', state: 'collected', reason: '' });
  const [account] = ACCOUNTS;
  HOSTILE_VALUES.forEach((value, i) => {
    const evidenceId = writer.addEvidence({
      kind: 'configuration-item',
      resourceType: 'AWS::S3::Bucket',
      resourceId: `bucket-${i}`,
      accountId: account.id,
      region: 'eu-west-1',
      capturedAt: '2026-11-20T10:00:00.000Z',
      body: { arn: `arn:aws:s3:::bucket-${i}`, resourceName: value, tags: { Owner: value }, configuration: { name: value } },
      provenance: { service: 'config', operation: 'BatchGetResourceConfig', params: { i }, accountId: account.id, region: 'eu-west-1', retrievedAt: '2026-11-20T11:00:00.000Z' },
    });
    writer.addFinding({
      controlId: CONTROLS[i % CONTROLS.length].id,
      accountId: account.id,
      region: 'eu-west-1',
      resourceType: 'AWS::S3::Bucket',
      resourceId: `bucket-${i}`,
      resourceName: value,
      ruleName: 'rule',
      status: i % 2 ? 'COMPLIANT' : 'NON_COMPLIANT',
      annotation: value,
      evaluatedAt: '2026-11-20T09:00:00.000Z',
      recordedAt: '2026-11-20T09:00:01.000Z',
      invokedAt: '2026-11-20T08:59:00.000Z',
      evidenceId,
    });
  });
  for (let i = 0; i < extraFindings; i++) {
    writer.addFinding({
      controlId: CONTROLS[i % CONTROLS.length].id,
      accountId: ACCOUNTS[i % 2].id,
      region: 'eu-west-1',
      resourceType: 'AWS::EC2::Volume',
      resourceId: `vol-${i.toString(16).padStart(8, '0')}`,
      status: i % 3 === 0 ? 'NON_COMPLIANT' : 'COMPLIANT',
      evaluatedAt: '2026-11-20T09:00:00.000Z',
    });
  }
  writer.finish({ partial: false });
  return path;
}
