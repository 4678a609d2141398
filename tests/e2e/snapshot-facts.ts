// Facts about a snapshot read straight from the file (read-only) and from `triad summary --json`, so the
// end-to-end specs compare what the UI shows with what the file and the CLI say, not with constants.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { projectRoot } from '../../src/main/paths';
import type { SummaryJson } from '../../src/main/cli/commands/summary';

export function summaryJson(snapshotPath: string, filterArgs: string[] = []): SummaryJson {
  const root = projectRoot();
  const out = execFileSync(join(root, 'node_modules/.bin/tsx'), [join(root, 'src/main/cli/index.ts'), 'summary', snapshotPath, '--json', ...filterArgs], {
    cwd: root,
    encoding: 'utf8',
  });
  return JSON.parse(out) as SummaryJson;
}

export function queryOne<T>(snapshotPath: string, sql: string, ...params: unknown[]): T {
  const db = new Database(snapshotPath, { readonly: true, fileMustExist: true });
  try {
    const row = db.prepare(sql).get(...params) as T | undefined;
    if (!row) throw new Error(`No row in ${snapshotPath} for: ${sql}`);
    return row;
  } finally {
    db.close();
  }
}

/** Digits only, so "1,234" in the UI compares with 1234 from the CLI. */
export const digits = (text: string | null) => Number((text ?? '').replace(/[^\d]/g, ''));
