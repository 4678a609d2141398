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
  {
    name: 'snapshot listed but its attribute not read',
    kind: 'not-evaluated',
    inputs: inRegion({ ebsSnapshots: collected([{ SnapshotId: 'snap-u', StartTime: daysAgo(3), CreateVolumePermissionsNotRead: '1203 EBS snapshots in us-east-1: Triad read the attributes of the 1000 newest only' }]) }),
    expected: [{ resourceId: 'snap-u', status: 'NOT_EVALUATED', grade: null, annotationIncludes: 'attributes of the 1000 newest only' }],
  },
  { name: 'snapshots not listed', kind: 'not-evaluated', inputs: inRegion({ ebsSnapshots: notCollected('AccessDenied') }), expected: [{ resourceId: FIXTURE_ACCOUNT, status: 'NOT_EVALUATED', grade: null }] },
];
