import type { CheckFixture } from './types';
import { FIXTURE_ACCOUNT, ci, inRegion, items, notCollected } from './support/fixture-kit';

const db = (name: string, storageEncrypted: boolean) => ci('AWS::RDS::DBInstance', `db-${name.toUpperCase()}`, { dBInstanceIdentifier: name, storageEncrypted, engine: 'postgres' }, { resourceName: name });

export const fixtures: CheckFixture[] = [
  { name: 'encrypted', kind: 'pass', inputs: inRegion({ configurationItems: items([db('orders', true)]) }), expected: [{ resourceId: 'db-ORDERS', status: 'COMPLIANT', grade: 'green' }] },
  { name: 'unencrypted', kind: 'fail', inputs: inRegion({ configurationItems: items([db('legacy', false)]) }), expected: [{ resourceId: 'db-LEGACY', status: 'NON_COMPLIANT', grade: 'red', annotationIncludes: 'legacy' }] },
  { name: 'not collected', kind: 'not-evaluated', inputs: inRegion({ configurationItems: notCollected('recorder stopped') }), expected: [{ resourceId: FIXTURE_ACCOUNT, status: 'NOT_EVALUATED', grade: null }] },
];
