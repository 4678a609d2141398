// Snapshots for the integrity tests: the shared fixture organization, written by the real writer, then
// altered with raw SQL on a copy, as someone editing the evidence would.

import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { buildFixtureSnapshot } from '../snapshot/fixture';

/** Writes the fixture snapshot (with the content digest the writer records) to `dir/name`. */
export function sealedFixture(dir: string, name = 'org.triad'): string {
  const file = join(dir, name);
  buildFixtureSnapshot(file);
  return file;
}

/** A copy of `source` with `sql` applied to it. */
export function alteredCopy(source: string, sql: string, name: string): string {
  const file = join(source, '..', name);
  copyFileSync(source, file);
  const db = new Database(file);
  db.exec(sql);
  db.close();
  return file;
}
