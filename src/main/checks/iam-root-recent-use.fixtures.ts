import type { CheckFixture } from './types';
import { FIXTURE_ACCOUNT, checkInputs, collected, credentialRow, daysAgo, notCollected } from './support/fixture-kit';

const root = (overrides: Parameters<typeof credentialRow>[1]) => collected([credentialRow('<root_account>', overrides), credentialRow('alice')]);

export const fixtures: CheckFixture[] = [
  {
    name: 'root last used 200 days ago',
    kind: 'pass',
    inputs: checkInputs({ credentialReport: root({ password_last_used: daysAgo(200) }) }),
    expected: [{ resourceId: FIXTURE_ACCOUNT, status: 'COMPLIANT', grade: 'green' }],
  },
  {
    name: 'root signed in 3 days ago',
    kind: 'fail',
    inputs: checkInputs({ credentialReport: root({ password_last_used: daysAgo(3) }) }),
    expected: [{ resourceId: FIXTURE_ACCOUNT, status: 'NON_COMPLIANT', grade: 'red', annotationIncludes: '3 days ago' }],
  },
  {
    name: 'root key used 60 days ago',
    kind: 'fail',
    inputs: checkInputs({ credentialReport: root({ access_key_1_last_used_date: daysAgo(60) }) }),
    expected: [{ resourceId: FIXTURE_ACCOUNT, status: 'NON_COMPLIANT', grade: 'yellow', annotationIncludes: 'access key 1' }],
  },
  {
    name: 'credential report not ready',
    kind: 'not-evaluated',
    inputs: checkInputs({ credentialReport: notCollected('ReportInProgress after 5 attempts') }),
    expected: [{ resourceId: FIXTURE_ACCOUNT, status: 'NOT_EVALUATED', grade: null, annotationIncludes: 'credential report' }],
  },
];
