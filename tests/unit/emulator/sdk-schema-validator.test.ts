// The SDK-schema validator must catch each kind of drift, or the conformance test would prove nothing for the
// services the project has no botocore model of.
import * as BackupSdk from '@aws-sdk/client-backup';
import * as CloudTrailSdk from '@aws-sdk/client-cloudtrail';
import * as Ec2Sdk from '@aws-sdk/client-ec2';
import * as GuardDutySdk from '@aws-sdk/client-guardduty';
import * as RdsSdk from '@aws-sdk/client-rds';
import * as S3ControlSdk from '@aws-sdk/client-s3-control';
import { describe, expect, it } from 'vitest';
import { SdkSchemaValidator } from './sdk-schema-validator';

const guardDuty = new SdkSchemaValidator(GuardDutySdk, '@aws-sdk/client-guardduty', 'rest-json');
const cloudTrail = new SdkSchemaValidator(CloudTrailSdk, '@aws-sdk/client-cloudtrail', 'json');
const ec2 = new SdkSchemaValidator(Ec2Sdk, '@aws-sdk/client-ec2', 'ec2-query');
const rds = new SdkSchemaValidator(RdsSdk, '@aws-sdk/client-rds', 'aws-query');
const backup = new SdkSchemaValidator(BackupSdk, '@aws-sdk/client-backup', 'rest-json');
const s3Control = new SdkSchemaValidator(S3ControlSdk, '@aws-sdk/client-s3-control', 'rest-xml');

const EC2_NS = 'xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"';

describe('SDK schema validator', () => {
  it('reads enums from the generated declarations and errors from the exported error schemas', () => {
    expect(guardDuty.enumFor('GetDetectorResponse', 'Status')?.sort()).toEqual(['DISABLED', 'ENABLED']);
    expect(ec2.enumFor('FlowLog', 'TrafficType')?.sort()).toEqual(['ACCEPT', 'ALL', 'REJECT']);
    expect(ec2.enumFor('Snapshot', 'State')).toContain('completed');
    expect(rds.errors.get('DBSnapshotNotFound')?.name).toBe('DBSnapshotNotFoundFault');
    expect(cloudTrail.errors.has('TrailNotFoundException')).toBe(true);
  });

  it('accepts responses that match, in each protocol', () => {
    expect(guardDuty.validateOutput('GetDetector', JSON.stringify({ serviceRole: 'arn:aws:iam::1:role/x', status: 'ENABLED', createdAt: '2024-01-01T00:00:00.000Z', tags: {} }))).toEqual([]);
    expect(cloudTrail.validateOutput('GetTrailStatus', JSON.stringify({ IsLogging: true, LatestDeliveryTime: 1764000000 }))).toEqual([]);
    expect(backup.validateOutput('ListBackupPlans', JSON.stringify({ BackupPlansList: [{ BackupPlanId: 'p', CreationDate: 1764000000 }], NextToken: 't' }))).toEqual([]);
    expect(ec2.validateOutput('DescribeSnapshotAttribute', `<DescribeSnapshotAttributeResponse ${EC2_NS}><requestId>r</requestId><snapshotId>snap-1</snapshotId><createVolumePermission><item><group>all</group></item></createVolumePermission></DescribeSnapshotAttributeResponse>`)).toEqual([]);
    const rdsOk = '<DescribeDBSnapshotAttributesResponse><DescribeDBSnapshotAttributesResult><DBSnapshotAttributesResult><DBSnapshotIdentifier>a</DBSnapshotIdentifier><DBSnapshotAttributes><DBSnapshotAttribute><AttributeName>restore</AttributeName><AttributeValues><AttributeValue>all</AttributeValue></AttributeValues></DBSnapshotAttribute></DBSnapshotAttributes></DBSnapshotAttributesResult></DescribeDBSnapshotAttributesResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></DescribeDBSnapshotAttributesResponse>';
    expect(rds.validateOutput('DescribeDBSnapshotAttributes', rdsOk)).toEqual([]);
    expect(s3Control.validateOutput('GetPublicAccessBlock', '<PublicAccessBlockConfiguration><BlockPublicAcls>true</BlockPublicAcls></PublicAccessBlockConfiguration>')).toEqual([]);
  });

  it('flags unknown members, wrong types, wrong timestamp formats, enums outside the SDK and missing required members', () => {
    const problems = guardDuty.validateOutput('GetDetector', JSON.stringify({ status: 'RUNNING', createdAt: 5, colour: 'red', tags: [] }));
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringContaining('"RUNNING" is not in the SDK\'s enum'),
        expect.stringContaining('createdAt: expected a string'),
        expect.stringContaining('colour: member is not in GetDetectorResponse'),
        expect.stringContaining('tags: expected a map'),
        expect.stringContaining('serviceRole: required member of GetDetectorResponse is missing'),
      ]),
    );
    expect(cloudTrail.validateOutput('GetTrailStatus', JSON.stringify({ IsLogging: 'yes', LatestDeliveryTime: '2026-01-01T00:00:00Z' }))).toEqual([
      'GetTrailStatus.IsLogging: expected a boolean, got "yes"',
      'GetTrailStatus.LatestDeliveryTime: expected epoch seconds, got "2026-01-01T00:00:00Z"',
    ]);
  });

  it('flags XML drift: wrong list item names, wrong element names, bad scalars, a missing request id', () => {
    const drift = `<DescribeFlowLogsResponse ${EC2_NS}><flowLogSet><member><flowLogId>fl-1</flowLogId><trafficType>SOME</trafficType><maxAggregationInterval>ten</maxAggregationInterval><FlowLogStatus>ACTIVE</FlowLogStatus></member></flowLogSet></DescribeFlowLogsResponse>`;
    expect(ec2.validateOutput('DescribeFlowLogs', drift)).toEqual(
      expect.arrayContaining([
        'DescribeFlowLogs: requestId is missing',
        'DescribeFlowLogs.flowLogSet[0]: list item must be <item>, found <member>',
        expect.stringContaining('trafficType: "SOME" is not in the SDK\'s enum'),
        'DescribeFlowLogs.flowLogSet[0].maxAggregationInterval: expected a number, got "ten"',
        'DescribeFlowLogs.flowLogSet[0].FlowLogStatus: element is not a member of FlowLog',
      ]),
    );
    expect(rds.validateOutput('DescribeDBSnapshots', '<DescribeDBSnapshotsResponse><DescribeDBSnapshotsResult><DBSnapshots><DBSnapshot><Encrypted>yes</Encrypted></DBSnapshot></DBSnapshots></DescribeDBSnapshotsResult></DescribeDBSnapshotsResponse>')).toEqual([
      'DescribeDBSnapshots: ResponseMetadata/RequestId is missing',
      'DescribeDBSnapshots.DBSnapshots[0].Encrypted: expected true/false, got "yes"',
    ]);
  });

  it('flags pagination tokens the SDK paginator does not use', () => {
    expect(cloudTrail.validateOutput('GetTrailStatus', JSON.stringify({ IsLogging: true, NextToken: 'x' }))).toEqual(expect.arrayContaining([expect.stringContaining('NextToken')]));
    expect(backup.validateOutput('ListBackupPlans', JSON.stringify({ BackupPlansList: [], Marker: 'x' }))).toEqual(expect.arrayContaining([expect.stringContaining('Marker: member is not in ListBackupPlansOutput')]));
  });

  it('checks error envelopes, codes and the modelled HTTP status', () => {
    expect(cloudTrail.validateError(404, JSON.stringify({ __type: 'TrailNotFoundException', Message: 'm' }), {})).toEqual([]);
    expect(cloudTrail.validateError(400, JSON.stringify({ __type: 'TrailNotFoundException', Message: 'm' }), {})).toEqual(['TrailNotFoundException is HTTP 404 in the model, got 400']);
    expect(cloudTrail.validateError(400, JSON.stringify({ __type: 'NoSuchThing', Message: 'm', Extra: 1 }), {})).toEqual([
      'error member Extra is not in NoSuchThing',
      'error code NoSuchThing is neither an error shape of the service nor a common AWS error',
    ]);
    expect(rds.validateError(404, '<ErrorResponse><Error><Type>Sender</Type><Code>DBSnapshotNotFound</Code><Message>m</Message></Error><RequestId>r</RequestId></ErrorResponse>', {})).toEqual([]);
    expect(rds.validateError(404, '<ErrorResponse><Error><Type>Receiver</Type><Code>DBSnapshotNotFound</Code></Error></ErrorResponse>', {})).toEqual([
      'Error/Message is missing',
      'Error/Type is "Receiver" for HTTP 404',
      'RequestId is missing',
    ]);
    expect(ec2.validateError(400, '<Response><Errors><Error><Code>InvalidSnapshot.NotFound</Code><Message>m</Message></Error></Errors><RequestID>r</RequestID></Response>', {})).toEqual([]);
    expect(ec2.validateError(400, '<ErrorResponse><Error><Code>X</Code></Error></ErrorResponse>', {})).toEqual(['the ec2-query error envelope is missing (root <ErrorResponse>)']);
  });
});
