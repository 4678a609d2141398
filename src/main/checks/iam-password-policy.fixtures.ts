import type { CheckFixture } from './types';
import { FIXTURE_ACCOUNT, checkInputs, collected, notCollected } from './support/fixture-kit';

const strong = {
  MinimumPasswordLength: 14,
  RequireSymbols: true,
  RequireNumbers: true,
  RequireUppercaseCharacters: true,
  RequireLowercaseCharacters: true,
  ExpirePasswords: true,
  MaxPasswordAge: 90,
  PasswordReusePrevention: 24,
};

export const fixtures: CheckFixture[] = [
  {
    name: 'strong policy',
    kind: 'pass',
    inputs: checkInputs({ passwordPolicy: collected(strong) }),
    expected: [{ resourceId: FIXTURE_ACCOUNT, status: 'COMPLIANT', grade: 'green' }],
  },
  {
    name: 'no policy',
    kind: 'fail',
    inputs: checkInputs({ passwordPolicy: collected('none' as const) }),
    expected: [{ resourceId: FIXTURE_ACCOUNT, status: 'NON_COMPLIANT', grade: 'red', annotationIncludes: 'no password policy' }],
  },
  {
    name: 'policy without symbols and short',
    kind: 'fail',
    inputs: checkInputs({ passwordPolicy: collected({ ...strong, RequireSymbols: false, MinimumPasswordLength: 8 }) }),
    expected: [{ resourceId: FIXTURE_ACCOUNT, status: 'NON_COMPLIANT', grade: 'yellow', annotationIncludes: 'symbols not required' }],
  },
  {
    name: 'password policy denied',
    kind: 'not-evaluated',
    inputs: checkInputs({ passwordPolicy: notCollected('AccessDenied') }),
    expected: [{ resourceId: FIXTURE_ACCOUNT, status: 'NOT_EVALUATED', grade: null }],
  },
];
