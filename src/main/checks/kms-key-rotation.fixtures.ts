import type { CheckFixture } from './types';
import { FIXTURE_ACCOUNT, ci, inRegion, items, notCollected } from './support/fixture-kit';

const key = (id: string, configuration: Record<string, unknown>, rotation: unknown) =>
  ci('AWS::KMS::Key', id, { keyId: id, keyManager: 'CUSTOMER', keySpec: 'SYMMETRIC_DEFAULT', origin: 'AWS_KMS', keyState: 'Enabled', ...configuration }, { supplementaryConfiguration: { KeyRotationStatus: rotation } });

export const fixtures: CheckFixture[] = [
  {
    name: 'rotating key; asymmetric key; AWS managed key skipped',
    kind: 'pass',
    inputs: inRegion({ configurationItems: items([key('k-1', {}, true), key('k-rsa', { keySpec: 'RSA_2048' }, false), key('k-aws', { keyManager: 'AWS' }, false)]) }),
    expected: [
      { resourceId: 'k-1', status: 'COMPLIANT', grade: 'green' },
      { resourceId: 'k-rsa', status: 'NOT_APPLICABLE', grade: null },
    ],
  },
  { name: 'rotation off', kind: 'fail', inputs: inRegion({ configurationItems: items([key('k-2', {}, 'false')]) }), expected: [{ resourceId: 'k-2', status: 'NON_COMPLIANT', grade: 'yellow' }] },
  { name: 'not collected', kind: 'not-evaluated', inputs: inRegion({ configurationItems: notCollected('AccessDenied') }), expected: [{ resourceId: FIXTURE_ACCOUNT, status: 'NOT_EVALUATED', grade: null }] },
];
