import type { CheckFixture } from './types';
import { FIXTURE_ACCOUNT, ci, collected, daysAgo, inRegion, items, notCollected } from './support/fixture-kit';

const ebs = (id: string, Encrypted: boolean) => ({ SnapshotId: id, VolumeId: 'vol-1', StartTime: daysAgo(2), State: 'completed', Encrypted, OwnerId: FIXTURE_ACCOUNT });
const rds = (id: string, encrypted: boolean) => ci('AWS::RDS::DBSnapshot', id, { dBSnapshotIdentifier: id, encrypted, snapshotType: 'manual' }, { resourceName: id });

export const fixtures: CheckFixture[] = [
  {
    name: 'encrypted EBS and RDS snapshots',
    kind: 'pass',
    inputs: inRegion({ ebsSnapshots: collected([ebs('snap-1', true)]), configurationItems: items([rds('nightly', true)]) }),
    expected: [
      { resourceId: 'snap-1', status: 'COMPLIANT', grade: 'green' },
      { resourceId: 'nightly', status: 'COMPLIANT', grade: 'green' },
    ],
  },
  {
    name: 'unencrypted EBS and RDS snapshots',
    kind: 'fail',
    inputs: inRegion({ ebsSnapshots: collected([ebs('snap-2', false)]), configurationItems: items([rds('old', false)]) }),
    expected: [
      { resourceId: 'snap-2', status: 'NON_COMPLIANT', grade: 'yellow' },
      { resourceId: 'old', status: 'NON_COMPLIANT', grade: 'yellow' },
    ],
  },
  {
    name: 'EBS snapshots not listed, RDS snapshots still judged',
    kind: 'not-evaluated',
    inputs: inRegion({ ebsSnapshots: notCollected('AccessDenied on ec2:DescribeSnapshots'), configurationItems: items([rds('nightly', true)]) }),
    expected: [
      { resourceId: FIXTURE_ACCOUNT, status: 'NOT_EVALUATED', grade: null, annotationIncludes: 'EBS snapshots not collected' },
      { resourceId: 'nightly', status: 'COMPLIANT', grade: 'green' },
    ],
  },
];
