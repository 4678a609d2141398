// `npm run bench [-- name ...]`: runs every tests/bench/*.bench.ts (or only the named ones, e.g. `snapshot`)
// one after another, each in its own Node process so memory figures do not mix. Benchmarks print figures;
// they assert nothing about time. Exits non-zero if a benchmark fails. Before each benchmark it times a fixed
// loop of JavaScript additions: shared machines run at different speeds from one hour to the next, and the
// figures of two runs compare only at similar speeds.

import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const benchDir = dirname(fileURLToPath(import.meta.url));
const available = readdirSync(benchDir)
  .filter((f) => f.endsWith('.bench.ts'))
  .sort();
const nameOf = (file: string) => basename(file, '.bench.ts');

const wanted = process.argv.slice(2);
const unknown = wanted.filter((w) => !available.some((f) => nameOf(f) === w || f === w));
if (unknown.length) {
  process.stderr.write(`bench: unknown benchmark ${unknown.join(', ')}; available: ${available.map(nameOf).join(', ')}\n`);
  process.exit(1);
}
const selected = wanted.length ? available.filter((f) => wanted.includes(nameOf(f)) || wanted.includes(f)) : available;

/** Seconds a fresh Node process takes for 2×10⁸ additions: the machine's speed at this moment (lower is faster). */
function referenceLoopSeconds(): number {
  const started = performance.now();
  spawnSync(process.execPath, ['-e', 'let s = 0; for (let i = 0; i < 2e8; i++) s += i; if (s < 0) console.log(s);'], { stdio: 'inherit' });
  return (performance.now() - started) / 1000;
}

const failed: string[] = [];
for (const file of selected) {
  process.stdout.write(`\n=== ${nameOf(file)} ===\n`);
  process.stdout.write(`machine speed: 2×10⁸ JavaScript additions in ${referenceLoopSeconds().toFixed(2)} s (lower is faster)\n`);
  const started = performance.now();
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(benchDir, file)], { stdio: 'inherit' });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) failed.push(nameOf(file));
  process.stdout.write(`=== ${nameOf(file)}: ${result.status === 0 ? 'done' : `FAILED (exit ${result.status ?? result.signal})`} in ${seconds} s ===\n`);
}
if (failed.length) {
  process.stderr.write(`bench: ${failed.length} benchmark(s) failed: ${failed.join(', ')}\n`);
  process.exit(1);
}
