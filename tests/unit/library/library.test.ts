import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanLibrary } from '../../../src/main/library';
import { projectRoot } from '../../../src/main/paths';
import { tempFolder } from '../snapshot/fixture';
import { alteredCopy, sealedFixture } from '../integrity/helpers';
import { writePair } from '../diff/pair';

let dir: string;
let cleanup: () => void;
beforeAll(() => {
  ({ dir, cleanup } = tempFolder('triad-library-'));
  sealedFixture(dir, 'org.triad');
  alteredCopy(join(dir, 'org.triad'), `UPDATE findings SET annotation = 'Looks fine.' WHERE annotation IS NOT NULL`, 'org-edited.triad');
  writePair(dir);
  writeFileSync(join(dir, 'notes.triad'), 'not a snapshot'.repeat(20));
});
afterAll(() => cleanup());

describe('the snapshot library', () => {
  it('groups snapshots by scope in time order, with scores, and lists unreadable files with the reason', async () => {
    const library = await scanLibrary(dir, { verify: true });
    expect(library.scopes.map((s) => [s.label, s.paths.map((p) => p.split('/').pop())])).toEqual([
      ['organization: o-pair', ['base.triad', 'current.triad']],
      ['organization: Organization o-fixture, 3 accounts, 2 regions', ['org-edited.triad', 'org.triad']],
    ]);
    const org = library.entries.find((e) => e.fileName === 'org.triad')!;
    expect(org).toMatchObject({ findings: 17, failing: 5, percent: 61.5, integrity: 'unsigned', title: 'Fixture organization' });
    expect(org.pillars.find((p) => p.pillar === 'confidentiality')).toEqual({ pillar: 'confidentiality', percent: 57.1, failing: 3 });
    expect(library.entries.find((e) => e.fileName === 'org-edited.triad')!.integrity).toBe('tampered');
    expect(library.unreadable).toEqual([{ fileName: 'notes.triad', problem: 'not a Triad snapshot (not an SQLite file)' }]);
  });

  it('the CLI prints the trend per scope, and names a missing folder', () => {
    const triad = (...args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', join(projectRoot(), 'src/main/cli/index.ts'), ...args], { cwd: projectRoot(), encoding: 'utf8' });
    const { status, stdout } = triad('library', dir);
    expect(status).toBe(0);
    expect(stdout).toContain('4 snapshots in 2 scopes');
    expect(stdout).toMatch(/^2026-11-01T00:00:00\.000Z\s+base\.triad\s+10\s+7\s+30\.0%\s+33\.3%\s+0\.0%\s+no data\s+[0-9a-f]{12}…$/m);
    expect(stdout).toContain('Unreadable: notes.triad: not a Triad snapshot (not an SQLite file)');
    const missing = triad('library', join(dir, 'nope'));
    expect(missing.status).toBe(1);
    expect(missing.stderr).toBe(`triad: library: ${join(dir, 'nope')}: folder not found\n`);
  }, 120_000);
});
