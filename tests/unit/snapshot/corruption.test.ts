import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSnapshotWriter, openSnapshot, SnapshotError, workPathFor } from '../../../src/main/snapshot';
import { S3_PUBLIC, buildFixtureSnapshot, tempFolder, writeHeader } from './fixture';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempFolder()));
afterEach(() => cleanup());

/** A finished fixture snapshot altered with raw SQL, as a damaged or hostile file would be. */
function tampered(sql: string): string {
  const file = join(dir, 'tampered.triad');
  buildFixtureSnapshot(file);
  const db = new Database(file);
  db.exec(sql);
  db.close();
  return file;
}

function openError(file: string): string {
  try {
    openSnapshot(file).close();
  } catch (error) {
    expect(error).toBeInstanceOf(SnapshotError);
    return (error as Error).message;
  }
  throw new Error(`${file} opened without error`);
}

describe('opening a damaged or foreign file gives one clear error naming the file', () => {
  it('a file that is not SQLite', () => {
    const file = join(dir, 'notes.triad');
    writeFileSync(file, 'These are my audit notes, not a snapshot.\n'.repeat(10));
    expect(openError(file)).toBe(`${file}: not a Triad snapshot (not an SQLite file)`);
  });

  it('an empty file', () => {
    const file = join(dir, 'empty.triad');
    writeFileSync(file, '');
    expect(openError(file)).toBe(`${file}: is empty (0 bytes), not a Triad snapshot`);
  });

  it('a folder instead of a file', () => {
    const folder = join(dir, 'folder.triad');
    mkdirSync(folder);
    expect(openError(folder)).toBe(`${folder}: is a folder, not a snapshot file`);
  });

  it('a missing file', () => {
    expect(openError(join(dir, 'nowhere.triad'))).toBe(`${join(dir, 'nowhere.triad')}: file not found`);
  });

  it('a truncated file', () => {
    const file = join(dir, 'cut.triad');
    buildFixtureSnapshot(file);
    const full = statSync(file).size;
    truncateSync(file, 8192);
    expect(openError(file)).toBe(`${file}: is truncated (8192 bytes, expected ${full})`);
  });

  it('the work file of an unfinished collection', () => {
    const file = join(dir, 'org.triad');
    const writer = createSnapshotWriter(file);
    writeHeader(writer);
    writer.close();
    expect(openError(workPathFor(file))).toBe(
      `${workPathFor(file)}: was not finished (still in write-ahead-log mode); it is not a complete Triad snapshot`,
    );
  });

  it('an SQLite database that is not a Triad snapshot', () => {
    const file = join(dir, 'other.db');
    const db = new Database(file);
    db.exec('CREATE TABLE t (x); INSERT INTO t VALUES (1);');
    db.close();
    expect(openError(file)).toBe(`${file}: not a Triad snapshot (no meta table)`);
  });

  it('a missing table', () => {
    const file = tampered('PRAGMA foreign_keys = OFF; DROP TABLE evidence');
    expect(openError(file)).toBe(`${file}: is damaged or incomplete (missing table "evidence")`);
  });

  it('a newer major format version', () => {
    const file = tampered("UPDATE meta SET value = '2.0' WHERE key = 'format_version'");
    expect(openError(file)).toBe(`${file}: uses snapshot format 2.0, newer than this Triad can read (1.x); update Triad to open it`);
  });

  it('a hostile status value', () => {
    const file = tampered("UPDATE findings SET status = '<img src=x onerror=alert(1)>' WHERE id = 1");
    expect(openError(file)).toBe(`${file}: has an invalid value: finding 1 has status "<img src=x onerror=alert(1)>"`);
  });

  it('a status that is not even text', () => {
    const file = tampered('UPDATE findings SET status = 42 WHERE id = 2');
    expect(openError(file)).toBe(`${file}: has an invalid value: finding 2 has status "42"`);
  });

  it('an absurd count in the summary', () => {
    const file = tampered(`UPDATE summary SET count = -5 WHERE control_id = '${S3_PUBLIC}'`);
    expect(openError(file)).toBe(`${file}: has an invalid value: summary count of ${S3_PUBLIC} must be an integer from 1 to 1000000000000`);
  });

  it('findings that the summary does not count', () => {
    const file = tampered(`UPDATE findings SET status = 'ERROR' WHERE control_id = '${S3_PUBLIC}'`);
    expect(openError(file)).toBe(`${file}: is damaged (its summary and its findings disagree on ERROR results of ${S3_PUBLIC})`);
  });

  it('findings of a control the snapshot does not describe', () => {
    const file = tampered("UPDATE findings SET control_id = 'config-rule:GHOST' WHERE id = 1");
    expect(openError(file)).toBe(`${file}: is damaged (findings refer to unknown control "config-rule:GHOST")`);
  });

  it('a classification outside the vocabulary', () => {
    const file = tampered(`UPDATE controls SET pillar = 'secrecy' WHERE id = '${S3_PUBLIC}'`);
    expect(openError(file)).toBe(
      `${file}: has an invalid value: control ${S3_PUBLIC} pillar must be one of: confidentiality, integrity, availability`,
    );
  });

  it('evidence that is not JSON is reported when the finding is opened', () => {
    const file = tampered("UPDATE evidence SET body = '{not json' WHERE id = 1");
    const snapshot = openSnapshot(file);
    try {
      const findingId = snapshot.findings({ controlId: S3_PUBLIC, sort: 'resource', offset: 0, limit: 1000 })!.rows.find((r) => r.evidenceId === 1)!.id;
      expect(() => snapshot.finding(findingId)).toThrow(`${file}: has an invalid value: evidence 1 body is not valid JSON`);
    } finally {
      snapshot.close();
    }
  });
});

describe('compatibility and read-only access', () => {
  it('opens a newer minor version of the same major', () => {
    const file = tampered("UPDATE meta SET value = '1.7' WHERE key = 'format_version'");
    const snapshot = openSnapshot(file);
    expect(snapshot.info().meta.formatVersion).toBe('1.7');
    snapshot.close();
  });

  it('never changes the file it reads, nor creates files beside it', () => {
    const file = join(dir, 'org.triad');
    buildFixtureSnapshot(file);
    const digest = () => createHash('sha256').update(readFileSync(file)).digest('hex');
    const before = { digest: digest(), mtime: statSync(file).mtimeMs };
    const snapshot = openSnapshot(file);
    snapshot.overview({ statuses: ['NON_COMPLIANT'] });
    const page = snapshot.findings({ controlId: S3_PUBLIC, text: 'prod', sort: 'status', offset: 0, limit: 10 })!;
    snapshot.finding(page.rows[0].id);
    snapshot.close();
    expect({ digest: digest(), mtime: statSync(file).mtimeMs }).toEqual(before);
    expect(readdirSync(dir)).toEqual(['org.triad']);
  });
});
