import type { CheckFixture } from './types';
import { FIXTURE_ACCOUNT, checkInputs, collected, inRegion, notCollected, regionInputs } from './support/fixture-kit';

export const fixtures: CheckFixture[] = [
  { name: 'enabled', kind: 'pass', inputs: inRegion({ guardDutyDetectors: collected([{ DetectorId: 'd1', Status: 'ENABLED' }]) }), expected: [{ resourceId: FIXTURE_ACCOUNT, status: 'COMPLIANT', grade: 'green' }] },
  {
    name: 'missing in one region, suspended in another',
    kind: 'fail',
    inputs: checkInputs({
      regions: [
        regionInputs('us-east-1', { guardDutyDetectors: collected([]) }),
        regionInputs('eu-west-1', { guardDutyDetectors: collected([{ DetectorId: 'd2', Status: 'DISABLED' }], 'guardduty', 'GetDetector', 'eu-west-1') }),
      ],
    }),
    expected: [
      { resourceId: FIXTURE_ACCOUNT, region: 'us-east-1', status: 'NON_COMPLIANT', grade: 'red' },
      { resourceId: FIXTURE_ACCOUNT, region: 'eu-west-1', status: 'NON_COMPLIANT', grade: 'yellow' },
    ],
  },
  { name: 'detectors not listed', kind: 'not-evaluated', inputs: inRegion({ guardDutyDetectors: notCollected('AccessDenied on guardduty:ListDetectors') }), expected: [{ resourceId: FIXTURE_ACCOUNT, status: 'NOT_EVALUATED', grade: null }] },
];
