// Check inputs rebuilt from stored evidence: what is stored is 'collected' with its provenance, what is missing
// is 'not-collected' with the recorded error (so the checks say NOT_EVALUATED, never pass).

import { describe, expect, it } from 'vitest';
import type { CollectionError, CoverageCell, Provenance } from '../../../src/shared/domain';
import { buildCheckInputs, credentialReportRows, INPUT_EVIDENCE, parseCsv, type InputEvidenceKind } from '../../../src/main/checks-collect/inputs';
import { runChecks } from '../../../src/main/checks';
import type { NewEvidence } from '../../../src/main/snapshot/writer-contract';

const ACCOUNT = '123456789012';
const NOW = '2026-11-26T00:00:00.000Z';
const provenance = (service: string, operation: string, region = 'us-east-1'): Provenance => ({ service, operation, params: {}, accountId: ACCOUNT, region, retrievedAt: NOW });

const api = (kind: InputEvidenceKind, region: string, body: unknown, operation: string = INPUT_EVIDENCE[kind].operations[0]): NewEvidence => ({
  kind: 'api-response',
  resourceType: INPUT_EVIDENCE[kind].resourceType,
  resourceId: INPUT_EVIDENCE[kind].resourceId,
  accountId: ACCOUNT,
  region,
  body,
  provenance: provenance('test', operation, region),
});

const bucketItem = (name: string, publicRead: boolean) => ({
  accountId: ACCOUNT,
  awsRegion: 'us-east-1',
  resourceType: 'AWS::S3::Bucket',
  resourceId: name,
  resourceName: name,
  configurationItemCaptureTime: NOW,
  configuration: { name },
  supplementaryConfiguration: publicRead ? { AccessControlList: { grantList: [{ grantee: 'AllUsers', permission: 'Read' }] } } : {},
});
const itemEvidence = (item: ReturnType<typeof bucketItem>, operation = 'BatchGetResourceConfig'): NewEvidence => ({
  kind: 'configuration-item',
  resourceType: item.resourceType,
  resourceId: item.resourceId,
  accountId: ACCOUNT,
  region: item.awsRegion,
  capturedAt: NOW,
  body: item,
  provenance: provenance('config', operation),
});

const coverage: CoverageCell[] = [
  { accountId: ACCOUNT, region: 'global', state: 'collected', reason: '' },
  { accountId: ACCOUNT, region: 'us-east-1', state: 'collected', reason: '' },
  { accountId: ACCOUNT, region: 'eu-west-1', state: 'not-enabled', reason: 'AWS Config is not enabled: no configuration recorder in this region' },
];

const CSV = [
  'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated',
  `<root_account>,arn:aws:iam::${ACCOUNT}:root,2019-01-01T00:00:00+00:00,not_supported,2026-11-01T00:00:00+00:00,not_supported,not_supported,false,true,2020-01-01T00:00:00+00:00,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A`,
  `"alice, ops",arn:aws:iam::${ACCOUNT}:user/alice,2024-01-01T00:00:00+00:00,true,N/A,N/A,N/A,false,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A`,
].join('\n');

describe('the credential report', () => {
  it('is parsed as RFC 4180 CSV with quoted fields and named by its header', () => {
    expect(parseCsv('a,"b ""q"", c"\r\n1,2\n')).toEqual([['a', 'b "q", c'], ['1', '2']]);
    const rows = credentialReportRows(CSV);
    expect(rows.map((r) => r.user)).toEqual(['<root_account>', 'alice, ops']);
    expect(rows[0].mfa_active).toBe('false');
    expect(() => credentialReportRows('user,arn\nx,y')).toThrow(/no column password_enabled/);
  });
});

describe('buildCheckInputs', () => {
  const evidence: NewEvidence[] = [
    itemEvidence(bucketItem('public-bucket', true)),
    // A check's slice of the same bucket, stored later under the same resource: never taken for the item.
    { ...itemEvidence(bucketItem('public-bucket', false)), body: { bucket: bucketItem('public-bucket', false), accountPublicAccessBlock: 'none' } },
    api('credentialReport', 'global', { Content: CSV, ReportFormat: 'text/csv' }, 'GetCredentialReport'),
    api('accountSummary', 'global', { AccountMFAEnabled: 0, AccountAccessKeysPresent: 1 }),
    api('passwordPolicy', 'global', { PasswordPolicy: null, ErrorCode: 'NoSuchEntity', Message: 'The Password Policy cannot be found.' }),
    api('s3AccountPublicAccessBlock', 'global', { PublicAccessBlockConfiguration: null, ErrorCode: 'NoSuchPublicAccessBlockConfiguration' }),
    api('guardDutyDetectors', 'us-east-1', [{ DetectorId: 'd1', Status: 'ENABLED' }]),
  ];
  const errors: CollectionError[] = [
    { accountId: ACCOUNT, region: 'global', service: 'iam', operation: 'GetAccountAuthorizationDetails', code: 'AccessDenied', message: 'not authorized', at: NOW },
  ];
  const inputs = buildCheckInputs({ accountId: ACCOUNT, evidence, coverage, errors }, NOW);

  it('turns stored responses into collected inputs with their provenance', () => {
    expect(inputs.credentialReport.state).toBe('collected');
    expect(inputs.accountSummary).toMatchObject({ state: 'collected', data: { AccountMFAEnabled: 0 } });
    expect(inputs.passwordPolicy).toMatchObject({ state: 'collected', data: 'none', provenance: { operation: 'GetAccountPasswordPolicy' } });
    expect(inputs.s3AccountPublicAccessBlock).toMatchObject({ state: 'collected', data: 'none' });
    const east = inputs.regions.find((r) => r.region === 'us-east-1')!;
    expect(east.guardDutyDetectors).toMatchObject({ state: 'collected', data: [{ DetectorId: 'd1' }] });
  });

  it('keeps the collected configuration item, not a check slice stored for the same resource', () => {
    const east = inputs.regions.find((r) => r.region === 'us-east-1')!;
    expect(east.configurationItems.state).toBe('collected');
    const buckets = east.configurationItems.state === 'collected' ? east.configurationItems.data['AWS::S3::Bucket'] : [];
    expect(buckets).toHaveLength(1);
    expect(buckets?.[0].supplementaryConfiguration).toHaveProperty('AccessControlList');
  });

  it('says why an input is missing: the recorded error, the region coverage, or that nothing was stored', () => {
    expect(inputs.authorizationDetails).toEqual({ state: 'not-collected', reason: 'GetAccountAuthorizationDetails failed: AccessDenied: not authorized' });
    const west = inputs.regions.find((r) => r.region === 'eu-west-1')!;
    expect(west.configurationItems.state).toBe('not-collected');
    expect(west.configurationItems.state === 'not-collected' && west.configurationItems.reason).toMatch(/not-enabled.*no configuration recorder/);
    expect(west.guardDutyDetectors.state === 'not-collected' && west.guardDutyDetectors.reason).toMatch(/no ListDetectors\/GetDetector response is stored/);
    expect(inputs.regions.map((r) => r.region)).toEqual(['eu-west-1', 'us-east-1']);
  });

  it('gives failing findings where the evidence proves a problem, and NOT_EVALUATED (never a pass) where it is missing', () => {
    const findings = runChecks(inputs);
    const of = (checkId: string) => findings.filter((f) => f.checkId === checkId);
    expect(of('iam-root-mfa')).toMatchObject([{ status: 'NON_COMPLIANT', grade: 'red' }]);
    expect(of('iam-password-policy')[0].status).toBe('NON_COMPLIANT');
    expect(of('s3-bucket-public-access')).toMatchObject([
      { region: 'eu-west-1', resourceId: ACCOUNT, status: 'NOT_EVALUATED' },
      { region: 'us-east-1', resourceId: 'public-bucket', status: 'NON_COMPLIANT' },
    ]);
    expect(of('iam-policy-full-admin')).toMatchObject([{ status: 'NOT_EVALUATED', evidence: null }]);
    expect(of('iam-policy-full-admin')[0].annotation).toContain('AccessDenied: not authorized');
  });

  it('tells an account seen only through an aggregator that Triad could not call its APIs', () => {
    const aggregated = buildCheckInputs({ accountId: ACCOUNT, evidence: [], coverage, errors: [], directInputsUnavailable: 'collected through aggregator org: no credentials in the account' }, NOW);
    expect(aggregated.accountSummary).toEqual({ state: 'not-collected', reason: 'collected through aggregator org: no credentials in the account' });
  });
});

describe('buildCheckInputs for the directly read inventory', () => {
  const arn = `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/main`;
  const listing = (homeRegion: string) => [{ Name: 'main', TrailARN: arn, HomeRegion: homeRegion, IsMultiRegionTrail: true, LogFileValidationEnabled: true, S3BucketName: 'logs' }];

  it('keeps each trail once, merges its GetTrailStatus, and reads a snapshot back with what was or was not read', () => {
    const evidence = [
      api('cloudTrailTrails', 'eu-west-1', listing('us-east-1')),
      api('cloudTrailTrails', 'us-east-1', listing('us-east-1')),
      api('cloudTrailStatuses', 'us-east-1', [{ TrailARN: arn, IsLogging: false, LatestDeliveryTime: NOW }]),
      api('ebsSnapshots', 'us-east-1', [{ SnapshotId: 'snap-1', StartTime: NOW }, { SnapshotId: 'snap-2', StartTime: NOW }]),
      api('ebsSnapshotPermissions', 'us-east-1', [{ SnapshotId: 'snap-1', CreateVolumePermissions: [{ Group: 'all' }] }]),
    ];
    const errors: CollectionError[] = [
      { accountId: ACCOUNT, region: 'us-east-1', service: 'ec2', operation: 'DescribeSnapshotAttribute', code: 'UnauthorizedOperation', message: 'snap-2: denied', at: NOW },
    ];
    const inputs = buildCheckInputs({ accountId: ACCOUNT, evidence, coverage, errors }, NOW);
    expect(inputs.cloudTrailTrails).toMatchObject({ state: 'collected', data: [{ Name: 'main', Status: { IsLogging: false, LatestDeliveryTime: NOW } }], provenance: { operation: 'DescribeTrails', region: 'eu-west-1' } });
    expect(inputs.cloudTrailTrails.state === 'collected' && inputs.cloudTrailTrails.data).toHaveLength(1);
    const east = inputs.regions.find((r) => r.region === 'us-east-1')!;
    expect(east.ebsSnapshots.state === 'collected' && east.ebsSnapshots.data).toEqual([
      { SnapshotId: 'snap-1', StartTime: NOW, CreateVolumePermissions: [{ Group: 'all' }] },
      { SnapshotId: 'snap-2', StartTime: NOW, CreateVolumePermissionsNotRead: 'DescribeSnapshotAttribute failed: UnauthorizedOperation: snap-2: denied' },
    ]);
    expect(runChecks(inputs).filter((f) => f.checkId === 'cloudtrail-multi-region')).toMatchObject([{ status: 'NON_COMPLIANT', grade: 'red' }]);
  });

  it('re-evaluating a snapshot collected before Triad read these APIs says so, never passes', () => {
    const inputs = buildCheckInputs({ accountId: ACCOUNT, evidence: [itemEvidence(bucketItem('public-bucket', true))], coverage, errors: [] }, NOW);
    const east = inputs.regions.find((r) => r.region === 'us-east-1')!;
    expect(east.flowLogs).toEqual({ state: 'not-collected', reason: `no DescribeFlowLogs response is stored for account ${ACCOUNT} in us-east-1` });
    expect(east.rdsClusterSnapshotAttributes.state).toBe('not-collected');
    expect(inputs.cloudTrailTrails).toEqual({ state: 'not-collected', reason: `no DescribeTrails response is stored for account ${ACCOUNT} in eu-west-1, us-east-1` });
    const findings = runChecks(inputs).filter((f) => ['vpc-flow-logs', 'backup-plans', 'cloudtrail-multi-region', 'ebs-public-snapshots', 'rds-public-snapshots'].includes(f.checkId));
    expect(findings.length).toBeGreaterThan(0);
    expect(new Set(findings.map((f) => f.status))).toEqual(new Set(['NOT_EVALUATED']));
  });
});
