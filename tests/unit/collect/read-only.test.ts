// Read-only by construction: the collector's source sends only allowlisted operations, the allowlist holds
// only read operations, and the run-time guard refuses anything else before it reaches the wire.

import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { ConfigServiceClient, DeleteConfigRuleCommand, DescribeConfigRulesCommand, PutConfigRuleCommand, StartConfigRulesEvaluationCommand } from '@aws-sdk/client-config-service';
import { CreateAccountCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReadOnlyViolationError } from '../../../src/main/collect/guard';
import { ALLOWED_OPERATIONS, READ_ONLY_EXCEPTIONS, allowedOperation, isReadOnlyName } from '../../../src/main/collect/operations';
import { RateLimiter } from '../../../src/main/collect/rate-limit';
import { AwsRuntime } from '../../../src/main/collect/runtime';
import { startEmulator, type Emulator } from '../../emulator/server';
import { AUDITOR_ACCESS_KEY_ID, AUDITOR_SECRET, MANAGEMENT, representativeScenario } from '../../emulator/scenarios/representative';

const root = join(import.meta.dirname, '..', '..', '..');
const CLIENT_OF_PACKAGE: Record<string, string> = {
  'client-config-service': 'ConfigService',
  'client-sts': 'STS',
  'client-organizations': 'Organizations',
  'client-ec2': 'EC2',
  'client-iam': 'IAM',
  'client-s3-control': 'S3Control',
  'client-guardduty': 'GuardDuty',
  'client-accessanalyzer': 'AccessAnalyzer',
  'client-support': 'Support',
  'client-trustedadvisor': 'TrustedAdvisor',
  'client-cloudtrail': 'CloudTrail',
  'client-rds': 'RDS',
  'client-backup': 'Backup',
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|vue|mjs|js)$/.test(entry.name) ? [path] : [];
  });
}

/** Every `XxxCommand` imported from an AWS SDK client package, as "Client:Operation". */
function commandsImported(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found: string[] = [];
  for (const match of text.matchAll(/import\s*(?:type\s*)?\{([^}]*)\}\s*from\s*'@aws-sdk\/(client-[a-z0-9-]+)'/g)) {
    const client = CLIENT_OF_PACKAGE[match[2]] ?? `unknown package ${match[2]}`;
    for (const name of match[1].split(',').map((s) => s.trim().replace(/^type\s+/, '').split(/\s+as\s+/)[0])) {
      if (name.endsWith('Command')) found.push(`${client}:${name.replace(/Command$/, '')}`);
    }
  }
  return found;
}

describe('the read-only walk', () => {
  it('the collector source sends exactly the allowlisted operations, no other', () => {
    const files = sourceFiles(join(root, 'src', 'main', 'collect'));
    const sent = new Set(files.flatMap(commandsImported));
    // Each imported command is actually constructed somewhere (no allowlist entry kept alive by an unused import).
    const text = files.map((f) => readFileSync(f, 'utf8')).join('\n');
    for (const op of sent) expect(text, op).toMatch(new RegExp(`new ${op.split(':')[1]}Command\\(`));
    const allowed = new Set(ALLOWED_OPERATIONS.map((o) => `${o.client}:${o.operation}`));
    expect([...sent].sort()).toEqual([...allowed].sort());
  });

  it('only src/main/collect imports AWS service clients', () => {
    const collectDir = join(root, 'src', 'main', 'collect') + sep;
    const offenders = sourceFiles(join(root, 'src'))
      .filter((f) => !f.startsWith(collectDir))
      .filter((f) => /from\s*'@aws-sdk\/client-/.test(readFileSync(f, 'utf8')))
      .map((f) => relative(root, f));
    expect(offenders).toEqual([]);
  });

  it('the allowlist holds read operations only', () => {
    for (const op of ALLOWED_OPERATIONS) {
      expect(isReadOnlyName(op.operation), `${op.client}:${op.operation}`).toBe(true);
      // iam:GenerateCredentialReport is the one named exception: it builds the read-only credential report.
      if (op.operation !== 'GenerateCredentialReport') {
        expect(op.operation).not.toMatch(/^(Put|Delete|Create|Update|Start|Stop|Tag|Untag|Enable|Disable|Attach|Detach|Generate|Deregister|Register)/);
      }
    }
    expect([...READ_ONLY_EXCEPTIONS]).toEqual(['AssumeRole', 'GenerateCredentialReport']);
    expect(allowedOperation('ConfigServiceClient', 'PutConfigRuleCommand')).toBeUndefined();
    expect(allowedOperation('ConfigServiceClient', 'DescribeConfigRulesCommand')?.iamAction).toBe('config:DescribeConfigRules');
  });
});

describe('the run-time guard', () => {
  let emulator: Emulator;
  let runtime: AwsRuntime;
  const target = () => ({ accountId: MANAGEMENT, region: 'us-east-1', credentials: { accessKeyId: AUDITOR_ACCESS_KEY_ID, secretAccessKey: AUDITOR_SECRET } });

  beforeAll(async () => {
    emulator = await startEmulator({ scenario: representativeScenario() });
    runtime = new AwsRuntime({ endpoint: emulator.url, rateLimiter: new RateLimiter({ ratePerSecond: 100, burst: 100 }) });
  });
  afterAll(async () => {
    runtime.destroy();
    await emulator.stop();
  });

  it('refuses write commands before they are sent, and lets reads through', async () => {
    const writes = [
      [ConfigServiceClient, new PutConfigRuleCommand({ ConfigRule: { Source: { Owner: 'AWS', SourceIdentifier: 'X' } } })],
      [ConfigServiceClient, new DeleteConfigRuleCommand({ ConfigRuleName: 'x' })],
      [ConfigServiceClient, new StartConfigRulesEvaluationCommand({ ConfigRuleNames: ['x'] })],
      [OrganizationsClient, new CreateAccountCommand({ AccountName: 'x', Email: 'x@example.com' })],
    ] as const;
    for (const [Client, command] of writes) {
      await expect(runtime.send(target(), Client, command)).rejects.toBeInstanceOf(ReadOnlyViolationError);
    }
    expect(emulator.calls).toEqual([]);
    const { output } = await runtime.send(target(), ConfigServiceClient, new DescribeConfigRulesCommand({}));
    expect(output.ConfigRules?.length).toBeGreaterThan(0);
    expect(emulator.calls.map((c) => c.operation)).toEqual(['DescribeConfigRules']);
  });

  it('guards a client the collector built even when a command is sent to it directly', async () => {
    const client = runtime.client(ConfigServiceClient, target());
    await expect(client.send(new DeleteConfigRuleCommand({ ConfigRuleName: 'x' }))).rejects.toThrow(/not in the collector's read-only allowlist/);
  });
});
