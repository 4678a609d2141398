import type { CheckFixture } from './types';
import { FIXTURE_ACCOUNT, checkInputs, collected, iamEncoded, notCollected } from './support/fixture-kit';

const roleArn = (name: string) => `arn:aws:iam::${FIXTURE_ACCOUNT}:role/${name}`;
const role = (name: string, trust: object) => ({ RoleName: name, RoleId: `AROA${name.length}`, Arn: roleArn(name), Path: '/', AssumeRolePolicyDocument: iamEncoded(trust) });
const details = (roles: ReturnType<typeof role>[]) => collected({ UserDetailList: [], GroupDetailList: [], RoleDetailList: roles, Policies: [] });
const assume = (principal: unknown, condition?: object) => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole', ...(condition ? { Condition: condition } : {}) }] });

export const fixtures: CheckFixture[] = [
  {
    name: 'vendor role with ExternalId, organization-wide role, EC2 service role',
    kind: 'pass',
    inputs: checkInputs({
      authorizationDetails: details([
        role('vendor-audit', assume({ AWS: 'arn:aws:iam::444455556666:root' }, { StringEquals: { 'sts:ExternalId': 'a1b2c3' } })),
        role('ec2-app', assume({ Service: 'ec2.amazonaws.com' })),
        role('org-deploy', assume({ AWS: '*' }, { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } })),
      ]),
    }),
    expected: [
      { resourceId: roleArn('vendor-audit'), status: 'COMPLIANT', grade: 'green' },
      { resourceId: roleArn('org-deploy'), status: 'COMPLIANT', grade: 'green' },
      { resourceId: roleArn('ec2-app'), status: 'NOT_APPLICABLE', grade: null },
    ],
  },
  {
    name: 'other account without ExternalId, and anyone',
    kind: 'fail',
    inputs: checkInputs({
      authorizationDetails: details([
        role('partner', assume({ AWS: ['444455556666'] })),
        role('open-door', assume({ AWS: '*' })),
      ]),
    }),
    expected: [
      { resourceId: roleArn('partner'), status: 'NON_COMPLIANT', grade: 'yellow', annotationIncludes: '444455556666' },
      { resourceId: roleArn('open-door'), status: 'NON_COMPLIANT', grade: 'red' },
    ],
  },
  {
    name: 'authorization details not collected',
    kind: 'not-evaluated',
    inputs: checkInputs({ authorizationDetails: notCollected('AccessDenied') }),
    expected: [{ resourceId: FIXTURE_ACCOUNT, status: 'NOT_EVALUATED', grade: null }],
  },
];
