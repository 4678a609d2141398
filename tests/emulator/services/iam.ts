// IAM reads the built-in checks need: credential report (base64 CSV with IAM's real columns), account summary,
// password policy, authorization details, users and their policies, MFA devices and access keys.
import { AwsError, pageSize, paginate, stableId, type Handler, type HandlerContext } from '../context';
import type { IamScenario, IamUserScenario } from '../scenario';
import { roleIdOf, userIdOf } from './sts';

const MAX_ITEMS_DEFAULT = 100;

const CREDENTIAL_REPORT_COLUMNS = [
  'user',
  'arn',
  'user_creation_time',
  'password_enabled',
  'password_last_used',
  'password_last_changed',
  'password_next_rotation',
  'mfa_active',
  'access_key_1_active',
  'access_key_1_last_rotated',
  'access_key_1_last_used_date',
  'access_key_1_last_used_region',
  'access_key_1_last_used_service',
  'access_key_2_active',
  'access_key_2_last_rotated',
  'access_key_2_last_used_date',
  'access_key_2_last_used_region',
  'access_key_2_last_used_service',
  'cert_1_active',
  'cert_1_last_rotated',
  'cert_2_active',
  'cert_2_last_rotated',
] as const;

const EMPTY_IAM: IamScenario = { root: { mfaActive: false, accessKeysActive: false }, users: [] };

function iamOf(context: HandlerContext): IamScenario {
  return context.account.iam ?? EMPTY_IAM;
}

/** IAM answers policy documents URL-encoded (RFC 3986), as the real service does. */
function policyDocument(document: unknown): string {
  return encodeURIComponent(typeof document === 'string' ? document : JSON.stringify(document));
}

/** Credential-report timestamps: ISO 8601 with +00:00, no milliseconds. */
function reportTime(value: string | undefined, missing = 'N/A'): string {
  return value ? new Date(value).toISOString().replace(/\.\d{3}Z$/, '+00:00') : missing;
}

function findUser(context: HandlerContext, userName: unknown): IamUserScenario {
  const user = iamOf(context).users.find((candidate) => candidate.userName === userName);
  if (!user) throw new AwsError('NoSuchEntity', `The user with name ${String(userName)} cannot be found.`, 404);
  return user;
}

/** ListAccessKeys / ListMFADevices without UserName describe the calling IAM user. */
function usersFor(context: HandlerContext, userName: unknown): IamUserScenario[] {
  if (userName !== undefined) return [findUser(context, userName)];
  const self = /:user\/(.+)$/.exec(context.identity.arn)?.[1];
  return self ? [findUser(context, self)] : [];
}

function page<T>(context: HandlerContext, items: readonly T[], input: Record<string, unknown>, query: unknown) {
  const result = paginate(items, {
    operation: context.operation,
    query,
    token: input.Marker,
    pageSize: pageSize(input.MaxItems, MAX_ITEMS_DEFAULT),
    invalidToken: () => new AwsError('ValidationError', 'Invalid Marker.', 400),
  });
  return { items: result.page, IsTruncated: result.nextToken !== undefined, Marker: result.nextToken };
}

const userArn = (accountId: string, userName: string) => `arn:aws:iam::${accountId}:user/${userName}`;

function credentialReportCsv(context: HandlerContext): string {
  const iam = iamOf(context);
  const { accountId } = context.account;
  const rows: string[][] = [];
  rows.push([
    '<root_account>',
    `arn:aws:iam::${accountId}:root`,
    reportTime(context.account.joinedTimestamp ?? '2020-01-01T00:00:00Z'),
    'not_supported',
    reportTime(iam.root.passwordLastUsed, 'no_information'),
    'not_supported',
    'not_supported',
    String(iam.root.mfaActive),
    String(iam.root.accessKeysActive),
    iam.root.accessKeysActive ? reportTime('2020-01-01T00:00:00Z') : 'N/A',
    reportTime(iam.root.accessKeyLastUsed),
    iam.root.accessKeyLastUsed ? 'us-east-1' : 'N/A',
    iam.root.accessKeyLastUsed ? 'iam' : 'N/A',
    'false',
    'N/A',
    'N/A',
    'N/A',
    'N/A',
    'false',
    'N/A',
    'false',
    'N/A',
  ]);
  for (const user of iam.users) {
    const keyColumns = [0, 1].flatMap((index) => {
      const key = user.accessKeys?.[index];
      if (!key) return ['false', 'N/A', 'N/A', 'N/A', 'N/A'];
      return [String(key.status === 'Active'), reportTime(key.createDate), reportTime(key.lastUsedDate), key.lastUsedRegion ?? 'N/A', key.lastUsedService ?? 'N/A'];
    });
    rows.push([
      user.userName,
      userArn(accountId, user.userName),
      reportTime(user.createDate),
      String(user.passwordEnabled),
      user.passwordEnabled ? reportTime(user.passwordLastUsed, 'no_information') : 'N/A',
      user.passwordEnabled ? reportTime(user.passwordLastChanged ?? user.createDate) : 'N/A',
      'N/A',
      String((user.mfaDevices ?? []).length > 0),
      ...keyColumns,
      'false',
      'N/A',
      'false',
      'N/A',
    ]);
  }
  return [CREDENTIAL_REPORT_COLUMNS.join(','), ...rows.map((row) => row.join(','))].join('\n');
}

type AuthorizationEntry =
  | { list: 'UserDetailList'; item: unknown }
  | { list: 'GroupDetailList'; item: unknown }
  | { list: 'RoleDetailList'; item: unknown }
  | { list: 'Policies'; item: unknown };

function authorizationEntries(context: HandlerContext, filter: string[]): AuthorizationEntry[] {
  const iam = iamOf(context);
  const { accountId } = context.account;
  const wants = (kind: string) => filter.length === 0 || filter.includes(kind);
  const entries: AuthorizationEntry[] = [];
  if (wants('User')) {
    for (const user of iam.users) {
      entries.push({
        list: 'UserDetailList',
        item: {
          Path: '/',
          UserName: user.userName,
          UserId: user.userId ?? userIdOf(accountId, user.userName),
          Arn: userArn(accountId, user.userName),
          CreateDate: user.createDate,
          UserPolicyList: (user.inlinePolicies ?? []).map((policy) => ({ PolicyName: policy.policyName, PolicyDocument: policyDocument(policy.document) })),
          GroupList: user.groups ?? [],
          AttachedManagedPolicies: (user.attachedPolicies ?? []).map((policy) => ({ PolicyName: policy.policyName, PolicyArn: policy.policyArn })),
          Tags: [],
        },
      });
    }
  }
  if (wants('Group')) {
    for (const group of iam.groups ?? []) {
      entries.push({
        list: 'GroupDetailList',
        item: {
          Path: '/',
          GroupName: group.groupName,
          GroupId: `AGPA${stableId(`${accountId}/group/${group.groupName}`, 17, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')}`,
          Arn: `arn:aws:iam::${accountId}:group/${group.groupName}`,
          CreateDate: group.createDate,
          GroupPolicyList: (group.inlinePolicies ?? []).map((policy) => ({ PolicyName: policy.policyName, PolicyDocument: policyDocument(policy.document) })),
          AttachedManagedPolicies: (group.attachedPolicies ?? []).map((policy) => ({ PolicyName: policy.policyName, PolicyArn: policy.policyArn })),
        },
      });
    }
  }
  if (wants('Role')) {
    const assumable = context.account.roles.map((role) => ({
      roleName: role.name,
      createDate: '2020-01-01T00:00:00Z',
      attachedPolicies: [] as { policyName: string; policyArn: string }[],
      assumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { AWS: role.trustedPrincipals },
            Action: 'sts:AssumeRole',
            ...(role.externalId !== undefined || role.mfaRequired
              ? {
                  Condition: {
                    ...(role.externalId !== undefined ? { StringEquals: { 'sts:ExternalId': role.externalId } } : {}),
                    ...(role.mfaRequired ? { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } : {}),
                  },
                }
              : {}),
          },
        ],
      },
    }));
    for (const role of [...assumable, ...(iam.roles ?? [])]) {
      entries.push({
        list: 'RoleDetailList',
        item: {
          Path: '/',
          RoleName: role.roleName,
          RoleId: roleIdOf(accountId, role.roleName),
          Arn: `arn:aws:iam::${accountId}:role/${role.roleName}`,
          CreateDate: role.createDate,
          AssumeRolePolicyDocument: policyDocument(role.assumeRolePolicyDocument),
          InstanceProfileList: [],
          RolePolicyList: [],
          AttachedManagedPolicies: (role.attachedPolicies ?? []).map((policy) => ({ PolicyName: policy.policyName, PolicyArn: policy.policyArn })),
          Tags: [],
          RoleLastUsed: {},
        },
      });
    }
  }
  if (wants('LocalManagedPolicy') || wants('AWSManagedPolicy')) {
    for (const policy of iam.managedPolicies ?? []) {
      const awsManaged = policy.arn.startsWith('arn:aws:iam::aws:');
      if (!wants(awsManaged ? 'AWSManagedPolicy' : 'LocalManagedPolicy')) continue;
      entries.push({
        list: 'Policies',
        item: {
          PolicyName: policy.policyName,
          PolicyId: `ANPA${stableId(policy.arn, 17, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')}`,
          Arn: policy.arn,
          Path: '/',
          DefaultVersionId: 'v1',
          AttachmentCount: policy.attachmentCount ?? 1,
          PermissionsBoundaryUsageCount: 0,
          IsAttachable: true,
          CreateDate: policy.createDate,
          UpdateDate: policy.createDate,
          PolicyVersionList: [{ Document: policyDocument(policy.document), VersionId: 'v1', IsDefaultVersion: true, CreateDate: policy.createDate }],
        },
      });
    }
  }
  return entries;
}

export const iamHandlers: Record<string, Handler> = {
  GenerateCredentialReport: (context) => {
    const reports = context.state.credentialReports;
    if (reports.has(context.account.accountId)) return { State: 'COMPLETE' };
    reports.set(context.account.accountId, context.state.now());
    return { State: 'STARTED', Description: 'No report exists. Starting a new report generation task' };
  },

  GetCredentialReport: (context) => {
    const generated = context.state.credentialReports.get(context.account.accountId);
    if (!generated) {
      throw new AwsError('ReportNotPresent', 'Credential report does not exist. Use GenerateCredentialReport to generate a credential report.', 410);
    }
    return {
      Content: credentialReportCsv(context),
      ReportFormat: 'text/csv',
      GeneratedTime: iamOf(context).credentialReportGeneratedTime ?? generated,
    };
  },

  GetAccountSummary: (context) => {
    const iam = iamOf(context);
    const users = iam.users;
    const mfaDevices = users.reduce((sum, user) => sum + (user.mfaDevices ?? []).length, 0);
    const summary: Record<string, number> = {
      Users: users.length,
      UsersQuota: 5000,
      Groups: (iam.groups ?? []).length,
      GroupsQuota: 300,
      Roles: context.account.roles.length + (iam.roles ?? []).length,
      RolesQuota: 1000,
      Policies: (iam.managedPolicies ?? []).filter((policy) => !policy.arn.startsWith('arn:aws:iam::aws:')).length,
      PoliciesQuota: 1500,
      MFADevices: mfaDevices + (iam.root.mfaActive ? 1 : 0),
      MFADevicesInUse: mfaDevices + (iam.root.mfaActive ? 1 : 0),
      AccountMFAEnabled: iam.root.mfaActive ? 1 : 0,
      AccountAccessKeysPresent: iam.root.accessKeysActive ? 1 : 0,
      AccountPasswordPresent: 1,
      AccountSigningCertificatesPresent: 0,
      AccessKeysPerUserQuota: 2,
      AttachedPoliciesPerUserQuota: 10,
      ...iam.accountSummary,
    };
    return { SummaryMap: summary };
  },

  GetAccountPasswordPolicy: (context) => {
    const policy = iamOf(context).passwordPolicy;
    if (!policy) throw new AwsError('NoSuchEntity', `The Password Policy with domain name ${context.account.accountId} cannot be found.`, 404);
    return { PasswordPolicy: { AllowUsersToChangePassword: false, ExpirePasswords: false, ...policy } };
  },

  GetAccountAuthorizationDetails: (context, input) => {
    const filter = (input.Filter as string[] | undefined) ?? [];
    const result = page(context, authorizationEntries(context, filter), input, filter);
    const lists: Record<AuthorizationEntry['list'], unknown[]> = { UserDetailList: [], GroupDetailList: [], RoleDetailList: [], Policies: [] };
    for (const entry of result.items) lists[entry.list].push(entry.item);
    return { ...lists, IsTruncated: result.IsTruncated, Marker: result.Marker };
  },

  ListUsers: (context, input) => {
    const { accountId } = context.account;
    const users = iamOf(context).users.map((user) => ({
      Path: '/',
      UserName: user.userName,
      UserId: user.userId ?? userIdOf(accountId, user.userName),
      Arn: userArn(accountId, user.userName),
      CreateDate: user.createDate,
      PasswordLastUsed: user.passwordLastUsed,
    }));
    const result = page(context, users, input, input.PathPrefix ?? null);
    return { Users: result.items, IsTruncated: result.IsTruncated, Marker: result.Marker };
  },

  ListAttachedUserPolicies: (context, input) => {
    const user = findUser(context, input.UserName);
    const policies = (user.attachedPolicies ?? []).map((policy) => ({ PolicyName: policy.policyName, PolicyArn: policy.policyArn }));
    const result = page(context, policies, input, user.userName);
    return { AttachedPolicies: result.items, IsTruncated: result.IsTruncated, Marker: result.Marker };
  },

  ListMFADevices: (context, input) => {
    const devices = usersFor(context, input.UserName).flatMap((user) =>
      (user.mfaDevices ?? []).map((device) => ({ UserName: user.userName, SerialNumber: device.serialNumber, EnableDate: device.enableDate })),
    );
    const result = page(context, devices, input, input.UserName ?? null);
    return { MFADevices: result.items, IsTruncated: result.IsTruncated, Marker: result.Marker };
  },

  ListAccessKeys: (context, input) => {
    const keys = usersFor(context, input.UserName).flatMap((user) =>
      (user.accessKeys ?? []).map((key) => ({ UserName: user.userName, AccessKeyId: key.accessKeyId, Status: key.status, CreateDate: key.createDate })),
    );
    const result = page(context, keys, input, input.UserName ?? null);
    return { AccessKeyMetadata: result.items, IsTruncated: result.IsTruncated, Marker: result.Marker };
  },
};
