import type { CheckFixture } from './types';
import { FIXTURE_ACCOUNT, collected, inRegion, notCollected } from './support/fixture-kit';

const recorder = { name: 'default', roleARN: `arn:aws:iam::${FIXTURE_ACCOUNT}:role/config` };

export const fixtures: CheckFixture[] = [
  {
    name: 'recording',
    kind: 'pass',
    inputs: inRegion({ configRecorders: collected({ recorders: [recorder], statuses: [{ name: 'default', recording: true, lastStatus: 'SUCCESS' }] }) }),
    expected: [{ resourceId: FIXTURE_ACCOUNT, region: 'us-east-1', status: 'COMPLIANT', grade: 'green' }],
  },
  { name: 'no recorder', kind: 'fail', inputs: inRegion({ configRecorders: collected({ recorders: [], statuses: [] }) }), expected: [{ resourceId: FIXTURE_ACCOUNT, status: 'NON_COMPLIANT', grade: 'red' }] },
  {
    name: 'recording but failing',
    kind: 'fail',
    inputs: inRegion({ configRecorders: collected({ recorders: [recorder], statuses: [{ name: 'default', recording: true, lastStatus: 'Failure', lastErrorCode: 'AccessDenied' }] }) }),
    expected: [{ resourceId: FIXTURE_ACCOUNT, status: 'NON_COMPLIANT', grade: 'yellow', annotationIncludes: 'AccessDenied' }],
  },
  { name: 'status not read', kind: 'not-evaluated', inputs: inRegion({ configRecorders: notCollected('AccessDenied on config:DescribeConfigurationRecorderStatus') }), expected: [{ resourceId: FIXTURE_ACCOUNT, status: 'NOT_EVALUATED', grade: null }] },
];
