import type { CheckFixture, Trail } from './types';
import { FIXTURE_ACCOUNT, checkInputs, ci, collected, items, notCollected, regionInputs } from './support/fixture-kit';

const trail = (name: string, bucket: string): Trail => ({ Name: name, TrailARN: `arn:aws:cloudtrail:us-east-1:${FIXTURE_ACCOUNT}:trail/${name}`, HomeRegion: 'us-east-1', S3BucketName: bucket, IsMultiRegionTrail: true, Status: { IsLogging: true } });
const bucket = (name: string, grantList: object[]) => ci('AWS::S3::Bucket', name, { name }, { resourceName: name, supplementaryConfiguration: { AccessControlList: { grantList } } });
const inputsWith = (trails: Trail[], buckets: ReturnType<typeof bucket>[]) =>
  checkInputs({ cloudTrailTrails: collected(trails), regions: [regionInputs('us-east-1', { configurationItems: items(buckets) })] });

export const fixtures: CheckFixture[] = [
  {
    name: 'private trail bucket',
    kind: 'pass',
    inputs: inputsWith([trail('main', 'logs-private')], [bucket('logs-private', [])]),
    expected: [{ resourceId: `arn:aws:cloudtrail:us-east-1:${FIXTURE_ACCOUNT}:trail/main`, status: 'COMPLIANT', grade: 'green' }],
  },
  {
    name: 'trail bucket readable by everyone',
    kind: 'fail',
    inputs: inputsWith([trail('main', 'logs-open')], [bucket('logs-open', [{ grantee: 'AllUsers', permission: 'Read' }])]),
    expected: [{ resourceId: `arn:aws:cloudtrail:us-east-1:${FIXTURE_ACCOUNT}:trail/main`, status: 'NON_COMPLIANT', grade: 'yellow' }],
  },
  {
    name: 'bucket in a central logging account',
    kind: 'not-evaluated',
    inputs: inputsWith([trail('org', 'central-logs')], []),
    expected: [{ resourceId: `arn:aws:cloudtrail:us-east-1:${FIXTURE_ACCOUNT}:trail/org`, status: 'NOT_EVALUATED', grade: null, annotationIncludes: 'central logging account' }],
  },
  {
    name: 'trails not described',
    kind: 'not-evaluated',
    inputs: checkInputs({ cloudTrailTrails: notCollected('AccessDenied') }),
    expected: [{ resourceId: FIXTURE_ACCOUNT, status: 'NOT_EVALUATED', grade: null }],
  },
];
