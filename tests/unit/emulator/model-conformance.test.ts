// Every operation the emulator implements is called with the real AWS SDK client (proving the SDK parses it), and
// the raw response is validated against the official model (the botocore model where the project holds one, else
// the schema the SDK client embeds): members, types, enums, required members, error codes and pagination tokens.
// The emulator must not drift from real AWS.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as ConfigSdk from '@aws-sdk/client-config-service';
import * as OrganizationsSdk from '@aws-sdk/client-organizations';
import * as StsSdk from '@aws-sdk/client-sts';
import * as IamSdk from '@aws-sdk/client-iam';
import * as SupportSdk from '@aws-sdk/client-support';
import * as TrustedAdvisorSdk from '@aws-sdk/client-trustedadvisor';
import * as Ec2Sdk from '@aws-sdk/client-ec2';
import * as GuardDutySdk from '@aws-sdk/client-guardduty';
import * as AccessAnalyzerSdk from '@aws-sdk/client-accessanalyzer';
import * as S3ControlSdk from '@aws-sdk/client-s3-control';
import * as CloudTrailSdk from '@aws-sdk/client-cloudtrail';
import * as RdsSdk from '@aws-sdk/client-rds';
import * as BackupSdk from '@aws-sdk/client-backup';
import { startEmulator, type Emulator } from '../../emulator/server';
import { loadModel, loadPaginators, type ModelledService } from '../../emulator/model';
import { configHandlers } from '../../emulator/services/config';
import { organizationsHandlers } from '../../emulator/services/organizations';
import { stsHandlers } from '../../emulator/services/sts';
import { iamHandlers } from '../../emulator/services/iam';
import { supportHandlers } from '../../emulator/services/support';
import { ec2Handlers } from '../../emulator/services/ec2';
import { trustedAdvisorRoutes } from '../../emulator/services/trustedadvisor';
import { guardDutyRoutes } from '../../emulator/services/guardduty';
import { accessAnalyzerRoutes } from '../../emulator/services/accessanalyzer';
import { s3ControlRoutes } from '../../emulator/services/s3control';
import { cloudTrailHandlers } from '../../emulator/services/cloudtrail';
import { rdsHandlers } from '../../emulator/services/rds';
import { backupRoutes } from '../../emulator/services/backup';
import { staticAccessKeyId } from '../../emulator/scenario';
import {
  AUDITOR_ACCESS_KEY_ID,
  AUDITOR_SECRET,
  DEVELOPMENT,
  MANAGEMENT,
  PRODUCTION,
  PRODUCTION_EXTERNAL_ID,
  SECURITY,
  representativeScenario,
} from '../../emulator/scenarios/representative';
import { emulatorClientConfig, RecordingHandler, type Credentials, type Exchange } from './harness';
import { parseXml, validateErrorResponse, validateJsonOutput, validatePaginationTokens, validateQueryOutput } from './model-validator';
import { SdkSchemaValidator } from './sdk-schema-validator';

const auditor: Credentials = { accessKeyId: AUDITOR_ACCESS_KEY_ID, secretAccessKey: AUDITOR_SECRET };
const securityAuditor: Credentials = { accessKeyId: staticAccessKeyId(SECURITY, 'SECA'), secretAccessKey: 'emulator-secret-security' };
const developer: Credentials = { accessKeyId: staticAccessKeyId(DEVELOPMENT, 'DEVU'), secretAccessKey: 'emulator-secret-developer' };

const TOKEN_NAMES = ['NextToken', 'nextToken', 'Marker'];

let emulator: Emulator;
const recorder = new RecordingHandler();
/** service:operation pairs whose successful response was validated. */
const validatedSuccesses = new Set<string>();

/**
 * Services without a botocore model in the project: validated against the schemas their SDK client embeds,
 * generated from the official Smithy models (sdk-schema-validator.ts).
 */
const SDK_SCHEMAS: Record<string, SdkSchemaValidator> = {
  ec2: new SdkSchemaValidator(Ec2Sdk, '@aws-sdk/client-ec2', 'ec2-query'),
  guardduty: new SdkSchemaValidator(GuardDutySdk, '@aws-sdk/client-guardduty', 'rest-json'),
  'access-analyzer': new SdkSchemaValidator(AccessAnalyzerSdk, '@aws-sdk/client-accessanalyzer', 'rest-json'),
  s3: new SdkSchemaValidator(S3ControlSdk, '@aws-sdk/client-s3-control', 'rest-xml'),
  cloudtrail: new SdkSchemaValidator(CloudTrailSdk, '@aws-sdk/client-cloudtrail', 'json'),
  rds: new SdkSchemaValidator(RdsSdk, '@aws-sdk/client-rds', 'aws-query'),
  backup: new SdkSchemaValidator(BackupSdk, '@aws-sdk/client-backup', 'rest-json'),
};

/** Validate the raw exchange of the last call against the model; returns the problems found. */
function validateLast(service: string, operation: string, exchange: Exchange): string[] {
  const sdkSchema = SDK_SCHEMAS[service];
  if (sdkSchema) return exchange.status >= 300 ? sdkSchema.validateError(exchange.status, exchange.body, exchange.headers) : sdkSchema.validateOutput(operation, exchange.body);
  const modelled = service as ModelledService;
  const model = loadModel(modelled);
  if (exchange.status >= 300) return validateErrorResponse(model, service, operation, exchange.status, exchange.body, exchange.headers);
  const problems = model.metadata.protocol === 'query' ? validateQueryOutput(model, operation, exchange.body) : validateJsonOutput(model, operation, exchange.body);
  if (model.metadata.protocol !== 'query') {
    problems.push(...validatePaginationTokens(loadPaginators(modelled), operation, JSON.parse(exchange.body) as Record<string, unknown>, TOKEN_NAMES));
  } else {
    const result = parseXml(exchange.body).children.find((child) => child.name.endsWith('Result'));
    const members = Object.fromEntries((result?.children ?? []).map((child) => [child.name, child.text]));
    problems.push(...validatePaginationTokens(loadPaginators(modelled), operation, members, TOKEN_NAMES));
  }
  return problems;
}

async function call<T>(service: string, operation: string, send: () => Promise<T>): Promise<T> {
  const output = await send();
  const problems = validateLast(service, operation, recorder.last());
  expect(problems, `${service}:${operation} response drifts from the model`).toEqual([]);
  validatedSuccesses.add(`${service}:${operation}`);
  return output;
}

async function callExpectingError(service: string, operation: string, code: string, send: () => Promise<unknown>): Promise<void> {
  const error = await send().then(
    () => undefined,
    (thrown: unknown) => thrown as Error,
  );
  expect(error?.name, `${service}:${operation} should fail with ${code}`).toBe(code);
  const problems = validateLast(service, operation, recorder.last());
  expect(problems, `${service}:${operation} error drifts from the model`).toEqual([]);
}

function clients(credentials: Credentials, region = 'us-east-1') {
  const config = emulatorClientConfig(emulator.url, credentials, region, recorder);
  return {
    config: new ConfigSdk.ConfigServiceClient(config),
    organizations: new OrganizationsSdk.OrganizationsClient(config),
    sts: new StsSdk.STSClient(config),
    iam: new IamSdk.IAMClient(config),
    support: new SupportSdk.SupportClient(config),
    trustedAdvisor: new TrustedAdvisorSdk.TrustedAdvisorClient(config),
    ec2: new Ec2Sdk.EC2Client(config),
    guardDuty: new GuardDutySdk.GuardDutyClient(config),
    accessAnalyzer: new AccessAnalyzerSdk.AccessAnalyzerClient(config),
    cloudTrail: new CloudTrailSdk.CloudTrailClient(config),
    rds: new RdsSdk.RDSClient(config),
    backup: new BackupSdk.BackupClient(config),
    // S3 Control's endpoint rules put the account id in the host name, which a loopback IP cannot take.
    s3Control: new S3ControlSdk.S3ControlClient({ ...config, endpointProvider: () => ({ url: new URL(emulator.url) }) }),
  };
}

beforeAll(async () => {
  emulator = await startEmulator({ scenario: representativeScenario() });
});

afterAll(async () => {
  recorder.destroy();
  await emulator.stop();
});

describe('emulator responses conform to the official AWS models', () => {
  it('STS: GetCallerIdentity and AssumeRole, and AssumeRole refusals', async () => {
    const { sts } = clients(auditor);
    const identity = await call('sts', 'GetCallerIdentity', () => sts.send(new StsSdk.GetCallerIdentityCommand({})));
    expect(identity.Arn).toBe(`arn:aws:iam::${MANAGEMENT}:user/auditor`);
    const roleArn = `arn:aws:iam::${PRODUCTION}:role/TriadAuditor`;
    const assumed = await call('sts', 'AssumeRole', () =>
      sts.send(new StsSdk.AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'triad-auditor', ExternalId: PRODUCTION_EXTERNAL_ID })),
    );
    expect(assumed.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${PRODUCTION}:assumed-role/TriadAuditor/triad-auditor`);
    await callExpectingError('sts', 'AssumeRole', 'AccessDenied', () => sts.send(new StsSdk.AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'triad-auditor' })));
    await callExpectingError('sts', 'AssumeRole', 'ValidationError', () =>
      sts.send(new StsSdk.AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'triad-auditor', ExternalId: PRODUCTION_EXTERNAL_ID, DurationSeconds: 43200 })),
    );
  });

  it('Organizations: the whole tree, paginated, and refusals for non-administrators', async () => {
    const { organizations } = clients(auditor);
    await call('organizations', 'DescribeOrganization', () => organizations.send(new OrganizationsSdk.DescribeOrganizationCommand({})));
    const roots = await call('organizations', 'ListRoots', () => organizations.send(new OrganizationsSdk.ListRootsCommand({})));
    const rootId = roots.Roots![0].Id!;
    const accountIds: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await call('organizations', 'ListAccounts', () => organizations.send(new OrganizationsSdk.ListAccountsCommand({ MaxResults: 2, NextToken: nextToken })));
      expect(page.Accounts!.length).toBeLessThanOrEqual(2);
      accountIds.push(...page.Accounts!.map((account) => account.Id!));
      nextToken = page.NextToken;
    } while (nextToken);
    expect(accountIds).toHaveLength(5);
    const units = await call('organizations', 'ListOrganizationalUnitsForParent', () => organizations.send(new OrganizationsSdk.ListOrganizationalUnitsForParentCommand({ ParentId: rootId })));
    expect(units.OrganizationalUnits!.map((unit) => unit.Name).sort()).toEqual(['Security', 'Workloads']);
    const parents = await call('organizations', 'ListParents', () => organizations.send(new OrganizationsSdk.ListParentsCommand({ ChildId: PRODUCTION })));
    expect(parents.Parents![0].Type).toBe('ORGANIZATIONAL_UNIT');
    await call('organizations', 'DescribeOrganizationalUnit', () => organizations.send(new OrganizationsSdk.DescribeOrganizationalUnitCommand({ OrganizationalUnitId: parents.Parents![0].Id! })));
    await call('organizations', 'ListAccountsForParent', () => organizations.send(new OrganizationsSdk.ListAccountsForParentCommand({ ParentId: rootId })));
    await callExpectingError('organizations', 'ListAccounts', 'InvalidInputException', () => organizations.send(new OrganizationsSdk.ListAccountsCommand({ NextToken: 'not-a-token' })));
    await callExpectingError('organizations', 'ListParents', 'ChildNotFoundException', () => organizations.send(new OrganizationsSdk.ListParentsCommand({ ChildId: '999999999999' })));
    await callExpectingError('organizations', 'ListAccounts', 'AccessDeniedException', () => clients(developer).organizations.send(new OrganizationsSdk.ListAccountsCommand({})));
  });

  it('EC2: DescribeRegions with opt-in status', async () => {
    const { ec2 } = clients(auditor);
    const all = await call('ec2', 'DescribeRegions', () => ec2.send(new Ec2Sdk.DescribeRegionsCommand({ AllRegions: true })));
    expect(all.Regions!.find((region) => region.RegionName === 'ap-east-1')?.OptInStatus).toBe('not-opted-in');
    const enabled = await call('ec2', 'DescribeRegions', () => ec2.send(new Ec2Sdk.DescribeRegionsCommand({})));
    expect(enabled.Regions!.map((region) => region.RegionName)).toEqual(['us-east-1', 'eu-west-1']);
  });

  it('Config: recorders, channels, rules, compliance and configuration items', async () => {
    const { config } = clients(auditor);
    await call('config', 'DescribeConfigurationRecorders', () => config.send(new ConfigSdk.DescribeConfigurationRecordersCommand({})));
    await call('config', 'DescribeConfigurationRecorderStatus', () => config.send(new ConfigSdk.DescribeConfigurationRecorderStatusCommand({})));
    await call('config', 'DescribeDeliveryChannels', () => config.send(new ConfigSdk.DescribeDeliveryChannelsCommand({})));
    await call('config', 'DescribeDeliveryChannelStatus', () => config.send(new ConfigSdk.DescribeDeliveryChannelStatusCommand({})));
    const rules = await call('config', 'DescribeConfigRules', () => config.send(new ConfigSdk.DescribeConfigRulesCommand({})));
    expect(rules.ConfigRules).toHaveLength(6);
    await call('config', 'DescribeConfigRuleEvaluationStatus', () => config.send(new ConfigSdk.DescribeConfigRuleEvaluationStatusCommand({})));
    const compliance = await call('config', 'DescribeComplianceByConfigRule', () => config.send(new ConfigSdk.DescribeComplianceByConfigRuleCommand({})));
    expect(compliance.ComplianceByConfigRules!.find((rule) => rule.ConfigRuleName === 'encrypted-volumes')?.Compliance?.ComplianceType).toBe('NON_COMPLIANT');

    // A paginated sequence: one result per page until the token runs out.
    const resourceIds: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await call('config', 'GetComplianceDetailsByConfigRule', () =>
        config.send(new ConfigSdk.GetComplianceDetailsByConfigRuleCommand({ ConfigRuleName: 'custom-tagging-policy', Limit: 1, NextToken: nextToken })),
      );
      resourceIds.push(...page.EvaluationResults!.map((result) => result.EvaluationResultIdentifier!.EvaluationResultQualifier!.ResourceId!));
      nextToken = page.NextToken;
    } while (nextToken);
    expect(resourceIds).toHaveLength(3);

    const items = await call('config', 'BatchGetResourceConfig', () =>
      config.send(new ConfigSdk.BatchGetResourceConfigCommand({ resourceKeys: [{ resourceType: 'AWS::EC2::Volume', resourceId: `vol-0${MANAGEMENT.slice(0, 8)}a` }] })),
    );
    expect(JSON.parse(items.baseConfigurationItems![0].configuration!)).toMatchObject({ encrypted: false });
    const selected = await call('config', 'SelectResourceConfig', () =>
      config.send(new ConfigSdk.SelectResourceConfigCommand({ Expression: "SELECT resourceId, configuration WHERE resourceType = 'AWS::S3::Bucket'", Limit: 1 })),
    );
    expect(selected.NextToken).toBeDefined();

    await callExpectingError('config', 'GetComplianceDetailsByConfigRule', 'ValidationException', () =>
      config.send(new ConfigSdk.GetComplianceDetailsByConfigRuleCommand({ ConfigRuleName: 'encrypted-volumes', Limit: 101 })),
    );
    await callExpectingError('config', 'GetComplianceDetailsByConfigRule', 'NoSuchConfigRuleException', () =>
      config.send(new ConfigSdk.GetComplianceDetailsByConfigRuleCommand({ ConfigRuleName: 'no-such-rule' })),
    );
    await callExpectingError('config', 'DescribeConfigRules', 'InvalidNextTokenException', () => config.send(new ConfigSdk.DescribeConfigRulesCommand({ NextToken: 'forged' })));
    const tooMany = Array.from({ length: 101 }, (_, index) => ({ resourceType: 'AWS::S3::Bucket' as const, resourceId: `bucket-${index}` }));
    await callExpectingError('config', 'BatchGetResourceConfig', 'ValidationException', () => config.send(new ConfigSdk.BatchGetResourceConfigCommand({ resourceKeys: tooMany })));
    await callExpectingError('config', 'SelectResourceConfig', 'InvalidExpressionException', () =>
      config.send(new ConfigSdk.SelectResourceConfigCommand({ Expression: "SELECT resourceId WHERE resourceType = 'a' OR resourceType = 'b'" })),
    );
  });

  it('Config: conformance packs', async () => {
    const { config } = clients(auditor);
    const packs = await call('config', 'DescribeConformancePacks', () => config.send(new ConfigSdk.DescribeConformancePacksCommand({})));
    const packName = packs.ConformancePackDetails![0].ConformancePackName!;
    const compliance = await call('config', 'DescribeConformancePackCompliance', () => config.send(new ConfigSdk.DescribeConformancePackComplianceCommand({ ConformancePackName: packName })));
    expect(compliance.ConformancePackRuleComplianceList!.map((rule) => rule.ComplianceType).sort()).toEqual(['INSUFFICIENT_DATA', 'NON_COMPLIANT']);
    await call('config', 'GetConformancePackComplianceDetails', () => config.send(new ConfigSdk.GetConformancePackComplianceDetailsCommand({ ConformancePackName: packName })));
    await callExpectingError('config', 'DescribeConformancePacks', 'ValidationException', () => config.send(new ConfigSdk.DescribeConformancePacksCommand({ Limit: 21 })));
    await callExpectingError('config', 'DescribeConformancePackCompliance', 'NoSuchConformancePackException', () =>
      config.send(new ConfigSdk.DescribeConformancePackComplianceCommand({ ConformancePackName: 'missing' })),
    );
  });

  it('Config: aggregators from the delegated administrator', async () => {
    const { config } = clients(securityAuditor);
    const aggregators = await call('config', 'DescribeConfigurationAggregators', () => config.send(new ConfigSdk.DescribeConfigurationAggregatorsCommand({})));
    const name = aggregators.ConfigurationAggregators![0].ConfigurationAggregatorName!;
    const compliance = await call('config', 'DescribeAggregateComplianceByConfigRules', () =>
      config.send(new ConfigSdk.DescribeAggregateComplianceByConfigRulesCommand({ ConfigurationAggregatorName: name })),
    );
    expect(new Set(compliance.AggregateComplianceByConfigRules!.map((row) => row.AccountId))).toEqual(new Set([MANAGEMENT, SECURITY, PRODUCTION, DEVELOPMENT]));
    const details = await call('config', 'GetAggregateComplianceDetailsByConfigRule', () =>
      config.send(
        new ConfigSdk.GetAggregateComplianceDetailsByConfigRuleCommand({ ConfigurationAggregatorName: name, ConfigRuleName: 'encrypted-volumes', AccountId: DEVELOPMENT, AwsRegion: 'eu-west-1' }),
      ),
    );
    const resourceId = details.AggregateEvaluationResults![0].EvaluationResultIdentifier!.EvaluationResultQualifier!.ResourceId!;
    const items = await call('config', 'BatchGetAggregateResourceConfig', () =>
      config.send(
        new ConfigSdk.BatchGetAggregateResourceConfigCommand({
          ConfigurationAggregatorName: name,
          ResourceIdentifiers: [{ SourceAccountId: DEVELOPMENT, SourceRegion: 'eu-west-1', ResourceType: 'AWS::EC2::Volume', ResourceId: resourceId }],
        }),
      ),
    );
    expect(items.BaseConfigurationItems![0].awsRegion).toBe('eu-west-1');
    await call('config', 'SelectAggregateResourceConfig', () =>
      config.send(new ConfigSdk.SelectAggregateResourceConfigCommand({ ConfigurationAggregatorName: name, Expression: "SELECT accountId, resourceId WHERE resourceType = 'AWS::EC2::Volume'" })),
    );
    // Each conformance pack is recorded as an AWS::Config::ConformancePackCompliance item naming its rules.
    const packs = await call('config', 'SelectAggregateResourceConfig', () =>
      config.send(
        new ConfigSdk.SelectAggregateResourceConfigCommand({
          ConfigurationAggregatorName: name,
          Expression: "SELECT accountId, awsRegion, resourceId, resourceName, configuration WHERE resourceType = 'AWS::Config::ConformancePackCompliance'",
        }),
      ),
    );
    const pack = JSON.parse(packs.Results![0]) as { resourceId: string; resourceName: string; configuration: { configRuleList: { configRuleName: string }[] } };
    expect(pack.resourceName).toBe('Operational-Best-Practices-for-Encryption');
    expect(pack.resourceId).toMatch(/^conformance-pack-/);
    expect(pack.configuration.configRuleList.map((rule) => rule.configRuleName)).toContain('s3-default-encryption-kms-conformance-pack-x1y2z3');
    await callExpectingError('config', 'DescribeAggregateComplianceByConfigRules', 'NoSuchConfigurationAggregatorException', () =>
      config.send(new ConfigSdk.DescribeAggregateComplianceByConfigRulesCommand({ ConfigurationAggregatorName: 'missing' })),
    );
  });

  it('IAM: credential report, summary, password policy, authorization details, users', async () => {
    const { iam } = clients(auditor);
    await callExpectingError('iam', 'GetCredentialReport', 'CredentialReportNotPresentException', () => iam.send(new IamSdk.GetCredentialReportCommand({})));
    const started = await call('iam', 'GenerateCredentialReport', () => iam.send(new IamSdk.GenerateCredentialReportCommand({})));
    expect(started.State).toBe('STARTED');
    const report = await call('iam', 'GetCredentialReport', () => iam.send(new IamSdk.GetCredentialReportCommand({})));
    const [header, root] = Buffer.from(report.Content!).toString('utf8').split('\n');
    expect(header.split(',').slice(0, 8)).toEqual(['user', 'arn', 'user_creation_time', 'password_enabled', 'password_last_used', 'password_last_changed', 'password_next_rotation', 'mfa_active']);
    expect(root.split(',')[7]).toBe('false');
    await call('iam', 'GetAccountSummary', () => iam.send(new IamSdk.GetAccountSummaryCommand({})));
    await callExpectingError('iam', 'GetAccountPasswordPolicy', 'NoSuchEntityException', () => iam.send(new IamSdk.GetAccountPasswordPolicyCommand({})));
    await call('iam', 'GetAccountPasswordPolicy', () => clients(securityAuditor).iam.send(new IamSdk.GetAccountPasswordPolicyCommand({})));
    let marker: string | undefined;
    const users: string[] = [];
    do {
      const page = await call('iam', 'GetAccountAuthorizationDetails', () => iam.send(new IamSdk.GetAccountAuthorizationDetailsCommand({ MaxItems: 2, Marker: marker })));
      users.push(...(page.UserDetailList ?? []).map((user) => user.UserName!));
      marker = page.IsTruncated ? page.Marker : undefined;
    } while (marker);
    expect(users).toEqual(['auditor', 'legacy-admin']);
    await call('iam', 'ListUsers', () => iam.send(new IamSdk.ListUsersCommand({})));
    await call('iam', 'ListAttachedUserPolicies', () => iam.send(new IamSdk.ListAttachedUserPoliciesCommand({ UserName: 'legacy-admin' })));
    await call('iam', 'ListMFADevices', () => iam.send(new IamSdk.ListMFADevicesCommand({ UserName: 'auditor' })));
    await call('iam', 'ListAccessKeys', () => iam.send(new IamSdk.ListAccessKeysCommand({})));
    await callExpectingError('iam', 'ListAttachedUserPolicies', 'NoSuchEntityException', () => iam.send(new IamSdk.ListAttachedUserPoliciesCommand({ UserName: 'nobody' })));
  });

  it('Support and Trusted Advisor: results on a Business plan, SubscriptionRequired otherwise', async () => {
    const { support, trustedAdvisor } = clients(auditor);
    const checks = await call('support', 'DescribeTrustedAdvisorChecks', () => support.send(new SupportSdk.DescribeTrustedAdvisorChecksCommand({ language: 'en' })));
    const result = await call('support', 'DescribeTrustedAdvisorCheckResult', () =>
      support.send(new SupportSdk.DescribeTrustedAdvisorCheckResultCommand({ checkId: checks.checks![0].id!, language: 'en' })),
    );
    expect(result.result?.flaggedResources).toHaveLength(1);
    await callExpectingError('support', 'DescribeTrustedAdvisorChecks', 'SubscriptionRequiredException', () =>
      clients(securityAuditor).support.send(new SupportSdk.DescribeTrustedAdvisorChecksCommand({ language: 'en' })),
    );
    await call('trustedadvisor', 'ListChecks', () => trustedAdvisor.send(new TrustedAdvisorSdk.ListChecksCommand({})));
    const recommendations = await call('trustedadvisor', 'ListRecommendations', () => trustedAdvisor.send(new TrustedAdvisorSdk.ListRecommendationsCommand({})));
    const resources = await call('trustedadvisor', 'ListRecommendationResources', () =>
      trustedAdvisor.send(new TrustedAdvisorSdk.ListRecommendationResourcesCommand({ recommendationIdentifier: recommendations.recommendationSummaries![0].arn })),
    );
    expect(resources.recommendationResourceSummaries).toHaveLength(1);
    await callExpectingError('trustedadvisor', 'ListChecks', 'AccessDeniedException', () => clients(securityAuditor).trustedAdvisor.send(new TrustedAdvisorSdk.ListChecksCommand({})));
    // The organization view: the management account only.
    const organization = await call('trustedadvisor', 'ListOrganizationRecommendations', () =>
      trustedAdvisor.send(new TrustedAdvisorSdk.ListOrganizationRecommendationsCommand({ pillar: 'security', maxResults: 1 })),
    );
    expect(organization.nextToken).toBeDefined();
    const organizationResources = await call('trustedadvisor', 'ListOrganizationRecommendationResources', () =>
      trustedAdvisor.send(new TrustedAdvisorSdk.ListOrganizationRecommendationResourcesCommand({ organizationRecommendationIdentifier: organization.organizationRecommendationSummaries![0].arn })),
    );
    expect(organizationResources.organizationRecommendationResourceSummaries![0]).toMatchObject({ accountId: MANAGEMENT, awsResourceId: 'sg-0111' });
    await callExpectingError('trustedadvisor', 'ListOrganizationRecommendationResources', 'ResourceNotFoundException', () =>
      trustedAdvisor.send(new TrustedAdvisorSdk.ListOrganizationRecommendationResourcesCommand({ organizationRecommendationIdentifier: 'no-such-recommendation' })),
    );
    await callExpectingError('trustedadvisor', 'ListOrganizationRecommendations', 'ValidationException', () =>
      trustedAdvisor.send(new TrustedAdvisorSdk.ListOrganizationRecommendationsCommand({ nextToken: 'forged' })),
    );
  });

  it('GuardDuty, Access Analyzer and S3 Control: the reads the built-in checks need', async () => {
    const { guardDuty, accessAnalyzer, s3Control } = clients(auditor);
    const detectors = await call('guardduty', 'ListDetectors', () => guardDuty.send(new GuardDutySdk.ListDetectorsCommand({})));
    const detector = await call('guardduty', 'GetDetector', () => guardDuty.send(new GuardDutySdk.GetDetectorCommand({ DetectorId: detectors.DetectorIds![0] })));
    expect(detector.Status).toBe('ENABLED');
    await callExpectingError('guardduty', 'GetDetector', 'BadRequestException', () => guardDuty.send(new GuardDutySdk.GetDetectorCommand({ DetectorId: 'ffffffffffffffffffffffffffffffff' })));
    const analyzers = await call('access-analyzer', 'ListAnalyzers', () => accessAnalyzer.send(new AccessAnalyzerSdk.ListAnalyzersCommand({ type: 'ACCOUNT' })));
    expect(analyzers.analyzers![0]).toMatchObject({ name: 'account-analyzer', status: 'ACTIVE' });
    const block = await call('s3', 'GetPublicAccessBlock', () => s3Control.send(new S3ControlSdk.GetPublicAccessBlockCommand({ AccountId: MANAGEMENT })));
    expect(block.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true });
    await callExpectingError('s3', 'GetPublicAccessBlock', 'NoSuchPublicAccessBlockConfiguration', () =>
      clients(securityAuditor).s3Control.send(new S3ControlSdk.GetPublicAccessBlockCommand({ AccountId: SECURITY })),
    );
  });

  it('CloudTrail: trails with shadows, trail status by ARN, TrailNotFound', async () => {
    const { cloudTrail } = clients(auditor, 'eu-west-1');
    const home = await call('cloudtrail', 'DescribeTrails', () => cloudTrail.send(new CloudTrailSdk.DescribeTrailsCommand({ includeShadowTrails: false })));
    expect(home.trailList).toEqual([]);
    const shadows = await call('cloudtrail', 'DescribeTrails', () => cloudTrail.send(new CloudTrailSdk.DescribeTrailsCommand({})));
    expect(shadows.trailList).toMatchObject([{ Name: 'management-trail', HomeRegion: 'us-east-1', IsMultiRegionTrail: true }]);
    const status = await call('cloudtrail', 'GetTrailStatus', () => cloudTrail.send(new CloudTrailSdk.GetTrailStatusCommand({ Name: shadows.trailList![0].TrailARN })));
    expect(status.IsLogging).toBe(true);
    await callExpectingError('cloudtrail', 'GetTrailStatus', 'TrailNotFoundException', () => cloudTrail.send(new CloudTrailSdk.GetTrailStatusCommand({ Name: 'management-trail' })));
  });

  it('EC2: flow logs, owned snapshots (paginated) and their createVolumePermission', async () => {
    const { ec2 } = clients(auditor);
    const logs = await call('ec2', 'DescribeFlowLogs', () => ec2.send(new Ec2Sdk.DescribeFlowLogsCommand({ MaxResults: 1000 })));
    expect(logs.FlowLogs).toMatchObject([{ FlowLogStatus: 'ACTIVE', TrafficType: 'ALL', LogDestinationType: 'cloud-watch-logs' }]);
    const first = await call('ec2', 'DescribeSnapshots', () => ec2.send(new Ec2Sdk.DescribeSnapshotsCommand({ OwnerIds: ['self'], MaxResults: 5 })));
    expect(first.Snapshots!.map((snapshot) => snapshot.State)).toEqual(['completed', 'completed']);
    const permissions = await call('ec2', 'DescribeSnapshotAttribute', () =>
      ec2.send(new Ec2Sdk.DescribeSnapshotAttributeCommand({ Attribute: 'createVolumePermission', SnapshotId: first.Snapshots![1].SnapshotId })),
    );
    expect(permissions.CreateVolumePermissions).toEqual([{ Group: 'all' }]);
    await callExpectingError('ec2', 'DescribeSnapshotAttribute', 'InvalidSnapshot.NotFound', () =>
      ec2.send(new Ec2Sdk.DescribeSnapshotAttributeCommand({ Attribute: 'createVolumePermission', SnapshotId: 'snap-0000000000000dead' })),
    );
    await callExpectingError('ec2', 'DescribeSnapshots', 'InvalidParameterValue', () => ec2.send(new Ec2Sdk.DescribeSnapshotsCommand({ OwnerIds: ['self'], MaxResults: 1001 })));
    await callExpectingError('ec2', 'DescribeFlowLogs', 'InvalidPaginationToken', () => ec2.send(new Ec2Sdk.DescribeFlowLogsCommand({ NextToken: 'forged' })));
  });

  it('RDS: manual DB and DB cluster snapshots, paginated, and their restore attribute', async () => {
    const { rds } = clients(auditor);
    const page = await call('rds', 'DescribeDBSnapshots', () => rds.send(new RdsSdk.DescribeDBSnapshotsCommand({ MaxRecords: 20 })));
    expect(page.DBSnapshots!.map((snapshot) => snapshot.SnapshotType).sort()).toEqual(['automated', 'manual', 'manual']);
    const attributes = await call('rds', 'DescribeDBSnapshotAttributes', () => rds.send(new RdsSdk.DescribeDBSnapshotAttributesCommand({ DBSnapshotIdentifier: 'reporting-final' })));
    expect(attributes.DBSnapshotAttributesResult?.DBSnapshotAttributes).toEqual([{ AttributeName: 'restore', AttributeValues: ['all'] }]);
    await callExpectingError('rds', 'DescribeDBSnapshotAttributes', 'DBSnapshotNotFoundFault', () => rds.send(new RdsSdk.DescribeDBSnapshotAttributesCommand({ DBSnapshotIdentifier: 'missing' })));
    await callExpectingError('rds', 'DescribeDBSnapshots', 'InvalidParameterValue', () => rds.send(new RdsSdk.DescribeDBSnapshotsCommand({ MaxRecords: 500 })));
    const clusters = await call('rds', 'DescribeDBClusterSnapshots', () => rds.send(new RdsSdk.DescribeDBClusterSnapshotsCommand({ SnapshotType: 'manual' })));
    expect(clusters.DBClusterSnapshots).toMatchObject([{ DBClusterSnapshotIdentifier: 'aurora-orders-pre-upgrade', StorageEncrypted: true, AvailabilityZones: ['us-east-1a', 'us-east-1b', 'us-east-1c'] }]);
    const clusterAttributes = await call('rds', 'DescribeDBClusterSnapshotAttributes', () =>
      rds.send(new RdsSdk.DescribeDBClusterSnapshotAttributesCommand({ DBClusterSnapshotIdentifier: 'aurora-orders-pre-upgrade' })),
    );
    expect(clusterAttributes.DBClusterSnapshotAttributesResult?.DBClusterSnapshotAttributes).toEqual([{ AttributeName: 'restore', AttributeValues: [] }]);
    await callExpectingError('rds', 'DescribeDBClusterSnapshotAttributes', 'DBClusterSnapshotNotFoundFault', () =>
      rds.send(new RdsSdk.DescribeDBClusterSnapshotAttributesCommand({ DBClusterSnapshotIdentifier: 'missing' })),
    );
  });

  it('AWS Backup: plans per region, none in another account', async () => {
    const { backup } = clients(auditor);
    const plans = await call('backup', 'ListBackupPlans', () => backup.send(new BackupSdk.ListBackupPlansCommand({ MaxResults: 1000 })));
    expect(plans.BackupPlansList).toMatchObject([{ BackupPlanName: 'daily-35-days' }]);
    const none = await call('backup', 'ListBackupPlans', () => clients(securityAuditor).backup.send(new BackupSdk.ListBackupPlansCommand({})));
    expect(none.BackupPlansList).toEqual([]);
    await callExpectingError('backup', 'ListBackupPlans', 'InvalidParameterValueException', () => backup.send(new BackupSdk.ListBackupPlansCommand({ NextToken: 'forged' })));
  });

  it('validated a successful response of every operation the emulator implements', () => {
    const implemented = [
      ...Object.keys(stsHandlers).map((operation) => `sts:${operation}`),
      ...Object.keys(organizationsHandlers).map((operation) => `organizations:${operation}`),
      ...Object.keys(configHandlers).map((operation) => `config:${operation}`),
      ...Object.keys(iamHandlers).map((operation) => `iam:${operation}`),
      ...Object.keys(supportHandlers).map((operation) => `support:${operation}`),
      ...Object.keys(ec2Handlers).map((operation) => `ec2:${operation}`),
      ...trustedAdvisorRoutes.map((route) => `trustedadvisor:${route.operation}`),
      ...guardDutyRoutes.map((route) => `guardduty:${route.operation}`),
      ...accessAnalyzerRoutes.map((route) => `access-analyzer:${route.operation}`),
      ...s3ControlRoutes.map((route) => `s3:${route.operation}`),
      ...Object.keys(cloudTrailHandlers).map((operation) => `cloudtrail:${operation}`),
      ...Object.keys(rdsHandlers).map((operation) => `rds:${operation}`),
      ...backupRoutes.map((route) => `backup:${route.operation}`),
    ];
    expect(implemented.filter((operation) => !validatedSuccesses.has(operation))).toEqual([]);
  });

  it('every implemented operation exists in its service model, and is a read', () => {
    const services: [ModelledService, string[]][] = [
      ['sts', Object.keys(stsHandlers)],
      ['organizations', Object.keys(organizationsHandlers)],
      ['config', Object.keys(configHandlers)],
      ['iam', Object.keys(iamHandlers)],
      ['support', Object.keys(supportHandlers)],
      ['trustedadvisor', trustedAdvisorRoutes.map((route) => route.operation)],
    ];
    for (const [service, operations] of services) {
      const model = loadModel(service);
      for (const operation of operations) {
        expect(model.operations[operation], `${service}:${operation}`).toBeDefined();
        expect(operation).toMatch(/^(Describe|Get|List|Select|BatchGet|AssumeRole$|GenerateCredentialReport$)/);
      }
    }
    for (const route of [...guardDutyRoutes, ...accessAnalyzerRoutes, ...s3ControlRoutes, ...backupRoutes]) {
      expect(route.method).toBe('GET');
      expect(route.operation).toMatch(/^(Get|List)/);
    }
    // Services without a botocore model: each operation is one their SDK client declares, and a read.
    const sdkOperations: [Record<string, unknown>, string[]][] = [
      [Ec2Sdk, Object.keys(ec2Handlers)],
      [CloudTrailSdk, Object.keys(cloudTrailHandlers)],
      [RdsSdk, Object.keys(rdsHandlers)],
      [BackupSdk, backupRoutes.map((route) => route.operation)],
      [GuardDutySdk, guardDutyRoutes.map((route) => route.operation)],
      [AccessAnalyzerSdk, accessAnalyzerRoutes.map((route) => route.operation)],
      [S3ControlSdk, s3ControlRoutes.map((route) => route.operation)],
    ];
    for (const [sdk, operations] of sdkOperations) {
      for (const operation of operations) {
        expect(sdk[`${operation}Command`], operation).toBeDefined();
        expect(operation).toMatch(/^(Describe|Get|List)/);
      }
    }
  });
});
