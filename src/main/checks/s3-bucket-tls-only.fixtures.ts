import type { CheckFixture } from './types';
import { FIXTURE_ACCOUNT, ci, inRegion, items, notCollected } from './support/fixture-kit';

const bucket = (name: string, statements?: object[]) =>
  ci('AWS::S3::Bucket', name, { name }, { resourceName: name, supplementaryConfiguration: statements ? { BucketPolicy: { policyText: JSON.stringify({ Statement: statements }) } } : {} });
const tlsDeny = { Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: ['arn:aws:s3:::b', 'arn:aws:s3:::b/*'], Condition: { Bool: { 'aws:SecureTransport': 'false' } } };

export const fixtures: CheckFixture[] = [
  {
    name: 'TLS deny present',
    kind: 'pass',
    inputs: inRegion({ configurationItems: items([bucket('secure', [tlsDeny])]) }),
    expected: [{ resourceId: 'secure', status: 'COMPLIANT', grade: 'green' }],
  },
  {
    name: 'no policy; policy without the deny',
    kind: 'fail',
    inputs: inRegion({
      configurationItems: items([bucket('nopolicy'), bucket('allow-only', [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 's3:*', Resource: '*' }])]),
    }),
    expected: [
      { resourceId: 'nopolicy', status: 'NON_COMPLIANT', grade: 'yellow' },
      { resourceId: 'allow-only', status: 'NON_COMPLIANT', grade: 'yellow' },
    ],
  },
  {
    name: 'configuration items not collected',
    kind: 'not-evaluated',
    inputs: inRegion({ configurationItems: notCollected('throttled') }),
    expected: [{ resourceId: FIXTURE_ACCOUNT, status: 'NOT_EVALUATED', grade: null }],
  },
];
