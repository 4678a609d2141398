import type { CheckFixture } from './types';
import { FIXTURE_ACCOUNT, checkInputs, collected, iamEncoded, notCollected } from './support/fixture-kit';

const policyArn = (name: string) => `arn:aws:iam::${FIXTURE_ACCOUNT}:policy/${name}`;
const managed = (name: string, document: object) => ({
  PolicyName: name,
  PolicyId: `ANPA${name.toUpperCase()}`,
  Arn: policyArn(name),
  DefaultVersionId: 'v2',
  PolicyVersionList: [
    { VersionId: 'v1', IsDefaultVersion: false, Document: iamEncoded({ Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }) },
    { VersionId: 'v2', IsDefaultVersion: true, Document: iamEncoded(document) },
  ],
});
const details = (extra: object) => collected({ UserDetailList: [], GroupDetailList: [], RoleDetailList: [], Policies: [], ...extra });

export const fixtures: CheckFixture[] = [
  {
    name: 'scoped managed policy (old admin version is not default), read-only AWS managed attachment',
    kind: 'pass',
    inputs: checkInputs({
      authorizationDetails: details({
        Policies: [managed('ReadBuckets', { Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' } })],
        RoleDetailList: [
          {
            RoleName: 'auditor',
            RoleId: 'AROAAUDITOR',
            Arn: `arn:aws:iam::${FIXTURE_ACCOUNT}:role/auditor`,
            AttachedManagedPolicies: [{ PolicyName: 'ReadOnlyAccess', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }],
          },
        ],
      }),
    }),
    expected: [{ resourceId: policyArn('ReadBuckets'), status: 'COMPLIANT', grade: 'green' }],
  },
  {
    name: 'customer managed, inline and AWS managed admin policies',
    kind: 'fail',
    inputs: checkInputs({
      authorizationDetails: details({
        Policies: [managed('GodMode', { Statement: [{ Effect: 'Allow', Action: ['*'], Resource: ['*'] }] })],
        UserDetailList: [
          {
            UserName: 'mallory',
            UserId: 'AIDAMALLORY',
            Arn: `arn:aws:iam::${FIXTURE_ACCOUNT}:user/mallory`,
            UserPolicyList: [{ PolicyName: 'all', PolicyDocument: iamEncoded({ Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }) }],
          },
        ],
        GroupDetailList: [
          {
            GroupName: 'Admins',
            GroupId: 'AGPAADMINS',
            Arn: `arn:aws:iam::${FIXTURE_ACCOUNT}:group/Admins`,
            AttachedManagedPolicies: [{ PolicyName: 'AdministratorAccess', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }],
          },
        ],
      }),
    }),
    expected: [
      { resourceId: policyArn('GodMode'), status: 'NON_COMPLIANT', grade: 'red' },
      { resourceId: `arn:aws:iam::${FIXTURE_ACCOUNT}:user/mallory#inline/all`, status: 'NON_COMPLIANT', grade: 'red', annotationIncludes: 'user mallory' },
      { resourceId: `arn:aws:iam::${FIXTURE_ACCOUNT}:group/Admins#managed/AdministratorAccess`, status: 'NON_COMPLIANT', grade: 'red', annotationIncludes: 'AWS managed policy AdministratorAccess' },
    ],
  },
  {
    name: 'authorization details not collected',
    kind: 'not-evaluated',
    inputs: checkInputs({ authorizationDetails: notCollected('AccessDenied') }),
    expected: [{ resourceId: FIXTURE_ACCOUNT, status: 'NOT_EVALUATED', grade: null }],
  },
];
