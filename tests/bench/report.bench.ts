// Report and export benchmark (issue 6): the PDF of a 100,000-finding snapshot; the PDF plus the complete CSV of
// failing findings of a 1,000,000-finding snapshot (capped listing); and the CSV export of 1,000,000 findings.
// Targets: each < 10 s with peak RSS < 1.5 GB for the whole job: the Node process and, for a PDF, its Chromium.
// Each measurement runs the real CLI command as `npm run triad` does (scripts/triad.mjs, the built CLI) in a fresh
// Node process, watched from this one (so sampling costs the measured process nothing), and is timed as a user
// times it: from the process's start, loading the command's modules included, to its end. Each is run TRIAD_BENCH_REPORT_RUNS times (default 3): this shared
// machine's speed moves by a third from one minute to the next, so the median is the figure, with the range.
// Needs a fresh build (npm run build).
// TRIAD_BENCH_REPORT_FINDINGS=n1,n2 overrides the two snapshot sizes; TRIAD_BENCH_REPORT_SNAPSHOTS=a.triad,b.triad
// uses existing demo snapshots instead of generating them. The CPU time of Node and of Chromium is printed too,
// and each PDF's steps (`triad report --timings`). Prints figures only.

import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isBuildFresh } from '../../scripts/build-freshness.mjs';
import { projectRoot } from '../../src/main/paths';
import { reportChromiumPath } from '../../src/main/report/pdf';

const EXIT_FIGURES = fileURLToPath(new URL('exit-figures.mjs', import.meta.url));
const TRIAD = join(projectRoot(), 'scripts', 'triad.mjs');
const mb = (bytes: number) => Math.round(bytes / 1_048_576);

/** CPU seconds (user + system) and resident bytes of `root` and of every process descended from it. */
function processTree(root: number): { pid: number; cpuSeconds: number; rss: number }[] {
  const parents = new Map<number, number>();
  const figures = new Map<number, { cpuSeconds: number; rss: number }>();
  const ticks = 100; // USER_HZ on Linux
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parents.set(Number(entry), Number(fields[1]));
      figures.set(Number(entry), { cpuSeconds: (Number(fields[11]) + Number(fields[12])) / ticks, rss: Number(fields[21]) * 4096 });
    } catch {
      // The process ended while we looked.
    }
  }
  const tree: { pid: number; cpuSeconds: number; rss: number }[] = [];
  for (const [pid, value] of figures) {
    for (let p: number | undefined = pid; p !== undefined && p > 1; p = parents.get(p)) {
      if (p === root) {
        tree.push({ pid, ...value });
        break;
      }
    }
  }
  return tree;
}

interface Figures {
  seconds: number;
  nodeCpuSeconds: number;
  nodePeakRssMb: number;
  chromiumCpuSeconds: number;
  jobPeakMb: number;
  chromiumPeakMb: number;
  said: string;
  timings?: string;
}

/**
 * Runs one measurement in a child process and samples, from outside it, its Chromium processes: their peak
 * resident memory (summed over the processes alive at each sample) and their CPU time. The job's peak is the
 * Node process and its Chromium together at the same sample, which is what the < 1.5 GB target is about. Only
 * /proc/<pid>/stat is read: reading smaps_rollup (for the proportional set size) walks the page tables of a
 * gigabyte Chromium under its memory lock, and sampled every 200 ms it made the printing 1-3 s slower. Resident
 * memory is an upper bound of the proportional size (Chromium runs as one process, so little is shared).
 */
async function measureOnce(kind: string, args: string[]): Promise<Figures> {
  // As `npm run triad` runs it (scripts/triad.mjs: the built CLI, the build being fresh), with the exit probe.
  const run = spawn(process.execPath, ['--import', EXIT_FIGURES, TRIAD, kind, ...args], { cwd: projectRoot(), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  run.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  run.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  let chromiumPeak = 0;
  let jobPeak = 0;
  const chromiumCpu = new Map<number, number>();
  const sample = () => {
    if (run.pid === undefined) return;
    const tree = processTree(run.pid);
    const chromium = tree.filter((p) => p.pid !== run.pid);
    for (const p of chromium) chromiumCpu.set(p.pid, Math.max(chromiumCpu.get(p.pid) ?? 0, p.cpuSeconds));
    const chromiumRss = chromium.reduce((sum, p) => sum + p.rss, 0);
    chromiumPeak = Math.max(chromiumPeak, chromiumRss);
    jobPeak = Math.max(jobPeak, chromiumRss + (tree.find((p) => p.pid === run.pid)?.rss ?? 0));
  };
  const sampler = setInterval(sample, 200);
  const status = await new Promise<number | null>((resolve) => run.on('close', resolve));
  clearInterval(sampler);
  const probe = /^exit figures: (.*)$/m.exec(stderr)?.[1];
  if (status !== 0 || probe === undefined) throw new Error(`${kind} ${args.join(' ')} failed: ${stderr}`);
  const figures = { ...(JSON.parse(probe) as Omit<Figures, 'chromiumCpuSeconds' | 'jobPeakMb' | 'chromiumPeakMb' | 'timings' | 'said'>), said: stdout.trim() };
  return {
    ...figures,
    chromiumCpuSeconds: [...chromiumCpu.values()].reduce((sum, s) => sum + s, 0),
    jobPeakMb: Math.max(mb(jobPeak), figures.nodePeakRssMb),
    chromiumPeakMb: mb(chromiumPeak),
    timings: /^report timings: (.*)$/m.exec(stderr)?.[1],
  };
}

const RUNS = Number(process.env.TRIAD_BENCH_REPORT_RUNS ?? 3);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];
const tenths = (seconds: number) => seconds.toFixed(1);

/** Runs one case RUNS times; prints every run's figures, then the median and the range against the targets. */
async function measure(label: string, kind: string, args: string[]): Promise<void> {
  process.stdout.write(`${label}\n`);
  const runs: Figures[] = [];
  for (let k = 1; k <= RUNS; k++) {
    let figures: Figures;
    try {
      figures = await measureOnce(kind, args);
    } catch (error) {
      process.stderr.write(`${label}: ${(error as Error).message}\n`);
      process.exitCode = 1;
      return;
    }
    runs.push(figures);
    process.stdout.write(
      `  run ${k}: ${tenths(figures.seconds)} s from process start (CPU: Node ${tenths(figures.nodeCpuSeconds)} s, Chromium ${tenths(figures.chromiumCpuSeconds)} s), ` +
        `peak RSS: job ${figures.jobPeakMb} MB (Node ${figures.nodePeakRssMb} MB, Chromium ${figures.chromiumPeakMb} MB)\n` +
        `${figures.timings ? `    where the time went: ${figures.timings}\n` : ''}`,
    );
  }
  const seconds = runs.map((r) => r.seconds);
  const peak = Math.max(...runs.map((r) => r.jobPeakMb));
  const overTarget = median(seconds) >= 10 || peak >= 1536;
  process.stdout.write(
    `  ${runs[0].said}\n  median ${tenths(median(seconds))} s (${tenths(Math.min(...seconds))}-${tenths(Math.max(...seconds))} s over ${runs.length} runs), ` +
      `highest peak RSS ${peak} MB${overTarget ? '  [over target: < 10 s, < 1.5 GB]' : ''}\n`,
  );
}

async function main(): Promise<void> {
  // Measured as users run it: the built CLI, which `npm run triad` runs only while the build is fresh.
  if (!isBuildFresh(projectRoot())) throw new Error('The build is missing or older than the sources: run `npm run build` first.');
  const [small, large] = (process.env.TRIAD_BENCH_REPORT_FINDINGS ?? '100000,1000000').split(',').map(Number);
  const dir = mkdtempSync(join(tmpdir(), 'triad-bench-report-'));
  try {
    const given = process.env.TRIAD_BENCH_REPORT_SNAPSHOTS?.split(',');
    const snapshots: string[] = given ?? [];
    if (!given) {
      const { loadCatalog } = await import('../../src/main/catalog');
      const { generateDemo } = await import('../../src/main/demo');
      const { createSnapshotWriter } = await import('../../src/main/snapshot');
      const catalog = loadCatalog();
      for (const findings of [small, large]) {
        const path = join(dir, `demo-${findings}.triad`);
        const started = performance.now();
        const result = generateDemo(createSnapshotWriter(path), { seed: 'bench', findings }, catalog);
        process.stdout.write(`snapshot ${findings}: ${result.findings} findings, ${mb(statSync(path).size)} MB, generated in ${Math.round((performance.now() - started) / 1000)} s\n`);
        snapshots.push(path);
      }
    }
    const reportTime = '--report-time=2026-11-27T00:00:00Z';
    process.stdout.write(`printed by ${reportChromiumPath()}\n`);
    process.stdout.write(`load average before measuring: ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')} (2 cores)\n`);
    await measure(`PDF, ${small} findings`, 'report', [snapshots[0], '--out', join(dir, 'small.pdf'), reportTime, '--timings']);
    await measure(`PDF + CSV of failing findings, ${large} findings`, 'report', [snapshots[1], '--out', join(dir, 'large.pdf'), reportTime, '--timings']);
    await measure(`CSV export, ${large} findings`, 'export', [snapshots[1], '--format', 'csv', '--out', join(dir, 'large.csv')]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
