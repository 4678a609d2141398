// Demo generator benchmark: for 100,000 and 1,000,000 findings (override with TRIAD_BENCH_FINDINGS=n1,n2)
// prints the time to generate into a discarding writer (the generator alone), the time to write a real
// snapshot file, its size, and the peak RSS, which stays flat because generation streams. Prints figures only.

import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCatalog } from '../../src/main/catalog';
import { generateDemo } from '../../src/main/demo';
import { createSnapshotWriter, type SnapshotWriter } from '../../src/main/snapshot';

const sizes = (process.env.TRIAD_BENCH_FINDINGS ?? '100000,1000000').split(',').map(Number);
const catalog = loadCatalog();
/** Wall and CPU time since a mark: on a shared machine the CPU figure is the stable one. */
const mark = () => ({ wall: performance.now(), cpu: process.cpuUsage() });
function elapsed(since: ReturnType<typeof mark>): string {
  const cpu = process.cpuUsage(since.cpu);
  return `${((performance.now() - since.wall) / 1000).toFixed(1)} s (CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s)`;
}
const peakRssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);

/** Accepts everything and keeps nothing: measures the generator without the store. */
function discardingWriter(): SnapshotWriter {
  let ids = 0;
  return {
    setMeta() {},
    upsertAccount() {},
    upsertControl() {},
    setCoverage() {},
    addError() {},
    addEvidence: () => ++ids,
    addFinding: () => ++ids,
    addCallStats() {},
    markPairDone() {},
    committed: () => Promise.resolve(),
    donePairs: () => [],
    finish() {},
    close() {},
  };
}

const dir = mkdtempSync(join(tmpdir(), 'triad-bench-demo-'));
try {
  for (const findings of sizes) {
    let started = mark();
    generateDemo(discardingWriter(), { seed: 'bench', findings }, catalog);
    const generatorOnly = elapsed(started);

    const file = join(dir, `demo-${findings}.triad`);
    started = mark();
    const result = generateDemo(createSnapshotWriter(file), { seed: 'bench', findings }, catalog);
    const toFile = elapsed(started);
    const sizeMb = (statSync(file).size / 1_048_576).toFixed(1);
    process.stdout.write(
      `demo ${findings.toLocaleString('en')} requested: ${result.findings.toLocaleString('en')} findings, ` +
        `${result.resources.toLocaleString('en')} resources; generator alone ${generatorOnly}; ` +
        `to a .triad file ${toFile}, ${sizeMb} MB; peak RSS so far ${peakRssMb()} MB\n`,
    );
    rmSync(file, { force: true });
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
