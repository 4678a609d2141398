import type { CheckFixture } from './types';
import { FIXTURE_ACCOUNT, checkInputs, collected, credentialRow, daysAgo, notCollected } from './support/fixture-kit';

const arn = (user: string) => `arn:aws:iam::${FIXTURE_ACCOUNT}:user/${user}`;

export const fixtures: CheckFixture[] = [
  {
    name: 'password and key used this week',
    kind: 'pass',
    inputs: checkInputs({
      credentialReport: collected([
        credentialRow('active', {
          password_enabled: 'true',
          password_last_used: daysAgo(2),
          access_key_1_active: 'true',
          access_key_1_last_rotated: daysAgo(300),
          access_key_1_last_used_date: daysAgo(1),
        }),
      ]),
    }),
    expected: [{ resourceId: arn('active'), status: 'COMPLIANT', grade: 'green' }],
  },
  {
    name: 'password unused 60 days, key never used for 120 days',
    kind: 'fail',
    inputs: checkInputs({
      credentialReport: collected([
        credentialRow('idle', { password_enabled: 'true', password_last_used: daysAgo(60) }),
        credentialRow('forgotten-key', { access_key_1_active: 'true', access_key_1_last_rotated: daysAgo(120) }),
      ]),
    }),
    expected: [
      { resourceId: arn('idle'), status: 'NON_COMPLIANT', grade: 'yellow', annotationIncludes: 'console password unused for 60 days' },
      { resourceId: arn('forgotten-key'), status: 'NON_COMPLIANT', grade: 'red', annotationIncludes: 'access key 1' },
    ],
  },
  {
    name: 'credential report not collected',
    kind: 'not-evaluated',
    inputs: checkInputs({ credentialReport: notCollected('ReportExpired') }),
    expected: [{ resourceId: FIXTURE_ACCOUNT, status: 'NOT_EVALUATED', grade: null }],
  },
];
