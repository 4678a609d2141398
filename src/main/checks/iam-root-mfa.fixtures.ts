import type { CheckFixture } from './types';
import { FIXTURE_ACCOUNT, checkInputs, collected, notCollected } from './support/fixture-kit';

export const fixtures: CheckFixture[] = [
  {
    name: 'root has MFA',
    kind: 'pass',
    inputs: checkInputs({ accountSummary: collected({ AccountMFAEnabled: 1 }) }),
    expected: [{ resourceId: FIXTURE_ACCOUNT, region: 'global', status: 'COMPLIANT', grade: 'green' }],
  },
  {
    name: 'root without MFA',
    kind: 'fail',
    inputs: checkInputs({ accountSummary: collected({ AccountMFAEnabled: 0 }) }),
    expected: [{ resourceId: FIXTURE_ACCOUNT, status: 'NON_COMPLIANT', grade: 'red', annotationIncludes: 'no MFA' }],
  },
  {
    name: 'account summary denied',
    kind: 'not-evaluated',
    inputs: checkInputs({ accountSummary: notCollected('AccessDenied on iam:GetAccountSummary') }),
    expected: [{ resourceId: FIXTURE_ACCOUNT, status: 'NOT_EVALUATED', grade: null, annotationIncludes: 'AccessDenied' }],
  },
];
