import type { CheckFixture } from './types';
import { FIXTURE_ACCOUNT, ci, inRegion, items, notCollected } from './support/fixture-kit';

const volume = (volumeId: string, encrypted: boolean) => ci('AWS::EC2::Volume', volumeId, { volumeId, encrypted, state: 'in-use' });

export const fixtures: CheckFixture[] = [
  { name: 'encrypted volume', kind: 'pass', inputs: inRegion({ configurationItems: items([volume('vol-1', true)]) }), expected: [{ resourceId: 'vol-1', status: 'COMPLIANT', grade: 'green' }] },
  { name: 'plain volume', kind: 'fail', inputs: inRegion({ configurationItems: items([volume('vol-2', false)]) }), expected: [{ resourceId: 'vol-2', status: 'NON_COMPLIANT', grade: 'yellow' }] },
  {
    name: 'configuration items not collected',
    kind: 'not-evaluated',
    inputs: inRegion({ configurationItems: notCollected('AccessDenied on config:SelectResourceConfig') }),
    expected: [{ resourceId: FIXTURE_ACCOUNT, status: 'NOT_EVALUATED', grade: null }],
  },
];
