// Benchmark: a collection of 200 accounts × 2 regions × 80 rules (10 resources per rule type) from the
// emulator, running in its own process, with 20 ms latency per call and a quota of 10 requests/s per
// account × region × Config operation. Prints wall time against the lower bound the quotas impose
// (target ≤ 1.5×), calls made against the minimum number of pages (≤ 1.05×) and peak RSS (< 1 GB).
// Run: npm run bench -- collect   (prints figures; asserts nothing about time)

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { collect } from '../../src/main/collect';
import { createSnapshotWriter, openSnapshot } from '../../src/main/snapshot';
import { LARGE_AUDITOR_CREDENTIALS, LARGE_AUDITOR_ROLE } from '../emulator/scenarios/large';

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
// GetPublicAccessBlock and DescribeTrustedAdvisorChecks (no support plan: one answer); per region ListDetectors
// and ListAnalyzers.
const perAccountChecks = 8 + REGIONS.length * 2;
// Per account: AssumeRole (from the auditor) and GetCallerIdentity (as the role); once: the auditor's identity.
const minimumCalls = ACCOUNTS * REGIONS.length * Object.values(perPair).reduce((a, b) => a + b, 0) + ACCOUNTS * (2 + perAccountChecks) + 1;
// The busiest bucket bounds the wall time: its calls beyond the initial burst, at the quota's rate.
const lowerBoundSeconds = Math.max(...Object.values(perPair).map((calls) => Math.max(0, calls - QUOTA) / QUOTA)) + (LATENCY_MS / 1000);

async function startEmulatorProcess(dir: string): Promise<{ url: string; stop: () => void }> {
  const faults = join(dir, 'faults.json');
  writeFileSync(faults, JSON.stringify({ latency: [{ ms: LATENCY_MS }], throttle: [{ match: { service: 'config' }, ratePerSecond: QUOTA }] }));
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, '..', 'emulator', 'cli.ts'), '--scenario', `large:${ACCOUNTS},${REGIONS.length},${RULES},${RESOURCES_PER_RULE}`, '--faults', faults], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const firstLine = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`emulator exited with ${code}`)));
  });
  return { url: firstLine.trim(), stop: () => child.kill() };
}

async function main(): Promise<void> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const dir = mkdtempSync(join(tmpdir(), 'triad-bench-collect-'));
  const emulator = await startEmulatorProcess(dir);
  const out = join(dir, 'bench.triad');
  const accounts = Array.from({ length: ACCOUNTS }, (_, i) => String(100000000000 + i));
  try {
    const started = performance.now();
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
      { writer: createSnapshotWriter(out), credentials: LARGE_AUDITOR_CREDENTIALS },
    );
    const seconds = (performance.now() - started) / 1000;
    const served = (await (await fetch(`${emulator.url}/__emulator/calls`)).json()) as unknown[];
    const reader = openSnapshot(out);
    const counts = reader.info().counts;
    reader.close();
    const peakRssMb = process.resourceUsage().maxRSS / 1024;
    const cpu = process.cpuUsage();
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    const lines = [
      `pairs: ${result.pairsTotal} (${result.gaps.length} gaps), findings: ${counts.findings}, evidence: ${counts.evidence}, errors: ${result.errors}`,
      `wall time: ${seconds.toFixed(1)} s; quota lower bound ${lowerBoundSeconds.toFixed(1)} s → ${(seconds / lowerBoundSeconds).toFixed(2)}× (target ≤ 1.5×)`,
      `calls: ${result.calls} sent (${served.length} served, ${result.throttles} throttled, ${result.retries} retries); minimum pages ${minimumCalls} → ${(result.calls / minimumCalls).toFixed(3)}× (target ≤ 1.05×)`,
      `peak RSS: ${peakRssMb.toFixed(0)} MB (target < 1024 MB)`,
      // On a shared machine the wall time also measures the other processes; CPU time is the collector's own.
      `collector CPU: ${cpuSeconds.toFixed(1)} s (${((cpuSeconds / result.calls) * 1000).toFixed(2)} ms per call); load average ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    emulator.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
