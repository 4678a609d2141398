// Compares two snapshots finding by finding. Each snapshot's findings are read as one stream sorted by their key
// (account × region × resource type × resource id × control; the findings_by_resource index gives that order
// with only small per-resource sorts), the two streams are merged, and every key that changed goes into an
// in-memory SQLite table that the CLI and the API page through. Nothing proportional to the snapshots' size
// is held in JavaScript: memory grows with the number of changes, not of findings.

import Database from 'better-sqlite3';
import type { ComplianceStatus, CoverageState, PillarKey } from '../../shared/domain';
import { PILLARS } from '../../shared/domain';
import {
  DIFF_CATEGORIES,
  type CoverageChange,
  type DiffCategory,
  type DiffChange,
  type DiffChangeDetail,
  type DiffChangePage,
  type DiffControlRow,
  type DiffCounts,
  type DiffSummary,
} from '../../shared/diff';
import { openSnapshot, SnapshotError, type SnapshotReader } from '../snapshot';
import { changedJsonPaths } from './json-changes';
import { KEY_ORDER_SQL, KEY_SQL, compareKeys, controlOfKey, splitKey } from './keys';
import { openDatabase } from '../snapshot/sqlite';

export interface ChangeQuery {
  category?: DiffCategory;
  controlId?: string;
  offset: number;
  limit: number;
}

export interface SnapshotDiff {
  readonly summary: DiffSummary;
  changes(query: ChangeQuery): DiffChangePage;
  /** Every change in key order, for exports. */
  allChanges(): IterableIterator<DiffChange>;
  /** null when there is no such change. */
  change(id: number): DiffChangeDetail | null;
  close(): void;
}

const MAX_EVIDENCE_PATHS = 500;

/** [key, status, evidence sha256 or null, finding id] */
type Row = [string, ComplianceStatus, string | null, number];

export function emptyDiffCounts(): DiffCounts {
  return { ...(Object.fromEntries(DIFF_CATEGORIES.map((c) => [c, 0])) as Record<DiffCategory, number>), unchanged: 0 };
}

/** The category of a key present in both snapshots; null when nothing changed. */
export function categoryOfPair(base: ComplianceStatus, current: ComplianceStatus, evidenceChanged: boolean): DiffCategory | null {
  if (current === 'NON_COMPLIANT') return base === 'NON_COMPLIANT' ? 'still-failing' : 'regressed';
  if (base === 'NON_COMPLIANT') return current === 'COMPLIANT' || current === 'NOT_APPLICABLE' ? 'resolved' : 'status-changed';
  if (base !== current) return 'status-changed';
  return evidenceChanged ? 'evidence-changed' : null;
}

interface Side {
  reader: SnapshotReader;
  db: Database.Database;
  /** account \0 region → coverage state */
  coverage: Map<string, CoverageState>;
  controls: Set<string>;
}

function openSide(path: string): Side {
  const reader = openSnapshot(path);
  try {
    const db = openDatabase(reader.path, { readonly: true, fileMustExist: true });
    db.pragma('cache_size = -131072');
    const coverage = new Map<string, CoverageState>();
    for (const [accountId, region, state] of db.prepare('SELECT account_id, region, state FROM coverage').raw(true).all() as [string, string, CoverageState][]) {
      coverage.set(`${accountId}\u0000${region}`, state);
    }
    const controls = new Set(db.prepare('SELECT id FROM controls').pluck().all() as string[]);
    return { reader, db, coverage, controls };
  } catch (error) {
    reader.close();
    throw error;
  }
}

/** Whether a side fully collected the account × region pair of a key and still has its control. */
function covers(side: Side, key: string): boolean {
  const parts = key.split('\u0000', 2);
  return side.coverage.get(`${parts[0]}\u0000${parts[1]}`) === 'collected' && side.controls.has(controlOfKey(key));
}

function sortedFindings(side: Side): IterableIterator<Row> {
  return side.db
    .prepare(`SELECT ${KEY_SQL}, f.status, e.sha256, f.id FROM findings f LEFT JOIN evidence e ON e.id = f.evidence_id ORDER BY ${KEY_ORDER_SQL}`)
    .raw(true)
    .iterate() as IterableIterator<Row>;
}

const CHANGES_SQL = `
CREATE TABLE changes (
  id INTEGER PRIMARY KEY,
  category TEXT NOT NULL,
  control_id TEXT NOT NULL,
  account_id TEXT NOT NULL,
  region TEXT NOT NULL,
  resource_type TEXT NOT NULL,
  resource_id TEXT NOT NULL,
  base_id INTEGER,
  current_id INTEGER,
  base_status TEXT,
  current_status TEXT,
  evidence_changed INTEGER NOT NULL
);`;

export function diffSnapshots(basePath: string, currentPath: string): SnapshotDiff {
  const started = performance.now();
  const base = openSide(basePath);
  let current: Side;
  try {
    current = openSide(currentPath);
  } catch (error) {
    base.reader.close();
    base.db.close();
    throw error;
  }
  const store = openDatabase(':memory:');
  const closeAll = () => {
    for (const side of [base, current]) {
      side.db.close();
      side.reader.close();
    }
    store.close();
  };
  try {
    store.exec(CHANGES_SQL);
    const { totals, byControl, evidenceChanged } = mergeFindings(base, current, store);
    store.exec('CREATE INDEX changes_by_category ON changes (category, control_id, id); CREATE INDEX changes_by_control ON changes (control_id, id);');
    const summary = summarize(base, current, totals, byControl, evidenceChanged, performance.now() - started);
    // The streams are read; only the readers (for drill-down) and the change table stay open.
    base.db.close();
    current.db.close();
    return sessionOver(store, base.reader, current.reader, summary);
  } catch (error) {
    closeAll();
    throw error;
  }
}

function mergeFindings(base: Side, current: Side, store: Database.Database) {
  const insert = store.prepare(
    `INSERT INTO changes (category, control_id, account_id, region, resource_type, resource_id, base_id, current_id, base_status, current_status, evidence_changed)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const totals = emptyDiffCounts();
  const byControl = new Map<string, DiffCounts>();
  let evidenceChanged = 0;
  const count = (key: string, category: DiffCategory | 'unchanged') => {
    totals[category]++;
    const controlId = controlOfKey(key);
    let counts = byControl.get(controlId);
    if (!counts) byControl.set(controlId, (counts = emptyDiffCounts()));
    counts[category]++;
  };
  const record = (category: DiffCategory, key: string, a: Row | null, b: Row | null, evidence: boolean) => {
    const k = splitKey(key);
    insert.run(category, k.controlId, k.accountId, k.region, k.resourceType, k.resourceId, a?.[3] ?? null, b?.[3] ?? null, a?.[1] ?? null, b?.[1] ?? null, evidence ? 1 : 0);
    count(key, category);
  };

  const streamA = sortedFindings(base);
  const streamB = sortedFindings(current);
  // Each stream must come in non-decreasing key order as compareKeys defines it, or the merge would pair wrongly.
  const pull = (stream: IterableIterator<Row>, side: Side, previous: Row | null): Row | null => {
    const next = stream.next();
    if (next.done) return null;
    const row = next.value;
    if (previous && compareKeys(previous[0], row[0]) > 0) {
      throw new SnapshotError(side.reader.path, 'has finding keys that do not sort consistently (a resource id or control id with unexpected characters or types), so it cannot be compared');
    }
    return row;
  };

  let a = pull(streamA, base, null);
  let b = pull(streamB, current, null);
  store.exec('BEGIN');
  try {
    let pending = 0;
    while (a || b) {
      const order = !a ? 1 : !b ? -1 : compareKeys(a[0], b[0]);
      if (order === 0) {
        const evidence = a![2] !== b![2];
        if (evidence) evidenceChanged++;
        const category = categoryOfPair(a![1], b![1], evidence);
        if (category) record(category, a![0], a, b, evidence);
        else count(a![0], 'unchanged');
        a = pull(streamA, base, a);
        b = pull(streamB, current, b);
      } else if (order < 0) {
        record(covers(current, a![0]) ? 'removed' : 'no-longer-collected', a![0], a, null, false);
        a = pull(streamA, base, a);
      } else {
        const category = !covers(base, b![0]) ? 'newly-collected' : b![1] === 'NON_COMPLIANT' ? 'new-failing' : 'added';
        record(category, b![0], null, b, false);
        b = pull(streamB, current, b);
      }
      if (++pending >= 100_000) {
        store.exec('COMMIT; BEGIN');
        pending = 0;
      }
    }
    store.exec('COMMIT');
  } catch (error) {
    if (store.inTransaction) store.exec('ROLLBACK');
    streamA.return?.();
    streamB.return?.();
    throw error;
  }
  return { totals, byControl, evidenceChanged };
}

function summarize(
  base: Side,
  current: Side,
  totals: DiffCounts,
  byControl: Map<string, DiffCounts>,
  evidenceChanged: number,
  elapsedMs: number,
): DiffSummary {
  const baseInfo = base.reader.info();
  const currentInfo = current.reader.info();
  const controlMeta = new Map<string, { title: string; pillar: PillarKey }>();
  for (const side of [base, current]) {
    for (const pillar of [...PILLARS, 'unclassified'] as const) {
      for (const c of side.reader.pillar(pillar).controls) if (!controlMeta.has(c.id)) controlMeta.set(c.id, { title: c.title, pillar: c.pillar });
    }
  }
  const changed = (counts: DiffCounts) => DIFF_CATEGORIES.some((c) => counts[c] > 0);
  const controls: DiffControlRow[] = [...byControl.entries()]
    .filter(([, counts]) => changed(counts))
    .map(([controlId, counts]) => ({ controlId, title: controlMeta.get(controlId)?.title ?? controlId, pillar: controlMeta.get(controlId)?.pillar ?? 'unclassified', counts }))
    .sort(
      (x, y) =>
        y.counts['new-failing'] + y.counts.regressed - (x.counts['new-failing'] + x.counts.regressed) ||
        y.counts.resolved - x.counts.resolved ||
        x.title.localeCompare(y.title) ||
        x.controlId.localeCompare(y.controlId),
    );

  const setDiff = (a: Iterable<string>, b: Iterable<string>) => {
    const inB = new Set(b);
    return [...new Set(a)].filter((x) => !inB.has(x)).sort();
  };
  const accountsOf = (side: Side) => side.reader.filterOptions().accounts.map((acc) => acc.id);
  const regionsOf = (side: Side) => side.reader.filterOptions().regions;

  const coverage: CoverageChange[] = [];
  for (const key of new Set([...base.coverage.keys(), ...current.coverage.keys()])) {
    const before = base.coverage.get(key) ?? null;
    const after = current.coverage.get(key) ?? null;
    if (before === after) continue;
    const [accountId, region] = key.split('\u0000');
    coverage.push({ accountId, region, base: before, current: after });
  }
  coverage.sort((x, y) => x.accountId.localeCompare(y.accountId) || x.region.localeCompare(y.region));

  const warnings: string[] = [];
  const scopeText = (info: typeof baseInfo) => `${info.meta.scope.mode}${info.meta.scope.description ? `: ${info.meta.scope.description}` : ''}`;
  if (scopeText(baseInfo) !== scopeText(currentInfo)) {
    warnings.push(`The snapshots have different scopes (base ${scopeText(baseInfo)}; current ${scopeText(currentInfo)}): only what both collected compares like for like.`);
  }
  if (Date.parse(baseInfo.meta.createdAt) > Date.parse(currentInfo.meta.createdAt)) {
    warnings.push('The base snapshot was taken after the current one, so "new" and "resolved" read backwards; swap them to compare forwards.');
  }
  for (const [label, info] of [['base', baseInfo], ['current', currentInfo]] as const) {
    if (info.meta.partial) warnings.push(`The ${label} snapshot is partial (its collection did not finish).`);
  }

  return {
    base: baseInfo,
    current: currentInfo,
    warnings,
    totals,
    evidenceChanged,
    controls,
    accounts: { added: setDiff(accountsOf(current), accountsOf(base)), removed: setDiff(accountsOf(base), accountsOf(current)) },
    regions: { added: setDiff(regionsOf(current), regionsOf(base)), removed: setDiff(regionsOf(base), regionsOf(current)) },
    controlsAdded: setDiff(current.controls, base.controls),
    controlsRemoved: setDiff(base.controls, current.controls),
    coverage,
    elapsedMs: Math.round(elapsedMs),
  };
}

function sessionOver(store: Database.Database, base: SnapshotReader, current: SnapshotReader, summary: DiffSummary): SnapshotDiff {
  const changeFrom = (r: Record<string, unknown>): DiffChange => ({
    id: Number(r.id),
    category: r.category as DiffCategory,
    controlId: String(r.control_id),
    accountId: String(r.account_id),
    region: String(r.region),
    resourceType: String(r.resource_type),
    resourceId: String(r.resource_id),
    baseFindingId: r.base_id === null ? null : Number(r.base_id),
    currentFindingId: r.current_id === null ? null : Number(r.current_id),
    baseStatus: (r.base_status ?? null) as ComplianceStatus | null,
    currentStatus: (r.current_status ?? null) as ComplianceStatus | null,
    evidenceChanged: r.evidence_changed === 1,
  });
  const byId = store.prepare('SELECT * FROM changes WHERE id = ?');

  return {
    summary,
    changes({ category, controlId, offset, limit }) {
      const where: string[] = [];
      const args: unknown[] = [];
      if (category) {
        where.push('category = ?');
        args.push(category);
      }
      if (controlId) {
        where.push('control_id = ?');
        args.push(controlId);
      }
      const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
      const total = store.prepare(`SELECT count(*) FROM changes ${clause}`).pluck().get(...args) as number;
      const rows = store.prepare(`SELECT * FROM changes ${clause} ORDER BY id LIMIT ? OFFSET ?`).all(...args, limit, offset) as Record<string, unknown>[];
      return { total, offset, rows: rows.map(changeFrom) };
    },
    *allChanges() {
      for (const r of store.prepare('SELECT * FROM changes ORDER BY id').iterate() as Iterable<Record<string, unknown>>) yield changeFrom(r);
    },
    change(id) {
      const r = byId.get(id) as Record<string, unknown> | undefined;
      if (!r) return null;
      const change = changeFrom(r);
      const before = change.baseFindingId === null ? null : base.finding(change.baseFindingId);
      const after = change.currentFindingId === null ? null : current.finding(change.currentFindingId);
      const paths =
        before?.evidence && after?.evidence ? changedJsonPaths(before.evidence.body, after.evidence.body, MAX_EVIDENCE_PATHS) : { changes: [], truncated: false };
      return { change, base: before, current: after, evidencePaths: paths.changes, evidencePathsTruncated: paths.truncated };
    },
    close() {
      base.close();
      current.close();
      store.close();
    },
  };
}
