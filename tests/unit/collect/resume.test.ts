// Interruptions: cancel gives a valid partial snapshot; kill -9 then `triad resume` finishes without
// fetching completed pairs again and without duplicates. The CLI runs as a child process and reaches the
// emulator only through AWS_ENDPOINT_URL, as any AWS-compatible endpoint would.

import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collect } from '../../../src/main/collect';
import { createSnapshotWriter, workPathFor } from '../../../src/main/snapshot';
import { openDatabase } from '../../../src/main/snapshot/sqlite';
import type { CollectionProgress } from '../../../src/shared/api';
import { AUDITOR_ACCESS_KEY_ID, AUDITOR_ROLE, AUDITOR_SECRET, MANAGEMENT, SECURITY } from '../../emulator/scenarios/representative';
import { AUDITOR, coverageOf, runCollect, snapshotPath } from './harness';
import { representativeEmulatorPerFile } from '../emulator/harness';

const root = join(import.meta.dirname, '..', '..', '..');

const emulator = representativeEmulatorPerFile();

interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI with the auditor's keys in the environment and the emulator as AWS_ENDPOINT_URL. */
function cli(args: string[], options: { killAfterPairs?: number; accessKeyId?: string } = {}): Promise<CliRun> {
  const home = mkdtempSync(join(tmpdir(), 'triad-home-'));
  // Node itself with tsx's loader (not the tsx wrapper), so SIGKILL reaches the process doing the work.
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'src', 'main', 'cli', 'index.ts'), ...args], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      HOME: home,
      AWS_CONFIG_FILE: join(home, 'no-config'),
      AWS_SHARED_CREDENTIALS_FILE: join(home, 'no-credentials'),
      AWS_ACCESS_KEY_ID: options.accessKeyId ?? AUDITOR_ACCESS_KEY_ID,
      AWS_SECRET_ACCESS_KEY: AUDITOR_SECRET,
      AWS_REGION: 'us-east-1',
      AWS_ENDPOINT_URL: emulator().url,
      AWS_EC2_METADATA_DISABLED: 'true',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let pairs = 0;
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    pairs = stdout.split('\n').filter((line) => line.startsWith('pair ')).length;
    if (options.killAfterPairs && pairs >= options.killAfterPairs && child.exitCode === null) child.kill('SIGKILL');
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
}

const donePairsIn = (stdout: string) =>
  stdout
    .split('\n')
    .filter((line) => line.startsWith('pair '))
    .map((line) => line.split(' ').slice(2, 4).join(' '));

describe('cancel', () => {
  it('finishes a valid snapshot marked partial, with the pairs not collected shown as such', async () => {
    emulator().setFaults({ latency: [{ ms: 15 }] });
    const cancel = new AbortController();
    const { result, reader, db, path } = await runCollect(
      emulator(),
      { accounts: [MANAGEMENT, SECURITY], role: AUDITOR_ROLE, regions: ['us-east-1', 'eu-west-1'], concurrency: 1 },
      { signal: cancel.signal, onProgress: (p) => p.lastPair && cancel.abort() },
    );
    expect(result).toMatchObject({ written: true, partial: true, interrupted: false });
    expect(existsSync(path)).toBe(true);
    expect(existsSync(workPathFor(path))).toBe(false);
    expect(reader.info().meta.partial).toBe(true);
    const states = Object.values(coverageOf(db));
    expect(states.filter((c) => c.state === 'collected' || c.state === 'not-enabled').length).toBeGreaterThanOrEqual(1);
    expect(states.filter((c) => c.reason === 'Collection cancelled before this account and region were collected').length).toBeGreaterThanOrEqual(1);
    expect(states).toHaveLength(4);
    reader.close();
    db.close();
  });
});

describe('kill -9 and resume', () => {
  it('resume finishes without re-fetching completed pairs and without duplicates', async () => {
    const args = ['--accounts', `${MANAGEMENT},${SECURITY}`, '--role', AUDITOR_ROLE, '--regions', 'us-east-1,eu-west-1', '--concurrency', '1'];
    // Reference: the same collection, uninterrupted.
    const expected = await runCollect(emulator(), { outPath: snapshotPath('unused'), accounts: [MANAGEMENT, SECURITY], role: AUDITOR_ROLE, regions: ['us-east-1', 'eu-west-1'] });
    const expectedFindings = expected.reader.info().counts.findings;
    expected.reader.close();
    expected.db.close();

    // Slow calls, so the kill lands while the second pair is in flight.
    emulator().setFaults({ latency: [{ ms: 100 }] });
    const out = snapshotPath('killed');
    const killed = await cli(['collect', ...args, '--out', out], { killAfterPairs: 1 });
    expect(killed.signal).toBe('SIGKILL');
    expect(existsSync(out)).toBe(false);
    expect(existsSync(workPathFor(out))).toBe(true);
    const done = donePairsIn(killed.stdout);
    expect(done).toHaveLength(1);

    emulator().setFaults({});
    emulator().clearCalls();
    const resumed = await cli(['resume', out]);
    expect(resumed.stderr).toBe('');
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toMatch(/^Coverage: 3 of 4 account × region pairs fully collected \(1 not-enabled\)/m);
    // Nothing of a completed pair was fetched again. (SelectResourceConfig belongs to the built-in checks' account
    // phase, which runs after all pairs and had not started when the collection was killed.)
    const refetched = emulator().calls.filter(
      (c) => c.service === 'config' && c.operation !== 'SelectResourceConfig' && done.includes(`${c.accountId} ${c.region}`),
    );
    expect(refetched).toEqual([]);
    expect(existsSync(workPathFor(out))).toBe(false);

    const { default: Database } = await import('better-sqlite3');
    const db = new Database(out, { readonly: true });
    const findings = (db.prepare('SELECT count(*) AS n FROM findings').get() as { n: number }).n;
    expect(findings).toBe(expectedFindings);
    const duplicates = db
      .prepare('SELECT count(*) AS n FROM (SELECT 1 FROM findings GROUP BY control_id, account_id, region, resource_type, resource_id, status HAVING count(*) > 1)')
      .get() as { n: number };
    expect(duplicates.n).toBe(0);
    expect(Object.keys(coverageOf(db))).toHaveLength(4);
    db.close();
  });
});

describe('the collect command', () => {
  it('exits 1 with one clear line and leaves no file when nothing could be collected', async () => {
    const out = snapshotPath('nothing');
    const run = await cli(['collect', '--self', '--regions', 'us-east-1', '--out', out], { accessKeyId: 'AKIA999999999999NONE' });
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^triad: collect: nothing could be collected: Cannot use the credentials of the default credential chain: /)]);
    expect(existsSync(out)).toBe(false);
    expect(existsSync(workPathFor(out))).toBe(false);
  });

  it('explains a request it cannot run before calling AWS', async () => {
    const run = await cli(['collect', '--org', '--regions', 'all', '--out', snapshotPath('x')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('triad: collect: A role name to assume in each account is required with --accounts and --org (see triad collect --help)\n');
    expect(emulator().calls).toEqual([]);
  });
});

describe('the work file broken under a running collection', () => {
  it('fails with the file and the cause, says so in its progress, and keeps the pairs already done for resume', async () => {
    const out = snapshotPath('broken');
    const progress: CollectionProgress[] = [];
    let broken = false;
    const run = collect(
      { outPath: out, endpoint: emulator().url, homeRegion: 'us-east-1', ratePerSecond: 200, accounts: [MANAGEMENT, SECURITY], role: AUDITOR_ROLE, regions: ['us-east-1', 'eu-west-1'], concurrency: 1 },
      {
        writer: createSnapshotWriter(out, { writerThread: true }),
        credentials: AUDITOR,
        onProgress: (p) => {
          progress.push(p);
          // Another program breaks the file once the first pair is durable.
          if (p.lastPair && !broken) {
            broken = true;
            const other = openDatabase(workPathFor(out));
            other.exec('DROP TABLE findings');
            other.close();
          }
        },
      },
    );
    await expect(run).rejects.toThrow(`${workPathFor(out)}: the writer thread could not write the collection's rows: no such table: findings`);
    expect(progress.at(-1)?.state).toBe('failed');
    expect(existsSync(out)).toBe(false);
    const resumed = createSnapshotWriter(out, { resume: true });
    // Exactly the pairs reported done: the first, and any after it that wrote no finding (AWS Config not enabled).
    const reported = [...new Set(progress.flatMap((p) => (p.lastPair ? [`${p.lastPair.accountId} ${p.lastPair.region}`] : [])))];
    expect(reported.length).toBeGreaterThanOrEqual(1);
    const kept = resumed.donePairs().filter((p) => p.region !== 'global');
    expect(kept.map((p) => `${p.accountId} ${p.region}`).sort()).toEqual(reported.sort());
    expect(kept.length).toBeLessThan(4);
    resumed.close();
  });
});
