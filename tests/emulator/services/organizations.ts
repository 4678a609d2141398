// AWS Organizations: the organization tree, listed by the management account or a delegated administrator.
import { AwsError, pageSize, paginate, type Handler, type HandlerContext } from '../context';
import type { AccountScenario, OrganizationScenario } from '../scenario';

const MAX_RESULTS_DEFAULT = 20;

function organizationOf(context: HandlerContext): OrganizationScenario {
  const organization = context.state.scenario.organization;
  if (!organization || context.account.parentId === undefined) {
    throw new AwsError('AWSOrganizationsNotInUseException', 'Your account is not a member of an organization.');
  }
  return organization;
}

/** Listing the tree needs the management account or a delegated administrator. */
function administeredOrganization(context: HandlerContext): OrganizationScenario {
  const organization = organizationOf(context);
  const allowed = organization.managementAccountId === context.account.accountId || (organization.delegatedAdministrators ?? []).includes(context.account.accountId);
  if (!allowed) {
    throw new AwsError('AccessDeniedException', 'You don\'t have permissions to access this resource.');
  }
  return organization;
}

function pageOf<T>(context: HandlerContext, items: readonly T[], input: Record<string, unknown>, query: unknown) {
  return paginate(items, {
    operation: context.operation,
    query,
    token: input.NextToken,
    pageSize: pageSize(input.MaxResults, MAX_RESULTS_DEFAULT),
    invalidToken: () => new AwsError('InvalidInputException', 'You specified an invalid value for nextToken. You must get the value from the response to a previous call to the API.'),
  });
}

function accountView(organization: OrganizationScenario, account: AccountScenario) {
  return {
    Id: account.accountId,
    Arn: `arn:aws:organizations::${organization.managementAccountId}:account/${organization.id}/${account.accountId}`,
    Email: account.email,
    Name: account.name,
    Status: account.status,
    State: account.status,
    JoinedMethod: account.joinedMethod ?? (account.accountId === organization.managementAccountId ? 'CREATED' : 'INVITED'),
    JoinedTimestamp: account.joinedTimestamp ?? '2020-01-01T00:00:00Z',
  };
}

function memberAccounts(context: HandlerContext): AccountScenario[] {
  return context.state.scenario.accounts.filter((account) => account.parentId !== undefined);
}

function requireParent(organization: OrganizationScenario, parentId: string): void {
  const known = parentId === organization.rootId || organization.organizationalUnits.some((unit) => unit.id === parentId);
  if (!known) throw new AwsError('ParentNotFoundException', 'We can\'t find a root or OU with the ParentId that you specified.');
}

export const organizationsHandlers: Record<string, Handler> = {
  DescribeOrganization: (context) => {
    const organization = organizationOf(context);
    const management = context.state.accounts.get(organization.managementAccountId);
    return {
      Organization: {
        Id: organization.id,
        Arn: `arn:aws:organizations::${organization.managementAccountId}:organization/${organization.id}`,
        FeatureSet: organization.featureSet,
        MasterAccountArn: `arn:aws:organizations::${organization.managementAccountId}:account/${organization.id}/${organization.managementAccountId}`,
        MasterAccountId: organization.managementAccountId,
        MasterAccountEmail: management?.email ?? `management@${organization.id}.example`,
        AvailablePolicyTypes: [{ Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' }],
      },
    };
  },

  ListRoots: (context, input) => {
    const organization = administeredOrganization(context);
    const { page, nextToken } = pageOf(context, [organization], input, {});
    return {
      Roots: page.map((entry) => ({
        Id: entry.rootId,
        Arn: `arn:aws:organizations::${entry.managementAccountId}:root/${entry.id}/${entry.rootId}`,
        Name: 'Root',
        PolicyTypes: [{ Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' }],
      })),
      NextToken: nextToken,
    };
  },

  ListAccounts: (context, input) => {
    const organization = administeredOrganization(context);
    const { page, nextToken } = pageOf(context, memberAccounts(context), input, {});
    return { Accounts: page.map((account) => accountView(organization, account)), NextToken: nextToken };
  },

  ListAccountsForParent: (context, input) => {
    const organization = administeredOrganization(context);
    const parentId = String(input.ParentId);
    requireParent(organization, parentId);
    const children = memberAccounts(context).filter((account) => account.parentId === parentId);
    const { page, nextToken } = pageOf(context, children, input, { parentId });
    return { Accounts: page.map((account) => accountView(organization, account)), NextToken: nextToken };
  },

  ListParents: (context, input) => {
    const organization = administeredOrganization(context);
    const childId = String(input.ChildId);
    const parentId =
      memberAccounts(context).find((account) => account.accountId === childId)?.parentId ??
      organization.organizationalUnits.find((unit) => unit.id === childId)?.parentId;
    if (parentId === undefined) throw new AwsError('ChildNotFoundException', 'We can\'t find an organizational unit (OU) or AWS account with the ChildId that you specified.');
    const { page, nextToken } = pageOf(context, [parentId], input, { childId });
    return {
      Parents: page.map((id) => ({ Id: id, Type: id === organization.rootId ? 'ROOT' : 'ORGANIZATIONAL_UNIT' })),
      NextToken: nextToken,
    };
  },

  DescribeOrganizationalUnit: (context, input) => {
    const organization = administeredOrganization(context);
    const unit = organization.organizationalUnits.find((candidate) => candidate.id === input.OrganizationalUnitId);
    if (!unit) throw new AwsError('OrganizationalUnitNotFoundException', 'We can\'t find an OU with the OrganizationalUnitId that you specified.');
    return {
      OrganizationalUnit: {
        Id: unit.id,
        Arn: `arn:aws:organizations::${organization.managementAccountId}:ou/${organization.id}/${unit.id}`,
        Name: unit.name,
      },
    };
  },

  ListOrganizationalUnitsForParent: (context, input) => {
    const organization = administeredOrganization(context);
    const parentId = String(input.ParentId);
    requireParent(organization, parentId);
    const units = organization.organizationalUnits.filter((unit) => unit.parentId === parentId);
    const { page, nextToken } = pageOf(context, units, input, { parentId });
    return {
      OrganizationalUnits: page.map((unit) => ({
        Id: unit.id,
        Arn: `arn:aws:organizations::${organization.managementAccountId}:ou/${organization.id}/${unit.id}`,
        Name: unit.name,
      })),
      NextToken: nextToken,
    };
  },
};
