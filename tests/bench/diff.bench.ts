// Diff and verify benchmark (issue 7): writes a demo snapshot of 1,000,000 findings (override with
// TRIAD_BENCH_FINDINGS=n), derives a "next collection" from a copy with raw SQL (about 1% of statuses flipped,
// 0.5% of evidence changed, 0.5% of findings gone, 0.5% new ones, one region no longer collected), then, each
// in a fresh process: diff base → current (target < 5 s, peak RSS < 1.5 GB at 1M per side) and verify the
// base (content digest recomputed). Prints wall time, CPU time and peak RSS of each step (building the pair is
// not part of the diff figure). Prints figures only; asserts nothing about time.

import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { loadCatalog } from '../../src/main/catalog';
import { generateDemo } from '../../src/main/demo';
import { diffSnapshots } from '../../src/main/diff';
import { verifySnapshotFile } from '../../src/main/integrity';
import { createSnapshotWriter } from '../../src/main/snapshot';

const SELF = fileURLToPath(import.meta.url);
const mb = (bytes: number) => Math.round(bytes / 1_048_576);
const peakRssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);
const cpuMs = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return Math.round((used.user + used.system) / 1000);
};

/** Child mode: one measured operation in a process that has done nothing else. */
function measure(operation: string, a: string, b: string | undefined): void {
  const cpu = process.cpuUsage();
  const started = performance.now();
  let detail: Record<string, unknown>;
  if (operation === 'diff') {
    const diff = diffSnapshots(a, b!);
    detail = { totals: diff.summary.totals, evidenceChanged: diff.summary.evidenceChanged, coverageChanges: diff.summary.coverage.length };
    diff.close();
  } else {
    const report = verifySnapshotFile(a);
    detail = { state: report.state, digest: report.computedDigest };
  }
  process.stdout.write(`${JSON.stringify({ ms: Math.round(performance.now() - started), cpuMs: cpuMs(cpu), peakRssMb: peakRssMb(), detail })}\n`);
}

/** The next collection: the same organization with a realistic share of changes, and the summary rebuilt. */
function deriveCurrent(base: string, current: string): void {
  copyFileSync(base, current);
  const db = new Database(current);
  const lostPair = db.prepare("SELECT account_id, region FROM coverage WHERE state = 'collected' ORDER BY account_id DESC, region LIMIT 1").get() as {
    account_id: string;
    region: string;
  };
  db.transaction(() => {
    db.exec(`UPDATE findings SET status = CASE status WHEN 'NON_COMPLIANT' THEN 'COMPLIANT' ELSE 'NON_COMPLIANT' END WHERE id % 100 = 7`);
    db.exec(`UPDATE evidence SET body = json_set(body, '$.bench', 'changed'), sha256 = 'changed-' || sha256 WHERE id % 200 = 3`);
    db.exec(`DELETE FROM findings WHERE id % 200 = 11`);
    db.exec(`INSERT INTO findings (control_id, account_id, region, resource_type, resource_id, resource_name, rule_name, status, annotation,
               evaluated_at, recorded_at, invoked_at, evidence_id)
             SELECT control_id, account_id, region, resource_type, resource_id || '-new', resource_name, rule_name, 'NON_COMPLIANT', annotation,
               evaluated_at, recorded_at, invoked_at, evidence_id FROM findings WHERE id % 200 = 13`);
    db.prepare("UPDATE coverage SET state = 'failed', reason = 'AccessDenied (bench)' WHERE account_id = ? AND region = ?").run(lostPair.account_id, lostPair.region);
    db.prepare('DELETE FROM findings WHERE account_id = ? AND region = ?').run(lostPair.account_id, lostPair.region);
    db.exec('DELETE FROM summary');
    db.exec(`INSERT INTO summary (account_id, region, control_id, status, count)
             SELECT account_id, region, control_id, status, count(*) FROM findings GROUP BY control_id, account_id, region, status`);
    const counts = JSON.parse(db.prepare("SELECT value FROM meta WHERE key = 'counts'").pluck().get() as string) as Record<string, number>;
    counts.findings = db.prepare('SELECT count(*) FROM findings').pluck().get() as number;
    db.prepare("UPDATE meta SET value = ? WHERE key = 'counts'").run(JSON.stringify(counts));
    db.prepare("UPDATE meta SET value = ? WHERE key = 'createdAt'").run(JSON.stringify('2099-01-01T00:00:00.000Z'));
  })();
  db.close();
}

function child(...args: string[]): { ms: number; cpuMs: number; peakRssMb: number; detail: Record<string, unknown> } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', SELF, 'measure', ...args], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${args[0]} failed: ${result.stderr.trim()}`);
  return JSON.parse(result.stdout.trim().split('\n').pop()!);
}

/** Wall and CPU time of `step` in this process, and the process's peak RSS so far. */
function timed(step: () => void): string {
  const cpu = process.cpuUsage();
  const started = performance.now();
  step();
  return `${((performance.now() - started) / 1000).toFixed(2)} s wall, ${(cpuMs(cpu) / 1000).toFixed(2)} s CPU; peak RSS ${peakRssMb()} MB`;
}

function run(): void {
  const size = Number(process.env.TRIAD_BENCH_FINDINGS ?? 1_000_000);
  const dir = mkdtempSync(join(tmpdir(), 'triad-bench-diff-'));
  try {
    const base = join(dir, 'base.triad');
    const current = join(dir, 'current.triad');
    let findings = 0;
    const written = timed(() => {
      findings = generateDemo(createSnapshotWriter(base), { seed: 'bench-diff', findings: size }, loadCatalog()).findings;
    });
    console.log(`build base (not part of the figures): ${findings.toLocaleString('en')} findings, ${mb(statSync(base).size)} MB, ${written}`);
    console.log(`build current (not part of the figures): derived with raw SQL, ${timed(() => deriveCurrent(base, current))}`);

    const diff = child('diff', base, current);
    console.log(`diff base → current: ${(diff.ms / 1000).toFixed(2)} s wall, ${(diff.cpuMs / 1000).toFixed(2)} s CPU (target < 5 s); peak RSS ${diff.peakRssMb} MB (target < 1536)`);
    console.log(`  ${JSON.stringify(diff.detail)}`);
    const verify = child('verify', base);
    console.log(`verify base: ${(verify.ms / 1000).toFixed(2)} s wall, ${(verify.cpuMs / 1000).toFixed(2)} s CPU; peak RSS ${verify.peakRssMb} MB`);
    console.log(`  ${JSON.stringify(verify.detail)}`);
    console.log(`machine: ${cpus().length} CPUs, load average ${loadavg().map((l) => l.toFixed(1)).join(' / ')} (wall times include waiting for a CPU)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === 'measure') measure(process.argv[3], process.argv[4], process.argv[5]);
else run();
