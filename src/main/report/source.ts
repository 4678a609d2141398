// What reports and exports read from a snapshot beyond the reader's aggregates: failing findings in report
// order, evidence items by id, provenance counts and a streaming pass over every finding. It takes an open
// SnapshotReader (which has already validated the file) and opens its own read-only connection to the same
// file, so the reader stays untouched. Scope (filters) is resolved exactly as the reader resolves it.

import { statSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { ControlRow } from '../../shared/api';
import { STATUSES, type Account, type ComplianceStatus, type Control, type Evidence } from '../../shared/domain';
import type { Filters } from '../../shared/filters';
import { ALL_REPORT_PILLARS, type ReportFindingRow } from '../../shared/report';
import { SnapshotError, type SnapshotReader } from '../snapshot';
import { resolveScope, type ResolvedScope } from '../snapshot/scope';
import { openDatabase } from '../snapshot/sqlite';

/** A finding as exports write it (all columns of the findings table). */
export interface SourceFinding {
  id: number;
  controlId: string;
  accountId: string;
  region: string;
  resourceType: string;
  resourceId: string;
  resourceName: string | null;
  ruleName: string | null;
  status: ComplianceStatus;
  annotation: string | null;
  evaluatedAt: string | null;
  recordedAt: string | null;
  invokedAt: string | null;
  evidenceId: number | null;
}

/** Finding ids above `above` and up to `atMost` (either bound may be left out). */
export interface FindingIdRange {
  above?: number;
  atMost?: number;
}

/**
 * Which file is at `path` (device, inode, size, modification time), or null when none is: another connection
 * opened by path reads the same file only while this stays the same.
 */
export function fileIdentityOf(path: string): string | null {
  try {
    const stat = statSync(path, { bigint: true });
    return [stat.dev, stat.ino, stat.size, stat.mtimeNs].join(':');
  } catch {
    return null;
  }
}

export interface ReportSource {
  readonly reader: SnapshotReader;
  /** The identity (fileIdentityOf) of the file this source read when it opened it. */
  readonly fileIdentity: string | null;
  /** Every control of the snapshot, sorted by id. */
  controls(): Control[];
  control(id: string): Control | undefined;
  accounts(): Map<string, Account>;
  resolve(filters: Filters): ResolvedScope;
  /** NON_COMPLIANT counts by control × account × region in scope (from the summary cube). */
  failingCounts(scope: ResolvedScope): { controlId: string; accountId: string; region: string; count: number }[];
  /** Failing findings of one control in scope, ordered by account, region, resource type, resource id. */
  failingFindings(controlId: string, scope: ResolvedScope, offset: number, limit: number): ReportFindingRow[];
  /** Evidence items by id (missing ids are left out). */
  evidence(ids: number[]): Evidence[];
  /** Evidence items per retrieving operation. */
  operations(): { service: string; operation: string; evidence: number }[];
  /**
   * NON_COMPLIANT findings in scope meeting each of `matches` (SQL conditions over `findings f`, with their
   * arguments), counted per control id in one pass over the findings: `counts[i]` is for `matches[i]`.
   */
  failingMatching(scope: ResolvedScope, matches: { sql: string; args: unknown[] }[]): Map<string, number[]>;
  /** Findings by id, in id order (missing ids are left out). */
  findingsById(ids: number[]): SourceFinding[];
  /** The lowest and highest finding id; null when there is no finding. */
  findingIdRange(): { min: number; max: number } | null;
  /** Every finding in scope (and in `ids`, if given), in id order, one at a time (never all in memory). */
  iterateFindings(scope: ResolvedScope, statuses?: ComplianceStatus[], ids?: FindingIdRange): IterableIterator<SourceFinding>;
  close(): void;
}

const EVIDENCE_BATCH = 500;
/** Findings read per call by iterateFindings. */
const ITERATE_PAGE = 1000;
const MATCHES_PER_PASS = 200;
const STATUS_SET = new Set<string>(STATUSES);

export function createReportSource(reader: SnapshotReader): ReportSource {
  const file = reader.path;
  let db: Database.Database;
  try {
    db = openDatabase(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new SnapshotError(file, `cannot be opened (${(error as Error).message})`);
  }
  // Taken after the open: a file replaced in between shows as a change, never as the same file.
  const fileIdentity = fileIdentityOf(file);
  const fail = (problem: string): never => {
    throw new SnapshotError(file, problem);
  };
  const text = (value: unknown, where: string): string => (typeof value === 'string' ? value : fail(`has an invalid value: ${where} is not text`));
  const id = (value: unknown, where: string): number =>
    typeof value === 'number' && Number.isSafeInteger(value) && value > 0 ? value : fail(`has an invalid value: ${where} is not an id`);

  let controlList: Control[] | undefined;
  const controlMap = new Map<string, Control>();
  const controls = (): Control[] => {
    if (!controlList) {
      const rows: ControlRow[] = ALL_REPORT_PILLARS.flatMap((pillar) => reader.pillar(pillar).controls);
      controlList = rows
        .map((row) => reader.control(row.id)?.control)
        .filter((c): c is Control => c !== undefined)
        .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      for (const c of controlList) controlMap.set(c.id, c);
    }
    return controlList;
  };
  let accountMap: Map<string, Account> | undefined;
  const accounts = (): Map<string, Account> => {
    accountMap ??= new Map(reader.filterOptions().accounts.map((a) => [a.id, a]));
    return accountMap;
  };

  const resolve = (filters: Filters): ResolvedScope => resolveScope(filters, () => accounts().values(), controls);

  /** SQL conditions for a scope over a findings-like table with account_id, region, status and control_id. */
  const scopeWhere = (scope: ResolvedScope, statuses?: ComplianceStatus[]): { clause: string; args: unknown[] } => {
    const where: string[] = [];
    const args: unknown[] = [];
    const inList = (column: string, values: Iterable<string> | null) => {
      if (!values) return;
      const list = [...values];
      where.push(`${column} IN (${list.map(() => '?').join(',') || 'NULL'})`);
      args.push(...list);
    };
    inList('account_id', scope.accounts);
    inList('region', scope.regions);
    inList('control_id', scope.controls);
    const wanted = statuses ? statuses.filter((s) => !scope.statuses || scope.statuses.has(s)) : scope.statuses;
    inList('status', wanted);
    return { clause: where.length ? where.join(' AND ') : '1', args };
  };

  // Runs for every finding of an export (a million times): checks types cheaply and builds a message only on failure.
  const badFinding = (r: unknown[], column: string): never =>
    fail(`has an invalid value: finding ${String(r[0]).slice(0, 40)} ${column} is not ${column === 'evidence id' ? 'an id' : 'text'}`);
  const FINDING_COLUMNS = `id, control_id, account_id, region, resource_type, resource_id, resource_name, rule_name, status, annotation,
                           evaluated_at, recorded_at, invoked_at, evidence_id`;
  const REQUIRED_TEXT: [number, string][] = [[1, 'control'], [2, 'account'], [3, 'region'], [4, 'resource type'], [5, 'resource id'], [8, 'status']];
  const OPTIONAL_TEXT: [number, string][] = [[6, 'resource name'], [7, 'rule name'], [9, 'annotation'], [10, 'evaluation time'], [11, 'recorded time'], [12, 'invoked time']];
  const findingFrom = (r: unknown[]): SourceFinding => {
    if (typeof r[0] !== 'number' || !Number.isSafeInteger(r[0]) || r[0] < 1) fail(`has an invalid value: a finding id is not an id`);
    for (const [i, column] of REQUIRED_TEXT) if (typeof r[i] !== 'string') badFinding(r, column);
    for (const [i, column] of OPTIONAL_TEXT) if (r[i] !== null && typeof r[i] !== 'string') badFinding(r, column);
    if (r[13] !== null && (typeof r[13] !== 'number' || !Number.isSafeInteger(r[13]))) badFinding(r, 'evidence id');
    if (!STATUS_SET.has(r[8] as string)) fail(`has an invalid value: finding ${String(r[0])} has status "${String(r[8]).slice(0, 80)}"`);
    return {
      id: r[0] as number,
      controlId: r[1] as string,
      accountId: r[2] as string,
      region: r[3] as string,
      resourceType: r[4] as string,
      resourceId: r[5] as string,
      resourceName: r[6] as string | null,
      ruleName: r[7] as string | null,
      status: r[8] as ComplianceStatus,
      annotation: r[9] as string | null,
      evaluatedAt: r[10] as string | null,
      recordedAt: r[11] as string | null,
      invokedAt: r[12] as string | null,
      evidenceId: r[13] as number | null,
    };
  };

  const parseJson = (value: unknown, where: string): unknown => {
    try {
      return JSON.parse(text(value, where));
    } catch (error) {
      if (error instanceof SnapshotError) throw error;
      return fail(`has an invalid value: ${where} is not valid JSON`);
    }
  };

  const guard = <A extends unknown[], R>(fn: (...args: A) => R) => (...args: A): R => {
    try {
      return fn(...args);
    } catch (error) {
      if (error instanceof Database.SqliteError) throw new SnapshotError(file, `is damaged or not a Triad snapshot (${error.message})`);
      throw error;
    }
  };

  /** Rows of one statement as findings, stepped one at a time (see iterateFindings). */
  const findingsOf = (rows: IterableIterator<unknown[]>): IterableIterator<SourceFinding> => {
    const next = guard(() => {
      const step = rows.next();
      return step.done ? ({ done: true, value: undefined } as const) : { done: false as const, value: findingFrom(step.value) };
    });
    const iterator: IterableIterator<SourceFinding> = {
      next,
      return: (value?: unknown) => {
        rows.return?.();
        return { done: true, value: value as SourceFinding };
      },
      [Symbol.iterator]: () => iterator,
    };
    return iterator;
  };

  return {
    reader,
    fileIdentity,
    controls: guard(controls),
    control: guard((controlId: string) => {
      controls();
      return controlMap.get(controlId);
    }),
    accounts: guard(accounts),
    resolve: guard(resolve),

    failingCounts: guard((scope: ResolvedScope) => {
      const { clause, args } = scopeWhere(scope, ['NON_COMPLIANT']);
      return (
        db.prepare(`SELECT control_id, account_id, region, count FROM summary WHERE ${clause} ORDER BY control_id, account_id, region`).all(...args) as Record<
          string,
          unknown
        >[]
      ).map((r) => ({
        controlId: text(r.control_id, 'summary control'),
        accountId: text(r.account_id, 'summary account'),
        region: text(r.region, 'summary region'),
        count: typeof r.count === 'number' ? r.count : fail('has an invalid value: a summary count is not a number'),
      }));
    }),

    failingFindings: guard((controlId: string, scope: ResolvedScope, offset: number, limit: number): ReportFindingRow[] => {
      if (scope.controls && !scope.controls.has(controlId)) return [];
      const { clause, args } = scopeWhere({ ...scope, controls: null }, ['NON_COMPLIANT']);
      const rows = db
        .prepare(
          `SELECT ${FINDING_COLUMNS} FROM findings WHERE control_id = ? AND ${clause}
           ORDER BY account_id, region, resource_type, resource_id, id LIMIT ? OFFSET ?`,
        )
        .raw(true)
        .all(controlId, ...args, limit, offset) as unknown[][];
      return rows.map((r) => {
        const f = findingFrom(r);
        const row: ReportFindingRow = { id: f.id, accountId: f.accountId, region: f.region, resourceType: f.resourceType, resourceId: f.resourceId };
        if (f.resourceName !== null) row.resourceName = f.resourceName;
        if (f.annotation !== null) row.annotation = f.annotation;
        if (f.evaluatedAt !== null) row.evaluatedAt = f.evaluatedAt;
        if (f.evidenceId !== null) row.evidenceId = f.evidenceId;
        return row;
      });
    }),

    evidence: guard((ids: number[]): Evidence[] => {
      const result: Evidence[] = [];
      const sorted = [...new Set(ids)].sort((a, b) => a - b);
      for (let start = 0; start < sorted.length; start += EVIDENCE_BATCH) {
        const batch = sorted.slice(start, start + EVIDENCE_BATCH);
        const rows = db
          .prepare(
            `SELECT e.id, e.kind, e.resource_type, e.resource_id, e.account_id, e.region, e.captured_at, e.body,
                    p.service, p.operation, p.params, p.account_id AS p_account_id, p.region AS p_region, p.retrieved_at
             FROM evidence e LEFT JOIN provenance p ON p.id = e.provenance_id WHERE e.id IN (${batch.map(() => '?').join(',')}) ORDER BY e.id`,
          )
          .all(...batch) as Record<string, unknown>[];
        for (const r of rows) {
          const evidenceId = id(r.id, 'evidence id');
          const where = `evidence ${evidenceId}`;
          if (r.service === null) fail(`is damaged (${where} has no provenance)`);
          const kind = text(r.kind, `${where} kind`);
          if (kind !== 'configuration-item' && kind !== 'api-response') fail(`has an invalid value: ${where} kind "${kind.slice(0, 40)}"`);
          const params = parseJson(r.params, `${where} provenance parameters`);
          const item: Evidence = {
            id: evidenceId,
            kind: kind as Evidence['kind'],
            accountId: text(r.account_id, `${where} account`),
            region: text(r.region, `${where} region`),
            body: parseJson(r.body, `${where} body`),
            provenance: {
              service: text(r.service, `${where} provenance service`),
              operation: text(r.operation, `${where} provenance operation`),
              params: params !== null && typeof params === 'object' && !Array.isArray(params) ? (params as Record<string, unknown>) : {},
              accountId: text(r.p_account_id, `${where} provenance account`),
              region: text(r.p_region, `${where} provenance region`),
              retrievedAt: text(r.retrieved_at, `${where} retrieval time`),
            },
          };
          if (r.resource_type !== null) item.resourceType = text(r.resource_type, `${where} resource type`);
          if (r.resource_id !== null) item.resourceId = text(r.resource_id, `${where} resource id`);
          if (r.captured_at !== null) item.capturedAt = text(r.captured_at, `${where} capture time`);
          result.push(item);
        }
      }
      return result;
    }),

    operations: guard(() =>
      (
        db
          .prepare(
            `SELECT p.service, p.operation, count(*) AS n FROM evidence e JOIN provenance p ON p.id = e.provenance_id
             GROUP BY p.service, p.operation ORDER BY p.service, p.operation`,
          )
          .all() as Record<string, unknown>[]
      ).map((r) => ({ service: text(r.service, 'provenance service'), operation: text(r.operation, 'provenance operation'), evidence: Number(r.n) })),
    ),

    failingMatching: guard((scope: ResolvedScope, matches: { sql: string; args: unknown[] }[]) => {
      const { clause, args } = scopeWhere(scope, ['NON_COMPLIANT']);
      const result = new Map<string, number[]>();
      // A few hundred sums per statement keeps well under SQLite's column and parameter limits.
      for (let start = 0; start < matches.length; start += MATCHES_PER_PASS) {
        const batch = matches.slice(start, start + MATCHES_PER_PASS);
        const sums = batch.map((m) => `sum(CASE WHEN ${m.sql} THEN 1 ELSE 0 END)`).join(', ');
        const rows = db
          .prepare(`SELECT control_id, ${sums} FROM findings f WHERE ${clause} GROUP BY control_id ORDER BY control_id`)
          .raw(true)
          .all(...batch.flatMap((m) => m.args), ...args) as unknown[][];
        for (const [controlId, ...counts] of rows) {
          const id = text(controlId, 'finding control');
          let list = result.get(id);
          if (!list) result.set(id, (list = new Array<number>(matches.length).fill(0)));
          counts.forEach((n, i) => (list![start + i] = Number(n)));
        }
      }
      return result;
    }),

    findingsById: guard((ids: number[]): SourceFinding[] => {
      const result: SourceFinding[] = [];
      const sorted = [...new Set(ids)].sort((a, b) => a - b);
      for (let start = 0; start < sorted.length; start += EVIDENCE_BATCH) {
        const batch = sorted.slice(start, start + EVIDENCE_BATCH);
        const rows = db.prepare(`SELECT ${FINDING_COLUMNS} FROM findings WHERE id IN (${batch.map(() => '?').join(',')}) ORDER BY id`).raw(true).all(...batch) as unknown[][];
        result.push(...rows.map(findingFrom));
      }
      return result;
    }),

    findingIdRange: guard(() => {
      // Two subqueries: SQLite reads a lone min() or max() off the rowid's ends, but scans the table for both at once.
      const [min, max] = db.prepare('SELECT (SELECT min(id) FROM findings), (SELECT max(id) FROM findings)').raw(true).get() as [number | null, number | null];
      return min === null || max === null ? null : { min, max };
    }),

    iterateFindings(scope: ResolvedScope, statuses?: ComplianceStatus[], ids: FindingIdRange = {}): IterableIterator<SourceFinding> {
      const scoped = scopeWhere(scope, statuses);
      let { clause } = scoped;
      const args = [...scoped.args];
      if (ids.atMost !== undefined) {
        clause += ' AND id <= ?';
        args.push(ids.atMost);
      }
      const select = `SELECT ${FINDING_COLUMNS} FROM findings WHERE (${clause})`;
      const next = guard(() => db.prepare(`${select} AND id > ? ORDER BY id LIMIT ${ITERATE_PAGE}`).raw(true))();
      // Read in pages, each after the last id read, when SQLite walks the table in id order for them (a call per
      // row cost a third more). Otherwise (a scope an index narrows, an edited schema whose ids are not the
      // rowid), each page would search and sort every match again, so the rows are stepped in one pass.
      const plan = guard(() => db.prepare(`EXPLAIN QUERY PLAN ${next.source}`).all(...args, 0) as { detail: string }[])();
      if (plan.length !== 1 || !plan[0].detail.includes('USING INTEGER PRIMARY KEY')) {
        const above = ids.above === undefined ? '' : ' AND id > ?';
        const all = [...args, ...(ids.above === undefined ? [] : [ids.above])];
        return findingsOf(guard(() => db.prepare(`${select}${above} ORDER BY id`).raw(true).iterate(...all) as IterableIterator<unknown[]>)());
      }
      // A lower bound is where the paging starts: as a condition of its own beside the page's "id > last", SQLite
      // would walk each page from the bound again.
      const first = guard(() => db.prepare(`${select} ORDER BY id LIMIT ${ITERATE_PAGE}`).raw(true))();
      const read = guard((after: number | null) => (after === null ? first.all(...args) : next.all(...args, after)) as unknown[][]);
      return (function* () {
        for (let rows = read(ids.above ?? null); rows.length > 0; rows = rows.length < ITERATE_PAGE ? [] : read(rows[rows.length - 1][0] as number)) {
          for (const row of rows) yield findingFrom(row);
        }
      })();
    },

    close: () => db.close(),
  };
}
