// ReportSource.iterateFindings reads a scope's findings in pages when SQLite walks the table in id order for them,
// and in one pass otherwise (a scope an index narrows, where each page would search and sort every match again;
// a file whose edited schema no longer makes ids unique): either way every finding in scope, once, in id order.

import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ComplianceStatus } from '../../../src/shared/domain';
import type { Filters } from '../../../src/shared/filters';
import { loadCatalog } from '../../../src/main/catalog';
import { generateDemo } from '../../../src/main/demo';
import { createReportSource } from '../../../src/main/report/source';
import { createSnapshotWriter, openSnapshot } from '../../../src/main/snapshot';

const COLUMNS = 'id, control_id, account_id, region, resource_type, resource_id, resource_name, rule_name, status, annotation, evaluated_at, recorded_at, invoked_at, evidence_id';
let dir: string;
let path: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'triad-iterate-'));
  path = join(dir, 'demo.triad');
  generateDemo(createSnapshotWriter(path), { seed: 'iterate', findings: 20_000 }, loadCatalog());
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function query<T>(file: string, read: (db: Database.Database) => T): T {
  const db = new Database(file, { readonly: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

/** The ids SQLite itself selects for `where`, in id order. */
const idsWhere = (file: string, where: string, ...args: unknown[]) =>
  query(file, (db) => db.prepare(`SELECT id FROM findings WHERE ${where} ORDER BY id`).pluck().all(...args) as number[]);

/** How SQLite reads the findings table for `where` followed by the paged reader's "id > ?" condition. */
const planOf = (file: string, where: string, ...args: unknown[]) =>
  query(file, (db) =>
    (db.prepare(`EXPLAIN QUERY PLAN SELECT ${COLUMNS} FROM findings WHERE (${where}) AND id > ? ORDER BY id LIMIT 1000`).all(...args, 0) as { detail: string }[])
      .map((r) => r.detail)
      .join(' | '),
  );

function iteratedIds(file: string, filters: Filters, statuses?: ComplianceStatus[]): number[] {
  const source = createReportSource(openSnapshot(file));
  try {
    return [...source.iterateFindings(source.resolve(filters), statuses)].map((f) => f.id);
  } finally {
    source.reader.close();
    source.close();
  }
}

describe('iterateFindings', () => {
  it('reads in pages, across their boundaries, when SQLite walks the table in id order', () => {
    expect(planOf(path, `status IN ('NON_COMPLIANT')`)).toContain('USING INTEGER PRIMARY KEY');
    const all = idsWhere(path, '1');
    expect(all.length).toBeGreaterThan(15_000);
    expect(iteratedIds(path, {})).toEqual(all);
    const failing = idsWhere(path, `status = 'NON_COMPLIANT'`);
    expect(failing.length).toBeGreaterThan(2_000);
    expect(iteratedIds(path, {}, ['NON_COMPLIANT'])).toEqual(failing);
  });

  it('reads in one pass a scope that an index narrows', () => {
    const { account, region } = query(path, (db) => db.prepare('SELECT account_id AS account, region FROM findings ORDER BY id LIMIT 1').get() as { account: string; region: string });
    expect(planOf(path, 'account_id IN (?) AND region IN (?)', account, region)).not.toContain('USING INTEGER PRIMARY KEY');
    const expected = idsWhere(path, 'account_id = ? AND region = ?', account, region);
    expect(expected.length).toBeGreaterThan(100);
    expect(iteratedIds(path, { accounts: [account], regions: [region] })).toEqual(expected);
  });

  it('reads in one pass, every row, a file whose edited schema lets two findings share an id', () => {
    const edited = join(dir, 'edited.triad');
    query(path, (db) => db.prepare('VACUUM INTO ?').run(edited));
    const db = new Database(edited);
    // The same rows in a table whose id is an ordinary column, plus a copy of the
    // finding that ends the first page (counted in the summary and meta): paged by id, its copy would be skipped.
    db.exec(`
      CREATE TABLE findings_copy AS SELECT * FROM findings;
      INSERT INTO findings_copy SELECT * FROM findings WHERE id = 1000;
      UPDATE summary SET count = count + 1 WHERE (control_id, account_id, region, status) = (SELECT control_id, account_id, region, status FROM findings WHERE id = 1000);
      UPDATE meta SET value = json_set(value, '$.findings', json_extract(value, '$.findings') + 1) WHERE key = 'counts';
      DROP TABLE findings;
      ALTER TABLE findings_copy RENAME TO findings;`);
    db.close();
    expect(planOf(edited, '1')).not.toContain('USING INTEGER PRIMARY KEY');
    const ids = iteratedIds(edited, {});
    expect(ids).toEqual(idsWhere(edited, '1'));
    expect(ids.filter((id) => id === 1000)).toHaveLength(2);
  });
});

describe('the sums a report reads beside its findings', () => {
  const withSource = <T>(file: string, read: (source: ReturnType<typeof createReportSource>) => T): T => {
    const source = createReportSource(openSnapshot(file));
    try {
      return read(source);
    } finally {
      source.reader.close();
      source.close();
    }
  };

  it('counts evidence per API operation from its index, and the same through the table in a file without it', () => {
    expect(query(path, (db) => db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'evidence_by_provenance'").pluck().get())).toBe(1);
    const indexed = withSource(path, (source) => source.operations());
    const older = join(dir, 'without-index.triad');
    copyFileSync(path, older);
    const db = new Database(older);
    db.exec('DROP INDEX evidence_by_provenance');
    const total = db.prepare('SELECT count(*) FROM evidence').pluck().get();
    db.close();
    expect(withSource(older, (source) => source.operations())).toEqual(indexed);
    expect(indexed.reduce((sum, o) => sum + o.evidence, 0)).toBe(total);
  });

  it('finds the lowest and highest finding id, also when the first and last rows are gone', () => {
    const trimmed = join(dir, 'trimmed.triad');
    copyFileSync(path, trimmed);
    const db = new Database(trimmed);
    const [min, max] = db.prepare('SELECT min(id), max(id) FROM findings').raw(true).get() as [number, number];
    db.prepare('DELETE FROM findings WHERE id IN (?, ?, ?)').run(min, min + 1, max);
    db.close();
    expect(withSource(path, (source) => source.findingIdRange())).toEqual({ min, max });
    expect(withSource(trimmed, (source) => source.findingIdRange())).toEqual({ min: min + 2, max: max - 1 });
  });
});
