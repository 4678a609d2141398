// The built app, as electron-vite produces it: a sandboxed preload can require nothing but 'electron', so it
// must be one self-contained CommonJS file; the renderer must need no inline script under the CSP; each worker
// thread (the content digest, the read indexes, the second half of a CSV export) is an entry of its own beside the
// modules that start it.

import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { MessageChannel, Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { isBuildFresh } from '../../../scripts/build-freshness.mjs';
import { demoSnapshotPath, projectRoot } from '../../../src/main/paths';
import { writeFindingsCsv } from '../../../src/main/export/csv';
import { createReportSource } from '../../../src/main/report/source';
import { createSnapshotWriter, openSnapshot, workPathFor } from '../../../src/main/snapshot';
import { COMMITS, SETTLED, STATE, WORKER_RUNNING } from '../../../src/main/snapshot/row-thread';
import { INDEXES_SQL } from '../../../src/main/snapshot/schema';
import { writeHostileSnapshot } from '../export/hostile-snapshot';
import { sealedFixture } from '../integrity/helpers';
import { FIXTURE_ACCOUNTS, FIXTURE_REGIONS, tempFolder, writeHeader, writePair } from '../snapshot/fixture';

const root = projectRoot();
const out = (...parts: string[]) => join(root, 'out', ...parts);

beforeAll(() => {
  if (!isBuildFresh(root)) execFileSync(join(root, 'node_modules', '.bin', 'electron-vite'), ['build'], { cwd: root, stdio: 'pipe' });
}, 300_000);

describe('preload bundle', () => {
  it('is exactly one file, index.cjs', () => {
    expect(readdirSync(out('preload'))).toEqual(['index.cjs']);
  });

  it("requires nothing but 'electron' and has no ES module syntax", () => {
    const code = readFileSync(out('preload', 'index.cjs'), 'utf8');
    const requireCalls = code.match(/\brequire\s*\(/g) ?? [];
    const literalRequires = [...code.matchAll(/\brequire\s*\(\s*(["'`])([^"'`]+)\1\s*\)/g)].map((m) => m[2]);
    expect(literalRequires.length).toBe(requireCalls.length);
    expect(new Set(literalRequires)).toEqual(new Set(['electron']));
    expect(code).not.toMatch(/^\s*import[\s{*"']/m);
    expect(code).not.toMatch(/\bimport\s*\(/);
    expect(code).not.toMatch(/^\s*export\s/m);
    expect(code).toContain("exposeInMainWorld(\"triad\"");
  });
});

describe('main and renderer bundles', () => {
  it('builds the main entry', () => {
    expect(existsSync(out('main', 'index.js'))).toBe(true);
  });

  it('starts without the AWS SDK: the collector is a chunk the main entry loads only when a collection starts', () => {
    const staticImports = (file: string) => [...readFileSync(out('main', file), 'utf8').matchAll(/(?:^|[;\n])\s*(?:import\b[^"'()]*?|export\b[^"'()]*?\bfrom\s*)["']([^"']+)["']/g)].map((m) => m[1]);
    const staticClosure = (file: string, seen = new Set<string>()): Set<string> => {
      if (seen.has(file)) return seen;
      seen.add(file);
      for (const target of staticImports(file)) if (target.startsWith('./')) staticClosure(target.slice(2), seen);
      return seen;
    };
    const loaded = staticClosure('index.js');
    const packages = [...loaded].flatMap(staticImports).filter((target) => !target.startsWith('./'));
    expect(packages).toContain('better-sqlite3');
    expect(packages.filter((name) => name.startsWith('@aws-sdk/') || name.startsWith('@smithy/') || name === 'playwright-core')).toEqual([]);
    // The chunks it loads on demand (from any module it loads at start) bring the SDK with them.
    const onDemand = [...loaded].flatMap((file) => [...readFileSync(out('main', file), 'utf8').matchAll(/\bimport\("\.\/([\w-]+\.js)"\)/g)].map((m) => m[1]));
    const collector = onDemand.find((file) => [...staticClosure(file)].flatMap(staticImports).includes('@aws-sdk/client-config-service'));
    expect(collector).toMatch(/^collect-/);
  });

  it('builds the CLI as an entry that needs no Electron, and it answers as the sources do', () => {
    const cli = readFileSync(out('main', 'cli.js'), 'utf8');
    expect(cli).not.toMatch(/["']electron["']/);
    const run = (...command: string[]) => execFileSync(process.execPath, command, { cwd: root, encoding: 'utf8' });
    const args = ['summary', demoSnapshotPath(), '--json'];
    const built = run(out('main', 'cli.js'), ...args);
    expect(JSON.parse(built).snapshot.digest).toMatch(/^[0-9a-f]{64}$/);
    expect(built).toBe(run('--import', 'tsx', join(root, 'src', 'main', 'cli', 'index.ts'), ...args));
  });

  it('renderer index.html loads scripts only from files, with no inline script or handler', () => {
    const html = readFileSync(out('renderer', 'index.html'), 'utf8');
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(attributes).toMatch(/\bsrc\s*=/);
      expect(body.trim()).toBe('');
    }
    expect(html).not.toMatch(/\son[a-z]+\s*=/i);
    expect(html).not.toMatch(/javascript:/i);
    expect(html).not.toMatch(/<style\b/i);
  });
});

describe('digest worker bundle', () => {
  it('is its own entry beside the main bundle, and computes the content digest there', async () => {
    const { dir, cleanup } = tempFolder('triad-worker-build-');
    try {
      const file = sealedFixture(dir);
      const db = new Database(file, { readonly: true });
      const recorded = JSON.parse(db.prepare("SELECT value FROM meta WHERE key = 'digest'").pluck().get() as string) as string;
      db.close();
      const answer = await new Promise<unknown>((resolve, reject) => {
        const worker = new Worker(out('main', 'digest-worker.js'), { workerData: { path: file } });
        worker.once('message', resolve);
        worker.once('error', reject);
      });
      expect(answer).toEqual({ digest: recorded });
    } finally {
      cleanup();
    }
  });
});

describe('worker entries', () => {
  it('each sits beside every module that starts it, so the URL it is started by resolves in the built app', () => {
    const main = out('main');
    const started: string[] = [];
    for (const name of readdirSync(main, { recursive: true }) as string[]) {
      if (!name.endsWith('.js')) continue;
      const file = join(main, name);
      for (const [, entry] of readFileSync(file, 'utf8').matchAll(/entryBeside\(import\.meta\.url, "([\w-]+)"\)/g)) {
        started.push(entry);
        expect(existsSync(join(dirname(file), `${entry}.js`)), `${entry}.js beside ${name}`).toBe(true);
      }
    }
    expect(started.sort()).toEqual(['csv-part-worker', 'digest-worker', 'index-worker', 'row-worker']);
  });

  it('the CSV part worker writes the rows of the second half of an export', async () => {
    const { dir, cleanup } = tempFolder('triad-worker-build-');
    const path = writeHostileSnapshot(dir, 500);
    const source = createReportSource(openSnapshot(path));
    try {
      const whole = join(dir, 'whole.csv');
      await writeFindingsCsv(source, { filters: {}, outPath: whole, splitFrom: false });
      const range = source.findingIdRange()!;
      const partPath = join(dir, '.part');
      const scope = { filters: {}, ids: { above: Math.floor((range.min + range.max) / 2) } };
      const answer = await new Promise<unknown>((resolve, reject) => {
        const worker = new Worker(out('main', 'csv-part-worker.js'), { workerData: { snapshotPath: path, fileIdentity: source.fileIdentity, scope, partPath } });
        worker.on('message', (message: object) => {
          if (!('progress' in message)) resolve(message);
        });
        worker.once('error', reject);
      });
      expect(answer).toEqual({ rows: expect.any(Number), path: partPath });
      const part = readFileSync(partPath, 'utf8');
      expect(part.split('\r\n')).toHaveLength((answer as { rows: number }).rows + 1);
      expect(readFileSync(whole, 'utf8').endsWith(part)).toBe(true);
    } finally {
      source.reader.close();
      source.close();
      cleanup();
    }
  });

  it('the row worker writes rows to a work file and answers the settle that closes it', async () => {
    const { dir, cleanup } = tempFolder('triad-worker-build-');
    try {
      const path = join(dir, 'work.triad');
      const writer = createSnapshotWriter(path);
      writeHeader(writer);
      writer.close();
      const state = new Int32Array(new SharedArrayBuffer(4 * Int32Array.BYTES_PER_ELEMENT));
      const { port1, port2 } = new MessageChannel();
      const worker = new Worker(out('main', 'row-worker.js'), { workerData: { path: workPathFor(path), state: state.buffer, replies: port2 }, transferList: [port2] });
      const exited = new Promise<number>((resolve, reject) => {
        worker.once('exit', resolve);
        worker.once('error', reject);
      });
      worker.postMessage({ rows: [['account', ['999999999999', 'Built', '/r', null]]], commit: true });
      worker.postMessage({ settle: 1, close: true });
      expect(await exited).toBe(0);
      port1.close();
      expect([state[SETTLED], state[STATE], state[COMMITS]]).toEqual([1, WORKER_RUNNING, 1]);
      const db = new Database(workPathFor(path), { readonly: true });
      const name = db.prepare("SELECT name FROM accounts WHERE id = '999999999999'").pluck().get();
      db.close();
      expect(name).toBe('Built');
    } finally {
      cleanup();
    }
  });

  it('the index worker builds the read indexes of a work file', async () => {
    const { dir, cleanup } = tempFolder('triad-worker-build-');
    try {
      const path = join(dir, 'work.triad');
      const writer = createSnapshotWriter(path);
      writeHeader(writer);
      writePair(writer, FIXTURE_ACCOUNTS[0].id, FIXTURE_REGIONS[0]);
      writer.markPairDone(FIXTURE_ACCOUNTS[0].id, FIXTURE_REGIONS[0]);
      writer.close();
      const answer = await new Promise<unknown>((resolve, reject) => {
        const worker = new Worker(out('main', 'index-worker.js'), { workerData: { path: workPathFor(path) } });
        worker.once('message', resolve);
        worker.once('error', reject);
      });
      expect(answer).toEqual({});
      const db = new Database(workPathFor(path), { readonly: true });
      const indexes = db.prepare("SELECT name FROM sqlite_master WHERE type = 'index'").pluck().all();
      db.close();
      expect(indexes).toEqual(expect.arrayContaining([...INDEXES_SQL.matchAll(/CREATE INDEX IF NOT EXISTS (\w+)/g)].map((m) => m[1])));
    } finally {
      cleanup();
    }
  });
});
