import type { CheckFixture } from './types';
import { FIXTURE_ACCOUNT, checkInputs, collected, credentialRow, notCollected } from './support/fixture-kit';

const arn = (user: string) => `arn:aws:iam::${FIXTURE_ACCOUNT}:user/${user}`;

export const fixtures: CheckFixture[] = [
  {
    name: 'console user with MFA, programmatic user without password',
    kind: 'pass',
    inputs: checkInputs({
      credentialReport: collected([
        credentialRow('<root_account>'),
        credentialRow('alice', { password_enabled: 'true', mfa_active: 'true' }),
        credentialRow('ci-bot', { access_key_1_active: 'true' }),
      ]),
    }),
    expected: [
      { resourceId: arn('alice'), status: 'COMPLIANT', grade: 'green' },
      { resourceId: arn('ci-bot'), status: 'NOT_APPLICABLE', grade: null },
    ],
  },
  {
    name: 'console user without MFA',
    kind: 'fail',
    inputs: checkInputs({ credentialReport: collected([credentialRow('bob', { password_enabled: 'true', mfa_active: 'false' })]) }),
    expected: [{ resourceId: arn('bob'), status: 'NON_COMPLIANT', grade: 'red', annotationIncludes: 'without MFA' }],
  },
  {
    name: 'credential report not collected',
    kind: 'not-evaluated',
    inputs: checkInputs({ credentialReport: notCollected('AccessDenied on iam:GenerateCredentialReport') }),
    expected: [{ resourceId: FIXTURE_ACCOUNT, status: 'NOT_EVALUATED', grade: null }],
  },
];
