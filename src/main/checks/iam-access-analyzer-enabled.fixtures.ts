import type { CheckFixture } from './types';
import { FIXTURE_ACCOUNT, collected, inRegion, notCollected } from './support/fixture-kit';

const analyzer = (type: string, status: string) => ({ arn: `arn:aws:access-analyzer:us-east-1:${FIXTURE_ACCOUNT}:analyzer/a`, name: 'a', type, status });

export const fixtures: CheckFixture[] = [
  {
    name: 'active account analyzer',
    kind: 'pass',
    inputs: inRegion({ accessAnalyzers: collected([analyzer('ACCOUNT', 'ACTIVE')]) }),
    expected: [{ resourceId: FIXTURE_ACCOUNT, region: 'us-east-1', status: 'COMPLIANT', grade: 'green' }],
  },
  {
    name: 'only an unused-access analyzer',
    kind: 'fail',
    inputs: inRegion({ accessAnalyzers: collected([analyzer('ACCOUNT_UNUSED_ACCESS', 'ACTIVE')]) }),
    expected: [{ resourceId: FIXTURE_ACCOUNT, status: 'NON_COMPLIANT', grade: 'yellow' }],
  },
  {
    name: 'analyzers not listed',
    kind: 'not-evaluated',
    inputs: inRegion({ accessAnalyzers: notCollected('region opt-in required') }),
    expected: [{ resourceId: FIXTURE_ACCOUNT, status: 'NOT_EVALUATED', grade: null, annotationIncludes: 'us-east-1' }],
  },
];
