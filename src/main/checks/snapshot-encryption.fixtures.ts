import type { CheckFixture } from './types';
import { FIXTURE_ACCOUNT, ci, collected, daysAgo, inRegion, items, notCollected } from './support/fixture-kit';

const ebs = (id: string, Encrypted: boolean) => ({ SnapshotId: id, VolumeId: 'vol-1', StartTime: daysAgo(2), State: 'completed', Encrypted, OwnerId: FIXTURE_ACCOUNT });
const cluster = (id: string, StorageEncrypted: boolean) => ({ DBClusterSnapshotIdentifier: id, StorageEncrypted, DBClusterSnapshotAttributes: [] });
const rds = (id: string, encrypted: boolean) => ci('AWS::RDS::DBSnapshot', id, { dBSnapshotIdentifier: id, encrypted, snapshotType: 'manual' }, { resourceName: id });

export const fixtures: CheckFixture[] = [
  {
    name: 'encrypted EBS, RDS and Aurora cluster snapshots',
    kind: 'pass',
    inputs: inRegion({
      ebsSnapshots: collected([ebs('snap-1', true)]),
      configurationItems: items([rds('nightly', true)]),
      rdsClusterSnapshotAttributes: collected([cluster('aurora-pre-upgrade', true)]),
    }),
    expected: [
      { resourceId: 'snap-1', status: 'COMPLIANT', grade: 'green' },
      { resourceId: 'nightly', status: 'COMPLIANT', grade: 'green' },
      { resourceId: 'aurora-pre-upgrade', status: 'COMPLIANT', grade: 'green' },
    ],
  },
  {
    name: 'unencrypted EBS, RDS and Aurora cluster snapshots',
    kind: 'fail',
    inputs: inRegion({
      ebsSnapshots: collected([ebs('snap-2', false)]),
      configurationItems: items([rds('old', false)]),
      // Attributes unread (refused) still leave the listing's encryption flag to judge.
      rdsClusterSnapshotAttributes: collected([{ DBClusterSnapshotIdentifier: 'aurora-old', StorageEncrypted: false, NotReadReason: 'AccessDenied' }]),
    }),
    expected: [
      { resourceId: 'snap-2', status: 'NON_COMPLIANT', grade: 'yellow' },
      { resourceId: 'old', status: 'NON_COMPLIANT', grade: 'yellow' },
      { resourceId: 'aurora-old', status: 'NON_COMPLIANT', grade: 'yellow' },
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
