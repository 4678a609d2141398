// Fault injection reaches the services behind the trail, flow-log, snapshot and backup checks like every other:
// throttling, refusals and server errors in each protocol's own codes, as the SDK sees them.
import * as BackupSdk from '@aws-sdk/client-backup';
import * as CloudTrailSdk from '@aws-sdk/client-cloudtrail';
import * as Ec2Sdk from '@aws-sdk/client-ec2';
import * as RdsSdk from '@aws-sdk/client-rds';
import { describe, expect, it } from 'vitest';
import { AUDITOR_ACCESS_KEY_ID, AUDITOR_SECRET } from '../../emulator/scenarios/representative';
import { emulatorClientConfig, failureOf, representativeEmulatorPerFile } from './harness';

const emulator = representativeEmulatorPerFile();

const config = (region = 'us-east-1') => emulatorClientConfig(emulator().url, { accessKeyId: AUDITOR_ACCESS_KEY_ID, secretAccessKey: AUDITOR_SECRET }, region);

/** One read per service, and the codes its protocol uses for a throttle, a refusal and a 500. */
const SERVICES = [
  { service: 'cloudtrail', operation: 'DescribeTrails', send: (region?: string) => new CloudTrailSdk.CloudTrailClient(config(region)).send(new CloudTrailSdk.DescribeTrailsCommand({})), codes: ['ThrottlingException', 'AccessDeniedException', 'InternalFailure'] },
  { service: 'rds', operation: 'DescribeDBSnapshots', send: (region?: string) => new RdsSdk.RDSClient(config(region)).send(new RdsSdk.DescribeDBSnapshotsCommand({})), codes: ['Throttling', 'AccessDenied', 'InternalFailure'] },
  { service: 'backup', operation: 'ListBackupPlans', send: (region?: string) => new BackupSdk.BackupClient(config(region)).send(new BackupSdk.ListBackupPlansCommand({})), codes: ['ThrottlingException', 'AccessDeniedException', 'InternalFailure'] },
  {
    service: 'ec2',
    operation: 'DescribeSnapshotAttribute',
    send: (region?: string) => new Ec2Sdk.EC2Client(config(region)).send(new Ec2Sdk.DescribeSnapshotAttributeCommand({ Attribute: 'createVolumePermission', SnapshotId: 'snap-0111recent000001' })),
    codes: ['RequestLimitExceeded', 'UnauthorizedOperation', 'InternalError'],
  },
] as const;

describe.each(SERVICES)('faults on $service:$operation', ({ service, operation, send, codes: [throttled, denied, internal] }) => {
  it('answers normally without faults', async () => {
    await send();
    expect(emulator().calls.map((call) => [call.service, call.operation, call.status])).toEqual([[service, operation, 200]]);
  });

  it('throttles with the protocol\'s code once the bucket is empty', async () => {
    emulator().setFaults({ throttle: [{ match: { service, operation }, ratePerSecond: 0.001, burst: 1 }] });
    await send();
    expect((await failureOf(send())).name).toBe(throttled);
  });

  it('refuses with the protocol\'s AccessDenied', async () => {
    emulator().setFaults({ accessDenied: [{ service, operation }] });
    expect((await failureOf(send())).name).toBe(denied);
    expect(emulator().calls.at(-1)).toMatchObject({ service, operation, errorCode: denied });
  });

  it('answers 500 for a server error', async () => {
    emulator().setFaults({ serverErrors: [{ match: { service, operation }, code: 'InternalFailure', count: 1 }] });
    expect(await failureOf(send())).toMatchObject({ name: internal, status: 500 });
  });

  it('refuses a region the account has not opted in to', async () => {
    expect((await failureOf(send('ap-east-1'))).status).toBeGreaterThanOrEqual(400);
  });
});
