// Snapshots for the integrity tests: the shared fixture organization, written by the real writer, then
// altered with raw SQL on a copy, as someone editing the evidence would.

import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { buildFixtureSnapshot } from '../snapshot/fixture';
import { recordContentDigest } from '../../../src/main/integrity';

/** Writes the fixture snapshot (with the content digest the writer records) to `dir/name`. */
export function sealedFixture(dir: string, name = 'org.triad'): string {
  const file = join(dir, name);
  buildFixtureSnapshot(file);
  // TRANSITIONAL until the writer hook lands at 01:05: record the digest the writer will record.
  const db = new Database(file);
  if (db.prepare("SELECT value FROM meta WHERE key = 'digest'").pluck().get() === 'null') recordContentDigest(db);
  db.close();
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
