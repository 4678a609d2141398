import type { CheckFixture, Trail } from './types';
import { FIXTURE_ACCOUNT, checkInputs, collected, notCollected } from './support/fixture-kit';

const trail = (name: string, extra: Partial<Trail>): Trail => ({
  Name: name,
  TrailARN: `arn:aws:cloudtrail:us-east-1:${FIXTURE_ACCOUNT}:trail/${name}`,
  HomeRegion: 'us-east-1',
  S3BucketName: 'trail-logs',
  IsMultiRegionTrail: true,
  LogFileValidationEnabled: true,
  Status: { IsLogging: true },
  ...extra,
});

export const fixtures: CheckFixture[] = [
  { name: 'complete trail', kind: 'pass', inputs: checkInputs({ cloudTrailTrails: collected([trail('main', {})]) }), expected: [{ resourceId: FIXTURE_ACCOUNT, status: 'COMPLIANT', grade: 'green' }] },
  { name: 'no trail', kind: 'fail', inputs: checkInputs({ cloudTrailTrails: collected([]) }), expected: [{ resourceId: FIXTURE_ACCOUNT, status: 'NON_COMPLIANT', grade: 'red', annotationIncludes: 'no CloudTrail trail' }] },
  {
    name: 'single-region trail without validation',
    kind: 'fail',
    inputs: checkInputs({ cloudTrailTrails: collected([trail('local', { IsMultiRegionTrail: false, LogFileValidationEnabled: false })]) }),
    expected: [{ resourceId: FIXTURE_ACCOUNT, status: 'NON_COMPLIANT', grade: 'yellow', annotationIncludes: 'single-region' }],
  },
  { name: 'trails not described', kind: 'not-evaluated', inputs: checkInputs({ cloudTrailTrails: notCollected('AccessDenied on cloudtrail:DescribeTrails') }), expected: [{ resourceId: FIXTURE_ACCOUNT, status: 'NOT_EVALUATED', grade: null }] },
];
