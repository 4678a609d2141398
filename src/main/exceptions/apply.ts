// Applies accepted risks to a snapshot: which exceptions are live on a given day, how many NON_COMPLIANT
// findings each covers, and every score in two views, without and with exceptions. With exceptions, excepted
// findings leave the NON_COMPLIANT term and are shown beside the score (like NOT_APPLICABLE): an accepted risk
// is not compliance, so it never counts as COMPLIANT. Counting runs in SQLite over the findings' indexes.

import { PILLARS, type PillarKey } from '../../shared/domain';
import { exceptionState, type ExceptionEntry, type ExceptionScope, type ExceptionsApplied, type ScoreViews } from '../../shared/exceptions';
import { compliancePercent, emptyCounts, scoreOf, type StatusCounts } from '../../shared/scoring';
import { openSnapshot } from '../snapshot';
import { openDatabase } from '../snapshot/sqlite';

const PILLAR_KEYS: PillarKey[] = [...PILLARS, 'unclassified'];

/** SQLite GLOB with only `*` and `?` special, matching resourcePatternRegExp. */
export const globOf = (pattern: string): string => pattern.replace(/\[/g, '[[]');

/** The SQL condition (over `findings f`) of the findings an exception's scope matches; pushes its arguments. */
export function exceptionScopeSql(scope: ExceptionScope, args: unknown[]): string {
  const parts: string[] = [];
  const add = (sql: string, value: string | undefined) => {
    if (value === undefined) return;
    parts.push(sql);
    args.push(value);
  };
  add('f.control_id = ?', scope.controlId);
  add('f.account_id = ?', scope.accountId);
  add('f.region = ?', scope.region);
  add('f.resource_id GLOB ?', scope.resourcePattern === undefined ? undefined : globOf(scope.resourcePattern));
  return `(${parts.join(' AND ')})`;
}

export function applyExceptions(snapshotPath: string, exceptions: ExceptionEntry[], asOf: Date): ExceptionsApplied {
  // Validates the file as a snapshot first: a damaged file is refused by name, as everywhere else.
  const reader = openSnapshot(snapshotPath);
  const path = reader.path;
  reader.close();
  const db = openDatabase(path, { readonly: true, fileMustExist: true });
  try {
    const outcomes: ExceptionsApplied['outcomes'] = exceptions.map((entry) => {
      const args: unknown[] = [];
      const where = exceptionScopeSql(entry.scope, args);
      const matched = db.prepare(`SELECT count(*) FROM findings f WHERE f.status = 'NON_COMPLIANT' AND ${where}`).pluck().get(...args) as number;
      return { entry, state: exceptionState(entry, asOf), matched };
    });

    const counts = new Map<PillarKey, StatusCounts>(PILLAR_KEYS.map((p) => [p, emptyCounts()]));
    const rows = db
      .prepare(
        `SELECT coalesce(c.pillar, 'unclassified') AS pillar, s.status, sum(s.count) AS n
         FROM summary s JOIN controls c ON c.id = s.control_id GROUP BY 1, 2`,
      )
      .all() as { pillar: PillarKey; status: keyof StatusCounts; n: number }[];
    for (const r of rows) counts.get(r.pillar)![r.status] += r.n;

    const exceptedBy = new Map<PillarKey, number>(PILLAR_KEYS.map((p) => [p, 0]));
    const live = outcomes.filter((o) => o.state === 'live');
    if (live.length) {
      const args: unknown[] = [];
      const where = live.map((o) => exceptionScopeSql(o.entry.scope, args)).join(' OR ');
      const excepted = db
        .prepare(
          `SELECT coalesce(c.pillar, 'unclassified') AS pillar, count(*) AS n
           FROM findings f JOIN controls c ON c.id = f.control_id
           WHERE f.status = 'NON_COMPLIANT' AND (${where}) GROUP BY 1`,
        )
        .all(...args) as { pillar: PillarKey; n: number }[];
      for (const r of excepted) exceptedBy.set(r.pillar, r.n);
    }

    const views = (c: StatusCounts, excepted: number): ScoreViews => {
      const nonCompliant = c.NON_COMPLIANT - excepted;
      return {
        withoutExceptions: scoreOf(c),
        withExceptions: { percent: compliancePercent({ ...c, NON_COMPLIANT: nonCompliant }), excepted, nonCompliant },
      };
    };
    const total = emptyCounts();
    let exceptedTotal = 0;
    for (const p of PILLAR_KEYS) {
      for (const [status, n] of Object.entries(counts.get(p)!)) total[status as keyof StatusCounts] += n;
      exceptedTotal += exceptedBy.get(p)!;
    }
    return {
      asOf: asOf.toISOString(),
      outcomes,
      excepted: exceptedTotal,
      total: views(total, exceptedTotal),
      pillars: Object.fromEntries(PILLAR_KEYS.map((p) => [p, views(counts.get(p)!, exceptedBy.get(p)!)])) as Record<PillarKey, ScoreViews>,
    };
  } finally {
    db.close();
  }
}
