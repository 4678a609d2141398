// `evaluate F --out G` on a real snapshot file: G holds the current built-in checks' results computed from F's
// stored evidence, keeps everything else of F, re-applies the classification (with overrides), and F is left
// byte-for-byte unchanged.

import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Provenance } from '../../../src/shared/domain';
import { gradeOf } from '../../../src/shared/grades';
import { loadCatalog } from '../../../src/main/catalog';
import { evaluateSnapshot } from '../../../src/main/checks-collect/evaluate';
import { INPUT_EVIDENCE } from '../../../src/main/checks-collect/inputs';
import { createSnapshotWriter, openSnapshot, type SnapshotReader } from '../../../src/main/snapshot';

const ACCOUNT = '123456789012';
const AT = '2026-11-25T08:00:00.000Z';
const prov = (service: string, operation: string, region: string, params: Record<string, unknown> = {}): Provenance => ({
  service,
  operation,
  params,
  accountId: ACCOUNT,
  region,
  retrievedAt: AT,
});

const dir = mkdtempSync(join(tmpdir(), 'triad-evaluate-'));
const F = join(dir, 'collected.triad');
const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** A collection as the collector leaves it: one bucket item behind a Config finding, and the IAM/S3 responses. */
function writeCollected(): void {
  const writer = createSnapshotWriter(F);
  writer.setMeta({ title: 'Audit 2026', scope: { mode: 'self', description: 'caller account' }, catalogVersion: 'old' });
  writer.upsertAccount({ id: ACCOUNT, name: 'production', ouPath: 'Root/Prod' });
  writer.setCoverage({ accountId: ACCOUNT, region: 'us-east-1', state: 'collected', reason: '' });
  const bucket = {
    accountId: ACCOUNT,
    awsRegion: 'us-east-1',
    resourceType: 'AWS::S3::Bucket',
    resourceId: 'public-bucket',
    resourceName: 'public-bucket',
    configurationItemCaptureTime: AT,
    configuration: { name: 'public-bucket' },
    supplementaryConfiguration: { AccessControlList: { grantList: [{ grantee: 'AllUsers', permission: 'Read' }] } },
  };
  const itemId = writer.addEvidence({
    kind: 'configuration-item',
    resourceType: 'AWS::S3::Bucket',
    resourceId: 'public-bucket',
    accountId: ACCOUNT,
    region: 'us-east-1',
    capturedAt: AT,
    body: bucket,
    provenance: prov('config', 'BatchGetResourceConfig', 'us-east-1', { resourceKeys: [{ resourceType: 'AWS::S3::Bucket', resourceId: 'public-bucket' }] }),
  });
  writer.upsertControl({
    id: 'config-rule:S3_BUCKET_PUBLIC_READ_PROHIBITED',
    source: 'config-rule',
    title: 'S3 bucket public read prohibited',
    description: '',
    sourceIdentifier: 'S3_BUCKET_PUBLIC_READ_PROHIBITED',
    classification: null,
    classificationOrigin: 'unclassified',
  });
  writer.addFinding({
    controlId: 'config-rule:S3_BUCKET_PUBLIC_READ_PROHIBITED',
    accountId: ACCOUNT,
    region: 'us-east-1',
    resourceType: 'AWS::S3::Bucket',
    resourceId: 'public-bucket',
    status: 'NON_COMPLIANT',
    annotation: 'The bucket ACL grants READ to AllUsers.',
    evidenceId: itemId,
  });
  // A built-in check an older Triad ran: evaluate replaces the built-in results.
  writer.upsertControl({ id: 'built-in:retired-check', source: 'built-in', title: 'Retired', description: '', sourceIdentifier: 'retired-check', classification: null, classificationOrigin: 'unclassified' });
  writer.addFinding({ controlId: 'built-in:retired-check', accountId: ACCOUNT, region: 'global', resourceType: 'AWS::::Account', resourceId: ACCOUNT, status: 'COMPLIANT' });
  const api = (kind: keyof typeof INPUT_EVIDENCE, body: unknown, service: string, operation: string) =>
    writer.addEvidence({
      kind: 'api-response',
      resourceType: INPUT_EVIDENCE[kind].resourceType,
      resourceId: INPUT_EVIDENCE[kind].resourceId,
      accountId: ACCOUNT,
      region: 'global',
      body,
      provenance: prov(service, operation, 'us-east-1'),
    });
  api('accountSummary', { AccountMFAEnabled: 0, AccountAccessKeysPresent: 0 }, 'iam', 'GetAccountSummary');
  api('passwordPolicy', { PasswordPolicy: null, ErrorCode: 'NoSuchEntity', Message: 'The Password Policy cannot be found.' }, 'iam', 'GetAccountPasswordPolicy');
  api('s3AccountPublicAccessBlock', { PublicAccessBlockConfiguration: null, ErrorCode: 'NoSuchPublicAccessBlockConfiguration' }, 's3', 'GetPublicAccessBlock');
  writer.addError({ accountId: ACCOUNT, region: 'global', service: 'iam', operation: 'GenerateCredentialReport', code: 'AccessDenied', message: 'not authorized', at: AT });
  writer.markPairDone(ACCOUNT, 'us-east-1');
  writer.finish({ partial: false });
}

describe('evaluate F --out G', () => {
  let before: string;
  let g: SnapshotReader;
  let result: ReturnType<typeof evaluateSnapshot>;
  const G = join(dir, 'evaluated.triad');

  beforeAll(() => {
    writeCollected();
    before = sha(F);
    const overrides = join(dir, 'overrides.json');
    writeFileSync(overrides, JSON.stringify({ overrides: { S3_BUCKET_PUBLIC_READ_PROHIBITED: { severity: 'critical', rationale: 'Our data policy: no public buckets.' } } }));
    result = evaluateSnapshot(F, G, loadCatalog({ overridesPath: overrides }), { evaluatedAt: '2026-11-26T00:00:00.000Z' });
    g = openSnapshot(G);
  });

  it('leaves F byte-for-byte unchanged', () => {
    expect(sha(F)).toBe(before);
  });

  it('writes the current built-in checks, computed from the evidence F stores, with grade and evidence', () => {
    expect(g.control('built-in:retired-check')).toBeNull();
    const rootMfa = g.findings({ controlId: 'built-in:iam-root-mfa', offset: 0, limit: 10 })!.rows;
    expect(rootMfa).toMatchObject([{ status: 'NON_COMPLIANT', resourceId: ACCOUNT, region: 'global' }]);
    expect(gradeOf(rootMfa[0].annotation)).toBe('red');
    const detail = g.finding(rootMfa[0].id)!;
    expect(detail.evidence).toMatchObject({ kind: 'api-response', body: { AccountMFAEnabled: 0 }, provenance: { service: 'iam', operation: 'GetAccountSummary' } });
    expect(detail.control).toMatchObject({ source: 'built-in', classificationOrigin: 'catalog', classification: { pillar: 'confidentiality' } });

    const bucket = g.findings({ controlId: 'built-in:s3-bucket-public-access', offset: 0, limit: 10 })!.rows;
    expect(bucket).toMatchObject([{ status: 'NON_COMPLIANT', resourceId: 'public-bucket' }]);
    expect(g.finding(bucket[0].id)!.evidence).toMatchObject({ kind: 'configuration-item', provenance: { operation: 'BatchGetResourceConfig' } });
    expect(g.findings({ controlId: 'built-in:iam-password-policy', offset: 0, limit: 10 })!.rows[0].status).toBe('NON_COMPLIANT');
  });

  it('says NOT_EVALUATED with the recorded error where F has no response, never a pass', () => {
    const unused = g.findings({ controlId: 'built-in:iam-unused-credentials', offset: 0, limit: 10 })!.rows;
    expect(unused).toMatchObject([{ status: 'NOT_EVALUATED' }]);
    expect(unused[0].annotation).toContain('GenerateCredentialReport failed: AccessDenied: not authorized');
    expect(g.control('built-in:iam-unused-credentials')!.score.counts.COMPLIANT).toBe(0);
  });

  it('keeps the Config results with their evidence and re-applies the classification with the overrides', () => {
    const rows = g.findings({ controlId: 'config-rule:S3_BUCKET_PUBLIC_READ_PROHIBITED', offset: 0, limit: 10 })!.rows;
    expect(rows).toMatchObject([{ status: 'NON_COMPLIANT', annotation: 'The bucket ACL grants READ to AllUsers.' }]);
    expect(g.finding(rows[0].id)!.evidence?.body).toMatchObject({ resourceId: 'public-bucket', supplementaryConfiguration: { AccessControlList: {} } });
    const control = g.control('config-rule:S3_BUCKET_PUBLIC_READ_PROHIBITED')!.control;
    expect(control.classificationOrigin).toBe('override');
    expect(control.classification?.severity).toBe('critical');
    expect(g.info().meta).toMatchObject({ title: 'Audit 2026', overrides: { file: 'overrides.json', count: 1 } });
    expect(g.info().meta.catalogVersion).not.toBe('old');
    expect(result).toMatchObject({ accounts: 1, keptFindings: 1, reclassified: 1 });
  });

  it('refuses to overwrite its input', () => {
    expect(() => evaluateSnapshot(F, F, loadCatalog())).toThrow(/is the snapshot being evaluated/);
    expect(sha(F)).toBe(before);
  });
});
