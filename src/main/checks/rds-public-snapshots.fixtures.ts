import type { CheckFixture } from './types';
import { FIXTURE_ACCOUNT, collected, inRegion, notCollected } from './support/fixture-kit';

const attrs = (id: string, values: string[]) => ({ DBSnapshotIdentifier: id, DBSnapshotAttributes: [{ AttributeName: 'restore', AttributeValues: values }] });

export const fixtures: CheckFixture[] = [
  { name: 'private snapshot', kind: 'pass', inputs: inRegion({ rdsSnapshotAttributes: collected([attrs('manual-1', ['444455556666'])]) }), expected: [{ resourceId: 'manual-1', status: 'COMPLIANT', grade: 'green' }] },
  { name: 'public snapshot', kind: 'fail', inputs: inRegion({ rdsSnapshotAttributes: collected([attrs('leak', ['all'])]) }), expected: [{ resourceId: 'leak', status: 'NON_COMPLIANT', grade: 'red' }] },
  { name: 'attributes not read', kind: 'not-evaluated', inputs: inRegion({ rdsSnapshotAttributes: notCollected('AccessDenied on rds:DescribeDBSnapshotAttributes') }), expected: [{ resourceId: FIXTURE_ACCOUNT, status: 'NOT_EVALUATED', grade: null }] },
];
