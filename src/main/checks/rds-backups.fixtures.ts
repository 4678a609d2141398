import type { CheckFixture } from './types';
import { FIXTURE_ACCOUNT, ci, inRegion, items, notCollected } from './support/fixture-kit';

const db = (name: string, backupRetentionPeriod: number) => ci('AWS::RDS::DBInstance', `db-${name}`, { dBInstanceIdentifier: name, backupRetentionPeriod, engine: 'mysql' });

export const fixtures: CheckFixture[] = [
  { name: '14 days', kind: 'pass', inputs: inRegion({ configurationItems: items([db('kept', 14)]) }), expected: [{ resourceId: 'db-kept', status: 'COMPLIANT', grade: 'green' }] },
  {
    name: 'off and 1 day',
    kind: 'fail',
    inputs: inRegion({ configurationItems: items([db('none', 0), db('short', 1)]) }),
    expected: [
      { resourceId: 'db-none', status: 'NON_COMPLIANT', grade: 'red' },
      { resourceId: 'db-short', status: 'NON_COMPLIANT', grade: 'yellow' },
    ],
  },
  { name: 'not collected', kind: 'not-evaluated', inputs: inRegion({ configurationItems: notCollected('recorder off') }), expected: [{ resourceId: FIXTURE_ACCOUNT, status: 'NOT_EVALUATED', grade: null }] },
];
