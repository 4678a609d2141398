// A constructed pair of snapshots (base, then current) in which every diff category occurs, written through the
// real snapshot writer. Each resource id names the category it is built to fall in.

import { join } from 'node:path';
import type { ComplianceStatus, Control, CoverageCell } from '../../../src/shared/domain';
import { createSnapshotWriter, type NewEvidence } from '../../../src/main/snapshot';
import { CUSTOM, DEV, FIXTURE_ACCOUNTS, FIXTURE_CONTROLS, PROD, S3_PUBLIC, SEC, TRAIL } from '../snapshot/fixture';

/** [control, account, region, resource id, status, evidence version] */
type Row = [string, string, string, string, ComplianceStatus, number];

export function bucketItem(resourceId: string, version: number): Record<string, unknown> {
  return {
    resourceType: 'AWS::S3::Bucket',
    resourceId,
    configuration: { name: resourceId, versioning: { status: version === 1 ? 'Enabled' : 'Suspended' }, rules: version === 1 ? [1, 2] : [1] },
    tags: version === 1 ? { owner: 'alice' } : { owner: 'alice', exposure: 'public' },
  };
}

/** A bucket's configuration item at `version`, as the writer takes evidence, retrieved at `retrievedAt`. */
export function bucketEvidence(accountId: string, region: string, resourceId: string, version: number, retrievedAt: string): NewEvidence {
  return {
    kind: 'configuration-item',
    resourceType: 'AWS::S3::Bucket',
    resourceId,
    accountId,
    region,
    capturedAt: '2026-11-20T10:00:00.000Z',
    body: bucketItem(resourceId, version),
    provenance: { service: 'config', operation: 'BatchGetResourceConfig', params: {}, accountId, region, retrievedAt },
  };
}

function write(path: string, title: string, createdAt: string, controls: Control[], coverage: CoverageCell[], rows: Row[]): void {
  const writer = createSnapshotWriter(path);
  writer.setMeta({ title, createdAt, scope: { mode: 'organization', description: 'o-pair' }, catalogVersion: 'test' });
  // The base knows only the accounts it collected; SEC joins in the current snapshot.
  for (const account of FIXTURE_ACCOUNTS) if (account.id !== SEC || coverage.some((c) => c.accountId === SEC)) writer.upsertAccount(account);
  for (const control of controls) writer.upsertControl(control);
  for (const cell of coverage) writer.setCoverage(cell);
  for (const [controlId, accountId, region, resourceId, status, version] of rows) {
    const evidenceId = writer.addEvidence(bucketEvidence(accountId, region, resourceId, version, createdAt));
    writer.addFinding({ controlId, accountId, region, resourceType: 'AWS::S3::Bucket', resourceId, status, evidenceId });
  }
  writer.finish({ partial: false });
}

const collected = (accountId: string, region: string): CoverageCell => ({ accountId, region, state: 'collected', reason: '' });
const controlsWithout = (...ids: string[]) => FIXTURE_CONTROLS.filter((c) => !ids.includes(c.id));

export function writePair(dir: string): { base: string; current: string } {
  const base = join(dir, 'base.triad');
  const current = join(dir, 'current.triad');
  const E = 'eu-west-1';
  write(base, 'Before', '2026-11-01T00:00:00.000Z', controlsWithout(CUSTOM), [collected(PROD, E), collected(PROD, 'us-east-1'), collected(DEV, E), collected(DEV, 'us-east-1')], [
    [S3_PUBLIC, PROD, E, 'still-failing', 'NON_COMPLIANT', 1],
    [S3_PUBLIC, PROD, E, 'still-failing-new-evidence', 'NON_COMPLIANT', 1],
    [S3_PUBLIC, PROD, E, 'regressed', 'COMPLIANT', 1],
    [S3_PUBLIC, PROD, E, 'resolved', 'NON_COMPLIANT', 1],
    [S3_PUBLIC, PROD, E, 'evidence-changed', 'COMPLIANT', 1],
    [S3_PUBLIC, PROD, E, 'status-changed', 'NON_COMPLIANT', 1],
    [S3_PUBLIC, PROD, E, 'unchanged', 'COMPLIANT', 1],
    [S3_PUBLIC, PROD, E, 'removed', 'NON_COMPLIANT', 1],
    [S3_PUBLIC, DEV, 'us-east-1', 'no-longer-collected', 'NON_COMPLIANT', 1],
    [TRAIL, PROD, 'us-east-1', 'control-dropped', 'NON_COMPLIANT', 1],
  ]);
  write(
    current,
    'After',
    '2026-11-20T00:00:00.000Z',
    controlsWithout(TRAIL),
    [
      collected(PROD, E),
      collected(PROD, 'us-east-1'),
      collected(DEV, E),
      { accountId: DEV, region: 'us-east-1', state: 'failed', reason: 'AccessDenied on sts:AssumeRole' },
      collected(SEC, E),
      collected(PROD, 'ap-southeast-2'),
    ],
    [
      [S3_PUBLIC, PROD, E, 'still-failing', 'NON_COMPLIANT', 1],
      [S3_PUBLIC, PROD, E, 'still-failing-new-evidence', 'NON_COMPLIANT', 2],
      [S3_PUBLIC, PROD, E, 'regressed', 'NON_COMPLIANT', 1],
      [S3_PUBLIC, PROD, E, 'resolved', 'COMPLIANT', 1],
      [S3_PUBLIC, PROD, E, 'evidence-changed', 'COMPLIANT', 2],
      [S3_PUBLIC, PROD, E, 'status-changed', 'ERROR', 1],
      [S3_PUBLIC, PROD, E, 'unchanged', 'COMPLIANT', 1],
      [S3_PUBLIC, PROD, E, 'new-failing', 'NON_COMPLIANT', 1],
      [S3_PUBLIC, PROD, E, 'added', 'COMPLIANT', 1],
      [S3_PUBLIC, SEC, E, 'newly-collected', 'NON_COMPLIANT', 1],
      [CUSTOM, PROD, E, 'newly-collected-control', 'NON_COMPLIANT', 1],
    ],
  );
  return { base, current };
}
