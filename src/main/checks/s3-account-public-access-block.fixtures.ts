import type { CheckFixture } from './types';
import { FIXTURE_ACCOUNT, checkInputs, collected, notCollected } from './support/fixture-kit';

const all = { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true };

export const fixtures: CheckFixture[] = [
  {
    name: 'all four on',
    kind: 'pass',
    inputs: checkInputs({ s3AccountPublicAccessBlock: collected(all) }),
    expected: [{ resourceId: FIXTURE_ACCOUNT, status: 'COMPLIANT', grade: 'green' }],
  },
  {
    name: 'no configuration',
    kind: 'fail',
    inputs: checkInputs({ s3AccountPublicAccessBlock: collected('none' as const) }),
    expected: [{ resourceId: FIXTURE_ACCOUNT, status: 'NON_COMPLIANT', grade: 'red' }],
  },
  {
    name: 'RestrictPublicBuckets off',
    kind: 'fail',
    inputs: checkInputs({ s3AccountPublicAccessBlock: collected({ ...all, RestrictPublicBuckets: false }) }),
    expected: [{ resourceId: FIXTURE_ACCOUNT, status: 'NON_COMPLIANT', grade: 'yellow', annotationIncludes: 'RestrictPublicBuckets' }],
  },
  {
    name: 's3-control denied',
    kind: 'not-evaluated',
    inputs: checkInputs({ s3AccountPublicAccessBlock: notCollected('AccessDenied on s3:GetAccountPublicAccessBlock') }),
    expected: [{ resourceId: FIXTURE_ACCOUNT, status: 'NOT_EVALUATED', grade: null }],
  },
];
