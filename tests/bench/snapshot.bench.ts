// Snapshot store benchmark: writes demo snapshots of 100,000 and 1,000,000 findings (override with
// TRIAD_BENCH_FINDINGS=n1,n2), then, in a fresh process per file, measures open → overview payload and RSS,
// and filtered control-page queries. Targets (issue 3): overview < 1 s and RSS < 1 GB at 1M; control page
// < 100 ms at 1M. Prints figures only.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ControlRow } from '../../src/shared/api';
import { PILLARS } from '../../src/shared/domain';
import { loadCatalog } from '../../src/main/catalog';
import { generateDemo } from '../../src/main/demo';
import { createSnapshotWriter, openSnapshot, type FindingQuery } from '../../src/main/snapshot';

const SELF = fileURLToPath(import.meta.url);
const ms = (since: number) => Math.round((performance.now() - since) * 10) / 10;
/** CPU time (user + system) since a process.cpuUsage() reading: on a shared machine wall time also counts waiting. */
const cpuMs = (since: NodeJS.CpuUsage) => {
  const d = process.cpuUsage(since);
  return Math.round((d.user + d.system) / 100) / 10;
};
const mb = (bytes: number) => Math.round(bytes / 1_048_576);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Child mode: measures reading one snapshot in a process that has done nothing else. */
function measure(file: string): void {
  const started = performance.now();
  const startedCpu = process.cpuUsage();
  const snapshot = openSnapshot(file);
  const openMs = ms(started);
  const overview = snapshot.overview();
  const payloadBytes = JSON.stringify(overview).length;
  const overviewMs = ms(started);
  const overviewCpuMs = cpuMs(startedCpu);
  const rssAfterOverview = mb(process.memoryUsage().rss);

  const regions = snapshot.filterOptions().regions;
  const filters = { statuses: ['NON_COMPLIANT' as const], regions: regions.slice(0, 2) };
  let t = performance.now();
  snapshot.overview(filters);
  const filteredOverviewMs = ms(t);

  const controls: ControlRow[] = [...PILLARS, 'unclassified' as const].flatMap((p) => snapshot.pillar(p).controls);
  const biggest = controls.reduce((a, b) => (b.score.total > a.score.total ? b : a));
  const accounts = snapshot.filterOptions().accounts.map((a) => a.id);
  const queries: [string, FindingQuery][] = [
    ['largest control, unfiltered, sorted by resource', { controlId: biggest.id, sort: 'resource', offset: 0, limit: 100 }],
    ['largest control, NON_COMPLIANT in 2 regions, sorted by resource', { controlId: biggest.id, filters, sort: 'resource', offset: 0, limit: 100 }],
    ['largest control, 3 accounts, by evaluation time desc, offset 2000', { controlId: biggest.id, filters: { accounts: accounts.slice(0, 3) }, sort: 'evaluatedAt', descending: true, offset: 2000, limit: 100 }],
    ['largest control, text search "prod", sorted by status', { controlId: biggest.id, text: 'prod', sort: 'status', offset: 0, limit: 100 }],
  ];
  const pageFigures = queries.map(([label, query]) => {
    const times: number[] = [];
    const cpuTimes: number[] = [];
    let total = 0;
    for (let i = 0; i < 5; i++) {
      t = performance.now();
      const cpu = process.cpuUsage();
      total = snapshot.findings(query)!.total;
      times.push(ms(t));
      cpuTimes.push(cpuMs(cpu));
    }
    return { label, total, firstMs: times[0], medianMs: median(times), medianCpuMs: median(cpuTimes) };
  });
  const firstRow = snapshot.findings(queries[0][1])!.rows[0];
  t = performance.now();
  snapshot.finding(firstRow.id);
  const findingDetailMs = ms(t);
  snapshot.close();

  process.stdout.write(
    JSON.stringify({
      openMs,
      overviewMs,
      overviewCpuMs,
      payloadKb: Math.round(payloadBytes / 1024),
      rssAfterOverviewMb: rssAfterOverview,
      filteredOverviewMs,
      largestControl: { id: biggest.id, findings: biggest.score.total },
      pages: pageFigures,
      findingDetailMs,
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    }) + '\n',
  );
}

function run(): void {
  const sizes = (process.env.TRIAD_BENCH_FINDINGS ?? '100000,1000000').split(',').map(Number);
  const dir = mkdtempSync(join(tmpdir(), 'triad-bench-'));
  const catalog = loadCatalog();
  try {
    for (const size of sizes) {
      const file = join(dir, `demo-${size}.triad`);
      const started = performance.now();
      const result = generateDemo(createSnapshotWriter(file), { seed: 'bench', findings: size }, catalog);
      const generateS = Math.round(performance.now() - started) / 1000;
      console.log(`\n${result.findings.toLocaleString('en')} findings (requested ${size.toLocaleString('en')})`);
      console.log(`  write (demo generator + writer + finish): ${generateS} s; file ${mb(statSync(file).size)} MB; generator process peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`);

      const child = spawnSync(process.execPath, ['--import', 'tsx', SELF, 'measure', file], { encoding: 'utf8' });
      if (child.status !== 0) throw new Error(`measuring ${file} failed: ${child.stderr.trim()}`);
      const f = JSON.parse(child.stdout.trim().split('\n').pop()!) as {
        openMs: number;
        overviewMs: number;
        overviewCpuMs: number;
        payloadKb: number;
        rssAfterOverviewMb: number;
        filteredOverviewMs: number;
        largestControl: { id: string; findings: number };
        pages: { label: string; total: number; firstMs: number; medianMs: number; medianCpuMs: number }[];
        findingDetailMs: number;
        peakRssMb: number;
      };
      console.log(`  open (validate): ${f.openMs} ms; open → overview payload: ${f.overviewMs} ms, CPU ${f.overviewCpuMs} ms (target < 1000 at 1M); payload ${f.payloadKb} KB`);
      console.log(`  RSS after overview: ${f.rssAfterOverviewMb} MB; reader peak RSS ${f.peakRssMb} MB (target < 1024)`);
      console.log(`  filtered overview (NON_COMPLIANT, 2 regions): ${f.filteredOverviewMs} ms`);
      console.log(`  control pages (limit 100) on ${f.largestControl.id} (${f.largestControl.findings.toLocaleString('en')} findings), target < 100 ms at 1M:`);
      for (const p of f.pages) console.log(`    ${p.label}: first ${p.firstMs} ms, median of 5 ${p.medianMs} ms, CPU ${p.medianCpuMs} ms (${p.total.toLocaleString('en')} matching)`);
      console.log(`  finding detail with evidence and related findings: ${f.findingDetailMs} ms`);
      console.log(`  machine: ${cpus().length} CPUs, load average ${loadavg().map((l) => l.toFixed(1)).join(' / ')} (wall times include waiting for a CPU)`);
      rmSync(file, { force: true });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === 'measure') measure(process.argv[3]);
else run();
