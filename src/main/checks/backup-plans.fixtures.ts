import type { CheckFixture } from './types';
import { FIXTURE_ACCOUNT, ci, collected, inRegion, items, notCollected } from './support/fixture-kit';

const volume = ci('AWS::EC2::Volume', 'vol-1', { volumeId: 'vol-1' });

export const fixtures: CheckFixture[] = [
  {
    name: 'plan exists',
    kind: 'pass',
    inputs: inRegion({ configurationItems: items([volume]), backupPlans: collected([{ BackupPlanId: 'p1', BackupPlanName: 'daily' }]) }),
    expected: [{ resourceId: FIXTURE_ACCOUNT, status: 'COMPLIANT', grade: 'green' }],
  },
  { name: 'volumes but no plan', kind: 'fail', inputs: inRegion({ configurationItems: items([volume]), backupPlans: collected([]) }), expected: [{ resourceId: FIXTURE_ACCOUNT, status: 'NON_COMPLIANT', grade: 'yellow' }] },
  { name: 'empty region', kind: 'pass', inputs: inRegion({ configurationItems: items([]), backupPlans: collected([]) }), expected: [{ resourceId: FIXTURE_ACCOUNT, status: 'NOT_APPLICABLE', grade: null }] },
  { name: 'plans not listed', kind: 'not-evaluated', inputs: inRegion({ configurationItems: items([volume]), backupPlans: notCollected('AccessDenied on backup:ListBackupPlans') }), expected: [{ resourceId: FIXTURE_ACCOUNT, status: 'NOT_EVALUATED', grade: null }] },
];
