// Report and export benchmark (issue 6): the PDF of a 100,000-finding snapshot; the PDF plus the complete CSV of
// failing findings of a 1,000,000-finding snapshot (capped listing); and the CSV export of 1,000,000 findings.
// Targets: each < 10 s with peak RSS < 1.5 GB for the Node process; Chromium's memory is reported separately.
// Each measurement runs the real CLI command in a fresh Node process. Needs the built renderer (npm run build).
// TRIAD_BENCH_REPORT_FINDINGS=n1,n2 overrides the two snapshot sizes; TRIAD_BENCH_REPORT_SNAPSHOTS=a.triad,b.triad
// uses existing demo snapshots instead of generating them. Wall time depends on the machine's load, so the
// Node process's CPU time is printed too. Prints figures only.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCatalog } from '../../src/main/catalog';
import { exportCommand } from '../../src/main/cli/commands/export';
import { reportCommand } from '../../src/main/cli/commands/report';
import { generateDemo } from '../../src/main/demo';
import { rendererOutDir } from '../../src/main/paths';
import { createSnapshotWriter } from '../../src/main/snapshot';

const SELF = fileURLToPath(import.meta.url);
const mb = (bytes: number) => Math.round(bytes / 1_048_576);

/** Resident memory of every process descended from `root` (Chromium and its helpers), in bytes. */
function descendantsRss(root: number): number {
  const parents = new Map<number, number>();
  const rss = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parents.set(Number(entry), Number(fields[1]));
      rss.set(Number(entry), Number(fields[21]) * 4096);
    } catch {
      // The process ended while we looked.
    }
  }
  let total = 0;
  for (const [pid, value] of rss) {
    for (let p = parents.get(pid); p !== undefined && p > 1; p = parents.get(p)) {
      if (p === root) {
        total += value;
        break;
      }
    }
  }
  return total;
}

/** Child mode: runs one CLI command and prints its figures as one JSON line. */
async function child(kind: string, args: string[]): Promise<void> {
  let chromiumPeak = 0;
  const sampler = setInterval(() => (chromiumPeak = Math.max(chromiumPeak, descendantsRss(process.pid))), 250);
  const started = performance.now();
  const write = process.stdout.write.bind(process.stdout);
  let said = '';
  process.stdout.write = ((chunk: string) => ((said += chunk), true)) as typeof process.stdout.write;
  const code = await (kind === 'report' ? reportCommand : exportCommand).run(args);
  process.stdout.write = write;
  clearInterval(sampler);
  const seconds = Math.round((performance.now() - started) / 100) / 10;
  const cpu = process.cpuUsage();
  const nodeCpuSeconds = Math.round((cpu.user + cpu.system) / 100_000) / 10;
  write(`${JSON.stringify({ code, seconds, nodeCpuSeconds, nodePeakRssMb: Math.round(process.resourceUsage().maxRSS / 1024), chromiumPeakRssMb: mb(chromiumPeak), said: said.trim() })}\n`);
}

function measure(label: string, kind: string, args: string[]): void {
  const result = spawnSync(process.execPath, ['--import', 'tsx', SELF, 'child', kind, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const line = result.stdout.trim().split('\n').pop() ?? '';
  if (result.status !== 0 || !line.startsWith('{')) {
    process.stderr.write(`${label} failed: ${result.stderr}\n`);
    process.exitCode = 1;
    return;
  }
  const figures = JSON.parse(line) as { code: number; seconds: number; nodeCpuSeconds: number; nodePeakRssMb: number; chromiumPeakRssMb: number; said: string };
  process.stdout.write(
    `${label}: ${figures.seconds} s (Node CPU ${figures.nodeCpuSeconds} s), Node peak RSS ${figures.nodePeakRssMb} MB, Chromium peak RSS ${figures.chromiumPeakRssMb} MB` +
      `${figures.seconds < 10 && figures.nodePeakRssMb < 1536 ? '' : '  [over target: < 10 s, < 1.5 GB]'}\n    ${figures.said}\n`,
  );
}

async function main(): Promise<void> {
  if (process.argv[2] === 'child') return child(process.argv[3], process.argv.slice(4));
  if (!existsSync(join(rendererOutDir(), 'index.html'))) throw new Error('The renderer is not built: run `npm run build` first.');
  const [small, large] = (process.env.TRIAD_BENCH_REPORT_FINDINGS ?? '100000,1000000').split(',').map(Number);
  const dir = mkdtempSync(join(tmpdir(), 'triad-bench-report-'));
  try {
    const given = process.env.TRIAD_BENCH_REPORT_SNAPSHOTS?.split(',');
    const snapshots: string[] = given ?? [];
    if (!given) {
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
    process.stdout.write(`load average before measuring: ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')} (2 cores)\n`);
    measure(`PDF, ${small} findings`, 'report', [snapshots[0], '--out', join(dir, 'small.pdf'), reportTime]);
    measure(`PDF + CSV of failing findings, ${large} findings`, 'report', [snapshots[1], '--out', join(dir, 'large.pdf'), reportTime]);
    measure(`CSV export, ${large} findings`, 'export', [snapshots[1], '--format', 'csv', '--out', join(dir, 'large.csv')]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
