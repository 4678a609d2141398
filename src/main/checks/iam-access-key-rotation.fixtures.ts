import type { CheckFixture } from './types';
import { FIXTURE_ACCOUNT, checkInputs, collected, credentialRow, daysAgo, notCollected } from './support/fixture-kit';

const arn = (user: string) => `arn:aws:iam::${FIXTURE_ACCOUNT}:user/${user}`;

export const fixtures: CheckFixture[] = [
  {
    name: 'key rotated 10 days ago',
    kind: 'pass',
    inputs: checkInputs({
      credentialReport: collected([
        credentialRow('fresh', { access_key_1_active: 'true', access_key_1_last_rotated: daysAgo(10) }),
        credentialRow('keyless'),
      ]),
    }),
    expected: [
      { resourceId: arn('fresh'), status: 'COMPLIANT', grade: 'green' },
      { resourceId: arn('keyless'), status: 'NOT_APPLICABLE', grade: null },
    ],
  },
  {
    name: 'keys 200 days and 3 years old',
    kind: 'fail',
    inputs: checkInputs({
      credentialReport: collected([
        credentialRow('stale', { access_key_1_active: 'true', access_key_1_last_rotated: daysAgo(200) }),
        credentialRow('ancient', {
          access_key_1_active: 'true',
          access_key_1_last_rotated: daysAgo(20),
          access_key_2_active: 'true',
          access_key_2_last_rotated: daysAgo(1100),
        }),
      ]),
    }),
    expected: [
      { resourceId: arn('stale'), status: 'NON_COMPLIANT', grade: 'yellow', annotationIncludes: '200 days' },
      { resourceId: arn('ancient'), status: 'NON_COMPLIANT', grade: 'red', annotationIncludes: 'access key 2' },
    ],
  },
  {
    name: 'credential report not collected',
    kind: 'not-evaluated',
    inputs: checkInputs({ credentialReport: notCollected('AccessDenied') }),
    expected: [{ resourceId: FIXTURE_ACCOUNT, status: 'NOT_EVALUATED', grade: null }],
  },
];
