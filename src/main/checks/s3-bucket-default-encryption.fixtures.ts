import type { CheckFixture } from './types';
import { FIXTURE_ACCOUNT, ci, inRegion, items, notCollected } from './support/fixture-kit';

const bucket = (name: string, supplementary: Record<string, unknown>) => ci('AWS::S3::Bucket', name, { name }, { resourceName: name, supplementaryConfiguration: supplementary });

export const fixtures: CheckFixture[] = [
  {
    name: 'SSE-KMS default',
    kind: 'pass',
    inputs: inRegion({ configurationItems: items([bucket('kms', { ServerSideEncryptionConfiguration: { rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyID: 'arn:aws:kms:us-east-1:111122223333:key/k' } }] } })]) }),
    expected: [{ resourceId: 'kms', status: 'COMPLIANT', grade: 'green', annotationIncludes: 'aws:kms' }],
  },
  {
    name: 'no encryption rule',
    kind: 'fail',
    inputs: inRegion({ configurationItems: items([bucket('plain', {})]) }),
    expected: [{ resourceId: 'plain', status: 'NON_COMPLIANT', grade: 'yellow' }],
  },
  {
    name: 'configuration items not collected',
    kind: 'not-evaluated',
    inputs: inRegion({ configurationItems: notCollected('AWS Config not enabled') }),
    expected: [{ resourceId: FIXTURE_ACCOUNT, status: 'NOT_EVALUATED', grade: null }],
  },
];
