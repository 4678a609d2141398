import type { CheckFixture } from './types';
import { FIXTURE_ACCOUNT, collected, daysAgo, inRegion, notCollected } from './support/fixture-kit';

const snapshot = (id: string, permissions: { Group?: string; UserId?: string }[]) => ({ SnapshotId: id, VolumeId: 'vol-9', StartTime: daysAgo(3), Encrypted: false, CreateVolumePermissions: permissions });

export const fixtures: CheckFixture[] = [
  {
    name: 'private and shared with one account',
    kind: 'pass',
    inputs: inRegion({ ebsSnapshots: collected([snapshot('snap-a', []), snapshot('snap-b', [{ UserId: '444455556666' }])]) }),
    expected: [
      { resourceId: 'snap-a', status: 'COMPLIANT', grade: 'green' },
      { resourceId: 'snap-b', status: 'COMPLIANT', grade: 'green' },
    ],
  },
  { name: 'public snapshot', kind: 'fail', inputs: inRegion({ ebsSnapshots: collected([snapshot('snap-p', [{ Group: 'all' }])]) }), expected: [{ resourceId: 'snap-p', status: 'NON_COMPLIANT', grade: 'red' }] },
  { name: 'snapshots not listed', kind: 'not-evaluated', inputs: inRegion({ ebsSnapshots: notCollected('AccessDenied') }), expected: [{ resourceId: FIXTURE_ACCOUNT, status: 'NOT_EVALUATED', grade: null }] },
];
