import type { CheckFixture } from './types';
import { FIXTURE_ACCOUNT, ci, inRegion, items, notCollected } from './support/fixture-kit';

const db = (name: string, publiclyAccessible: boolean) => ci('AWS::RDS::DBInstance', `db-${name}`, { dBInstanceIdentifier: name, publiclyAccessible, engine: 'mysql' }, { resourceName: name });

export const fixtures: CheckFixture[] = [
  { name: 'private', kind: 'pass', inputs: inRegion({ configurationItems: items([db('internal', false)]) }), expected: [{ resourceId: 'db-internal', status: 'COMPLIANT', grade: 'green' }] },
  { name: 'public', kind: 'fail', inputs: inRegion({ configurationItems: items([db('exposed', true)]) }), expected: [{ resourceId: 'db-exposed', status: 'NON_COMPLIANT', grade: 'red' }] },
  { name: 'not collected', kind: 'not-evaluated', inputs: inRegion({ configurationItems: notCollected('recorder off') }), expected: [{ resourceId: FIXTURE_ACCOUNT, status: 'NOT_EVALUATED', grade: null }] },
];
