import type { CheckFixture } from './types';
import { FIXTURE_ACCOUNT, ci, inRegion, items, notCollected } from './support/fixture-kit';

const db = (name: string, multiAZ: boolean, engine = 'postgres') => ci('AWS::RDS::DBInstance', `db-${name}`, { dBInstanceIdentifier: name, multiAZ, engine, availabilityZone: 'us-east-1a' });

export const fixtures: CheckFixture[] = [
  {
    name: 'multi-AZ and aurora',
    kind: 'pass',
    inputs: inRegion({ configurationItems: items([db('ha', true), db('cluster-1', false, 'aurora-postgresql')]) }),
    expected: [
      { resourceId: 'db-ha', status: 'COMPLIANT', grade: 'green' },
      { resourceId: 'db-cluster-1', status: 'NOT_APPLICABLE', grade: null },
    ],
  },
  { name: 'single-AZ', kind: 'fail', inputs: inRegion({ configurationItems: items([db('solo', false)]) }), expected: [{ resourceId: 'db-solo', status: 'NON_COMPLIANT', grade: 'yellow', annotationIncludes: 'us-east-1a' }] },
  { name: 'not collected', kind: 'not-evaluated', inputs: inRegion({ configurationItems: notCollected('recorder off') }), expected: [{ resourceId: FIXTURE_ACCOUNT, status: 'NOT_EVALUATED', grade: null }] },
];
