import type { CheckFixture } from './types';
import { FIXTURE_ACCOUNT, checkInputs, collected, notCollected } from './support/fixture-kit';

export const fixtures: CheckFixture[] = [
  {
    name: 'no root keys',
    kind: 'pass',
    inputs: checkInputs({ accountSummary: collected({ AccountAccessKeysPresent: 0 }) }),
    expected: [{ resourceId: FIXTURE_ACCOUNT, status: 'COMPLIANT', grade: 'green' }],
  },
  {
    name: 'root keys present',
    kind: 'fail',
    inputs: checkInputs({ accountSummary: collected({ AccountAccessKeysPresent: 1 }) }),
    expected: [{ resourceId: FIXTURE_ACCOUNT, status: 'NON_COMPLIANT', grade: 'red' }],
  },
  {
    name: 'account summary not collected',
    kind: 'not-evaluated',
    inputs: checkInputs({ accountSummary: notCollected('throttled') }),
    expected: [{ resourceId: FIXTURE_ACCOUNT, status: 'NOT_EVALUATED', grade: null }],
  },
];
