// Compares two snapshots finding by finding. Each snapshot's findings are read as one stream of resources in key
// order (account × region × resource type × resource id: the findings_by_resource index), SQLite serializing each
// resource's controls, statuses, evidence tokens and finding ids as JSON arrays, so one row per resource reaches
// JavaScript. Evidence is compared by content hash without reading evidence rows: each side's findings carry a
// small token that is equal across the two sides exactly when the hashes are. The two streams are merged like
// sorted files; a resource whose findings read the same on both sides and has none failing is unchanged as a
// whole and never looked into. Every key that changed goes into an in-memory SQLite table that the CLI and the
// API page through (numbers for category, control and statuses, and the resource key as the stream read it, keep
// its rows cheap to write); unchanged keys are counted from the base's per-control totals. Nothing proportional
// to the snapshots' size is held in JavaScript.

import Database from 'better-sqlite3';
import type { ComplianceStatus, CoverageState, PillarKey } from '../../shared/domain';
import { PILLARS, STATUSES } from '../../shared/domain';
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
import { compareKeys, compareUnits, needsCodePointOrder, splitResourceKey } from './keys';
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

/** One resource's findings on one side, as SQLite serialized them: aligned JSON arrays. */
interface ResourceGroup {
  /** account \0 region \0 resource type \0 resource id */
  key: string;
  controls: string;
  statuses: string;
  /** Evidence tokens: equal across the sides exactly when the evidence content hashes are (null: no evidence). */
  tokens: string;
  ids: string;
}

/** A group's arrays, parsed. */
interface ResourceFindings {
  controls: string[];
  statuses: ComplianceStatus[];
  tokens: (number | string | null)[];
  ids: number[];
}

const NO_FINDINGS: ResourceFindings = { controls: [], statuses: [], tokens: [], ids: [] };

/** Categories that a base finding falls in; every other base finding is unchanged. */
const BASE_SIDE_CATEGORIES: readonly DiffCategory[] = [
  'regressed',
  'resolved',
  'still-failing',
  'evidence-changed',
  'status-changed',
  'removed',
  'no-longer-collected',
];

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
    // The streams read each page once: a large page cache would only add memory to fault in.
    db.pragma('cache_size = -16384');
    db.pragma('temp_store = MEMORY');
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

/** Whether a side fully collected an account × region pair and still has the control. */
function covers(side: Side, accountId: string, region: string, controlId: string): boolean {
  return side.coverage.get(`${accountId}\u0000${region}`) === 'collected' && side.controls.has(controlId);
}

/** Whether the schema makes every evidence row the only one with its content hash (sha256 NOT NULL and a unique index, as finish() builds them). */
function hashesUnique(db: Database.Database): boolean {
  if (db.prepare("SELECT \"notnull\" FROM pragma_table_info('evidence') WHERE name = 'sha256'").pluck().get() !== 1) return false;
  const indexes = db.prepare("SELECT name FROM pragma_index_list('evidence') WHERE \"unique\" = 1 AND partial = 0").pluck().all() as string[];
  return indexes.some((name) => (db.prepare('SELECT name FROM pragma_index_info(?)').pluck().all(name) as string[]).join() === 'sha256');
}

/**
 * Gives each side a temporary table evidence id → token: on the base, the smallest base evidence id with the
 * same content hash; on the current side, that base id too when the base has the hash, else "c<id>". The
 * evidence unique index on sha256 answers both without reading any evidence body (and makes each base row its
 * hash's smallest id).
 */
function prepareEvidenceTokens(base: Side, current: Side): void {
  const create = 'CREATE TEMP TABLE evidence_tokens (id INTEGER PRIMARY KEY, token)';
  base.db.exec(create);
  base.db.exec(
    hashesUnique(base.db)
      ? 'INSERT INTO temp.evidence_tokens SELECT id, id FROM main.evidence'
      : 'INSERT INTO temp.evidence_tokens SELECT e.id, (SELECT min(b.id) FROM main.evidence b WHERE b.sha256 = e.sha256) FROM main.evidence e',
  );
  current.db.exec(create);
  current.db.prepare('ATTACH DATABASE ? AS base_side').run(base.reader.path);
  try {
    current.db.exec(`INSERT INTO temp.evidence_tokens
      SELECT c.id, CASE WHEN c.sha256 IS NOT NULL THEN coalesce((SELECT min(b.id) FROM base_side.evidence b WHERE b.sha256 = c.sha256), 'c' || c.id) END
      FROM main.evidence c`);
  } finally {
    current.db.exec('DETACH DATABASE base_side');
  }
}

const GROUPS_SQL = (orderWithinGroup: string) => `
  SELECT f.account_id || char(0) || f.region || char(0) || f.resource_type || char(0) || f.resource_id,
    json_group_array(f.control_id${orderWithinGroup}), json_group_array(f.status${orderWithinGroup}),
    json_group_array(v.token${orderWithinGroup}), json_group_array(f.id${orderWithinGroup})
  FROM findings f LEFT JOIN temp.evidence_tokens v ON v.id = f.evidence_id
  GROUP BY f.account_id, f.region, f.resource_type, f.resource_id
  ORDER BY f.account_id, f.region, f.resource_type, f.resource_id`;

/**
 * The side's resources in key order, each with its findings. Resources whose keys read the same (only possible
 * when SQLite holds a value of another type, e.g. an integer resource id) are joined into one group; a stream
 * out of order is refused rather than mis-paired.
 */
function* resourceGroups(side: Side): Generator<ResourceGroup> {
  // Scanning the findings_by_resource index, SQLite aggregates each resource's findings in index order, which
  // is finding id order among findings of one control: that is all the pairing needs (findingsOf sorts the
  // rest). Any other plan gets an explicit, slower, ORDER BY inside the aggregates.
  const plan = (side.db.prepare(`EXPLAIN QUERY PLAN ${GROUPS_SQL('')}`).all() as { detail: string }[]).map((row) => row.detail);
  const indexOrdered = /^SCAN f USING (COVERING )?INDEX findings_by_resource\b/.test(plan[0] ?? '') && !plan.some((d) => d.includes('TEMP B-TREE'));
  const rows = side.db
    .prepare(GROUPS_SQL(indexOrdered ? '' : ' ORDER BY f.control_id, f.id'))
    .raw(true)
    .iterate() as IterableIterator<string[]>;
  let pending: ResourceGroup | null = null;
  for (const [key, controls, statuses, tokens, ids] of rows) {
    const group = { key, controls, statuses, tokens, ids };
    if (pending && pending.key === key) {
      pending = joinGroups(pending, group);
      continue;
    }
    if (pending && compareKeys(pending.key, key) > 0) {
      throw new SnapshotError(side.reader.path, 'has finding keys that do not sort consistently (a resource id with unexpected characters or types), so it cannot be compared');
    }
    if (pending) yield pending;
    pending = group;
  }
  if (pending) yield pending;
}

/** Two groups of one key. */
function joinGroups(x: ResourceGroup, y: ResourceGroup): ResourceGroup {
  const join = (p: string, q: string) => `${p.slice(0, -1)},${q.slice(1)}`;
  return { key: x.key, controls: join(x.controls, y.controls), statuses: join(x.statuses, y.statuses), tokens: join(x.tokens, y.tokens), ids: join(x.ids, y.ids) };
}

/** How to order the control ids of two groups as SQLite does: natively unless one needs code point order. */
const controlOrder = (...groups: ResourceGroup[]) => (groups.some((g) => needsCodePointOrder(g.controls)) ? compareKeys : compareUnits);

/** A permutation that sorts findings by control id and then finding id; null when they already are sorted. */
function pairingOrder(controls: string[], ids: number[], compare: (a: string, b: string) => number): number[] | null {
  const before = (x: number, y: number) => compare(controls[x], controls[y]) || ids[x] - ids[y];
  for (let k = 1; k < ids.length; k++) if (before(k - 1, k) > 0) return ids.map((_, n) => n).sort(before);
  return null;
}

/** A group's findings in pairing order: by control id (as SQLite orders text) and then finding id. */
function findingsOf(group: ResourceGroup, compare: (a: string, b: string) => number): ResourceFindings {
  const controls = (JSON.parse(group.controls) as unknown[]).map(String);
  const statuses = JSON.parse(group.statuses) as ComplianceStatus[];
  const tokens = JSON.parse(group.tokens) as (number | string | null)[];
  const ids = JSON.parse(group.ids) as number[];
  const order = pairingOrder(controls, ids, compare);
  if (!order) return { controls, statuses, tokens, ids };
  return { controls: order.map((k) => controls[k]), statuses: order.map((k) => statuses[k]), tokens: order.map((k) => tokens[k]), ids: order.map((k) => ids[k]) };
}

// Numbers keep the rows small and quick to write: the category's position in DIFF_CATEGORIES, the control's in
// controlIds, each status's in STATUSES (the reader refuses any other status at open).
const CHANGES_SQL = `
CREATE TABLE changes (
  id INTEGER PRIMARY KEY,
  category_no INTEGER NOT NULL,
  control_no INTEGER NOT NULL,
  -- the resource's key as the streams read it (see ResourceGroup)
  resource_key TEXT NOT NULL,
  base_id INTEGER,
  current_id INTEGER,
  base_status_no INTEGER,
  current_status_no INTEGER,
  evidence_changed INTEGER NOT NULL
);`;
/** Values of one inserted change row, and rows per insert statement. */
const CHANGE_VALUES = 8;
const INSERT_BATCH = 64;
const CHANGE_COLUMNS = 'id, category_no, control_no, resource_key, base_id, current_id, base_status_no, current_status_no, evidence_changed';

const categoryNumbers = new Map<DiffCategory, number>(DIFF_CATEGORIES.map((c, n) => [c, n]));
const statusNumbers = new Map<ComplianceStatus, number>(STATUSES.map((s, n) => [s, n]));

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
    const { totals, byControl, evidenceChanged, controlIds } = mergeFindings(base, current, store);
    const summary = summarize(base, current, totals, byControl, evidenceChanged, performance.now() - started);
    // The streams are read; only the readers (for drill-down) and the change table stay open.
    base.db.close();
    current.db.close();
    return sessionOver(store, base.reader, current.reader, summary, controlIds);
  } catch (error) {
    closeAll();
    throw error;
  }
}

function mergeFindings(base: Side, current: Side, store: Database.Database) {
  // Rows go in INSERT_BATCH to a statement: a statement per row costs half as much again.
  const insertRows = (rows: number) =>
    store.prepare(
      `INSERT INTO changes (category_no, control_no, resource_key, base_id, current_id, base_status_no, current_status_no, evidence_changed)
       VALUES ${Array<string>(rows).fill('(?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
    );
  const insertBatch = insertRows(INSERT_BATCH);
  const insertOne = insertRows(1);
  const batch: unknown[] = [];
  const flush = () => {
    for (let at = 0; at < batch.length; at += CHANGE_VALUES) insertOne.run(batch.slice(at, at + CHANGE_VALUES));
    batch.length = 0;
  };
  const totals = emptyDiffCounts();
  const byControl = new Map<string, DiffCounts>();
  const controlIds: string[] = [];
  const controlNumbers = new Map<string, number>();
  let evidenceChanged = 0;
  let pending = 0;
  const record = (
    category: DiffCategory,
    resourceKey: string,
    controlId: string,
    baseId: number | null,
    currentId: number | null,
    baseStatus: ComplianceStatus | null,
    currentStatus: ComplianceStatus | null,
    evidence: boolean,
  ) => {
    let controlNo = controlNumbers.get(controlId);
    if (controlNo === undefined) controlNumbers.set(controlId, (controlNo = controlIds.push(controlId) - 1));
    const baseStatusNo = baseStatus === null ? null : statusNumbers.get(baseStatus);
    const currentStatusNo = currentStatus === null ? null : statusNumbers.get(currentStatus);
    batch.push(categoryNumbers.get(category), controlNo, resourceKey, baseId, currentId, baseStatusNo, currentStatusNo, evidence ? 1 : 0);
    if (batch.length === INSERT_BATCH * CHANGE_VALUES) {
      insertBatch.run(batch);
      batch.length = 0;
    }
    totals[category]++;
    let counts = byControl.get(controlId);
    if (!counts) byControl.set(controlId, (counts = emptyDiffCounts()));
    counts[category]++;
    if (++pending >= 100_000) {
      store.exec('COMMIT; BEGIN');
      pending = 0;
    }
  };
  /** Pairs one resource's findings by control id (duplicates in finding id order), like sorted files. */
  const mergeResource = (resourceKey: string, a: ResourceFindings, b: ResourceFindings, compare: (a: string, b: string) => number) => {
    const [accountId, region] = splitResourceKey(resourceKey);
    let i = 0;
    let j = 0;
    while (i < a.controls.length || j < b.controls.length) {
      const order = i >= a.controls.length ? 1 : j >= b.controls.length ? -1 : compare(a.controls[i], b.controls[j]);
      if (order === 0) {
        const evidence = a.tokens[i] !== b.tokens[j];
        if (evidence) evidenceChanged++;
        const category = categoryOfPair(a.statuses[i], b.statuses[j], evidence);
        if (category) record(category, resourceKey, a.controls[i], a.ids[i], b.ids[j], a.statuses[i], b.statuses[j], evidence);
        i++;
        j++;
      } else if (order < 0) {
        const controlId = a.controls[i];
        record(covers(current, accountId, region, controlId) ? 'removed' : 'no-longer-collected', resourceKey, controlId, a.ids[i], null, a.statuses[i], null, false);
        i++;
      } else {
        const controlId = b.controls[j];
        const category = !covers(base, accountId, region, controlId) ? 'newly-collected' : b.statuses[j] === 'NON_COMPLIANT' ? 'new-failing' : 'added';
        record(category, resourceKey, controlId, null, b.ids[j], null, b.statuses[j], false);
        j++;
      }
    }
  };

  /**
   * The same findings on both sides, read in the same order: each failing one is still failing, and all others
   * are unchanged. Pairing by position is pairing by control and id, because each side lists a control's
   * findings in id order.
   */
  const stillFailing = (a: ResourceGroup, b: ResourceGroup) => {
    const statuses = JSON.parse(a.statuses) as ComplianceStatus[];
    const controls = (JSON.parse(a.controls) as unknown[]).map(String);
    const baseIds = JSON.parse(a.ids) as number[];
    const currentIds = JSON.parse(b.ids) as number[];
    const order = pairingOrder(controls, baseIds, controlOrder(a));
    for (let n = 0; n < baseIds.length; n++) {
      const k = order ? order[n] : n;
      if (statuses[k] === 'NON_COMPLIANT') record('still-failing', a.key, controls[k], baseIds[k], currentIds[k], 'NON_COMPLIANT', 'NON_COMPLIANT', false);
    }
  };

  prepareEvidenceTokens(base, current);
  const streamA = resourceGroups(base);
  const streamB = resourceGroups(current);
  const next = (stream: Generator<ResourceGroup>) => stream.next().value ?? null;
  store.exec('BEGIN');
  try {
    let a = next(streamA);
    let b = next(streamB);
    while (a || b) {
      const order = !a ? 1 : !b ? -1 : compareKeys(a.key, b.key);
      if (order === 0) {
        if (a!.controls !== b!.controls || a!.statuses !== b!.statuses || a!.tokens !== b!.tokens) {
          const compare = controlOrder(a!, b!);
          mergeResource(a!.key, findingsOf(a!, compare), findingsOf(b!, compare), compare);
        }
        else if (a!.statuses.includes('"NON_COMPLIANT"')) stillFailing(a!, b!);
        a = next(streamA);
        b = next(streamB);
      } else if (order < 0) {
        const compare = controlOrder(a!);
        mergeResource(a!.key, findingsOf(a!, compare), NO_FINDINGS, compare);
        a = next(streamA);
      } else {
        const compare = controlOrder(b!);
        mergeResource(b!.key, NO_FINDINGS, findingsOf(b!, compare), compare);
        b = next(streamB);
      }
    }
    flush();
    store.exec('COMMIT');
  } catch (error) {
    if (store.inTransaction) store.exec('ROLLBACK');
    streamA.return(undefined);
    streamB.return(undefined);
    throw error;
  }

  // Unchanged findings are counted, not visited: each base finding is either unchanged or in a base-side category.
  const baseCounts = new Map<string, number>();
  for (const [controlId, count] of base.db.prepare('SELECT control_id, count(*) FROM findings GROUP BY control_id').raw(true).iterate() as Iterable<[unknown, number]>) {
    baseCounts.set(String(controlId), (baseCounts.get(String(controlId)) ?? 0) + count);
  }
  const unchangedOf = (controlId: string | null, counts: DiffCounts) =>
    (controlId === null ? [...baseCounts.values()].reduce((sum, n) => sum + n, 0) : (baseCounts.get(controlId) ?? 0)) -
    BASE_SIDE_CATEGORIES.reduce((sum, category) => sum + counts[category], 0);
  totals.unchanged = unchangedOf(null, totals);
  for (const [controlId, counts] of byControl) counts.unchanged = unchangedOf(controlId, counts);
  return { totals, byControl, evidenceChanged, controlIds };
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

/** A row of the changes table, in CHANGE_COLUMNS order. */
type ChangeRow = [number, number, number, string, number | null, number | null, number | null, number | null, number];

function sessionOver(store: Database.Database, base: SnapshotReader, current: SnapshotReader, summary: DiffSummary, controlIds: string[]): SnapshotDiff {
  const changeFrom = ([id, categoryNo, controlNo, resourceKey, baseId, currentId, baseStatusNo, currentStatusNo, evidenceChanged]: ChangeRow): DiffChange => {
    const [accountId, region, resourceType, resourceId] = splitResourceKey(resourceKey);
    return {
      id,
      category: DIFF_CATEGORIES[categoryNo],
      controlId: controlIds[controlNo],
      accountId,
      region,
      resourceType,
      resourceId,
      baseFindingId: baseId,
      currentFindingId: currentId,
      baseStatus: baseStatusNo === null ? null : STATUSES[baseStatusNo],
      currentStatus: currentStatusNo === null ? null : STATUSES[currentStatusNo],
      evidenceChanged: evidenceChanged === 1,
    };
  };
  const byId = store.prepare(`SELECT ${CHANGE_COLUMNS} FROM changes WHERE id = ?`).raw(true);
  // The CLI and the exports read the changes in id order; only pages by category need this index, built on the first.
  let categoryIndexed = false;
  const indexCategories = () => {
    if (!categoryIndexed) store.exec('CREATE INDEX changes_by_category ON changes (category_no, control_no, id)');
    categoryIndexed = true;
  };

  return {
    summary,
    changes({ category, controlId, offset, limit }) {
      const where: string[] = [];
      const args: unknown[] = [];
      if (category) {
        indexCategories();
        where.push('category_no = ?');
        // Not a category: -1 matches no row.
        args.push(categoryNumbers.get(category) ?? -1);
      }
      if (controlId) {
        where.push('control_no = ?');
        // A control with no change has no number: -1 matches no row.
        args.push(controlIds.indexOf(controlId));
      }
      const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
      const total = store.prepare(`SELECT count(*) FROM changes ${clause}`).pluck().get(...args) as number;
      const rows = store.prepare(`SELECT ${CHANGE_COLUMNS} FROM changes ${clause} ORDER BY id LIMIT ? OFFSET ?`).raw(true).all(...args, limit, offset) as ChangeRow[];
      return { total, offset, rows: rows.map(changeFrom) };
    },
    *allChanges() {
      for (const row of store.prepare(`SELECT ${CHANGE_COLUMNS} FROM changes ORDER BY id`).raw(true).iterate() as Iterable<ChangeRow>) yield changeFrom(row);
    },
    change(id) {
      const row = byId.get(id) as ChangeRow | undefined;
      if (!row) return null;
      const change = changeFrom(row);
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
