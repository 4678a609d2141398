// Resource kinds of the demo organization and the configuration items Config records for them. Field names
// follow AWS Config's ConfigurationItem (GetResourceConfigHistory) and each service's recorded schema; the
// contents agree with the resource's failing facts, so an unencrypted volume really says "encrypted": false.

import { LOG_ARCHIVE_ACCOUNT_ID, type DemoAccount } from './organization';
import { Random } from './random';
import type { ResourceTraits } from './rules';

export type ResourceTypeName =
  | 'AWS::S3::Bucket'
  | 'AWS::IAM::User'
  | 'AWS::IAM::Role'
  | 'AWS::IAM::Policy'
  | 'AWS::EC2::SecurityGroup'
  | 'AWS::EC2::VPC'
  | 'AWS::EC2::Volume'
  | 'AWS::RDS::DBInstance'
  | 'AWS::CloudTrail::Trail'
  | 'AWS::KMS::Key'
  | 'AWS::ElasticLoadBalancingV2::LoadBalancer'
  | 'AWS::::Account';

export interface BuildContext {
  rng: Random;
  account: DemoAccount;
  region: string;
  index: number;
  /** When the resource was created (ISO-8601). */
  createdAt: string;
  /** Whether the resource fails the named fact. */
  fails(fact: string): boolean;
  /** Extra tags (hostile values) to attach, and a hostile display name when set. */
  extraTags: Record<string, string>;
  hostileName?: string;
}

export interface Relationship {
  resourceType: string;
  resourceId: string;
  resourceName?: string;
  relationshipName: string;
}

export interface BuiltResource {
  resourceId: string;
  resourceName?: string;
  arn: string;
  /** "global" for IAM, as Config records it. */
  awsRegion: string;
  availabilityZone: string;
  tags: Record<string, string>;
  relationships: Relationship[];
  configuration: Record<string, unknown>;
  supplementaryConfiguration: Record<string, unknown>;
  traits: ResourceTraits;
}

export interface ResourceKind {
  type: ResourceTypeName;
  /** Base probability that a resource fails each fact, before the account's environment factor. */
  facts: Readonly<Record<string, number>>;
  /** Failing the first fact implies failing the second (a public bucket cannot have Block Public Access on). */
  implies?: readonly (readonly [string, string])[];
  /** Resources per account × region at unit scale. */
  weight: number;
  /** IAM is global: recorded once, in the home region. */
  homeRegionOnly?: boolean;
  build(ctx: BuildContext): BuiltResource;
}

const urlEncodedJson = (value: unknown): string => encodeURIComponent(JSON.stringify(value));

const canonicalUserIds = new Map<string, string>();
/** The S3 canonical user id of an account: the same in every bucket it owns. */
function canonicalUserId(accountId: string): string {
  let id = canonicalUserIds.get(accountId);
  if (id === undefined) {
    id = new Random('canonical-user', accountId).hex(64);
    canonicalUserIds.set(accountId, id);
  }
  return id;
}

function baseTags(ctx: BuildContext, name?: string): Record<string, string> {
  const tags: Record<string, string> = { Environment: ctx.account.environment };
  if (name) tags.Name = name;
  if (!ctx.fails('missingOwnerTags')) {
    tags.Owner = `${ctx.account.name.split('-')[0]}-team@example.com`;
    tags.CostCenter = `CC-${1000 + (ctx.index % 37) * 7}`;
  }
  return { ...tags, ...ctx.extraTags };
}

function tagList(tags: Record<string, string>): { key: string; value: string }[] {
  return Object.entries(tags).map(([key, value]) => ({ key, value }));
}

const BUCKET_PURPOSES = [
  'artifacts', 'access-logs', 'backups', 'static-assets', 'data-lake-raw', 'data-lake-curated', 'terraform-state',
  'exports', 'invoices', 'media', 'reports', 'athena-results',
];

const s3Bucket: ResourceKind = {
  type: 'AWS::S3::Bucket',
  weight: 4,
  facts: {
    publicRead: 0.04, publicWrite: 0.015, publicAccessBlock: 0.12, sse: 0.01, sseKms: 0.55, sslOnly: 0.45,
    logging: 0.4, versioning: 0.3, replication: 0.75, objectLock: 0.9, mfaDelete: 0.93, aclsEnabled: 0.25,
    foreignGrantee: 0.05, permissivePolicy: 0.08, blockedActions: 0.04, missingOwnerTags: 0.3,
  },
  implies: [
    ['publicRead', 'publicAccessBlock'], ['publicWrite', 'publicAccessBlock'], ['sse', 'sseKms'],
    ['versioning', 'mfaDelete'], ['versioning', 'replication'], ['publicRead', 'permissivePolicy'],
  ],
  build(ctx) {
    const { account, region, index, rng } = ctx;
    const purpose = BUCKET_PURPOSES[index % BUCKET_PURPOSES.length];
    const round = Math.floor(index / BUCKET_PURPOSES.length);
    const name = `${account.name}-${purpose}-${region}${round ? `-${round}` : ''}`;
    const tags = baseTags(ctx);
    const owner = { displayName: null, id: canonicalUserId(account.id) };
    const kmsKeyId = `arn:aws:kms:${region}:${account.id}:key/${rng.uuid()}`;
    const statements: Record<string, unknown>[] = [];
    if (!ctx.fails('sslOnly')) {
      statements.push({
        Sid: 'DenyInsecureTransport', Effect: 'Deny', Principal: '*', Action: 's3:*',
        Resource: [`arn:aws:s3:::${name}`, `arn:aws:s3:::${name}/*`],
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      });
    }
    if (ctx.fails('publicRead')) {
      statements.push({ Sid: 'PublicRead', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `arn:aws:s3:::${name}/*` });
    }
    if (ctx.fails('publicWrite')) {
      statements.push({ Sid: 'PublicUpload', Effect: 'Allow', Principal: '*', Action: 's3:PutObject', Resource: `arn:aws:s3:::${name}/*` });
    }
    if (ctx.fails('foreignGrantee') || ctx.fails('blockedActions')) {
      statements.push({
        Sid: 'PartnerAccess', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::999988887777:root' },
        Action: ctx.fails('blockedActions') ? ['s3:GetObject', 's3:DeleteBucket', 's3:DeleteObject'] : ['s3:GetObject'],
        Resource: [`arn:aws:s3:::${name}`, `arn:aws:s3:::${name}/*`],
      });
    }
    const blockAll = !ctx.fails('publicAccessBlock');
    return {
      resourceId: name,
      resourceName: name,
      arn: `arn:aws:s3:::${name}`,
      awsRegion: region,
      availabilityZone: 'Regional',
      tags,
      relationships: [],
      configuration: {
        name,
        owner,
        creationDate: ctx.createdAt,
      },
      supplementaryConfiguration: {
        AccessControlList: JSON.stringify({
          grantSet: null,
          grantList: ctx.fails('aclsEnabled')
            ? [{ grantee: owner, permission: 'FullControl' }, { grantee: 'AllUsers', permission: ctx.fails('publicRead') ? 'Read' : 'ReadAcp' }]
            : [{ grantee: owner, permission: 'FullControl' }],
          owner,
          isRequesterCharged: false,
        }),
        BucketAccelerateConfiguration: {},
        BucketLoggingConfiguration: ctx.fails('logging')
          ? {}
          : { destinationBucketName: `${account.name}-access-logs-${region}`, logFilePrefix: `${name}/` },
        BucketNotificationConfiguration: { configurations: {} },
        BucketPolicy: { policyText: statements.length ? JSON.stringify({ Version: '2012-10-17', Statement: statements }) : null },
        BucketVersioningConfiguration: {
          status: ctx.fails('versioning') ? 'Off' : 'Enabled',
          isMfaDeleteEnabled: !ctx.fails('mfaDelete'),
        },
        IsRequesterPaysEnabled: false,
        ...(ctx.fails('sse')
          ? {}
          : {
              ServerSideEncryptionConfiguration: {
                rules: [{
                  applyServerSideEncryptionByDefault: ctx.fails('sseKms')
                    ? { sseAlgorithm: 'AES256', kmsMasterKeyID: null }
                    : { sseAlgorithm: 'aws:kms', kmsMasterKeyID: kmsKeyId },
                  bucketKeyEnabled: !ctx.fails('sseKms'),
                }],
              },
            }),
        PublicAccessBlockConfiguration: {
          blockPublicAcls: blockAll, ignorePublicAcls: blockAll, blockPublicPolicy: blockAll, restrictPublicBuckets: blockAll,
        },
        BucketOwnershipControls: { ownershipControls: { rules: [{ ownership: ctx.fails('aclsEnabled') ? 'ObjectWriter' : 'BucketOwnerEnforced' }] } },
        ...(ctx.fails('objectLock') ? {} : { ObjectLockConfiguration: { objectLockEnabled: 'Enabled', rule: { defaultRetention: { mode: 'GOVERNANCE', days: 30 } } } }),
        ...(ctx.fails('replication')
          ? {}
          : {
              BucketReplicationConfiguration: {
                roleARN: `arn:aws:iam::${account.id}:role/s3-replication`,
                rules: [{ id: 'replicate-all', priority: 1, status: 'Enabled', destinationConfig: { bucketARN: `arn:aws:s3:::${name}-replica` } }],
              },
            }),
        BucketTaggingConfiguration: { tagSets: [{ tags }] },
      },
      traits: {},
    };
  },
};

const iamUser: ResourceKind = {
  type: 'AWS::IAM::User',
  weight: 2,
  homeRegionOnly: true,
  facts: { mfa: 0.2, staleAccessKey: 0.3, unusedCredentials: 0.2, directPolicies: 0.35, noGroup: 0.2, inlinePolicy: 0.25 },
  implies: [['noGroup', 'directPolicies']],
  build(ctx) {
    const { account, index, rng } = ctx;
    const people = ['alice', 'bob', 'carol', 'dmitri', 'emeka', 'fatima', 'gwen', 'hiro', 'ines', 'jamal', 'kenji', 'lena'];
    const isHuman = index % 3 !== 2;
    const base = isHuman ? people[index % people.length] : `svc-${['ci-deploy', 'backup-agent', 'reporting', 'legacy-ftp'][index % 4]}`;
    const userName = `${base}${index >= people.length ? `-${index}` : ''}`;
    const userId = `AIDA${rng.upperAlnum(17)}`;
    const hasConsolePassword = isHuman;
    return {
      resourceId: userId,
      resourceName: userName,
      arn: `arn:aws:iam::${account.id}:user/${userName}`,
      awsRegion: 'global',
      availabilityZone: 'Not Applicable',
      tags: ctx.extraTags,
      relationships: ctx.fails('noGroup') ? [] : [{ resourceType: 'AWS::IAM::Group', resourceId: `AGPA${rng.upperAlnum(17)}`, resourceName: isHuman ? 'engineers' : 'automation', relationshipName: 'Is attached to Group' }],
      configuration: {
        path: '/',
        userName,
        userId,
        arn: `arn:aws:iam::${account.id}:user/${userName}`,
        createDate: ctx.createdAt,
        userPolicyList: ctx.fails('inlinePolicy')
          ? [{ policyName: 'inline-s3-access', policyDocument: urlEncodedJson({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: '*' }] }) }]
          : [],
        groupList: ctx.fails('noGroup') ? [] : [isHuman ? 'engineers' : 'automation'],
        attachedManagedPolicies: ctx.fails('directPolicies')
          ? [{ policyName: 'PowerUserAccess', policyArn: 'arn:aws:iam::aws:policy/PowerUserAccess' }]
          : [],
        permissionsBoundary: null,
        tags: tagList(ctx.extraTags),
      },
      supplementaryConfiguration: {},
      traits: { hasConsolePassword },
    };
  },
};

const iamRole: ResourceKind = {
  type: 'AWS::IAM::Role',
  weight: 6,
  homeRegionOnly: true,
  facts: { inlinePolicy: 0.3 },
  build(ctx) {
    const { account, index, rng } = ctx;
    const services = ['lambda', 'ec2', 'ecs-tasks', 'glue', 'states', 'codebuild'];
    const service = services[index % services.length];
    const roleName = ctx.hostileName ?? `${account.name.split('-')[0]}-${service}-role-${index}`;
    const roleId = `AROA${rng.upperAlnum(17)}`;
    return {
      resourceId: roleId,
      resourceName: roleName,
      arn: `arn:aws:iam::${account.id}:role/${roleName}`,
      awsRegion: 'global',
      availabilityZone: 'Not Applicable',
      tags: ctx.extraTags,
      relationships: [{ resourceType: 'AWS::IAM::Policy', resourceId: `ANPA${rng.upperAlnum(17)}`, resourceName: `${service}-app-access`, relationshipName: 'Is attached to CustomerManagedPolicy' }],
      configuration: {
        path: '/',
        roleName,
        roleId,
        arn: `arn:aws:iam::${account.id}:role/${roleName}`,
        createDate: ctx.createdAt,
        assumeRolePolicyDocument: urlEncodedJson({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { Service: `${service}.amazonaws.com` }, Action: 'sts:AssumeRole' }],
        }),
        instanceProfileList: [],
        rolePolicyList: ctx.fails('inlinePolicy')
          ? [{ policyName: 'inline-kms-decrypt', policyDocument: urlEncodedJson({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*' }] }) }]
          : [],
        attachedManagedPolicies: [{ policyArn: `arn:aws:iam::${account.id}:policy/${service}-app-access`, policyName: `${service}-app-access` }],
        permissionsBoundary: null,
        tags: tagList(ctx.extraTags),
        roleLastUsed: { lastUsedDate: ctx.createdAt, region: 'us-east-1' },
      },
      supplementaryConfiguration: {},
      traits: {},
    };
  },
};

const iamPolicy: ResourceKind = {
  type: 'AWS::IAM::Policy',
  weight: 2,
  homeRegionOnly: true,
  facts: { adminStatement: 0.08, fullServiceAccess: 0.25 },
  implies: [['adminStatement', 'fullServiceAccess']],
  build(ctx) {
    const { account, index, rng } = ctx;
    const policyName = `${['app', 'data', 'ops', 'ci'][index % 4]}-access-${index}`;
    const policyId = `ANPA${rng.upperAlnum(17)}`;
    const statements: Record<string, unknown>[] = [{ Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: '*' }];
    if (ctx.fails('fullServiceAccess')) statements.push({ Effect: 'Allow', Action: 's3:*', Resource: '*' });
    if (ctx.fails('adminStatement')) statements.push({ Effect: 'Allow', Action: '*', Resource: '*' });
    return {
      resourceId: policyId,
      resourceName: policyName,
      arn: `arn:aws:iam::${account.id}:policy/${policyName}`,
      awsRegion: 'global',
      availabilityZone: 'Not Applicable',
      tags: ctx.extraTags,
      relationships: [],
      configuration: {
        policyName,
        policyId,
        arn: `arn:aws:iam::${account.id}:policy/${policyName}`,
        path: '/',
        defaultVersionId: 'v1',
        attachmentCount: rng.int(0, 6),
        permissionsBoundaryUsageCount: 0,
        isAttachable: true,
        createDate: ctx.createdAt,
        updateDate: ctx.createdAt,
        policyVersionList: [{ document: urlEncodedJson({ Version: '2012-10-17', Statement: statements }), versionId: 'v1', isDefaultVersion: true, createDate: ctx.createdAt }],
      },
      supplementaryConfiguration: {},
      traits: {},
    };
  },
};

function ipPermission(fromPort: number, toPort: number, cidr: string, description: string): Record<string, unknown> {
  return {
    fromPort, toPort, ipProtocol: 'tcp', ipv6Ranges: [], prefixListIds: [], userIdGroupPairs: [],
    ipv4Ranges: [{ cidrIp: cidr, description }], ipRanges: [cidr],
  };
}

const securityGroup: ResourceKind = {
  type: 'AWS::EC2::SecurityGroup',
  weight: 5,
  facts: { openSsh: 0.1, openCommonPorts: 0.06, unauthorizedOpenPort: 0.18, openRestrictedPort: 0.1, defaultOpen: 0.5, noChangeTicket: 0.3 },
  implies: [['openSsh', 'unauthorizedOpenPort'], ['openSsh', 'openRestrictedPort'], ['openCommonPorts', 'unauthorizedOpenPort']],
  build(ctx) {
    const { account, region, index, rng } = ctx;
    const isDefault = index === 0;
    const groupId = `sg-${rng.hex(17)}`;
    const vpcId = `vpc-${rng.hex(17)}`;
    const groupName = ctx.hostileName ?? (isDefault ? 'default' : `${['web', 'app', 'db', 'bastion', 'batch', 'cache'][index % 6]}-sg-${index}`);
    const ingress: Record<string, unknown>[] = [ipPermission(443, 443, '10.0.0.0/8', 'internal https')];
    if (ctx.fails('openSsh')) ingress.push(ipPermission(22, 22, '0.0.0.0/0', 'temporary ssh'));
    if (ctx.fails('openCommonPorts')) ingress.push(ipPermission(3389, 3389, '0.0.0.0/0', 'rdp'));
    if (ctx.fails('unauthorizedOpenPort') && !ctx.fails('openSsh')) ingress.push(ipPermission(8080, 8080, '0.0.0.0/0', 'app'));
    const defaultRules = isDefault && ctx.fails('defaultOpen');
    const tags = baseTags(ctx, isDefault ? undefined : groupName);
    if (!ctx.fails('noChangeTicket')) tags.ChangeTicket = `CHG${String(100000 + index * 7919 % 900000)}`;
    return {
      resourceId: groupId,
      resourceName: groupName,
      arn: `arn:aws:ec2:${region}:${account.id}:security-group/${groupId}`,
      awsRegion: region,
      availabilityZone: 'Not Applicable',
      tags,
      relationships: [{ resourceType: 'AWS::EC2::VPC', resourceId: vpcId, relationshipName: 'Is contained in Vpc' }],
      configuration: {
        description: isDefault ? 'default VPC security group' : `Managed by Terraform (${groupName})`,
        groupName,
        ipPermissions: isDefault && !defaultRules ? [] : ingress,
        ownerId: account.id,
        groupId,
        ipPermissionsEgress: isDefault && !defaultRules
          ? []
          : [{ ipProtocol: '-1', ipv6Ranges: [], prefixListIds: [], userIdGroupPairs: [], ipv4Ranges: [{ cidrIp: '0.0.0.0/0' }], ipRanges: ['0.0.0.0/0'] }],
        tags: tagList(tags),
        vpcId,
      },
      supplementaryConfiguration: {},
      traits: { isDefault },
    };
  },
};

const vpc: ResourceKind = {
  type: 'AWS::EC2::VPC',
  weight: 1,
  facts: { noFlowLogs: 0.35 },
  build(ctx) {
    const { account, region, index, rng } = ctx;
    const vpcId = `vpc-${rng.hex(17)}`;
    const isDefault = index === 0;
    const cidrBlock = isDefault ? '172.31.0.0/16' : `10.${(index * 16) % 256}.0.0/16`;
    return {
      resourceId: vpcId,
      arn: `arn:aws:ec2:${region}:${account.id}:vpc/${vpcId}`,
      awsRegion: region,
      availabilityZone: 'Multiple Availability Zones',
      tags: baseTags(ctx, isDefault ? undefined : `${account.name}-vpc-${index}`),
      relationships: [],
      configuration: {
        cidrBlock,
        dhcpOptionsId: `dopt-${rng.hex(17)}`,
        state: 'available',
        vpcId,
        ownerId: account.id,
        instanceTenancy: 'default',
        ipv6CidrBlockAssociationSet: [],
        cidrBlockAssociationSet: [{ associationId: `vpc-cidr-assoc-${rng.hex(17)}`, cidrBlock, cidrBlockState: { state: 'associated' } }],
        isDefault,
      },
      supplementaryConfiguration: {},
      traits: { isDefault },
    };
  },
};

const volume: ResourceKind = {
  type: 'AWS::EC2::Volume',
  weight: 6,
  facts: { unencrypted: 0.15, notInBackupPlan: 0.35, missingOwnerTags: 0.3 },
  build(ctx) {
    const { account, region, rng } = ctx;
    const volumeId = `vol-${rng.hex(17)}`;
    const instanceId = `i-${rng.hex(17)}`;
    const attached = rng.chance(0.85);
    const availabilityZone = `${region}${rng.pick(['a', 'b', 'c'])}`;
    const encrypted = !ctx.fails('unencrypted');
    const tags = baseTags(ctx);
    return {
      resourceId: volumeId,
      arn: `arn:aws:ec2:${region}:${account.id}:volume/${volumeId}`,
      awsRegion: region,
      availabilityZone,
      tags,
      relationships: attached ? [{ resourceType: 'AWS::EC2::Instance', resourceId: instanceId, relationshipName: 'Is attached to Instance' }] : [],
      configuration: {
        attachments: attached
          ? [{ attachTime: ctx.createdAt, device: '/dev/xvda', instanceId, state: 'attached', volumeId, deleteOnTermination: true }]
          : [],
        availabilityZone,
        createTime: ctx.createdAt,
        encrypted,
        kmsKeyId: encrypted ? `arn:aws:kms:${region}:${account.id}:key/${rng.uuid()}` : null,
        outpostArn: null,
        size: rng.pick([8, 20, 50, 100, 200, 500]),
        snapshotId: '',
        state: attached ? 'in-use' : 'available',
        volumeId,
        iops: 3000,
        tags: tagList(tags),
        volumeType: 'gp3',
        fastRestored: null,
        multiAttachEnabled: false,
        throughput: 125,
      },
      supplementaryConfiguration: {},
      traits: { attached },
    };
  },
};

const RDS_ENGINES = [
  { engine: 'postgres', version: '15.5', port: 5432, logs: ['postgresql', 'upgrade'] },
  { engine: 'mysql', version: '8.0.35', port: 3306, logs: ['error', 'general', 'slowquery'] },
  { engine: 'sqlserver-se', version: '15.00.4345.5.v1', port: 1433, logs: ['error', 'agent'] },
  { engine: 'oracle-ee', version: '19.0.0.0.ru-2024-01.rur-2024-01.r1', port: 1521, logs: ['alert', 'listener'] },
] as const;

const rdsInstance: ResourceKind = {
  type: 'AWS::RDS::DBInstance',
  weight: 1.5,
  facts: {
    unencrypted: 0.08, public: 0.04, singleAz: 0.45, noBackups: 0.06, noDeletionProtection: 0.4, noIamAuth: 0.6,
    noLogExports: 0.45, notInBackupPlan: 0.3, missingOwnerTags: 0.25,
  },
  build(ctx) {
    const { account, region, index, rng } = ctx;
    const engine = RDS_ENGINES[rng.int(0, 9) < 6 ? rng.int(0, 1) : rng.int(2, 3)];
    const identifier = `${account.name.split('-')[0]}-${['orders', 'ledger', 'catalog', 'sessions', 'analytics'][index % 5]}-db-${index}`;
    const resourceId = `db-${rng.upperAlnum(26)}`;
    const availabilityZone = `${region}${rng.pick(['a', 'b'])}`;
    const encrypted = !ctx.fails('unencrypted');
    const tags = baseTags(ctx);
    return {
      resourceId,
      resourceName: identifier,
      arn: `arn:aws:rds:${region}:${account.id}:db:${identifier}`,
      awsRegion: region,
      availabilityZone,
      tags,
      relationships: [{ resourceType: 'AWS::EC2::SecurityGroup', resourceId: `sg-${rng.hex(17)}`, relationshipName: 'Is associated with SecurityGroup' }],
      configuration: {
        dBInstanceIdentifier: identifier,
        dBInstanceClass: rng.pick(['db.t3.medium', 'db.r6g.large', 'db.m6i.xlarge']),
        engine: engine.engine,
        dBInstanceStatus: 'available',
        masterUsername: engine.engine === 'postgres' ? 'postgres' : 'admin',
        endpoint: { address: `${identifier}.${rng.base36(12)}.${region}.rds.amazonaws.com`, port: engine.port, hostedZoneId: `Z${rng.upperAlnum(13)}` },
        allocatedStorage: rng.pick([20, 100, 500]),
        instanceCreateTime: ctx.createdAt,
        preferredBackupWindow: '03:00-03:30',
        backupRetentionPeriod: ctx.fails('noBackups') ? 0 : rng.pick([7, 14, 35]),
        vpcSecurityGroups: [{ vpcSecurityGroupId: `sg-${rng.hex(17)}`, status: 'active' }],
        dBSubnetGroup: { dBSubnetGroupName: `${account.name}-db-subnets`, vpcId: `vpc-${rng.hex(17)}`, subnetGroupStatus: 'Complete' },
        preferredMaintenanceWindow: 'sun:05:00-sun:05:30',
        multiAZ: !ctx.fails('singleAz'),
        engineVersion: engine.version,
        autoMinorVersionUpgrade: true,
        publiclyAccessible: ctx.fails('public'),
        storageType: 'gp3',
        storageEncrypted: encrypted,
        kmsKeyId: encrypted ? `arn:aws:kms:${region}:${account.id}:key/${rng.uuid()}` : null,
        dbiResourceId: resourceId,
        caCertificateIdentifier: 'rds-ca-rsa2048-g1',
        copyTagsToSnapshot: true,
        iAMDatabaseAuthenticationEnabled: !ctx.fails('noIamAuth'),
        deletionProtection: !ctx.fails('noDeletionProtection'),
        enabledCloudwatchLogsExports: ctx.fails('noLogExports') ? [] : [...engine.logs],
        dBInstanceArn: `arn:aws:rds:${region}:${account.id}:db:${identifier}`,
        tagList: tagList(tags),
      },
      supplementaryConfiguration: {},
      traits: { engine: engine.engine },
    };
  },
};

const cloudTrail: ResourceKind = {
  type: 'AWS::CloudTrail::Trail',
  weight: 0.4,
  facts: { unencrypted: 0.2, noValidation: 0.1, noCloudWatchLogs: 0.3, bucketNotLogged: 0.4, bucketPublic: 0.02 },
  build(ctx) {
    const { account, region, index, rng } = ctx;
    const name = index === 0 ? 'organization-trail' : `${account.name}-trail-${index}`;
    const arn = `arn:aws:cloudtrail:${region}:${account.id}:trail/${name}`;
    const bucketName = `log-archive-cloudtrail-${rng.hex(8)}`;
    return {
      resourceId: name,
      resourceName: name,
      arn,
      awsRegion: region,
      availabilityZone: 'Not Applicable',
      tags: baseTags(ctx),
      relationships: [{ resourceType: 'AWS::S3::Bucket', resourceId: bucketName, resourceName: bucketName, relationshipName: 'Is associated with Bucket' }],
      configuration: {
        name,
        s3BucketName: bucketName,
        s3KeyPrefix: account.id,
        includeGlobalServiceEvents: true,
        isMultiRegionTrail: index === 0,
        homeRegion: region,
        trailARN: arn,
        logFileValidationEnabled: !ctx.fails('noValidation'),
        cloudWatchLogsLogGroupArn: ctx.fails('noCloudWatchLogs') ? null : `arn:aws:logs:${region}:${account.id}:log-group:aws-cloudtrail-logs:*`,
        cloudWatchLogsRoleArn: ctx.fails('noCloudWatchLogs') ? null : `arn:aws:iam::${account.id}:role/CloudTrail-CloudWatchLogs`,
        kmsKeyId: ctx.fails('unencrypted') ? null : `arn:aws:kms:${region}:${LOG_ARCHIVE_ACCOUNT_ID}:key/${rng.uuid()}`,
        hasCustomEventSelectors: false,
        hasInsightSelectors: false,
        isOrganizationTrail: index === 0,
      },
      supplementaryConfiguration: {
        TrailStatus: { isLogging: true, latestDeliveryTime: ctx.createdAt },
      },
      traits: {},
    };
  },
};

const kmsKey: ResourceKind = {
  type: 'AWS::KMS::Key',
  weight: 2,
  facts: { noRotation: 0.3, pendingDeletion: 0.03, publicPolicy: 0.02 },
  build(ctx) {
    const { account, region, rng } = ctx;
    const keyId = rng.uuid();
    const keyManager = rng.chance(0.35) ? 'AWS' : 'CUSTOMER';
    const arn = `arn:aws:kms:${region}:${account.id}:key/${keyId}`;
    return {
      resourceId: keyId,
      arn,
      awsRegion: region,
      availabilityZone: 'Not Applicable',
      tags: keyManager === 'CUSTOMER' ? baseTags(ctx) : {},
      relationships: [],
      configuration: {
        aWSAccountId: account.id,
        keyId,
        arn,
        creationDate: ctx.createdAt,
        enabled: !ctx.fails('pendingDeletion'),
        description: keyManager === 'AWS' ? `Default key that protects my ${rng.pick(['EBS', 'RDS', 'S3', 'Lambda'])} data when no other key is defined` : 'Customer managed key for application data',
        keyUsage: 'ENCRYPT_DECRYPT',
        keyState: ctx.fails('pendingDeletion') ? 'PendingDeletion' : 'Enabled',
        ...(ctx.fails('pendingDeletion') ? { deletionDate: ctx.createdAt } : {}),
        origin: 'AWS_KMS',
        keyManager,
        customerMasterKeySpec: 'SYMMETRIC_DEFAULT',
        keySpec: 'SYMMETRIC_DEFAULT',
        encryptionAlgorithms: ['SYMMETRIC_DEFAULT'],
        multiRegion: false,
      },
      supplementaryConfiguration: {
        KeyRotationStatus: keyManager === 'AWS' ? true : !ctx.fails('noRotation'),
        KeyPolicy: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            { Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${account.id}:root` }, Action: 'kms:*', Resource: '*' },
            ...(keyManager === 'CUSTOMER' && ctx.fails('publicPolicy') ? [{ Sid: 'AllowAll', Effect: 'Allow', Principal: '*', Action: 'kms:Decrypt', Resource: '*' }] : []),
          ],
        }),
      },
      traits: { keyManager },
    };
  },
};

const loadBalancer: ResourceKind = {
  type: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
  weight: 1.5,
  facts: { noDeletionProtection: 0.45, noAccessLogs: 0.35, keepsInvalidHeaders: 0.6, noHttpsRedirect: 0.2, noWaf: 0.5, singleAz: 0.05 },
  build(ctx) {
    const { account, region, index, rng } = ctx;
    const lbType = rng.chance(0.8) ? 'application' : 'network';
    const name = `${account.name.split('-')[0]}-${lbType === 'application' ? 'alb' : 'nlb'}-${index}`;
    const arn = `arn:aws:elasticloadbalancing:${region}:${account.id}:loadbalancer/${lbType === 'application' ? 'app' : 'net'}/${name}/${rng.hex(16)}`;
    const zones = ctx.fails('singleAz') ? ['a'] : ['a', 'b', 'c'];
    const attribute = (key: string, value: boolean | string): { key: string; value: string } => ({ key, value: String(value) });
    return {
      resourceId: arn,
      resourceName: name,
      arn,
      awsRegion: region,
      availabilityZone: 'Multiple Availability Zones',
      tags: baseTags(ctx),
      relationships: [{ resourceType: 'AWS::EC2::VPC', resourceId: `vpc-${rng.hex(17)}`, relationshipName: 'Is contained in Vpc' }],
      configuration: {
        loadBalancerArn: arn,
        dNSName: `${name}-${rng.int(100000000, 999999999)}.${region}.elb.amazonaws.com`,
        canonicalHostedZoneId: `Z${rng.upperAlnum(13)}`,
        createdTime: ctx.createdAt,
        loadBalancerName: name,
        scheme: rng.chance(0.6) ? 'internet-facing' : 'internal',
        vpcId: `vpc-${rng.hex(17)}`,
        state: { code: 'active' },
        type: lbType,
        availabilityZones: zones.map((zone) => ({ zoneName: `${region}${zone}`, subnetId: `subnet-${rng.hex(17)}`, loadBalancerAddresses: [] })),
        securityGroups: lbType === 'application' ? [`sg-${rng.hex(17)}`] : [],
        ipAddressType: 'ipv4',
      },
      supplementaryConfiguration: {
        LoadBalancerAttributes: [
          attribute('deletion_protection.enabled', !ctx.fails('noDeletionProtection')),
          attribute('access_logs.s3.enabled', !ctx.fails('noAccessLogs')),
          attribute('access_logs.s3.bucket', ctx.fails('noAccessLogs') ? '' : `${account.name}-access-logs-${region}`),
          ...(lbType === 'application'
            ? [
                attribute('routing.http.drop_invalid_header_fields.enabled', !ctx.fails('keepsInvalidHeaders')),
                attribute('routing.http.desync_mitigation_mode', 'defensive'),
                attribute('waf.fail_open.enabled', false),
              ]
            : [attribute('load_balancing.cross_zone.enabled', true)]),
        ],
        Listeners: lbType === 'application'
          ? [
              { port: 443, protocol: 'HTTPS', sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06' },
              { port: 80, protocol: 'HTTP', defaultActions: [ctx.fails('noHttpsRedirect') ? { type: 'forward' } : { type: 'redirect', redirectConfig: { protocol: 'HTTPS', port: '443', statusCode: 'HTTP_301' } }] },
            ]
          : [{ port: 443, protocol: 'TLS' }],
        WebACLArn: lbType === 'application' && !ctx.fails('noWaf') ? `arn:aws:wafv2:${region}:${account.id}:regional/webacl/edge-protection/${rng.uuid()}` : null,
      },
      traits: { lbType },
    };
  },
};

/** Account-wide facts; AWS::::Account findings carry the rule's evaluation result as evidence, not a configuration item. */
export const ACCOUNT_FACTS: Readonly<Record<string, number>> = {
  weakPasswordPolicy: 0.3, rootAccessKey: 0.04, rootNoMfa: 0.06, rootNoHardwareMfa: 0.5, noTrail: 0.02,
  noMultiRegionTrail: 0.08, noSecurityTrail: 0.3, noS3DataEvents: 0.7, ebsDefaultUnencrypted: 0.4, noGuardDuty: 0.08,
  noSecurityHub: 0.12, noAccountPublicAccessBlock: 0.2, publicSnapshot: 0.03, noAccessAnalyzer: 0.35,
};
/** Facts that hold for the whole account (IAM and the root user are global); the rest vary by region. */
export const GLOBAL_ACCOUNT_FACTS: ReadonlySet<string> = new Set([
  'weakPasswordPolicy', 'rootAccessKey', 'rootNoMfa', 'rootNoHardwareMfa', 'noAccountPublicAccessBlock',
]);

export const RESOURCE_KINDS: readonly ResourceKind[] = [
  s3Bucket, iamUser, iamRole, iamPolicy, securityGroup, vpc, volume, rdsInstance, cloudTrail, kmsKey, loadBalancer,
];
