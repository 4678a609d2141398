// Opens a `.triad` file read-only and answers the API's questions about it. Aggregates come from the
// precomputed summary cube (held in memory: at most accounts × regions × controls × statuses rows); only the
// paged drill-down queries touch the findings table, through its indexes. Nothing here writes to the file.

import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import Database from 'better-sqlite3';
import type {
  AccountRow,
  ControlDetail,
  ControlRow,
  FilterOptions,
  FindingDetail,
  FindingPage,
  FindingRow,
  FindingSortColumn,
  Overview,
  PillarDetail,
  PillarSummary,
  SnapshotInfo,
} from '../../shared/api';
import {
  CONTROL_SOURCES,
  LAYERS,
  PILLARS,
  PRINCIPLES,
  SEVERITIES,
  STATUSES,
  type Account,
  type CollectionError,
  type ComplianceStatus,
  type Control,
  type CoverageCell,
  type Evidence,
  type Pillar,
  type PillarKey,
  type SnapshotMeta,
} from '../../shared/domain';
import type { Filters } from '../../shared/filters';
import { addCounts, emptyCounts, scoreOf, type Score, type StatusCounts } from '../../shared/scoring';
import { arrayOf, bool, int, obj, oneOf, optional, str, ValidationError, type Validator } from '../../shared/validate';
import { SnapshotError } from './errors';
import { resolveScope, type ResolvedScope } from './scope';
import { openDatabase } from './sqlite';
import { COVERAGE_STATES, FORMAT_MAJOR, REQUIRED_COLUMNS, parseFormatVersion } from './schema';
import type { SnapshotCounts } from './writer';

export interface FindingQuery {
  controlId: string;
  filters?: Filters;
  /** Case-insensitive substring of resource id, name, type or annotation. */
  text?: string;
  sort?: FindingSortColumn;
  descending?: boolean;
  offset: number;
  limit: number;
}

export interface SnapshotReader {
  readonly path: string;
  info(): SnapshotInfo;
  overview(filters?: Filters): Overview;
  pillar(pillar: PillarKey, filters?: Filters): PillarDetail;
  /** null when the snapshot has no such control. */
  control(controlId: string, filters?: Filters): ControlDetail | null;
  /** null when the snapshot has no such control. */
  findings(query: FindingQuery): FindingPage | null;
  /** null when the snapshot has no such finding. */
  finding(id: number): FindingDetail | null;
  accounts(filters?: Filters): AccountRow[];
  filterOptions(): FilterOptions;
  coverageErrors(offset: number, limit: number): { total: number; rows: CollectionError[] };
  close(): void;
}

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');
const MAX_COUNT = 1e12;
const TOP_FAILING = 10;
const RECENT_ERRORS = 50;
const RELATED_LIMIT = 200;

const SORT_SQL: Record<FindingSortColumn, string> = {
  account: 'f.account_id',
  region: 'f.region',
  resource: 'f.resource_id',
  resourceType: 'f.resource_type',
  status: 'f.status',
  annotation: 'f.annotation',
  evaluatedAt: 'f.evaluated_at',
};

interface CubeRow {
  accountId: string;
  region: string;
  controlId: string;
  status: ComplianceStatus;
  count: number;
}

export function openSnapshot(path: string): SnapshotReader {
  const file = resolve(path);
  checkFile(file);
  let db: Database.Database;
  try {
    db = openDatabase(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new SnapshotError(file, `cannot be opened (${messageOf(error)})`);
  }
  try {
    return createReader(db, file);
  } catch (error) {
    db.close();
    throw asSnapshotError(file, error);
  }
}

/** Refuses what is not a complete SQLite file before SQLite sees it: missing, directory, empty, foreign, truncated. */
function checkFile(file: string): void {
  let size: number;
  try {
    const stat = statSync(file);
    if (stat.isDirectory()) throw new SnapshotError(file, 'is a folder, not a snapshot file');
    size = stat.size;
  } catch (error) {
    if (error instanceof SnapshotError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new SnapshotError(file, code === 'ENOENT' ? 'file not found' : `cannot be read (${code ?? messageOf(error)})`);
  }
  if (size === 0) throw new SnapshotError(file, 'is empty (0 bytes), not a Triad snapshot');
  const header = Buffer.alloc(100);
  try {
    const fd = openSync(file, 'r');
    try {
      readSync(fd, header, 0, 100, 0);
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    throw new SnapshotError(file, `cannot be read (${(error as NodeJS.ErrnoException).code ?? messageOf(error)})`);
  }
  if (size < 100 || !header.subarray(0, 16).equals(SQLITE_MAGIC)) {
    throw new SnapshotError(file, 'not a Triad snapshot (not an SQLite file)');
  }
  const rawPageSize = header.readUInt16BE(16);
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
  const pageCountValid = header.readUInt32BE(92) === header.readUInt32BE(24);
  const expected = pageSize * header.readUInt32BE(28);
  if (size % pageSize !== 0 || (pageCountValid && size < expected)) {
    throw new SnapshotError(file, `is truncated (${size} bytes, expected ${pageCountValid ? expected : `a multiple of ${pageSize}`})`);
  }
  if (header[18] === 2 || header[19] === 2) {
    throw new SnapshotError(file, 'was not finished (still in write-ahead-log mode); it is not a complete Triad snapshot');
  }
}

function createReader(db: Database.Database, file: string): SnapshotReader {
  const fail = (problem: string): never => {
    throw new SnapshotError(file, problem);
  };
  const checked = <T>(validator: Validator<T>, value: unknown, where: string): T => {
    try {
      return validator(value, where);
    } catch (error) {
      if (error instanceof ValidationError) fail(`has an invalid value: ${error.message}`);
      throw error;
    }
  };
  const parseJson = (text: unknown, where: string): unknown => {
    if (typeof text !== 'string') return fail(`has an invalid value: ${where} is not text`);
    try {
      return JSON.parse(text);
    } catch {
      return fail(`has an invalid value: ${where} is not valid JSON`);
    }
  };

  // ---- Structure and version ----
  const tables = new Set((db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name));
  if (!tables.has('meta')) fail('not a Triad snapshot (no meta table)');
  const metaRows = new Map(
    (db.prepare('SELECT key, value FROM meta').all() as { key: unknown; value: unknown }[]).map((r) => [String(r.key), r.value]),
  );
  const versionText = metaRows.get('format_version');
  if (versionText === undefined) fail('not a Triad snapshot (no format version)');
  const version = typeof versionText === 'string' ? parseFormatVersion(versionText) : null;
  if (!version) return fail(`has an invalid format version "${String(versionText).slice(0, 40)}"`);
  if (version.major > FORMAT_MAJOR) {
    fail(`uses snapshot format ${String(versionText)}, newer than this Triad can read (${FORMAT_MAJOR}.x); update Triad to open it`);
  }
  if (version.major < FORMAT_MAJOR) fail(`uses snapshot format ${String(versionText)}, older than this Triad can read`);
  for (const [table, columns] of Object.entries(REQUIRED_COLUMNS)) {
    if (!tables.has(table)) fail(`is damaged or incomplete (missing table "${table}")`);
    const present = new Set((db.prepare(`PRAGMA table_info("${table}")`).all() as { name: string }[]).map((c) => c.name));
    const missing = columns.find((c) => !present.has(c));
    if (missing) fail(`is damaged or incomplete (table "${table}" has no column "${missing}")`);
  }

  // ---- Metadata ----
  const metaValue = <T>(key: string, validator: Validator<T>): T => {
    const raw = metaRows.get(key);
    if (raw === undefined) return fail(`is damaged or incomplete (no "${key}" in meta)`);
    return checked(validator, parseJson(raw, `meta.${key}`), `meta.${key}`);
  };
  const text = str({ max: 100_000 });
  const count = int(0, MAX_COUNT);
  const meta: SnapshotMeta = {
    formatVersion: String(versionText),
    title: metaValue('title', text),
    createdAt: metaValue('createdAt', text),
    triadVersion: metaValue('triadVersion', text),
    collectedBy: metaValue('collectedBy', optional(obj({ account: text, arn: text, userId: text }))) ?? null,
    scope: metaValue('scope', obj({ mode: oneOf(['self', 'accounts', 'organization', 'aggregator', 'demo'] as const), description: text })),
    catalogVersion: metaValue('catalogVersion', text),
    overrides: metaValue('overrides', optional(obj({ file: text, sha256: text, count }))) ?? null,
    isDemo: metaValue('isDemo', bool),
    partial: metaValue('partial', bool),
    digest: metaValue('digest', optional(text)) ?? null,
  };
  // Written by collections with the built-in checks phase (format 1.x addition): absent in older files.
  if (metaRows.has('trustedAdvisor')) {
    const availability = parseJson(metaRows.get('trustedAdvisor'), 'meta.trustedAdvisor');
    if (availability === null || typeof availability !== 'object' || Array.isArray(availability)) fail('has an invalid value: meta.trustedAdvisor is not an object');
    const entry = obj({ state: oneOf(['available', 'not-available', 'not-collected'] as const), note: text });
    meta.trustedAdvisor = Object.fromEntries(
      Object.entries(availability as Record<string, unknown>).map(([accountId, value]) => [checked(text, accountId, 'meta.trustedAdvisor account'), checked(entry, value, `meta.trustedAdvisor.${accountId.slice(0, 20)}`)]),
    );
  }
  const counts: SnapshotCounts = metaValue(
    'counts',
    obj({ findings: count, controls: count, accounts: count, regions: count, evidence: count, errors: count }),
  );

  // ---- Small tables, validated whole ----
  const accounts = new Map<string, Account>();
  for (const r of db.prepare('SELECT id, name, ou_path, email FROM accounts ORDER BY id').all() as Record<string, unknown>[]) {
    const id = checked(text, r.id, 'accounts.id');
    accounts.set(id, {
      id,
      name: checked(text, r.name, `account ${id} name`),
      ouPath: checked(text, r.ou_path, `account ${id} OU path`),
      ...(r.email === null ? {} : { email: checked(text, r.email, `account ${id} email`) }),
    });
  }

  const controls = new Map<string, Control>();
  for (const r of db.prepare('SELECT * FROM controls').all() as Record<string, unknown>[]) {
    const id = checked(text, r.id, 'controls.id');
    const where = `control ${id}`;
    const pillar = checked(optional(oneOf(PILLARS)), r.pillar, `${where} pillar`);
    const origin = checked(oneOf(['catalog', 'override', 'unclassified'] as const), r.origin, `${where} origin`);
    const references = checked(arrayOf(text, 1000), parseJson(r.reference_urls, `${where} references`), `${where} references`);
    controls.set(id, {
      id,
      source: checked(oneOf(CONTROL_SOURCES), r.source, `${where} source`),
      title: checked(text, r.title, `${where} title`),
      description: checked(text, r.description, `${where} description`),
      sourceIdentifier: checked(text, r.source_identifier, `${where} source identifier`),
      ...(r.conformance_pack === null ? {} : { conformancePack: checked(text, r.conformance_pack, `${where} conformance pack`) }),
      classification: pillar
        ? {
            pillar,
            secondaryPillars: checked(arrayOf(oneOf(PILLARS), 3), parseJson(r.secondary_pillars, `${where} secondary pillars`), `${where} secondary pillars`),
            principles: checked(arrayOf(oneOf(PRINCIPLES), 7), parseJson(r.principles, `${where} principles`), `${where} principles`),
            layer: checked(oneOf(LAYERS), r.layer, `${where} layer`),
            severity: checked(oneOf(SEVERITIES), r.severity, `${where} severity`),
            rationale: checked(str({ max: 100_000 }), r.rationale ?? '', `${where} rationale`),
          }
        : null,
      classificationOrigin: pillar ? origin : 'unclassified',
      ...(r.remediation === null ? {} : { remediation: checked(text, r.remediation, `${where} remediation`) }),
      ...(references.length ? { references } : {}),
    });
  }

  const coverage: CoverageCell[] = (db.prepare('SELECT * FROM coverage ORDER BY account_id, region').all() as Record<string, unknown>[]).map(
    (r) => ({
      accountId: checked(text, r.account_id, 'coverage account'),
      region: checked(text, r.region, 'coverage region'),
      state: checked(oneOf(COVERAGE_STATES), r.state, `coverage state of ${String(r.account_id)} ${String(r.region)}`),
      reason: checked(text, r.reason, 'coverage reason'),
    }),
  );

  const cube: CubeRow[] = (db.prepare('SELECT account_id, region, control_id, status, count FROM summary').all() as Record<string, unknown>[]).map(
    (r) => {
      const controlId = checked(text, r.control_id, 'summary control');
      if (!controls.has(controlId)) fail(`is damaged (summary refers to unknown control "${controlId.slice(0, 200)}")`);
      return {
        accountId: checked(text, r.account_id, 'summary account'),
        region: checked(text, r.region, 'summary region'),
        controlId,
        status: checked(oneOf(STATUSES), r.status, `summary status of ${controlId}`),
        count: checked(int(1, MAX_COUNT), r.count, `summary count of ${controlId}`),
      };
    },
  );

  // The (control, status) pairs present in the findings must be exactly those the summary counts. Walking the
  // distinct values of the (control_id, status) index costs a few index seeks per pair, not a pass over the
  // findings, so a hostile status or control id is refused at open even in a file of millions of findings.
  const firstControl = db.prepare('SELECT min(control_id) FROM findings').pluck();
  const nextControl = db.prepare('SELECT min(control_id) FROM findings WHERE control_id > ?').pluck();
  const firstStatus = db.prepare('SELECT min(status) FROM findings WHERE control_id = ?').pluck();
  const nextStatus = db.prepare('SELECT min(status) FROM findings WHERE control_id = ? AND status > ?').pluck();
  const cubePairs = new Set(cube.map((r) => `${r.controlId}\u0000${r.status}`));
  const foundPairs = new Set<string>();
  // min() without a lower bound also meets values of other types (numbers sort before text), which the type checks refuse.
  for (let control = firstControl.get() as unknown; control !== null; control = nextControl.get(control) as unknown) {
    const controlId = checked(text, control, 'finding control');
    if (!controls.has(controlId)) fail(`is damaged (findings refer to unknown control "${controlId.slice(0, 200)}")`);
    for (let status = firstStatus.get(controlId) as unknown; status !== null; status = nextStatus.get(controlId, status) as unknown) {
      if (!(STATUSES as readonly unknown[]).includes(status)) {
        const bad = db.prepare('SELECT id FROM findings WHERE control_id = ? AND status = ? LIMIT 1').pluck().get(controlId, status);
        fail(`has an invalid value: finding ${String(bad)} has status "${String(status).slice(0, 80)}"`);
      }
      foundPairs.add(`${controlId}\u0000${String(status)}`);
    }
  }
  const unmatched = [...foundPairs].find((pair) => !cubePairs.has(pair)) ?? [...cubePairs].find((pair) => !foundPairs.has(pair));
  if (unmatched) {
    const [controlId, status] = unmatched.split('\u0000');
    fail(`is damaged (its summary and its findings disagree on ${status} results of ${controlId.slice(0, 200)})`);
  }
  const cubeTotal = cube.reduce((sum, r) => sum + r.count, 0);
  if (counts.findings !== cubeTotal) fail(`is damaged (its metadata counts ${counts.findings} findings, its summary ${cubeTotal})`);

  // Accounts seen in results but never described (e.g. a collector without Organizations access) still show.
  for (const id of new Set([...cube.map((r) => r.accountId), ...coverage.map((c) => c.accountId)])) {
    if (!accounts.has(id)) accounts.set(id, { id, name: id, ouPath: '' });
  }
  const regions = [...new Set([...cube.map((r) => r.region), ...coverage.map((c) => c.region)])].sort();

  const info: SnapshotInfo = { path: file, fileName: basename(file), meta, counts };

  // ---- Filters over the cube ----
  interface Scope extends ResolvedScope {
    /** Whether a filter narrows results (then controls with no remaining result are left out of lists). */
    narrowsResults: boolean;
  }
  const scopeOf = (filters: Filters = {}): Scope => {
    const scope = resolveScope(filters, () => accounts.values(), () => controls.values());
    return { ...scope, narrowsResults: Boolean(scope.accounts || scope.regions || scope.statuses) };
  };
  const cubeByControl = new Map<string, CubeRow[]>();
  for (const r of cube) {
    const rows = cubeByControl.get(r.controlId);
    if (rows) rows.push(r);
    else cubeByControl.set(r.controlId, [r]);
  }
  const cubeIn = (scope: Scope, rows: CubeRow[] = cube): CubeRow[] =>
    rows.filter(
      (r) =>
        (!scope.accounts || scope.accounts.has(r.accountId)) &&
        (!scope.regions || scope.regions.has(r.region)) &&
        (!scope.statuses || scope.statuses.has(r.status)) &&
        (!scope.controls || scope.controls.has(r.controlId)),
    );
  const countsBy = (rows: CubeRow[], key: (r: CubeRow) => string): Map<string, StatusCounts> => {
    const byKey = new Map<string, StatusCounts>();
    for (const r of rows) {
      const k = key(r);
      let c = byKey.get(k);
      if (!c) byKey.set(k, (c = emptyCounts()));
      c[r.status] += r.count;
    }
    return byKey;
  };
  const pillarOf = (control: Control): PillarKey => control.classification?.pillar ?? 'unclassified';
  const sumScores = (parts: Iterable<StatusCounts>): Score => {
    const total = emptyCounts();
    for (const part of parts) addCounts(total, part);
    return scoreOf(total);
  };

  const controlRows = (scope: Scope, rows: CubeRow[]): ControlRow[] => {
    const byControl = countsBy(rows, (r) => r.controlId);
    const failingAccounts = new Map<string, Set<string>>();
    for (const r of rows) {
      if (r.status !== 'NON_COMPLIANT') continue;
      let set = failingAccounts.get(r.controlId);
      if (!set) failingAccounts.set(r.controlId, (set = new Set()));
      set.add(r.accountId);
    }
    const result: ControlRow[] = [];
    for (const control of controls.values()) {
      if (scope.controls && !scope.controls.has(control.id)) continue;
      const c = byControl.get(control.id);
      if (!c && scope.narrowsResults) continue;
      result.push({
        id: control.id,
        title: control.title,
        source: control.source,
        pillar: pillarOf(control),
        principles: control.classification?.principles ?? [],
        severity: control.classification?.severity ?? null,
        score: scoreOf(c ?? emptyCounts()),
        failingAccounts: failingAccounts.get(control.id)?.size ?? 0,
      });
    }
    return result;
  };
  const byFailures = (a: ControlRow, b: ControlRow): number =>
    b.score.counts.NON_COMPLIANT - a.score.counts.NON_COMPLIANT || a.title.localeCompare(b.title) || a.id.localeCompare(b.id);

  const accountRows = (scope: Scope, rows: CubeRow[]): AccountRow[] => {
    const byAccountPillar = countsBy(rows, (r) => `${r.accountId}\u0000${pillarOf(controls.get(r.controlId)!)}`);
    return [...accounts.values()]
      .filter((a) => !scope.accounts || scope.accounts.has(a.id))
      .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id))
      .map((account) => {
        const part = (key: PillarKey): StatusCounts => byAccountPillar.get(`${account.id}\u0000${key}`) ?? emptyCounts();
        const pillars = Object.fromEntries(PILLARS.map((p) => [p, scoreOf(part(p))])) as Record<Pillar, Score>;
        return {
          account,
          total: sumScores([...PILLARS, 'unclassified' as const].map(part)),
          pillars,
          unclassified: scoreOf(part('unclassified')),
        };
      });
  };

  // ---- Prepared queries for the drill-down ----
  const errorFrom = (r: Record<string, unknown>): CollectionError => ({
    accountId: checked(text, r.account_id, 'error account'),
    region: checked(text, r.region, 'error region'),
    service: checked(text, r.service, 'error service'),
    operation: checked(text, r.operation, 'error operation'),
    code: checked(text, r.code, 'error code'),
    message: checked(text, r.message, 'error message'),
    at: checked(text, r.at, 'error time'),
  });
  const optionalText = (value: unknown, where: string): string | undefined =>
    value === null ? undefined : checked(text, value, where);
  const findingFrom = (r: Record<string, unknown>): FindingRow => {
    const id = checked(int(1, Number.MAX_SAFE_INTEGER), r.id, 'finding id');
    const where = `finding ${id}`;
    const controlId = checked(text, r.control_id, `${where} control`);
    const accountId = checked(text, r.account_id, `${where} account`);
    const row: FindingRow = {
      id,
      controlId,
      accountId,
      region: checked(text, r.region, `${where} region`),
      resourceType: checked(text, r.resource_type, `${where} resource type`),
      resourceId: checked(text, r.resource_id, `${where} resource id`),
      status: checked(oneOf(STATUSES), r.status, `${where} status`),
      accountName: accounts.get(accountId)?.name ?? accountId,
      controlTitle: controls.get(controlId)?.title ?? controlId,
    };
    const optionalFields = {
      resourceName: optionalText(r.resource_name, `${where} resource name`),
      ruleName: optionalText(r.rule_name, `${where} rule name`),
      annotation: optionalText(r.annotation, `${where} annotation`),
      evaluatedAt: optionalText(r.evaluated_at, `${where} evaluation time`),
      recordedAt: optionalText(r.recorded_at, `${where} recorded time`),
      invokedAt: optionalText(r.invoked_at, `${where} invoked time`),
      evidenceId: r.evidence_id === null ? undefined : checked(int(1, Number.MAX_SAFE_INTEGER), r.evidence_id, `${where} evidence id`),
    };
    for (const [key, value] of Object.entries(optionalFields)) if (value !== undefined) Object.assign(row, { [key]: value });
    return row;
  };

  const findingById = db.prepare('SELECT * FROM findings WHERE id = ?');
  const relatedFindings = db.prepare(
    `SELECT * FROM findings WHERE account_id = ? AND region = ? AND resource_type = ? AND resource_id = ? AND id <> ?
     ORDER BY control_id, id LIMIT ${RELATED_LIMIT}`,
  );
  const evidenceById = db.prepare(
    `SELECT e.*, p.service, p.operation, p.params, p.account_id AS p_account_id, p.region AS p_region, p.retrieved_at
     FROM evidence e LEFT JOIN provenance p ON p.id = e.provenance_id WHERE e.id = ?`,
  );
  const errorCount = db.prepare('SELECT count(*) AS n FROM errors');
  const errorPage = db.prepare('SELECT * FROM errors ORDER BY at DESC, id DESC LIMIT ? OFFSET ?');

  const evidenceFrom = (id: number): Evidence | null => {
    const r = evidenceById.get(id) as Record<string, unknown> | undefined;
    if (!r) return null;
    const where = `evidence ${id}`;
    if (r.service === null) fail(`is damaged (${where} has no provenance)`);
    const params = parseJson(r.params, `${where} provenance parameters`);
    if (params === null || typeof params !== 'object' || Array.isArray(params)) {
      fail(`has an invalid value: ${where} provenance parameters are not an object`);
    }
    return {
      id,
      kind: checked(oneOf(['configuration-item', 'api-response'] as const), r.kind, `${where} kind`),
      ...(r.resource_type === null ? {} : { resourceType: checked(text, r.resource_type, `${where} resource type`) }),
      ...(r.resource_id === null ? {} : { resourceId: checked(text, r.resource_id, `${where} resource id`) }),
      accountId: checked(text, r.account_id, `${where} account`),
      region: checked(text, r.region, `${where} region`),
      ...(r.captured_at === null ? {} : { capturedAt: checked(text, r.captured_at, `${where} capture time`) }),
      body: parseJson(r.body, `${where} body`),
      provenance: {
        service: checked(text, r.service, `${where} provenance service`),
        operation: checked(text, r.operation, `${where} provenance operation`),
        params: params as Record<string, unknown>,
        accountId: checked(text, r.p_account_id, `${where} provenance account`),
        region: checked(text, r.p_region, `${where} provenance region`),
        retrievedAt: checked(text, r.retrieved_at, `${where} retrieval time`),
      },
    };
  };

  const coverageSummary = (scope: Scope): Overview['coverage'] => {
    const cells = coverage.filter((c) => (!scope.accounts || scope.accounts.has(c.accountId)) && (!scope.regions || scope.regions.has(c.region)));
    const inScope = (e: CollectionError) => (!scope.accounts || scope.accounts.has(e.accountId)) && (!scope.regions || scope.regions.has(e.region));
    const narrowed = Boolean(scope.accounts || scope.regions);
    const errors: CollectionError[] = [];
    let errorTotal = 0;
    if (narrowed) {
      // Errors are few (one per failed call), so filtering them in memory stays cheap.
      for (const r of db.prepare('SELECT * FROM errors ORDER BY at DESC, id DESC').iterate() as Iterable<Record<string, unknown>>) {
        const e = errorFrom(r);
        if (!inScope(e)) continue;
        errorTotal++;
        if (errors.length < RECENT_ERRORS) errors.push(e);
      }
    } else {
      errorTotal = (errorCount.get() as { n: number }).n;
      errors.push(...(errorPage.all(RECENT_ERRORS, 0) as Record<string, unknown>[]).map(errorFrom));
    }
    return {
      pairs: cells.length,
      collected: cells.filter((c) => c.state === 'collected').length,
      gaps: cells.filter((c) => c.state !== 'collected'),
      errorCount: errorTotal,
      errors,
    };
  };

  const guard = <A extends unknown[], R>(fn: (...args: A) => R) => (...args: A): R => {
    try {
      return fn(...args);
    } catch (error) {
      throw asSnapshotError(file, error);
    }
  };

  return {
    path: file,

    info: () => info,

    overview: guard((filters?: Filters): Overview => {
      const scope = scopeOf(filters);
      const rows = cubeIn(scope);
      const controlList = controlRows(scope, rows);
      const pillarKeys: PillarKey[] = [...PILLARS, 'unclassified'];
      const pillars: PillarSummary[] = pillarKeys.map((pillar) => {
        const inPillar = controlList.filter((c) => c.pillar === pillar);
        return {
          pillar,
          score: sumScores(inPillar.map((c) => c.score.counts)),
          controls: inPillar.length,
          failingControls: inPillar.filter((c) => c.score.counts.NON_COMPLIANT > 0).length,
        };
      });
      return {
        snapshot: info,
        total: sumScores(countsBy(rows, () => 'all').values()),
        pillars,
        accounts: accountRows(scope, rows),
        topFailing: controlList.filter((c) => c.score.counts.NON_COMPLIANT > 0).sort(byFailures).slice(0, TOP_FAILING),
        coverage: coverageSummary(scope),
      };
    }),

    pillar: guard((pillar: PillarKey, filters?: Filters): PillarDetail => {
      const scope = scopeOf(filters);
      const list = controlRows(scope, cubeIn(scope)).filter((c) => c.pillar === pillar).sort(byFailures);
      const principles = PRINCIPLES.map((principle) => {
        const withPrinciple = list.filter((c) => c.principles.includes(principle));
        return { principle, score: sumScores(withPrinciple.map((c) => c.score.counts)), controls: withPrinciple.length };
      }).filter((p) => p.controls > 0);
      return { pillar, score: sumScores(list.map((c) => c.score.counts)), principles, controls: list };
    }),

    control: guard((controlId: string, filters?: Filters): ControlDetail | null => {
      const control = controls.get(controlId);
      if (!control) return null;
      const scope = scopeOf(filters);
      const rows = cubeIn(scope, cubeByControl.get(controlId) ?? []);
      return { control, score: sumScores(countsBy(rows, () => 'all').values()) };
    }),

    findings: guard((q: FindingQuery): FindingPage | null => {
      if (!controls.has(q.controlId)) return null;
      const scope = scopeOf(q.filters);
      if (scope.controls && !scope.controls.has(q.controlId)) return { total: 0, offset: q.offset, rows: [] };
      const where = ['f.control_id = ?'];
      const args: unknown[] = [q.controlId];
      const inList = (column: string, values: Set<string> | null) => {
        if (!values) return;
        where.push(`${column} IN (${[...values].map(() => '?').join(',') || 'NULL'})`);
        args.push(...values);
      };
      inList('f.account_id', scope.accounts);
      inList('f.region', scope.regions);
      inList('f.status', scope.statuses);
      if (q.text) {
        const pattern = `%${q.text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
        where.push(
          "(f.resource_id LIKE ? ESCAPE '\\' OR f.resource_name LIKE ? ESCAPE '\\' OR f.resource_type LIKE ? ESCAPE '\\' OR f.annotation LIKE ? ESCAPE '\\')",
        );
        args.push(pattern, pattern, pattern, pattern);
      }
      const clause = where.join(' AND ');
      // A text search reads the one index holding every searchable column; the planner cannot know a LIKE's
      // selectivity and would otherwise walk a sort index and fetch every row of the control.
      const source = q.text ? 'findings f INDEXED BY findings_by_control_text' : 'findings f';
      const direction = q.descending ? 'DESC' : 'ASC';
      const order = q.sort ? `${SORT_SQL[q.sort]} ${direction}, f.id ${direction}` : `f.id ${direction}`;
      // Without a text search every filter is a dimension of the summary, so the total needs no query.
      const total = q.text
        ? (db.prepare(`SELECT count(*) AS n FROM ${source} WHERE ${clause}`).get(...args) as { n: number }).n
        : cubeIn(scope, cubeByControl.get(q.controlId) ?? []).reduce((sum, r) => sum + r.count, 0);
      // Two steps: the page's ids from an index (no table reads for rows skipped by filters or the offset),
      // then just those rows.
      const ids = db.prepare(`SELECT f.id FROM ${source} WHERE ${clause} ORDER BY ${order} LIMIT ? OFFSET ?`).pluck().all(...args, q.limit, q.offset) as number[];
      const byId = new Map<unknown, Record<string, unknown>>();
      if (ids.length) {
        for (const r of db.prepare(`SELECT * FROM findings WHERE id IN (${ids.map(() => '?').join(',')})`).all(...ids) as Record<string, unknown>[]) {
          byId.set(r.id, r);
        }
      }
      return { total, offset: q.offset, rows: ids.map((id) => findingFrom(byId.get(id)!)) };
    }),

    finding: guard((id: number): FindingDetail | null => {
      const r = findingById.get(id) as Record<string, unknown> | undefined;
      if (!r) return null;
      const finding = findingFrom(r);
      const control = controls.get(finding.controlId);
      if (!control) return fail(`is damaged (finding ${id} refers to unknown control "${finding.controlId.slice(0, 200)}")`);
      const related = (
        relatedFindings.all(finding.accountId, finding.region, finding.resourceType, finding.resourceId, id) as Record<string, unknown>[]
      ).map(findingFrom);
      return {
        finding,
        control,
        account: accounts.get(finding.accountId) ?? { id: finding.accountId, name: finding.accountId, ouPath: '' },
        evidence: finding.evidenceId === undefined ? null : evidenceFrom(finding.evidenceId),
        related,
      };
    }),

    accounts: guard((filters?: Filters): AccountRow[] => {
      const scope = scopeOf(filters);
      return accountRows(scope, cubeIn(scope));
    }),

    filterOptions: guard((): FilterOptions => {
      const ous = new Set<string>();
      for (const a of accounts.values()) {
        const parts = a.ouPath.split('/').filter(Boolean);
        for (let i = 1; i <= parts.length; i++) ous.add(parts.slice(0, i).join('/'));
      }
      return {
        accounts: [...accounts.values()].sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id)),
        ous: [...ous].sort(),
        regions,
      };
    }),

    coverageErrors: guard((offset: number, limit: number) => ({
      total: (errorCount.get() as { n: number }).n,
      rows: (errorPage.all(limit, offset) as Record<string, unknown>[]).map(errorFrom),
    })),

    close: () => db.close(),
  };
}

function asSnapshotError(file: string, error: unknown): Error {
  if (error instanceof SnapshotError) return error;
  if (error instanceof Database.SqliteError) return new SnapshotError(file, `is damaged or not a Triad snapshot (${error.message})`);
  return error instanceof Error ? error : new Error(String(error));
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
