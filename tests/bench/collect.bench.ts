// Benchmark: a collection of 200 accounts × 2 regions × 80 rules (10 resources per rule type) from the
// emulator, running in its own process, with 20 ms latency per call and a quota of 10 requests/s per
// account × region × Config operation. Prints wall time against the lower bound the quotas impose and against
// the CPU floor of the AWS SDK itself, measured by replaying whole pairs' and accounts' calls through bare clients
// (the pairs' before and after the collection, so a change of the machine's speed during the run moves both; each
// replay in a process of its own, so the collection's peak RSS is its own) (target ≤ 1.5× the larger), calls made
// against the minimum number of pages (≤ 1.05×), peak RSS (< 1 GB), and CPU per call of Triad and of the emulator.
// Run: npm run bench -- collect   (prints figures; asserts nothing about time)

import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { constants, PerformanceObserver } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { AccessAnalyzerClient, ListAnalyzersCommand } from '@aws-sdk/client-accessanalyzer';
import { BackupClient, ListBackupPlansCommand } from '@aws-sdk/client-backup';
import { CloudTrailClient, DescribeTrailsCommand } from '@aws-sdk/client-cloudtrail';
import { DescribeFlowLogsCommand, DescribeSnapshotsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { GuardDutyClient, ListDetectorsCommand } from '@aws-sdk/client-guardduty';
import {
  GenerateCredentialReportCommand,
  GetAccountAuthorizationDetailsCommand,
  GetAccountPasswordPolicyCommand,
  GetAccountSummaryCommand,
  GetCredentialReportCommand,
  IAMClient,
} from '@aws-sdk/client-iam';
import { DescribeDBClusterSnapshotsCommand, DescribeDBSnapshotsCommand, RDSClient } from '@aws-sdk/client-rds';
import { GetPublicAccessBlockCommand } from '@aws-sdk/client-s3-control';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { ListChecksCommand, TrustedAdvisorClient } from '@aws-sdk/client-trustedadvisor';
import type { AwsCredentialIdentity, GetOutputType } from '@smithy/types';
import {
  BatchGetResourceConfigCommand,
  ConfigServiceClient,
  DescribeComplianceByConfigRuleCommand,
  DescribeConfigRuleEvaluationStatusCommand,
  DescribeConfigRulesCommand,
  DescribeConfigurationRecordersCommand,
  DescribeConfigurationRecorderStatusCommand,
  DescribeConformancePacksCommand,
  DescribeDeliveryChannelsCommand,
  DescribeDeliveryChannelStatusCommand,
  GetComplianceDetailsByConfigRuleCommand,
  SelectResourceConfigCommand,
  type ResourceKey,
} from '@aws-sdk/client-config-service';
import { collect } from '../../src/main/collect';
import { CHECKED_RESOURCES_QUERY, s3ControlClientFor } from '../../src/main/collect/check-inputs/direct';
import { TRUSTED_ADVISOR_REGION } from '../../src/main/collect/check-inputs/trusted-advisor';
import { TRUSTED_ADVISOR_CATEGORIES } from '../../src/main/checks-collect/trusted-advisor';
import { chunk } from '../../src/main/collect/config-items';
import { PAGE } from '../../src/main/collect/config-pair';
import { mapConcurrent } from '../../src/main/collect/rate-limit';
import type { AnyCommand, ClientConfig, SdkClient } from '../../src/main/collect/runtime';
import { createSnapshotWriter, openSnapshot } from '../../src/main/snapshot';
import { LARGE_AUDITOR_CREDENTIALS, LARGE_AUDITOR_ROLE, LARGE_MANAGEMENT_ACCOUNT } from '../emulator/scenarios/large';

const ACCOUNTS = 200;
const REGIONS = ['us-east-1', 'eu-west-1'];
const RULES = 80;
const RESOURCES_PER_RULE = 10;
const RESOURCE_TYPES = 8;
const LATENCY_MS = 20;
const QUOTA = 10;

// Page sizes the emulator serves, as AWS does: DescribeConfigRules and DescribeComplianceByConfigRule 25.
const pages = (items: number, size: number) => Math.max(1, Math.ceil(items / size));
const perPair: Record<string, number> = {
  DescribeConfigurationRecorders: 1,
  DescribeConfigurationRecorderStatus: 1,
  DescribeDeliveryChannels: 1,
  DescribeDeliveryChannelStatus: 1,
  DescribeConformancePacks: 1,
  DescribeConfigRules: pages(RULES, 25),
  DescribeComplianceByConfigRule: pages(RULES, 25),
  DescribeConfigRuleEvaluationStatus: pages(RULES, 50),
  GetComplianceDetailsByConfigRule: RULES * pages(RESOURCES_PER_RULE, 100),
  BatchGetResourceConfig: pages(RESOURCE_TYPES * RESOURCES_PER_RULE, 100),
  // The built-in checks' SelectResourceConfig of the checked resource types: a pair's resources fit in one page.
  SelectResourceConfig: 1,
};
// Per account for the built-in checks: GenerateCredentialReport twice (the first only starts the report),
// GetCredentialReport, GetAccountSummary, GetAccountPasswordPolicy, GetAccountAuthorizationDetails,
// GetPublicAccessBlock and Trusted Advisor's ListChecks (no support plan: one answer).
const perAccount: Record<string, number> = {
  GenerateCredentialReport: 2,
  GetCredentialReport: 1,
  GetAccountSummary: 1,
  GetAccountPasswordPolicy: 1,
  GetAccountAuthorizationDetails: 1,
  GetPublicAccessBlock: 1,
  ListChecks: 1,
};
// Per account × region for the built-in checks: one page of each (the large scenario has no detectors, analyzers,
// trails or snapshots, so no per-item follow-up calls).
const perRegionChecks: Record<string, number> = {
  ListDetectors: 1,
  ListAnalyzers: 1,
  DescribeTrails: 1,
  DescribeFlowLogs: 1,
  DescribeSnapshots: 1,
  DescribeDBSnapshots: 1,
  DescribeDBClusterSnapshots: 1,
  ListBackupPlans: 1,
};
/** The fewest calls of each operation the collection can make. */
const minimumByOperation: Record<string, number> = {};
const addMinimum = (calls: Record<string, number>, times: number) => {
  for (const [operation, n] of Object.entries(calls)) minimumByOperation[operation] = (minimumByOperation[operation] ?? 0) + n * times;
};
addMinimum(perPair, ACCOUNTS * REGIONS.length);
addMinimum(perRegionChecks, ACCOUNTS * REGIONS.length);
addMinimum(perAccount, ACCOUNTS);
// AssumeRole (from the auditor) and GetCallerIdentity (as the role) in every account but the auditor's own, which
// is collected with the auditor's credentials; and once the auditor's own identity.
addMinimum({ AssumeRole: 1, GetCallerIdentity: 1 }, ACCOUNTS - 1);
addMinimum({ GetCallerIdentity: 1 }, 1);
const minimumCalls = Object.values(minimumByOperation).reduce((a, b) => a + b, 0);
// The busiest bucket bounds the wall time: its calls beyond the initial burst, at the quota's rate. Every pair has
// its own buckets, so with enough concurrency all pairs wait on their buckets at once and this is the whole bound.
const quotaBoundSeconds = Math.max(...Object.values(perPair).map((calls) => Math.max(0, calls - QUOTA) / QUOTA)) + (LATENCY_MS / 1000);
const FAULTS = { latency: [{ ms: LATENCY_MS }], throttle: [{ match: { service: 'config' }, ratePerSecond: QUOTA }] };
/**
 * Pairs and accounts the bare SDK replays before measuring its CPU floor: the JIT needs thousands of calls to
 * settle (a 64-call warm-up measured 1.6 ms per call where 2,000 calls later the same client measured about 0.9 ms).
 */
const FLOOR_WARMUP_PAIRS = 32;
const FLOOR_WARMUP_ACCOUNTS = 64;
/**
 * Three samples of this many pairs (about 3,100 calls each) or accounts (about 1,250 calls); each floor is their
 * median (the pairs' are taken before and after the collection: the median of all six).
 */
const FLOOR_SAMPLE_PAIRS = 32;
const FLOOR_SAMPLE_ACCOUNTS = 48;
const FLOOR_SAMPLES = 3;
/** Pairs or accounts replayed at once, and calls in flight within a pair: the collector's defaults. */
const FLOOR_CONCURRENCY = 32;
const FLOOR_INNER_CONCURRENCY = 4;

async function startEmulatorProcess(dir: string): Promise<{ url: string; pid: number; stop: () => void }> {
  const faults = join(dir, 'faults.json');
  writeFileSync(faults, JSON.stringify(FAULTS));
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, '..', 'emulator', 'cli.ts'), '--scenario', `large:${ACCOUNTS},${REGIONS.length},${RULES},${RESOURCES_PER_RULE}`, '--faults', faults], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const firstLine = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`emulator exited with ${code}`)));
  });
  return { url: firstLine.trim(), pid: child.pid!, stop: () => child.kill() };
}

/** CPU seconds a process (or, given its task's stat file, one of its threads) has used so far (Linux /proc; undefined elsewhere). */
function processCpuSeconds(pid: number, statFile = `/proc/${pid}/stat`): number | undefined {
  try {
    // Fields after the parenthesized command name: utime and stime are the 12th and 13th, in clock ticks (100/s).
    const fields = readFileSync(statFile, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

/** CPU seconds of this process's main thread, the collector's thread (Linux /proc; undefined elsewhere). */
function mainThreadCpuSeconds(): number | undefined {
  return processCpuSeconds(process.pid, `/proc/${process.pid}/task/${process.pid}/stat`);
}

/** Seconds the collector's thread spent in garbage collection from now until stop(), by kind (read: so far). */
function gcPauses(): { read: () => { minor: number; major: number }; stop: () => { minor: number; major: number } } {
  const ms = { minor: 0, major: 0 };
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const kind = (entry as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind;
      if (kind === constants.NODE_PERFORMANCE_GC_MINOR) ms.minor += entry.duration;
      else ms.major += entry.duration;
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  const read = () => ({ minor: ms.minor / 1000, major: ms.major / 1000 });
  return {
    read,
    stop: () => {
      observer.disconnect();
      return read();
    },
  };
}

const cpuSeconds = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
};

/**
 * One account × region's calls as the collector makes them, through a bare SDK client and nothing of Triad:
 * recorder and delivery channel, conformance packs, the rules, their compliance and evaluation status, every
 * rule's evaluation results (4 rules at a time), the evaluated resources' configuration items in batches of 100,
 * and the built-in checks' SelectResourceConfig. Returns the calls made.
 */
async function replayPairCalls(client: ConfigServiceClient): Promise<number> {
  let calls = 0;
  const bare: SdkClient = client;
  const send = async <C extends AnyCommand>(command: C): Promise<GetOutputType<C>> => {
    calls += 1;
    return (await bare.send(command)) as GetOutputType<C>;
  };
  const pages = async <C extends AnyCommand>(page: (token: string | undefined) => C): Promise<GetOutputType<C>[]> => {
    const out: GetOutputType<C>[] = [];
    for (let token: string | undefined, first = true; first || token; first = false) {
      const output = await send(page(token));
      out.push(output);
      token = (output as { NextToken?: string }).NextToken;
    }
    return out;
  };
  await send(new DescribeConfigurationRecordersCommand({}));
  await send(new DescribeConfigurationRecorderStatusCommand({}));
  await send(new DescribeDeliveryChannelsCommand({}));
  await send(new DescribeDeliveryChannelStatusCommand({}));
  await pages((token) => new DescribeConformancePacksCommand({ Limit: PAGE.packs, NextToken: token }));
  const rules = (await pages((token) => new DescribeConfigRulesCommand({ NextToken: token }))).flatMap((p) => p.ConfigRules ?? []);
  await pages((token) => new DescribeComplianceByConfigRuleCommand({ NextToken: token }));
  await pages((token) => new DescribeConfigRuleEvaluationStatusCommand({ Limit: PAGE.evaluationStatus, NextToken: token }));
  const keys = new Map<string, ResourceKey>();
  await mapConcurrent(rules, FLOOR_INNER_CONCURRENCY, async (rule) => {
    const results = await pages(
      (token) =>
        new GetComplianceDetailsByConfigRuleCommand({
          ConfigRuleName: rule.ConfigRuleName,
          ComplianceTypes: ['COMPLIANT', 'NON_COMPLIANT', 'NOT_APPLICABLE'],
          Limit: PAGE.details,
          NextToken: token,
        }),
    );
    for (const result of results.flatMap((p) => p.EvaluationResults ?? [])) {
      const q = result.EvaluationResultIdentifier?.EvaluationResultQualifier;
      if (q?.ResourceType && q.ResourceId) keys.set(`${q.ResourceType}|${q.ResourceId}`, { resourceType: q.ResourceType as ResourceKey['resourceType'], resourceId: q.ResourceId });
    }
  });
  const all = [...keys.values()];
  await mapConcurrent(chunk(all, PAGE.batchKeys), FLOOR_INNER_CONCURRENCY, (resourceKeys) =>
    send(new BatchGetResourceConfigCommand({ resourceKeys })),
  );
  await pages((token) => new SelectResourceConfigCommand({ Expression: CHECKED_RESOURCES_QUERY, Limit: 100, NextToken: token }));
  return calls;
}

/**
 * One account's calls outside its pairs, as the collector makes them: the auditor role assumed and its identity
 * checked (STS), the built-in checks' IAM, S3 Control and Trusted Advisor reads, and their reads in each region
 * (GuardDuty, IAM Access Analyzer, CloudTrail, EC2, RDS, AWS Backup), through bare SDK clients, one per service and
 * region as the collector has. An error answer (no password policy, no account-level Block Public Access, no
 * support plan) is part of the cost, as it is in the collection. Returns the calls made.
 */
async function replayAccountCalls(url: string, accountId: string): Promise<number> {
  let calls = 0;
  const clients: SdkClient[] = [];
  const client = <C extends SdkClient>(made: C): C => {
    clients.push(made);
    return made;
  };
  const send = async <C extends AnyCommand>(to: SdkClient, command: C): Promise<GetOutputType<C> | undefined> => {
    calls += 1;
    try {
      return (await to.send(command)) as GetOutputType<C>;
    } catch {
      return undefined;
    }
  };
  const config = (region: string, credentials: AwsCredentialIdentity) => ({ endpoint: url, region, credentials, retryMode: 'adaptive' as const });
  try {
    const assumed = await send(
      client(new STSClient(config('us-east-1', LARGE_AUDITOR_CREDENTIALS))),
      new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${accountId}:role/${LARGE_AUDITOR_ROLE}`, RoleSessionName: 'triad-auditor' }),
    );
    const granted = assumed?.Credentials;
    if (!granted?.AccessKeyId || !granted.SecretAccessKey) throw new Error(`the floor's replay could not assume ${LARGE_AUDITOR_ROLE} in ${accountId}`);
    const credentials = { accessKeyId: granted.AccessKeyId, secretAccessKey: granted.SecretAccessKey, sessionToken: granted.SessionToken };
    await send(client(new STSClient(config('us-east-1', credentials))), new GetCallerIdentityCommand({}));
    const iam = client(new IAMClient(config('us-east-1', credentials)));
    // Twice, as the collector does: the first call only starts the report.
    await send(iam, new GenerateCredentialReportCommand({}));
    await send(iam, new GenerateCredentialReportCommand({}));
    await send(iam, new GetCredentialReportCommand({}));
    await send(iam, new GetAccountSummaryCommand({}));
    await send(iam, new GetAccountPasswordPolicyCommand({}));
    await send(iam, new GetAccountAuthorizationDetailsCommand({ MaxItems: 1000 }));
    const S3Control = s3ControlClientFor(url);
    await send(client(new S3Control({ ...config('us-east-1', credentials), maxAttempts: 3, requestHandler: {} as ClientConfig['requestHandler'] })), new GetPublicAccessBlockCommand({ AccountId: accountId }));
    await send(client(new TrustedAdvisorClient(config(TRUSTED_ADVISOR_REGION, credentials))), new ListChecksCommand({ pillar: TRUSTED_ADVISOR_CATEGORIES[0], language: 'en', maxResults: 200 }));
    for (const region of REGIONS) {
      await send(client(new GuardDutyClient(config(region, credentials))), new ListDetectorsCommand({ MaxResults: 50 }));
      await send(client(new AccessAnalyzerClient(config(region, credentials))), new ListAnalyzersCommand({ maxResults: 100 }));
      await send(client(new CloudTrailClient(config(region, credentials))), new DescribeTrailsCommand({ includeShadowTrails: true }));
      const ec2 = client(new EC2Client(config(region, credentials)));
      await send(ec2, new DescribeFlowLogsCommand({ MaxResults: 1000 }));
      await send(ec2, new DescribeSnapshotsCommand({ OwnerIds: ['self'], MaxResults: 1000 }));
      const rds = client(new RDSClient(config(region, credentials)));
      await send(rds, new DescribeDBSnapshotsCommand({ SnapshotType: 'manual', MaxRecords: 100 }));
      await send(rds, new DescribeDBClusterSnapshotsCommand({ SnapshotType: 'manual', MaxRecords: 100 }));
      await send(client(new BackupClient(config(region, credentials))), new ListBackupPlansCommand({ MaxResults: 1000 }));
    }
  } finally {
    for (const made of clients) (made as SdkClient & { destroy(): void }).destroy();
  }
  return calls;
}

interface CpuPerCall {
  /** CPU seconds per call of this process (the median sample) and of the emulator in that sample. */
  sdk: number;
  emulator: number | undefined;
  samples: number[];
}

/**
 * Replays `units` (pairs or accounts) `concurrency` at a time, first to warm up, then in three timed samples; each
 * unit must make exactly `expected` calls, the minimum model's, so the floor cannot drift from the calls it prices.
 */
async function replayCpuPerCall(
  emulatorPid: number,
  what: string,
  expected: number,
  replayUnit: (index: number) => Promise<number>,
  units: { warmup: number; sample: number },
): Promise<CpuPerCall> {
  let next = 0;
  const replay = async (count: number): Promise<number> => {
    const calls = await mapConcurrent(Array.from({ length: count }, () => next++), FLOOR_CONCURRENCY, replayUnit);
    const wrong = calls.find((n) => n !== expected);
    if (wrong !== undefined) throw new Error(`the floor's replayed ${what} made ${wrong} calls, not the ${expected} of the minimum model`);
    return calls.reduce((a, b) => a + b, 0);
  };
  // Module loading and JIT compilation are not per-call costs.
  await replay(units.warmup);
  const samples: { sdk: number; emulator: number | undefined }[] = [];
  for (let sample = 0; sample < FLOOR_SAMPLES; sample++) {
    const before = cpuSeconds();
    const emulatorBefore = processCpuSeconds(emulatorPid);
    const calls = await replay(units.sample);
    const emulatorAfter = processCpuSeconds(emulatorPid);
    const emulator = emulatorBefore === undefined || emulatorAfter === undefined ? undefined : (emulatorAfter - emulatorBefore) / calls;
    samples.push({ sdk: (cpuSeconds() - before) / calls, emulator });
  }
  samples.sort((a, b) => a.sdk - b.sdk);
  return { ...samples[Math.floor(samples.length / 2)], samples: samples.map((s) => s.sdk) };
}

/** The median of two measurements' samples together (the emulator's figure from the sample nearest it). */
function bracketed(before: CpuPerCall, after: CpuPerCall): CpuPerCall {
  const samples = [...before.samples, ...after.samples].sort((a, b) => a - b);
  const sdk = (samples[samples.length / 2 - 1] + samples[samples.length / 2]) / 2;
  const nearest = Math.abs(before.sdk - sdk) <= Math.abs(after.sdk - sdk) ? before : after;
  return { sdk, emulator: nearest.emulator, samples: [...before.samples, ...after.samples] };
}

/**
 * What the collection's calls cost the AWS SDK itself, with nothing of Triad, with the emulator's quota lifted.
 * Whole mixes, not one frequent call: a page of 80 configuration items or 25 rules costs the SDK several times a
 * page of 10 evaluation results (one kind of call alone measured 0.74-0.93 ms per call where a pair's mix measured
 * 1.1-1.3 ms), and the checks' Query-protocol (XML) answers cost more again.
 * - `pair`: a pair's calls (replayPairCalls), in the auditor's own account, whose pairs hold what every account's
 *   do, with a client per pair as in the collection. Read-only for the emulator, so it runs before the collection
 *   and again after it.
 * - `account`: an account's calls outside its pairs (replayAccountCalls), in the member accounts in turn. It runs
 *   after the collection: it generates IAM credential reports, which would spare the collection calls.
 */
async function sdkCpuPerCall(kind: 'pair' | 'account', url: string, emulatorPid: number, faults: unknown): Promise<CpuPerCall> {
  const setFaults = (body: unknown) => fetch(`${url}/__emulator/faults`, { method: 'PUT', body: JSON.stringify(body) });
  await setFaults({ latency: [{ ms: LATENCY_MS }] });
  try {
    if (kind === 'pair') {
      return await replayCpuPerCall(
        emulatorPid,
        'pair',
        Object.values(perPair).reduce((a, b) => a + b, 0),
        async (index) => {
          // Configured as the issue asks of every client (adaptive retry mode), with nothing of Triad's own on top.
          const client = new ConfigServiceClient({ endpoint: url, region: REGIONS[index % REGIONS.length], credentials: LARGE_AUDITOR_CREDENTIALS, retryMode: 'adaptive' });
          try {
            return await replayPairCalls(client);
          } finally {
            client.destroy();
          }
        },
        { warmup: FLOOR_WARMUP_PAIRS, sample: FLOOR_SAMPLE_PAIRS },
      );
    }
    // STS's two calls (AssumeRole, GetCallerIdentity) besides the checks'.
    const perAccountCalls = Object.values(perAccount).reduce((a, b) => a + b, 0) + Object.values(perRegionChecks).reduce((a, b) => a + b, 0) * REGIONS.length + 2;
    return await replayCpuPerCall(
      emulatorPid,
      'account',
      perAccountCalls,
      (index) => replayAccountCalls(url, String(Number(LARGE_MANAGEMENT_ACCOUNT) + 1 + (index % (ACCOUNTS - 1)))),
      { warmup: FLOOR_WARMUP_ACCOUNTS, sample: FLOOR_SAMPLE_ACCOUNTS },
    );
  } finally {
    await setFaults(faults);
  }
}

/**
 * sdkCpuPerCall in a process of its own (this file, run with `floor <kind> <url> <pid>`): the replays' clients and
 * answers would otherwise stay in the collection's heap and count in its peak RSS.
 */
async function sdkCpuPerCallApart(kind: 'pair' | 'account', url: string, emulatorPid: number): Promise<CpuPerCall> {
  const child = spawn(process.execPath, ['--import', 'tsx', import.meta.filename, 'floor', kind, url, String(emulatorPid)], { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`the floor's ${kind} replay exited with ${code}`);
  return JSON.parse(output) as CpuPerCall;
}

async function main(): Promise<void> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const dir = mkdtempSync(join(tmpdir(), 'triad-bench-collect-'));
  const emulator = await startEmulatorProcess(dir);
  const out = join(dir, 'bench.triad');
  const accounts = Array.from({ length: ACCOUNTS }, (_, i) => String(100000000000 + i));
  try {
    const pairFloor = await sdkCpuPerCallApart('pair', emulator.url, emulator.pid);
    await fetch(`${emulator.url}/__emulator/calls`, { method: 'DELETE' });
    const gc = gcPauses();
    const cpuBefore = cpuSeconds();
    const emulatorCpuBefore = processCpuSeconds(emulator.pid);
    const started = performance.now();
    const mainCpuBefore = mainThreadCpuSeconds();
    let pairsEndedAt = 0;
    let pairsGc = { minor: 0, major: 0 };
    let pairsMainCpu: number | undefined;
    const result = await collect(
      {
        outPath: out,
        accounts,
        role: LARGE_AUDITOR_ROLE,
        regions: REGIONS,
        homeRegion: 'us-east-1',
        endpoint: emulator.url,
        // Every pair has its own buckets, so all 400 can run at once; the rate matches the quota.
        concurrency: ACCOUNTS * REGIONS.length,
        ratePerSecond: QUOTA,
      },
      {
        writer: createSnapshotWriter(out, { writerThread: true }),
        credentials: LARGE_AUDITOR_CREDENTIALS,
        onProgress: (p) => {
          if (p.pairsTotal > 0 && p.pairsDone === p.pairsTotal && !pairsEndedAt) {
            pairsEndedAt = performance.now();
            pairsGc = gc.read();
            const mainCpu = mainThreadCpuSeconds();
            pairsMainCpu = mainCpu === undefined || mainCpuBefore === undefined ? undefined : mainCpu - mainCpuBefore;
          }
        },
      },
    );
    const seconds = (performance.now() - started) / 1000;
    const gcSeconds = gc.stop();
    const mainCpuAfter = mainThreadCpuSeconds();
    const mainCpu = mainCpuAfter === undefined || mainCpuBefore === undefined ? undefined : mainCpuAfter - mainCpuBefore;
    const triadCpu = cpuSeconds() - cpuBefore;
    const emulatorCpuAfter = processCpuSeconds(emulator.pid);
    const emulatorCpu = emulatorCpuBefore === undefined || emulatorCpuAfter === undefined ? undefined : emulatorCpuAfter - emulatorCpuBefore;
    const served = (await (await fetch(`${emulator.url}/__emulator/calls`)).json()) as { operation: string }[];
    const servedByOperation: Record<string, number> = {};
    for (const call of served) servedByOperation[call.operation] = (servedByOperation[call.operation] ?? 0) + 1;
    const aboveMinimum = Object.entries(servedByOperation)
      .map(([operation, n]) => [operation, n - (minimumByOperation[operation] ?? 0)] as const)
      .filter(([, extra]) => extra !== 0)
      .map(([operation, extra]) => `${operation} ${extra > 0 ? '+' : ''}${extra}`);
    const reader = openSnapshot(out);
    const counts = reader.info().counts;
    reader.close();
    const peakRssMb = process.resourceUsage().maxRSS / 1024;
    // The pairs' floor is sampled before and after the collection, so a change of this shared machine's speed
    // during the run moves both the wall time and the floor; the accounts' only after (see sdkCpuPerCall).
    const pairFloorAfter = await sdkCpuPerCallApart('pair', emulator.url, emulator.pid);
    const floor = { pair: bracketed(pairFloor, pairFloorAfter), account: await sdkCpuPerCallApart('account', emulator.url, emulator.pid) };
    // The collector is one JavaScript thread: its floor is every call's SDK cost on one core (the emulator has the
    // other), each served call at the rate of its mix: a pair's, or an account's outside its pairs.
    let pairCalls = 0;
    for (const [operation, n] of Object.entries(servedByOperation)) if (operation in perPair) pairCalls += n;
    const accountCalls = served.length - pairCalls;
    const cpuFloorSeconds = pairCalls * floor.pair.sdk + accountCalls * floor.account.sdk;
    const floorPerCall = cpuFloorSeconds / served.length;
    const boundSeconds = Math.max(quotaBoundSeconds, cpuFloorSeconds);
    const ms = (s: number | undefined) => (s === undefined ? 'n/a' : `${(s * 1000).toFixed(2)} ms`);
    const pairsSeconds = pairsEndedAt ? (pairsEndedAt - started) / 1000 : NaN;
    const lines = [
      `pairs: ${result.pairsTotal} (${result.gaps.length} gaps), findings: ${counts.findings}, evidence: ${counts.evidence}, errors: ${result.errors}`,
      `wall time: ${seconds.toFixed(1)} s (pairs ${pairsSeconds.toFixed(1)} s, then checks and finish ${(seconds - pairsSeconds).toFixed(1)} s)`,
      `quota lower bound: ${quotaBoundSeconds.toFixed(1)} s → ${(seconds / quotaBoundSeconds).toFixed(2)}×`,
      `CPU floor: ${cpuFloorSeconds.toFixed(1)} s of bare SDK CPU on the collector's one thread: ${pairCalls} pair calls × ${ms(floor.pair.sdk)} (replayed pairs; samples before the collection ${floor.pair.samples.slice(0, FLOOR_SAMPLES).map(ms).join(', ')}, after it ${floor.pair.samples.slice(FLOOR_SAMPLES).map(ms).join(', ')}) + ${accountCalls} account calls × ${ms(floor.account.sdk)} (replayed accounts; samples ${floor.account.samples.map(ms).join(', ')})`,
      `bound = max(quota, CPU floor) = ${boundSeconds.toFixed(1)} s (${cpuFloorSeconds > quotaBoundSeconds ? 'CPU floor' : 'quota'} dominates) → ${(seconds / boundSeconds).toFixed(2)}× (target ≤ 1.5×)`,
      `calls: ${result.calls} sent (${served.length} served, ${result.throttles} throttled, ${result.retries} retries); minimum pages ${minimumCalls} → ${(result.calls / minimumCalls).toFixed(3)}× (target ≤ 1.05×)`,
      `served calls above the minimum, by operation: ${aboveMinimum.join(', ') || 'none'}`,
      `peak RSS: ${peakRssMb.toFixed(0)} MB (target < 1024 MB)`,
      `garbage collection on the collector's thread: ${gcSeconds.minor.toFixed(1)} s in scavenges (${pairsGc.minor.toFixed(1)} s of them during the pairs), ${gcSeconds.major.toFixed(1)} s in mark-compact`,
      // Its own CPU, unlike the wall time, does not count the time other processes held its core.
      `the collector's thread's own CPU: ${mainCpu === undefined ? 'n/a' : `${mainCpu.toFixed(1)} s`} (pairs ${pairsMainCpu === undefined ? 'n/a' : `${pairsMainCpu.toFixed(1)} s`}, then checks and finish ${mainCpu === undefined || pairsMainCpu === undefined ? 'n/a' : `${(mainCpu - pairsMainCpu).toFixed(1)} s`}) against the CPU floor's ${cpuFloorSeconds.toFixed(1)} s`,
      // On a shared machine the wall time also measures the other processes; CPU time is each process's own.
      `CPU per call: Triad ${ms(triadCpu / result.calls)} (${triadCpu.toFixed(1)} s, of which the bare SDK ${ms(floorPerCall)}), emulator ${ms(emulatorCpu === undefined ? undefined : emulatorCpu / served.length)} (bare-SDK samples: ${ms(floor.pair.emulator)} a pair call, ${ms(floor.account.emulator)} an account call)`,
      `load average ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    emulator.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === 'floor') {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const [kind, url, pid] = process.argv.slice(3);
  process.stdout.write(JSON.stringify(await sdkCpuPerCall(kind as 'pair' | 'account', url, Number(pid), FAULTS)));
} else {
  await main();
}
