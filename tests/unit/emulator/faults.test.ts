// The faults a real estate throws at the collector, as the SDK sees them through the emulator.
import { describe, expect, it } from 'vitest';
import * as ConfigSdk from '@aws-sdk/client-config-service';
import * as StsSdk from '@aws-sdk/client-sts';
import * as GuardDutySdk from '@aws-sdk/client-guardduty';
import * as AccountSdk from '@aws-sdk/client-account';
import { startEmulator, type CallRecord } from '../../emulator/server';
import { FaultEngine } from '../../emulator/faults';
import { AUDITOR_ACCESS_KEY_ID, AUDITOR_SECRET, DEVELOPMENT, MANAGEMENT, PRODUCTION, PRODUCTION_EXTERNAL_ID, SUSPENDED, representativeScenario } from '../../emulator/scenarios/representative';
import { emulatorClientConfig, failureOf, representativeEmulatorPerFile, type Credentials } from './harness';

const auditor: Credentials = { accessKeyId: AUDITOR_ACCESS_KEY_ID, secretAccessKey: AUDITOR_SECRET };

const emulator = representativeEmulatorPerFile();

function configClient(credentials: Credentials = auditor, region = 'us-east-1') {
  return new ConfigSdk.ConfigServiceClient(emulatorClientConfig(emulator().url, credentials, region));
}

function stsClient(credentials: Credentials = auditor, region = 'us-east-1') {
  return new StsSdk.STSClient(emulatorClientConfig(emulator().url, credentials, region));
}

async function assumeInto(accountId: string, extra: Partial<StsSdk.AssumeRoleCommandInput> = {}): Promise<Credentials> {
  const response = await stsClient().send(
    new StsSdk.AssumeRoleCommand({ RoleArn: `arn:aws:iam::${accountId}:role/TriadAuditor`, RoleSessionName: 'triad-test', ...extra }),
  );
  const credentials = response.Credentials!;
  return { accessKeyId: credentials.AccessKeyId!, secretAccessKey: credentials.SecretAccessKey!, sessionToken: credentials.SessionToken! };
}

describe('fault injection', () => {
  it('throttles per account × region × operation with the protocol\'s own error code', async () => {
    emulator().setFaults({ throttle: [{ match: { operation: ['DescribeConfigRules', 'GetCallerIdentity'] }, ratePerSecond: 0.001, burst: 2 }] });
    const config = configClient();
    await config.send(new ConfigSdk.DescribeConfigRulesCommand({}));
    await config.send(new ConfigSdk.DescribeConfigRulesCommand({}));
    expect(await failureOf(config.send(new ConfigSdk.DescribeConfigRulesCommand({})))).toMatchObject({ name: 'ThrottlingException', status: 400 });
    // Another region has its own bucket, another operation is not throttled.
    await configClient(auditor, 'eu-west-1').send(new ConfigSdk.DescribeConfigRulesCommand({}));
    await config.send(new ConfigSdk.DescribeComplianceByConfigRuleCommand({}));
    const sts = stsClient();
    await sts.send(new StsSdk.GetCallerIdentityCommand({}));
    await sts.send(new StsSdk.GetCallerIdentityCommand({}));
    expect(await failureOf(sts.send(new StsSdk.GetCallerIdentityCommand({})))).toMatchObject({ name: 'Throttling', status: 400 });
  });

  it('refills the token bucket at the configured rate', () => {
    let now = 0;
    const engine = new FaultEngine({ throttle: [{ ratePerSecond: 10 }] }, () => now);
    const call = { service: 'config', operation: 'DescribeConfigRules', accountId: MANAGEMENT, region: 'us-east-1' };
    const decisions = Array.from({ length: 11 }, () => engine.decide(call).kind);
    expect(decisions.filter((kind) => kind === 'none')).toHaveLength(10);
    expect(decisions[10]).toBe('throttle');
    now = 100;
    expect(engine.decide(call).kind).toBe('none');
    expect(engine.decide(call).kind).toBe('throttle');

    const perService = new FaultEngine({ throttle: [{ ratePerSecond: 1, per: 'service' }] }, () => now);
    expect(perService.decide(call).kind).toBe('none');
    expect(perService.decide({ ...call, operation: 'DescribeComplianceByConfigRule' }).kind).toBe('throttle');
    expect(perService.decide({ ...call, region: 'eu-west-1' }).kind).toBe('none');
  });

  it('adds a fixed latency to matching calls', async () => {
    emulator().setFaults({ latency: [{ match: { service: 'sts' }, ms: 150 }] });
    const started = Date.now();
    await stsClient().send(new StsSdk.GetCallerIdentityCommand({}));
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
  });

  it('denies an operation in one account and region only', async () => {
    emulator().setFaults({ accessDenied: [{ accountId: MANAGEMENT, region: 'eu-west-1', operation: 'DescribeConfigRules' }] });
    const denied = await failureOf(configClient(auditor, 'eu-west-1').send(new ConfigSdk.DescribeConfigRulesCommand({})));
    expect(denied).toMatchObject({ name: 'AccessDeniedException' });
    expect(denied.message).toContain('config:DescribeConfigRules');
    await configClient().send(new ConfigSdk.DescribeConfigRulesCommand({}));
  });

  it('answers HTTP 5xx for the first N matching calls, then recovers', async () => {
    emulator().setFaults({ serverErrors: [{ match: { service: 'config' }, code: 'ServiceUnavailable', count: 2 }] });
    const config = configClient();
    expect(await failureOf(config.send(new ConfigSdk.DescribeConfigRulesCommand({})))).toMatchObject({ name: 'ServiceUnavailable', status: 503 });
    expect(await failureOf(config.send(new ConfigSdk.DescribeConfigRulesCommand({})))).toMatchObject({ status: 503 });
    await config.send(new ConfigSdk.DescribeConfigRulesCommand({}));
  });

  it('fails a seeded share of calls with InternalFailure, the same ones on every run', async () => {
    const run = async () => {
      emulator().setFaults({ seed: 7, serverErrors: [{ code: 'InternalFailure', probability: 0.5 }] });
      const outcomes: string[] = [];
      for (let index = 0; index < 12; index += 1) {
        outcomes.push(await stsClient().send(new StsSdk.GetCallerIdentityCommand({})).then(() => 'ok', (error: Error) => error.name));
      }
      return outcomes;
    };
    const first = await run();
    expect(first).toContain('InternalFailure');
    expect(first).toContain('ok');
    expect(await run()).toEqual(first);
  });

  it('expires assumed-role credentials after N calls (ExpiredTokenException / ExpiredToken)', async () => {
    emulator().setFaults({ expireCredentials: [{ match: { accountId: PRODUCTION }, afterCalls: 2 }] });
    const session = await assumeInto(PRODUCTION, { ExternalId: PRODUCTION_EXTERNAL_ID });
    const config = configClient(session);
    await config.send(new ConfigSdk.DescribeConfigRulesCommand({}));
    await stsClient(session).send(new StsSdk.GetCallerIdentityCommand({}));
    expect(await failureOf(config.send(new ConfigSdk.DescribeConfigRulesCommand({})))).toMatchObject({ name: 'ExpiredTokenException' });
    expect(await failureOf(stsClient(session).send(new StsSdk.GetCallerIdentityCommand({})))).toMatchObject({ name: 'ExpiredToken' });
  });

  it('reports a stuck rule: no successful invocation, INSUFFICIENT_DATA, no results', async () => {
    const config = configClient(await assumeInto(PRODUCTION, { ExternalId: PRODUCTION_EXTERNAL_ID }));
    const status = await config.send(new ConfigSdk.DescribeConfigRuleEvaluationStatusCommand({ ConfigRuleNames: ['restricted-ssh'] }));
    expect(status.ConfigRulesEvaluationStatus![0].LastSuccessfulInvocationTime).toBeUndefined();
    const compliance = await config.send(new ConfigSdk.DescribeComplianceByConfigRuleCommand({ ConfigRuleNames: ['restricted-ssh'] }));
    expect(compliance.ComplianceByConfigRules![0].Compliance?.ComplianceType).toBe('INSUFFICIENT_DATA');
    const details = await config.send(new ConfigSdk.GetComplianceDetailsByConfigRuleCommand({ ConfigRuleName: 'restricted-ssh' }));
    expect(details.EvaluationResults).toEqual([]);

    emulator().setFaults({ stuckRules: [{ accountId: MANAGEMENT, region: 'us-east-1', ruleName: 'encrypted-volumes' }] });
    const managementStatus = await configClient().send(new ConfigSdk.DescribeConfigRuleEvaluationStatusCommand({ ConfigRuleNames: ['encrypted-volumes'] }));
    expect(managementStatus.ConfigRulesEvaluationStatus![0].LastSuccessfulInvocationTime).toBeUndefined();
  });

  it('shows Config not enabled in a region: no recorder, no rules, named lookups refused', async () => {
    const config = configClient(await assumeInto(PRODUCTION, { ExternalId: PRODUCTION_EXTERNAL_ID }), 'eu-west-1');
    expect((await config.send(new ConfigSdk.DescribeConfigurationRecordersCommand({}))).ConfigurationRecorders).toEqual([]);
    expect((await config.send(new ConfigSdk.DescribeConfigRulesCommand({}))).ConfigRules).toEqual([]);
    expect(await failureOf(config.send(new ConfigSdk.DescribeConfigurationRecorderStatusCommand({ ConfigurationRecorderNames: ['default'] })))).toMatchObject({
      name: 'NoSuchConfigurationRecorderException',
    });
    expect(await failureOf(config.send(new ConfigSdk.BatchGetResourceConfigCommand({ resourceKeys: [{ resourceType: 'AWS::S3::Bucket', resourceId: 'x' }] })))).toMatchObject({
      name: 'NoAvailableConfigurationRecorderException',
    });
    emulator().setFaults({ configNotEnabled: [{ accountId: MANAGEMENT, region: 'us-east-1' }] });
    expect((await configClient().send(new ConfigSdk.DescribeConfigurationRecordersCommand({}))).ConfigurationRecorders).toEqual([]);
  });

  it('refuses calls to an opt-in region the account has not enabled', async () => {
    expect(await failureOf(configClient(auditor, 'ap-east-1').send(new ConfigSdk.DescribeConfigRulesCommand({})))).toMatchObject({ name: 'UnrecognizedClientException' });
    expect(await failureOf(stsClient(auditor, 'ap-east-1').send(new StsSdk.GetCallerIdentityCommand({})))).toMatchObject({ name: 'RegionDisabledException', status: 403 });
  });

  it('refuses AssumeRole into a suspended account, without ExternalId, or without MFA when required', async () => {
    expect(await failureOf(assumeInto(SUSPENDED))).toMatchObject({ name: 'AccessDenied', status: 403 });
    expect(await failureOf(assumeInto(PRODUCTION))).toMatchObject({ name: 'AccessDenied' });
    expect(await failureOf(assumeInto(PRODUCTION, { ExternalId: 'wrong' }))).toMatchObject({ name: 'AccessDenied' });
    expect(await failureOf(assumeInto(DEVELOPMENT))).toMatchObject({ name: 'AccessDenied' });
    const session = await assumeInto(DEVELOPMENT, { SerialNumber: `arn:aws:iam::${MANAGEMENT}:mfa/auditor`, TokenCode: '123456' });
    const identity = await stsClient(session).send(new StsSdk.GetCallerIdentityCommand({}));
    expect(identity.Arn).toBe(`arn:aws:sts::${DEVELOPMENT}:assumed-role/TriadAuditor/triad-test`);
    expect(emulator().sessions().map((issued) => [issued.accountId, issued.sessionName])).toContainEqual([DEVELOPMENT, 'triad-test']);
  });

  it('rejects unknown keys and unsigned requests', async () => {
    const stranger = { accessKeyId: 'AKIA999999999999XXXX', secretAccessKey: 'x' };
    expect(await failureOf(configClient(stranger).send(new ConfigSdk.DescribeConfigRulesCommand({})))).toMatchObject({ name: 'UnrecognizedClientException' });
    expect(await failureOf(stsClient(stranger).send(new StsSdk.GetCallerIdentityCommand({})))).toMatchObject({ name: 'InvalidClientTokenId', status: 403 });
    const unsigned = await fetch(emulator().url, { method: 'POST', headers: { 'x-amz-target': 'StarlingDoveService.DescribeConfigRules', 'content-type': 'application/x-amz-json-1.1' }, body: '{}' });
    expect(unsigned.status).toBe(400);
    expect(await unsigned.json()).toMatchObject({ __type: 'MissingAuthenticationTokenException' });
  });

  it('answers an operation it does not implement with an error naming it, and logs the attempt', async () => {
    const error = await failureOf(configClient().send(new ConfigSdk.PutConfigRuleCommand({ ConfigRule: { ConfigRuleName: 'x', Source: { Owner: 'AWS', SourceIdentifier: 'X' } } })));
    expect(error.name).toBe('UnknownOperationException');
    expect(error.message).toContain('config:PutConfigRule');
    expect(emulator().calls.map((call) => `${call.service}:${call.operation}:${call.errorCode}`)).toContain('config:PutConfigRule:UnknownOperationException');

    const guardDuty = new GuardDutySdk.GuardDutyClient(emulatorClientConfig(emulator().url, auditor));
    await expect(guardDuty.send(new GuardDutySdk.ListFindingsCommand({ DetectorId: 'd1' }))).rejects.toThrow(/does not implement guardduty:POST \/detector\/d1\/findings/);

    const account = new AccountSdk.AccountClient(emulatorClientConfig(emulator().url, auditor));
    await expect(account.send(new AccountSdk.GetContactInformationCommand({}))).rejects.toThrow(/does not implement the service "account"/);
    expect(emulator().calls.at(-1)).toMatchObject({ service: 'account', errorCode: 'UnknownOperationException' });
  });

  it('returns keys beyond the processing limit as unprocessed', async () => {
    emulator().setFaults({ unprocessedKeys: [{ processAtMost: 1 }] });
    const keys = [
      { resourceType: 'AWS::EC2::Volume' as const, resourceId: `vol-0${MANAGEMENT.slice(0, 8)}a` },
      { resourceType: 'AWS::EC2::SecurityGroup' as const, resourceId: `sg-0${MANAGEMENT.slice(0, 8)}a` },
    ];
    const response = await configClient().send(new ConfigSdk.BatchGetResourceConfigCommand({ resourceKeys: keys }));
    expect(response.baseConfigurationItems).toHaveLength(1);
    expect(response.unprocessedResourceKeys).toEqual([keys[1]]);
  });

  it('records every call with service, operation, account, region and status', async () => {
    await configClient().send(new ConfigSdk.DescribeConfigRulesCommand({}));
    await failureOf(configClient().send(new ConfigSdk.GetComplianceDetailsByConfigRuleCommand({ ConfigRuleName: 'missing' })));
    expect(emulator().calls.map(({ service, operation, accountId, region, status, errorCode }) => ({ service, operation, accountId, region, status, errorCode }))).toEqual([
      { service: 'config', operation: 'DescribeConfigRules', accountId: MANAGEMENT, region: 'us-east-1', status: 200, errorCode: undefined },
      { service: 'config', operation: 'GetComplianceDetailsByConfigRule', accountId: MANAGEMENT, region: 'us-east-1', status: 400, errorCode: 'NoSuchConfigRuleException' },
    ]);
  });
});

describe('kill points', () => {
  it('calls the hook after N calls and holds every later request unanswered', async () => {
    const reached: CallRecord[] = [];
    const killable = await startEmulator({ scenario: representativeScenario(), faults: { killPoint: { match: { service: 'config' }, afterCalls: 2 } }, onKillPoint: (call) => reached.push(call) });
    try {
      const client = new ConfigSdk.ConfigServiceClient(emulatorClientConfig(killable.url, auditor));
      await client.send(new ConfigSdk.DescribeConfigRulesCommand({}));
      await client.send(new ConfigSdk.DescribeConfigRulesCommand({}));
      await expect(client.send(new ConfigSdk.DescribeConfigRulesCommand({}), { abortSignal: AbortSignal.timeout(300) })).rejects.toThrow();
      expect(reached).toHaveLength(1);
      expect(reached[0]).toMatchObject({ seq: 3, service: 'config', operation: 'DescribeConfigRules' });
      expect(killable.calls.map((call) => call.status)).toEqual([200, 200, 0]);
    } finally {
      await killable.stop();
    }
  });
});
