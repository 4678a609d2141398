// Every SQLite file is opened through openDatabase, so the desktop app can load the Electron build of
// better-sqlite3 (TRIAD_SQLITE_BINDING). A direct `new Database(` elsewhere would crash the app at run time
// while every Node-side test still passed.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../../src/main/paths';
import { openDatabase } from '../../../src/main/snapshot/sqlite';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('openDatabase', () => {
  it('is the only place that constructs a better-sqlite3 Database in src/main', () => {
    const root = projectRoot();
    const offenders = sourceFiles(join(root, 'src/main'))
      .filter((file) => !file.endsWith(join('snapshot', 'sqlite.ts')))
      .filter((file) => /new\s+Database\s*\(/.test(readFileSync(file, 'utf8')))
      .map((file) => relative(root, file));
    expect(offenders).toEqual([]);
  });

  it('passes TRIAD_SQLITE_BINDING to better-sqlite3 as its native binding', () => {
    const previous = process.env.TRIAD_SQLITE_BINDING;
    process.env.TRIAD_SQLITE_BINDING = '/nonexistent/better_sqlite3.node';
    try {
      expect(() => openDatabase(':memory:')).toThrow(/nonexistent\/better_sqlite3\.node|Cannot find module/);
    } finally {
      if (previous === undefined) delete process.env.TRIAD_SQLITE_BINDING;
      else process.env.TRIAD_SQLITE_BINDING = previous;
    }
    expect(openDatabase(':memory:').prepare('select 1 as one').get()).toEqual({ one: 1 });
  });
});
