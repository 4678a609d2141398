import type { CheckFixture } from './types';
import { FIXTURE_ACCOUNT, collected, inRegion, notCollected } from './support/fixture-kit';

const attrs = (id: string, values: string[]) => ({ DBSnapshotIdentifier: id, DBSnapshotAttributes: [{ AttributeName: 'restore', AttributeValues: values }] });

export const fixtures: CheckFixture[] = [
  { name: 'private snapshot', kind: 'pass', inputs: inRegion({ rdsSnapshotAttributes: collected([attrs('manual-1', ['444455556666'])]) }), expected: [{ resourceId: 'manual-1', status: 'COMPLIANT', grade: 'green' }] },
  {
    name: 'public Aurora cluster snapshot',
    kind: 'fail',
    inputs: inRegion({ rdsClusterSnapshotAttributes: collected([{ DBClusterSnapshotIdentifier: 'aurora-leak', DBClusterSnapshotAttributes: [{ AttributeName: 'restore', AttributeValues: ['all'] }] }]) }),
    expected: [{ resourceId: 'aurora-leak', status: 'NON_COMPLIANT', grade: 'red', annotationIncludes: 'DB cluster snapshot "aurora-leak" is public' }],
  },
  { name: 'public snapshot', kind: 'fail', inputs: inRegion({ rdsSnapshotAttributes: collected([attrs('leak', ['all'])]) }), expected: [{ resourceId: 'leak', status: 'NON_COMPLIANT', grade: 'red' }] },
  {
    name: 'one snapshot listed but its attributes not read',
    kind: 'not-evaluated',
    inputs: inRegion({ rdsSnapshotAttributes: collected([{ DBSnapshotIdentifier: 'manual-2', NotReadReason: 'DescribeDBSnapshotAttributes failed: AccessDenied: denied' }]) }),
    expected: [{ resourceId: 'manual-2', status: 'NOT_EVALUATED', grade: null, annotationIncludes: 'DescribeDBSnapshotAttributes failed: AccessDenied' }],
  },
  { name: 'snapshots not listed', kind: 'not-evaluated', inputs: inRegion({ rdsSnapshotAttributes: notCollected('AccessDenied on rds:DescribeDBSnapshots') }), expected: [{ resourceId: FIXTURE_ACCOUNT, status: 'NOT_EVALUATED', grade: null }] },
];
