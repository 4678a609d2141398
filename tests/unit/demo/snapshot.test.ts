// The demo written through the real SQLite store and read back through the real reader, and the CLI command.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../../src/main/catalog';
import { generateDemo } from '../../../src/main/demo';
import { HOSTILE_ANNOTATION, HOSTILE_BUCKET_TAGS, HOSTILE_SECURITY_GROUP_NAME } from '../../../src/main/demo/hostile';
import { projectRoot } from '../../../src/main/paths';
import { createSnapshotWriter, openSnapshot, type SnapshotReader } from '../../../src/main/snapshot';

const FINDINGS = 3_000;
let dir: string;

function writeDemo(name: string, seed: string): string {
  const path = join(dir, name);
  generateDemo(createSnapshotWriter(path), { seed, findings: FINDINGS }, loadCatalog());
  return path;
}

/** Everything the app would show of a snapshot, minus the file path: equal for equal logical content. */
function visibleContent(reader: SnapshotReader): string {
  const { snapshot, ...overview } = reader.overview();
  const sample = [];
  for (let id = 1; id <= snapshot.counts.findings; id += 97) sample.push(reader.finding(id));
  return JSON.stringify({ meta: snapshot.meta, counts: snapshot.counts, overview, sample });
}

describe('demo snapshot file', () => {
  let first: SnapshotReader;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'triad-demo-'));
    first = openSnapshot(writeDemo('first.triad', 'file-seed'));
  });
  afterAll(() => {
    first?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads back as a demo snapshot with its coverage gaps', () => {
    const overview = first.overview();
    expect(overview.snapshot.meta).toMatchObject({ title: 'Demo organization', isDemo: true, partial: false, scope: { mode: 'demo' } });
    expect(overview.snapshot.counts.accounts).toBe(12);
    expect(Math.abs(overview.snapshot.counts.findings - FINDINGS) / FINDINGS).toBeLessThan(0.05);
    expect(overview.snapshot.counts.evidence).toBeLessThan(overview.snapshot.counts.findings / 2);
    expect(first.coverageErrors(0, 100).rows.map((e) => e.code).sort()).toEqual([
      ...Array(8).fill('AccessDeniedException'),
      'NoSuchConfigurationRecorderException',
    ]);
  });

  it('holds the same content when written twice from the same seed, and different content from another seed', () => {
    const again = openSnapshot(writeDemo('again.triad', 'file-seed'));
    const other = openSnapshot(writeDemo('other.triad', 'another-seed'));
    try {
      expect(visibleContent(again)).toBe(visibleContent(first));
      expect(visibleContent(other)).not.toBe(visibleContent(first));
    } finally {
      again.close();
      other.close();
    }
  });

  it('keeps hostile values byte for byte through SQLite', () => {
    const page = first.findings({ controlId: 'config-rule:custom:sg-ingress-change-ticket', text: '<b>', offset: 0, limit: 10 });
    expect(page?.rows).toHaveLength(1);
    const detail = first.finding(page?.rows[0].id ?? 0);
    expect(detail?.finding.annotation).toBe(HOSTILE_ANNOTATION);
    expect(detail?.finding.resourceName).toBe(HOSTILE_SECURITY_GROUP_NAME);
    const body = detail?.evidence?.body as { configuration: { groupName: string } };
    expect(body.configuration.groupName).toBe(HOSTILE_SECURITY_GROUP_NAME);

    const bucketName = 'storefront-dev-artifacts-us-east-1';
    const bucket = first.findings({ controlId: 'config-rule:S3_BUCKET_VERSIONING_ENABLED', text: bucketName, offset: 0, limit: 10 });
    const bucketEvidence = first.finding(bucket?.rows[0].id ?? 0)?.evidence;
    expect(bucketEvidence?.resourceId).toBe(bucketName);
    expect((bucketEvidence?.body as { tags: Record<string, string> }).tags).toMatchObject(HOSTILE_BUCKET_TAGS);
    expect(bucketEvidence?.provenance).toMatchObject({ service: 'config', operation: 'GetResourceConfigHistory', accountId: '530000000302', region: 'us-east-1' });
  });
});

describe('triad demo command', () => {
  const cli = (...args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', join(projectRoot(), 'src/main/cli/index.ts'), 'demo', ...args], {
      cwd: projectRoot(),
      encoding: 'utf8',
    });
  let cliDir: string;
  beforeAll(() => {
    cliDir = mkdtempSync(join(tmpdir(), 'triad-demo-cli-'));
  });
  afterAll(() => rmSync(cliDir, { recursive: true, force: true }));

  it('writes the snapshot atomically and says what it wrote', () => {
    const out = join(cliDir, 'demo.triad');
    const run = cli('--out', out, '--seed', 'cli', '--findings', '1000');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Wrote .*demo\.triad \([\d.]+ MB\): \d+ findings on \d+ resources, \d+ controls, 12 accounts \(seed "cli"\)\n$/);
    expect(readdirSync(cliDir)).toEqual(['demo.triad']);
    const reader = openSnapshot(out);
    expect(reader.info().meta.isDemo).toBe(true);
    reader.close();
  });

  it.each([
    [['--out', 'x.triad', '--findings', 'lots'], /^triad: demo: --findings must be a whole number from 1000 to 10000000 \(got "lots"\)\n$/],
    [['--findings', '2000'], /^triad: demo: --out <file\.triad> is required/],
    [['--out', '/no/such/folder/demo.triad'], /^triad: demo: cannot write \/no\/such\/folder\/demo\.triad: the folder \/no\/such\/folder does not exist\n$/],
  ])('fails with one clear line for %j', (args, message) => {
    const run = cli(...args);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(message);
    expect(run.stdout).toBe('');
    expect(existsSync(join(projectRoot(), 'x.triad'))).toBe(false);
  });
});
