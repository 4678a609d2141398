// The exceptions file: read and validated by hand, every entry checked; any problem makes the whole file an
// error that names the entry and the field, never a silently shorter list (docs/exceptions.md).

import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { ExceptionEntry, ExceptionScope } from '../../shared/exceptions';

export const EXCEPTIONS_FORMAT = 'triad-exceptions';
export const EXCEPTIONS_VERSION = 1;
const MAX_PROBLEMS_SHOWN = 20;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export class ExceptionsFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    const shown = problems.slice(0, MAX_PROBLEMS_SHOWN);
    const more = problems.length > shown.length ? `\n  … and ${problems.length - shown.length} more` : '';
    super(`${file}: ${problems.length === 1 ? problems[0] : `${problems.length} problems:\n  ${shown.join('\n  ')}${more}`}`);
    this.name = 'ExceptionsFileError';
  }
}

export interface ExceptionsFile {
  file: string;
  exceptions: ExceptionEntry[];
}

const isDay = (text: string) => DAY.test(text) && new Date(`${text}T00:00:00Z`).toISOString().slice(0, 10) === text;

export function parseExceptions(text: string, file: string): ExceptionsFile {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ExceptionsFileError(file, [`is not valid JSON (${(error as Error).message})`]);
  }
  const top = parsed as Record<string, unknown> | null;
  if (typeof top !== 'object' || top === null || Array.isArray(top)) {
    throw new ExceptionsFileError(file, ['must be a JSON object { "format": "triad-exceptions", "version": 1, "exceptions": [...] }']);
  }
  if (top.format !== EXCEPTIONS_FORMAT) throw new ExceptionsFileError(file, [`"format" must be "${EXCEPTIONS_FORMAT}"`]);
  if (top.version !== EXCEPTIONS_VERSION) {
    throw new ExceptionsFileError(file, [`"version" ${JSON.stringify(top.version)} is not supported (this Triad reads version ${EXCEPTIONS_VERSION})`]);
  }
  const extra = Object.keys(top).find((k) => !['format', 'version', 'exceptions'].includes(k));
  if (extra) throw new ExceptionsFileError(file, [`has an unknown top-level field "${extra.slice(0, 40)}"`]);
  if (!Array.isArray(top.exceptions)) throw new ExceptionsFileError(file, ['"exceptions" must be a list']);

  const problems: string[] = [];
  const seen = new Map<string, number>();
  const exceptions: ExceptionEntry[] = [];
  top.exceptions.forEach((raw: unknown, index) => {
    const entryProblems: string[] = [];
    const e = (typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? raw : null) as Record<string, unknown> | null;
    const id = typeof e?.id === 'string' ? e.id : '';
    const where = `entry ${index + 1}${id ? ` ("${id.slice(0, 80)}")` : ''}`;
    if (!e) {
      problems.push(`${where} is not an object`);
      return;
    }
    const text = (field: string, max = 4000): string => {
      const value = e[field];
      if (typeof value !== 'string' || !value.trim()) entryProblems.push(`"${field}" is missing or empty`);
      else if (value.length > max) entryProblems.push(`"${field}" is longer than ${max} characters`);
      return typeof value === 'string' ? value.trim() : '';
    };
    for (const key of Object.keys(e)) {
      if (!['id', 'scope', 'justification', 'owner', 'approver', 'created', 'expires'].includes(key)) entryProblems.push(`has an unknown field "${key.slice(0, 40)}"`);
    }
    text('id', 200);
    if (id && seen.has(id)) entryProblems.push(`repeats the id of entry ${seen.get(id)! + 1}`);
    else if (id) seen.set(id, index);
    const justification = text('justification');
    const owner = text('owner', 200);
    const approver = text('approver', 200);
    const created = text('created', 10);
    const expires = text('expires', 10);
    if (created && !isDay(created)) entryProblems.push(`"created" must be a date YYYY-MM-DD, not "${created}"`);
    if (expires && !isDay(expires)) entryProblems.push(`"expires" must be a date YYYY-MM-DD, not "${expires}"`);
    if (isDay(created) && isDay(expires) && expires < created) entryProblems.push(`"expires" (${expires}) is before "created" (${created})`);
    const scope = parseScope(e.scope, entryProblems);
    if (entryProblems.length) problems.push(...entryProblems.map((p) => `${where}: ${p}`));
    else exceptions.push({ id, scope: scope!, justification, owner, approver, created, expires });
  });
  if (problems.length) throw new ExceptionsFileError(file, problems);
  return { file, exceptions };
}

function parseScope(raw: unknown, problems: string[]): ExceptionScope | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    problems.push('"scope" must be an object with at least one of controlId, accountId, region, resourcePattern');
    return null;
  }
  const s = raw as Record<string, unknown>;
  const scope: ExceptionScope = {};
  for (const key of Object.keys(s)) {
    if (!['controlId', 'accountId', 'region', 'resourcePattern'].includes(key)) problems.push(`"scope" has an unknown field "${key.slice(0, 40)}"`);
  }
  const field = (key: keyof ExceptionScope, check: (v: string) => string | null) => {
    const value = s[key];
    if (value === undefined) return;
    if (typeof value !== 'string' || !value) {
      problems.push(`"scope.${key}" must be non-empty text`);
      return;
    }
    const problem = check(value);
    if (problem) problems.push(`"scope.${key}" ${problem}`);
    else scope[key] = value;
  };
  field('controlId', (v) => (v.length > 512 ? 'is too long' : null));
  field('accountId', (v) => (/^\d{12}$/.test(v) ? null : `must be a 12-digit account id, not "${v.slice(0, 40)}"`));
  field('region', (v) => (/^[a-z]{2}(-[a-z]+)+-\d+$/.test(v) ? null : `must be a region name such as eu-west-1, not "${v.slice(0, 40)}"`));
  field('resourcePattern', (v) => (v.length > 1024 ? 'is too long' : v === '*' && Object.keys(s).length === 1 ? 'alone would except every failing finding; narrow the scope' : null));
  if (Object.keys(s).length === 0) problems.push('"scope" is empty: an exception must name a control, account, region or resource pattern');
  return scope;
}

export function loadExceptions(file: string): ExceptionsFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ExceptionsFileError(file, [code === 'ENOENT' ? 'file not found' : `cannot be read (${code ?? String(error)})`]);
  }
  return parseExceptions(text, file);
}

/**
 * Adds an exception to a file, or replaces the entry with the same id, creating the file when it does not exist.
 * The whole result is validated before it is written (atomically), so a bad entry never reaches the file.
 */
export function saveException(file: string, entry: ExceptionEntry): ExceptionsFile {
  const existing = existsSync(file) ? loadExceptions(file).exceptions : [];
  const exceptions = [...existing.filter((e) => e.id !== entry.id), entry];
  const text = `${JSON.stringify({ format: EXCEPTIONS_FORMAT, version: EXCEPTIONS_VERSION, exceptions }, null, 2)}\n`;
  const checked = parseExceptions(text, file);
  const temp = join(dirname(file), `.${basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    writeFileSync(temp, text, { flag: 'wx' });
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw new ExceptionsFileError(file, [`cannot be written (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); the previous version is unchanged`]);
  }
  return checked;
}
