// `npm run triad` (scripts/triad.mjs) runs the built CLI only when the build is at least as new as every source,
// and the sources under tsx otherwise, with the arguments and exit code passed through. Run in a copy of the
// scripts inside a throwaway project whose "built CLI" and "tsx" only say which of them ran.

import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { projectRoot } from '../../../src/main/paths';

let project: string;

function put(path: string, content: string, mtimeSeconds: number): void {
  const file = join(project, path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, content);
  utimesSync(file, mtimeSeconds, mtimeSeconds);
}

function runTriad(...args: string[]) {
  return spawnSync(process.execPath, [join(project, 'scripts', 'triad.mjs'), ...args], { cwd: project, encoding: 'utf8' });
}

const SOURCES_AT = 1_700_000_000;

beforeEach(() => {
  project = mkdtempSync(join(tmpdir(), 'triad-runner-'));
  for (const script of ['triad.mjs', 'build-freshness.mjs']) {
    mkdirSync(join(project, 'scripts'), { recursive: true });
    copyFileSync(join(projectRoot(), 'scripts', script), join(project, 'scripts', script));
  }
  put('package.json', '{"name":"triad","type":"module"}', SOURCES_AT);
  put('src/main/cli/index.ts', '', SOURCES_AT);
  put('node_modules/.bin/tsx', '#!/bin/sh\necho "sources $*"\nexit 3\n', SOURCES_AT);
  chmodSync(join(project, 'node_modules/.bin/tsx'), 0o755);
  for (const output of ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html']) put(output, '', SOURCES_AT + 60);
  put('out/main/cli.js', "console.log('built ' + process.argv.slice(2).join(' '));\n", SOURCES_AT + 60);
  // Directories count by their own time too (a file deleted from src makes the build stale).
  for (const dir of ['src/main/cli', 'src/main', 'src']) utimesSync(join(project, dir), SOURCES_AT, SOURCES_AT);
});

afterEach(() => rmSync(project, { recursive: true, force: true }));

describe('npm run triad', () => {
  it('runs the built CLI, with the arguments, when the build is newer than every source', () => {
    const run = runTriad('summary', 'x.triad', '--json');
    expect(run.stderr).toBe('');
    expect(run.stdout.trim()).toBe('built summary x.triad --json');
    expect(run.status).toBe(0);
  });

  it('runs the sources under tsx, with the arguments and its exit code, when a source is newer than the build', () => {
    utimesSync(join(project, 'src/main/cli/index.ts'), SOURCES_AT + 120, SOURCES_AT + 120);
    const run = runTriad('summary', 'x.triad');
    expect(run.stdout.trim()).toBe(`sources ${join(project, 'src', 'main', 'cli', 'index.ts')} summary x.triad`);
    expect(run.status).toBe(3);
  });

  it('runs the sources when the built CLI is missing', () => {
    rmSync(join(project, 'out/main/cli.js'));
    expect(runTriad('help').stdout).toMatch(/^sources /);
  });
});
