// The files a report brings besides its snapshot: an exceptions file, the snapshot's review file and an earlier
// snapshot to compare with. The main process holds them (the CLI from its options; the app from the files the
// user applied or opened), so the renderer's report options only ask for them and never name a path. Gathering
// reads and checks each file whole (a bad one is one error naming the file and the entry), counts in SQLite
// what sections.ts needs, and keeps the comparison per file version so printing the same report twice
// compares once.

import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { DIFF_CATEGORIES } from '../../shared/diff';
import { exceptionState, type ExceptionEntry } from '../../shared/exceptions';
import { DEFAULT_CHANGES_LIMIT, type ReportInputsInfo, type ReportOptions, type ReportReviewFinding } from '../../shared/report';
import { diffSnapshots, type SnapshotDiff } from '../diff';
import { ExceptionsFileError, exceptionScopeSql, parseExceptions } from '../exceptions';
import { ReviewFileError, loadReview } from '../review';
import { reportDate, type ChangesInput, type ExceptionsInput, type ReportSectionInputs, type ReviewInput } from './sections';
import type { ReportSource } from './source';

export type ReportInputKind = keyof ReportInputsInfo;
export type ReportInputFiles = Partial<Record<ReportInputKind, string>>;

export class ReportInputError extends Error {
  override name = 'ReportInputError';
}

export interface ReportInputs {
  files(): ReportInputFiles;
  /** The chosen files' names, for the app to show what a report would use. */
  info(): ReportInputsInfo;
  /** Records a file the user chose (null forgets it). */
  set(kind: ReportInputKind, path: string | null): void;
  /** What the sections asked for by `options` need; throws ReportInputError naming the file and entry at fault. */
  gather(source: ReportSource, options: ReportOptions): ReportSectionInputs;
  /** The comparison of the since snapshot with the report's snapshot (kept per file version). */
  comparison(source: ReportSource): SnapshotDiff;
  close(): void;
}

const MAX_PROBLEMS_SHOWN = 5;

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

function readInput(path: string, what: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ReportInputError(`${what} ${path}: ${code === 'ENOENT' ? 'file not found' : `cannot be read (${code ?? (error as Error).message})`}`);
  }
}

/** A file as it is now: a file replaced since (edited, re-signed) is read again. */
function versionOf(path: string): string {
  try {
    const stat = statSync(path);
    return `${path}\u0000${stat.size}\u0000${stat.mtimeMs}`;
  } catch {
    return path;
  }
}

export function createReportInputs(initial: ReportInputFiles = {}): ReportInputs {
  const files: ReportInputFiles = {};
  for (const [kind, path] of Object.entries(initial) as [ReportInputKind, string | undefined][]) if (path) files[kind] = resolve(path);
  let cached: { key: string; diff: SnapshotDiff } | null = null;

  const need = (kind: ReportInputKind, section: string, file: string, how: string): string => {
    const path = files[kind];
    if (!path) throw new ReportInputError(`the report asks for ${section}, but no ${file} was chosen (${how})`);
    return path;
  };

  function gatherExceptions(source: ReportSource, options: ReportOptions): ExceptionsInput {
    const path = need('exceptions', 'the exception register', 'exceptions file', 'CLI: --exceptions FILE; app: apply an exceptions file');
    const bytes = readInput(path, 'Exceptions file');
    let entries;
    try {
      entries = parseExceptions(bytes.toString('utf8'), path).exceptions;
    } catch (error) {
      if (!(error instanceof ExceptionsFileError)) throw error;
      const shown = error.problems.slice(0, MAX_PROBLEMS_SHOWN).join('; ');
      const more = error.problems.length > MAX_PROBLEMS_SHOWN ? `; … and ${error.problems.length - MAX_PROBLEMS_SHOWN} more` : '';
      throw new ReportInputError(`exceptions file ${path}: ${shown}${more}`);
    }
    // One pass over the failing findings in scope: a count per exception, and one for "under any live exception".
    const matchOf = (scopes: ExceptionEntry['scope'][]) => {
      const args: unknown[] = [];
      return { sql: scopes.map((scope) => exceptionScopeSql(scope, args)).join(' OR '), args };
    };
    const asOf = reportDate(options);
    const live = entries.filter((entry) => exceptionState(entry, asOf) === 'live');
    const matches = entries.map((entry) => matchOf([entry.scope]));
    if (live.length) matches.push(matchOf(live.map((entry) => entry.scope)));
    const counts = entries.length ? source.failingMatching(source.resolve(options.filters), matches) : new Map<string, number[]>();
    const covers = entries.map((_, i) => [...counts.values()].reduce((sum, byControl) => sum + byControl[i], 0));
    const exceptedByControl: Record<string, number> = {};
    if (live.length) for (const [controlId, byControl] of counts) if (byControl[entries.length] > 0) exceptedByControl[controlId] = byControl[entries.length];
    return { fileName: basename(path), sha256: sha256(bytes), entries, covers, exceptedByControl };
  }

  function gatherReview(source: ReportSource): ReviewInput {
    const path = need('review', 'the reviewer notes', 'review file', 'CLI: --review FILE; app: open the snapshot’s review file');
    const bytes = readInput(path, 'Review file');
    let content;
    try {
      content = loadReview(path, source.reader.info());
    } catch (error) {
      if (error instanceof ReviewFileError) throw new ReportInputError(`review file ${error.message}`);
      throw error;
    }
    const snapshotName = source.reader.info().fileName;
    const findingIds = new Set<number>();
    const controlIds = new Set<string>();
    content.items.forEach((item, index) => {
      if (item.target.kind === 'finding') findingIds.add(item.target.findingId);
      else if (source.control(item.target.controlId)) controlIds.add(item.target.controlId);
      else throw new ReportInputError(`review file ${path}: item ${index + 1} names control ${item.target.controlId}, which is not in ${snapshotName}`);
    });
    content.samples.forEach((sample, index) => {
      if (!source.control(sample.controlId)) throw new ReportInputError(`review file ${path}: sample ${index + 1} is of control ${sample.controlId}, which is not in ${snapshotName}`);
      controlIds.add(sample.controlId);
      for (const id of sample.findingIds) findingIds.add(id);
    });
    const findings: Record<number, ReportReviewFinding> = {};
    for (const f of source.findingsById([...findingIds])) {
      findings[f.id] = {
        findingId: f.id,
        controlId: f.controlId,
        controlTitle: source.control(f.controlId)?.title ?? f.controlId,
        accountId: f.accountId,
        region: f.region,
        resourceType: f.resourceType,
        resourceId: f.resourceId,
        result: f.status,
      };
      controlIds.add(f.controlId);
    }
    const missing = [...findingIds].find((id) => !findings[id]);
    if (missing !== undefined) {
      const where = content.items.findIndex((i) => i.target.kind === 'finding' && i.target.findingId === missing);
      const entry = where >= 0 ? `item ${where + 1}` : `sample ${content.samples.findIndex((s) => s.findingIds.includes(missing)) + 1}`;
      throw new ReportInputError(`review file ${path}: ${entry} names finding ${missing}, which is not in ${snapshotName}`);
    }
    const controlTitles = Object.fromEntries([...controlIds].sort().map((id) => [id, source.control(id)?.title ?? id]));
    return { fileName: basename(path), sha256: sha256(bytes), content, findings, controlTitles };
  }

  function comparison(source: ReportSource): SnapshotDiff {
    const since = need('since', 'the changes since an earlier snapshot', 'earlier snapshot', 'CLI: --since FILE; app: compare an earlier snapshot with the open one');
    const key = `${versionOf(since)}\u0000${versionOf(source.reader.path)}`;
    if (cached?.key !== key) {
      const diff = diffSnapshots(since, source.reader.path);
      cached?.diff.close();
      cached = { key, diff };
    }
    return cached.diff;
  }

  function gatherChanges(source: ReportSource, options: ReportOptions): ChangesInput {
    const diff = comparison(source);
    const { summary } = diff;
    const limit = options.changesLimit ?? DEFAULT_CHANGES_LIMIT;
    const controlTitles: Record<string, string> = {};
    for (const c of source.controls()) controlTitles[c.id] = c.title;
    for (const row of summary.controls) controlTitles[row.controlId] ??= row.title;
    return {
      summary,
      base: { title: summary.base.meta.title, fileName: summary.base.fileName, createdAt: summary.base.meta.createdAt, digest: summary.base.meta.digest },
      lists: DIFF_CATEGORIES.map((category) => {
        const page = diff.changes({ category, offset: 0, limit });
        return { category, total: page.total, rows: page.rows };
      }),
      controlTitles,
      limit,
    };
  }

  return {
    files: () => ({ ...files }),
    info: () => ({
      exceptions: files.exceptions ? basename(files.exceptions) : null,
      review: files.review ? basename(files.review) : null,
      since: files.since ? basename(files.since) : null,
    }),
    set(kind, path) {
      if (path === null) delete files[kind];
      else files[kind] = resolve(path);
    },
    gather(source, options) {
      const inputs: ReportSectionInputs = {};
      if (options.exceptions) inputs.exceptions = gatherExceptions(source, options);
      if (options.review) inputs.review = gatherReview(source);
      if (options.since) inputs.changes = gatherChanges(source, options);
      return inputs;
    },
    comparison,
    close() {
      cached?.diff.close();
      cached = null;
    },
  };
}
