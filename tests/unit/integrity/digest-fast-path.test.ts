// The content digest lets SQLite serialize the large tables in batches; these tests hold it to the definition
// (contentLines, built value by value in JavaScript) on the values where the two could part: every Unicode code
// point, control characters and NUL, REALs, BLOBs, integers beyond 2^53, text that is not valid UTF-8, batch
// boundaries over sparse ids, and a file whose schema was edited so that `id` is no longer the rowid.

import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { computeContentDigest, computeContentDigestAsync, contentLines } from '../../../src/main/integrity';
import { TABLES_SQL } from '../../../src/main/snapshot/schema';

/** The digest exactly as docs/integrity.md defines it: every line, each followed by "\n". */
function definedDigest(db: Database.Database): string {
  const hash = createHash('sha256');
  for (const line of contentLines(db)) hash.update(`${line}\n`, 'utf8');
  return hash.digest('hex');
}

function emptySnapshot(): Database.Database {
  const db = new Database(':memory:');
  // Rows here stand alone (findings without their evidence rows): the digest does not care, so neither do we.
  db.pragma('foreign_keys = OFF');
  db.exec(TABLES_SQL);
  return db;
}

const insertFinding = (db: Database.Database) =>
  db.prepare(
    `INSERT INTO findings (id, control_id, account_id, region, resource_type, resource_id, resource_name, status, annotation, evidence_id)
     VALUES (?, 'config-rule:X', '111111111111', 'eu-west-1', 'AWS::S3::Bucket', ?, ?, 'COMPLIANT', ?, ?)`,
  );

describe('the batched content digest equals the defined one', () => {
  it('for text holding every code point, control characters and NUL, across many batches', async () => {
    const db = emptySnapshot();
    const insert = insertFinding(db);
    let text = '';
    let id = 1;
    db.transaction(() => {
      for (let cp = 0; cp <= 0x10ffff; cp++) {
        if (cp >= 0xd800 && cp <= 0xdfff) continue;
        text += String.fromCodePoint(cp);
        if (text.length >= 48) {
          // Sparse ids, so batches are cut at ids that are not multiples of anything.
          insert.run(id, text, `"${text}\\`, '\u0000\n\t\u001f\u007f\u2028', null);
          id += 1 + (id % 7);
          text = '';
        }
      }
      insert.run(id, text, null, '', null);
    })();
    expect(db.prepare('SELECT count(*) FROM findings').pluck().get()).toBeGreaterThan(10_000);
    const expected = definedDigest(db);
    expect(computeContentDigest(db)).toBe(expected);
    expect(await computeContentDigestAsync(db)).toBe(expected);
    db.close();
  });

  it.each([
    ['a REAL in an integer column', `UPDATE findings SET evidence_id = 1.5 WHERE id = 2500`],
    // The forms SQLite writes a REAL in: each must be noticed in the untested batch (see mayHoldReal).
    ['a whole-number REAL', `UPDATE findings SET evidence_id = 100.0 WHERE id = 2501`],
    ['a negative REAL', `UPDATE findings SET evidence_id = -2.5 WHERE id = 2502`],
    ['a negative zero REAL', `UPDATE findings SET evidence_id = -0.0 WHERE id = 2503`],
    ['a large REAL', `UPDATE findings SET evidence_id = 1e20 WHERE id = 2504`],
    ['a tiny REAL', `UPDATE findings SET evidence_id = 5e-324 WHERE id = 2505`],
    ['an infinite REAL', `UPDATE findings SET evidence_id = 1e300 * 1e300 WHERE id = 2506`],
    ['a negative infinite REAL', `UPDATE findings SET evidence_id = -1e300 * 1e300 WHERE id = 2507`],
    ['a REAL in a text column', `UPDATE findings SET annotation = 0.25 WHERE id = 2508`],
    ['a REAL as the first value after the id', `UPDATE findings SET control_id = 7.0 WHERE id = 2509`],
    ['text that reads like a REAL after a comma', `UPDATE findings SET annotation = 'score,1.5 and ,-2.0' WHERE id = 2510`],
    ['a BLOB in a text column', `UPDATE findings SET annotation = CAST(annotation AS BLOB) WHERE id = 3000`],
    ['a BLOB that reads as JSON', `UPDATE findings SET annotation = x'00' WHERE id = 3001`],
    ['text that is not valid UTF-8', `UPDATE findings SET resource_name = CAST(x'61ff62' AS TEXT) WHERE id = 10`],
    ['a surrogate encoded in UTF-8', `UPDATE findings SET annotation = CAST(x'eda080' AS TEXT) WHERE id = 4095`],
    ['an integer beyond 2^53', `UPDATE findings SET evidence_id = 9007199254740993 WHERE id = 4096`],
    ['the largest and smallest ids', `INSERT INTO findings (id, control_id, account_id, region, resource_type, resource_id, status)
       VALUES (9223372036854775807, 'c', 'a', 'r', 't', 'max', 'COMPLIANT'), (-9223372036854775808, 'c', 'a', 'r', 't', 'min', 'COMPLIANT')`],
  ])('with %s', (_label, sql) => {
    const db = emptySnapshot();
    const insert = insertFinding(db);
    db.transaction(() => {
      for (let id = 1; id <= 5000; id++) insert.run(id, `bucket-${id}`, `name ${id}`, `annotation ${id}`, id % 3 === 0 ? null : id);
    })();
    const before = computeContentDigest(db);
    db.exec(sql);
    const expected = definedDigest(db);
    expect(expected).not.toBe(before);
    expect(computeContentDigest(db)).toBe(expected);
    db.close();
  });

  it('when the schema was edited so that ids are not the rowid (duplicates are then all hashed)', () => {
    const db = emptySnapshot();
    db.exec(`DROP TABLE findings;
      CREATE TABLE findings (id INTEGER, control_id TEXT, account_id TEXT, region TEXT, resource_type TEXT, resource_id TEXT, resource_name TEXT,
        rule_name TEXT, status TEXT, annotation TEXT, evaluated_at TEXT, recorded_at TEXT, invoked_at TEXT, evidence_id INTEGER)`);
    const insert = insertFinding(db);
    db.transaction(() => {
      for (let n = 0; n < 6000; n++) insert.run(2040 + (n % 20), `bucket-${n}`, null, null, null);
    })();
    expect(computeContentDigest(db)).toBe(definedDigest(db));
    db.close();
  });
});
