import type { CheckFixture } from './types';
import { FIXTURE_ACCOUNT, checkInputs, collected, notCollected } from './support/fixture-kit';

const user = (name: string, extra: object = {}) => ({ UserName: name, UserId: `AIDA${name.toUpperCase()}`, Arn: `arn:aws:iam::${FIXTURE_ACCOUNT}:user/${name}`, ...extra });
const details = (users: ReturnType<typeof user>[]) => collected({ UserDetailList: users, GroupDetailList: [], RoleDetailList: [], Policies: [] });

export const fixtures: CheckFixture[] = [
  {
    name: 'user in a group only',
    kind: 'pass',
    inputs: checkInputs({ authorizationDetails: details([user('alice', { GroupList: ['Admins'] })]) }),
    expected: [{ resourceId: `arn:aws:iam::${FIXTURE_ACCOUNT}:user/alice`, status: 'COMPLIANT', grade: 'green' }],
  },
  {
    name: 'user with direct managed and inline policies',
    kind: 'fail',
    inputs: checkInputs({
      authorizationDetails: details([
        user('bob', {
          AttachedManagedPolicies: [{ PolicyName: 'AdministratorAccess', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }],
          UserPolicyList: [{ PolicyName: 'extra', PolicyDocument: '%7B%7D' }],
        }),
      ]),
    }),
    expected: [{ resourceId: `arn:aws:iam::${FIXTURE_ACCOUNT}:user/bob`, status: 'NON_COMPLIANT', grade: 'yellow', annotationIncludes: 'managed AdministratorAccess' }],
  },
  {
    name: 'authorization details not collected',
    kind: 'not-evaluated',
    inputs: checkInputs({ authorizationDetails: notCollected('AccessDenied on iam:GetAccountAuthorizationDetails') }),
    expected: [{ resourceId: FIXTURE_ACCOUNT, status: 'NOT_EVALUATED', grade: null }],
  },
];
