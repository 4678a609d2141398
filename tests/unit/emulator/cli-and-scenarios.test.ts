// The emulator as a child process (how collector kill -9 tests run it), and the generated benchmark scenario.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as ConfigSdk from '@aws-sdk/client-config-service';
import * as OrganizationsSdk from '@aws-sdk/client-organizations';
import * as StsSdk from '@aws-sdk/client-sts';
import { startEmulator } from '../../emulator/server';
import type { Scenario } from '../../emulator/scenario';
import { buildLargeScenario, LARGE_AUDITOR_CREDENTIALS, LARGE_AUDITOR_ROLE } from '../../emulator/scenarios/large';
import { AUDITOR_ACCESS_KEY_ID, AUDITOR_SECRET, MANAGEMENT, representativeScenario } from '../../emulator/scenarios/representative';
import { emulatorClientConfig } from './harness';

const children: ChildProcess[] = [];
const temporary: string[] = [];

afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  for (const dir of temporary.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Starts the CLI and resolves with the first stdout line (the URL) and a reader for later lines. */
async function startCli(args: string[]): Promise<{ url: string; nextLine: () => Promise<string> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/emulator/cli.ts', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  const nextLine = async () => {
    const line = await lines.next();
    if (line.done) throw new Error('the emulator CLI exited');
    return line.value;
  };
  return { url: await nextLine(), nextLine };
}

describe('emulator CLI', () => {
  it('prints its URL first, serves the scenario, and exposes the call log and faults over the control API', async () => {
    const { url } = await startCli(['--scenario', 'representative']);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const sts = new StsSdk.STSClient(emulatorClientConfig(url, { accessKeyId: AUDITOR_ACCESS_KEY_ID, secretAccessKey: AUDITOR_SECRET }));
    expect((await sts.send(new StsSdk.GetCallerIdentityCommand({}))).Account).toBe(MANAGEMENT);
    const faults = await fetch(`${url}/__emulator/faults`, { method: 'PUT', body: JSON.stringify({ accessDenied: [{ service: 'sts' }] }) });
    expect(faults.status).toBe(200);
    await expect(sts.send(new StsSdk.GetCallerIdentityCommand({}))).rejects.toMatchObject({ name: 'AccessDenied' });
    const calls = (await (await fetch(`${url}/__emulator/calls`)).json()) as { operation: string; status: number }[];
    expect(calls.map((call) => [call.operation, call.status])).toEqual([
      ['GetCallerIdentity', 200],
      ['GetCallerIdentity', 403],
    ]);
  });

  it('loads a JSON scenario and announces a kill point on stdout', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'triad-emulator-'));
    temporary.push(dir);
    const scenarioPath = join(dir, 'scenario.json');
    writeFileSync(scenarioPath, JSON.stringify(representativeScenario()));
    const faultsPath = join(dir, 'faults.json');
    writeFileSync(faultsPath, JSON.stringify({ killPoint: { afterCalls: 1 } }));
    const { url, nextLine } = await startCli(['--scenario', scenarioPath, '--faults', faultsPath]);
    const config = new ConfigSdk.ConfigServiceClient(emulatorClientConfig(url, { accessKeyId: AUDITOR_ACCESS_KEY_ID, secretAccessKey: AUDITOR_SECRET }));
    await config.send(new ConfigSdk.DescribeConfigRulesCommand({}));
    const abort = new AbortController();
    const held = config.send(new ConfigSdk.DescribeConfigRulesCommand({}), { abortSignal: abort.signal }).then(
      () => 'answered',
      () => 'held',
    );
    expect(await nextLine()).toMatch(/^KILL-POINT 2 config:DescribeConfigRules 111111111111 us-east-1$/);
    abort.abort();
    expect(await held).toBe('held');
  });
});

describe('scenario files', () => {
  const scenariosDir = join(import.meta.dirname, '../../emulator/scenarios');

  it.each(readdirSync(scenariosDir).filter((name) => name.endsWith('.json')))('%s starts and serves its first caller', async (name) => {
    const scenario = JSON.parse(readFileSync(join(scenariosDir, name), 'utf8')) as Scenario;
    const emulator = await startEmulator({ scenario });
    try {
      const caller = scenario.callers[0];
      const sts = new StsSdk.STSClient(emulatorClientConfig(emulator.url, caller));
      expect((await sts.send(new StsSdk.GetCallerIdentityCommand({}))).Account).toBe(caller.accountId);
    } finally {
      await emulator.stop();
    }
  });

  it('refuses a scenario whose references do not resolve, naming the broken one', async () => {
    const scenario = representativeScenario();
    scenario.accounts[0].config['us-east-1'].evaluations.push({ ...scenario.accounts[0].config['us-east-1'].evaluations[0], ruleName: 'ghost-rule' });
    await expect(startEmulator({ scenario })).rejects.toThrow(/account 111111111111 us-east-1: evaluation of .* names rule "ghost-rule"/);
  });

  it('is reachable through the SDK\'s standard AWS_ENDPOINT_URL variable', async () => {
    const emulator = await startEmulator({ scenario: representativeScenario() });
    const previous = process.env.AWS_ENDPOINT_URL;
    process.env.AWS_ENDPOINT_URL = emulator.url;
    try {
      const sts = new StsSdk.STSClient({ region: 'us-east-1', credentials: { accessKeyId: AUDITOR_ACCESS_KEY_ID, secretAccessKey: AUDITOR_SECRET }, maxAttempts: 1 });
      expect((await sts.send(new StsSdk.GetCallerIdentityCommand({}))).Account).toBe(MANAGEMENT);
    } finally {
      if (previous === undefined) delete process.env.AWS_ENDPOINT_URL;
      else process.env.AWS_ENDPOINT_URL = previous;
      await emulator.stop();
    }
  });
});

describe('buildLargeScenario', () => {
  it('generates a deterministic organization whose every account can be assumed and paginated', async () => {
    const options = { accounts: 3, regions: 2, rules: 10, resourcesPerRule: 4 };
    const scenario = buildLargeScenario(options);
    expect(JSON.stringify(buildLargeScenario(options))).toBe(JSON.stringify(scenario));
    const emulator = await startEmulator({ scenario });
    try {
      const organizations = new OrganizationsSdk.OrganizationsClient(emulatorClientConfig(emulator.url, LARGE_AUDITOR_CREDENTIALS));
      const accounts = await organizations.send(new OrganizationsSdk.ListAccountsCommand({}));
      expect(accounts.Accounts).toHaveLength(3);
      const last = accounts.Accounts![2].Id!;
      const assumed = await new StsSdk.STSClient(emulatorClientConfig(emulator.url, LARGE_AUDITOR_CREDENTIALS)).send(
        new StsSdk.AssumeRoleCommand({ RoleArn: `arn:aws:iam::${last}:role/${LARGE_AUDITOR_ROLE}`, RoleSessionName: 'bench' }),
      );
      const credentials = assumed.Credentials!;
      const config = new ConfigSdk.ConfigServiceClient(
        emulatorClientConfig(emulator.url, { accessKeyId: credentials.AccessKeyId!, secretAccessKey: credentials.SecretAccessKey!, sessionToken: credentials.SessionToken! }, 'eu-west-1'),
      );
      const rules = await config.send(new ConfigSdk.DescribeConfigRulesCommand({}));
      expect(rules.ConfigRules).toHaveLength(10);
      let results = 0;
      for await (const page of ConfigSdk.paginateGetComplianceDetailsByConfigRule({ client: config, pageSize: 100 }, { ConfigRuleName: rules.ConfigRules![0].ConfigRuleName! })) {
        results += page.EvaluationResults!.length;
      }
      expect(results).toBe(4);
    } finally {
      await emulator.stop();
    }
  });

  it('builds the benchmark size (200 accounts × 2 regions × 80 rules)', () => {
    const scenario = buildLargeScenario({ accounts: 200, regions: 2, rules: 80, resourcesPerRule: 5 });
    expect(scenario.accounts).toHaveLength(200);
    const pair = scenario.accounts[199].config['eu-west-1'];
    expect(pair.rules).toHaveLength(80);
    expect(pair.evaluations).toHaveLength(80 * 5);
  });
});
