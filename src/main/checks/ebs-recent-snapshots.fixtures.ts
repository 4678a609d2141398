import type { CheckFixture } from './types';
import { FIXTURE_ACCOUNT, ci, collected, daysAgo, inRegion, items, notCollected } from './support/fixture-kit';

const volume = (volumeId: string) => ci('AWS::EC2::Volume', volumeId, { volumeId, state: 'in-use', encrypted: true });
const snap = (id: string, volumeId: string, age: number) => ({ SnapshotId: id, VolumeId: volumeId, StartTime: daysAgo(age), State: 'completed', Encrypted: true });

export const fixtures: CheckFixture[] = [
  {
    name: 'snapshot 2 days old (older ones ignored)',
    kind: 'pass',
    inputs: inRegion({ configurationItems: items([volume('vol-a')]), ebsSnapshots: collected([snap('snap-old', 'vol-a', 90), snap('snap-new', 'vol-a', 2)]) }),
    expected: [{ resourceId: 'vol-a', status: 'COMPLIANT', grade: 'green', annotationIncludes: 'snap-new' }],
  },
  {
    name: '10 days, 40 days, none',
    kind: 'fail',
    inputs: inRegion({
      configurationItems: items([volume('vol-b'), volume('vol-c'), volume('vol-d')]),
      ebsSnapshots: collected([snap('snap-b', 'vol-b', 10), snap('snap-c', 'vol-c', 40)]),
    }),
    expected: [
      { resourceId: 'vol-b', status: 'NON_COMPLIANT', grade: 'yellow' },
      { resourceId: 'vol-c', status: 'NON_COMPLIANT', grade: 'red' },
      { resourceId: 'vol-d', status: 'NON_COMPLIANT', grade: 'red', annotationIncludes: 'no completed snapshot' },
    ],
  },
  { name: 'snapshots not listed', kind: 'not-evaluated', inputs: inRegion({ configurationItems: items([volume('vol-a')]), ebsSnapshots: notCollected('AccessDenied') }), expected: [{ resourceId: FIXTURE_ACCOUNT, status: 'NOT_EVALUATED', grade: null }] },
];
