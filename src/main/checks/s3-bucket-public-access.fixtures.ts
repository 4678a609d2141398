import type { AccountPublicAccessBlockInput, CheckFixture } from './types';
import { FIXTURE_ACCOUNT, checkInputs, ci, collected, items, notCollected, regionInputs } from './support/fixture-kit';

const bucket = (name: string, supplementary: Record<string, unknown>) =>
  ci('AWS::S3::Bucket', name, { name }, { resourceName: name, arn: `arn:aws:s3:::${name}`, supplementaryConfiguration: supplementary });
const owner = { grantee: { id: 'abc123', displayName: null }, permission: 'FullControl' };
const policy = (statement: object) => ({ policyText: JSON.stringify({ Version: '2012-10-17', Statement: [statement] }) });
const withBuckets = (list: ReturnType<typeof bucket>[], account: AccountPublicAccessBlockInput = 'none') =>
  checkInputs({ s3AccountPublicAccessBlock: collected<AccountPublicAccessBlockInput>(account), regions: [regionInputs('us-east-1', { configurationItems: items(list) })] });

export const fixtures: CheckFixture[] = [
  {
    name: 'private bucket; public-read ACL neutralized by IgnorePublicAcls',
    kind: 'pass',
    inputs: withBuckets([
      bucket('private-data', { AccessControlList: { grantList: [owner] } }),
      bucket('was-public', {
        AccessControlList: { grantList: [owner, { grantee: 'AllUsers', permission: 'Read' }] },
        PublicAccessBlockConfiguration: { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true },
      }),
      bucket('org-only', { BucketPolicy: policy({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::org-only/*', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc' } } }) }),
    ]),
    expected: [
      { resourceId: 'private-data', status: 'COMPLIANT', grade: 'green' },
      { resourceId: 'was-public', status: 'COMPLIANT', grade: 'green', annotationIncludes: 'IgnorePublicAcls' },
      { resourceId: 'org-only', status: 'COMPLIANT', grade: 'green' },
    ],
  },
  {
    name: 'public write ACL, public read ACL, public policy',
    kind: 'fail',
    inputs: withBuckets([
      bucket('dropbox', { AccessControlList: { grantList: [owner, { grantee: { uri: 'http://acs.amazonaws.com/groups/global/AllUsers' }, permission: 'WRITE' }] } }),
      bucket('listing', { AccessControlList: { grantList: [owner, { grantee: 'AuthenticatedUsers', permission: 'Read' }] } }),
      bucket('website', { BucketPolicy: policy({ Sid: 'PublicRead', Effect: 'Allow', Principal: { AWS: '*' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::website/*' }) }),
    ]),
    expected: [
      { resourceId: 'dropbox', status: 'NON_COMPLIANT', grade: 'red', annotationIncludes: 'WRITE to Everyone' },
      { resourceId: 'listing', status: 'NON_COMPLIANT', grade: 'yellow' },
      { resourceId: 'website', status: 'NON_COMPLIANT', grade: 'yellow', annotationIncludes: 'PublicRead' },
    ],
  },
  {
    name: 'configuration items not collected; account setting not collected',
    kind: 'not-evaluated',
    inputs: checkInputs({ regions: [regionInputs('eu-west-1', { configurationItems: notCollected('no configuration recorder in eu-west-1') })] }),
    expected: [{ resourceId: FIXTURE_ACCOUNT, region: 'eu-west-1', status: 'NOT_EVALUATED', grade: null, annotationIncludes: 'no configuration recorder' }],
  },
  {
    name: 'account Block Public Access not collected',
    kind: 'not-evaluated',
    inputs: checkInputs({ s3AccountPublicAccessBlock: notCollected('AccessDenied') }),
    expected: [{ resourceId: FIXTURE_ACCOUNT, region: 'global', status: 'NOT_EVALUATED', grade: null }],
  },
];
