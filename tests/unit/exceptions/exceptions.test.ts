import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exceptionCovers, exceptionState, resourcePatternRegExp, type ExceptionEntry } from '../../../src/shared/exceptions';
import { ExceptionsFileError, applyExceptions, parseExceptions } from '../../../src/main/exceptions';
import { projectRoot } from '../../../src/main/paths';
import { BACKUP, DEV, PROD, S3_PUBLIC, buildFixtureSnapshot, tempFolder } from '../snapshot/fixture';

let dir: string;
let cleanup: () => void;
let snapshot: string;
beforeAll(() => {
  ({ dir, cleanup } = tempFolder('triad-exceptions-'));
  snapshot = join(dir, 'org.triad');
  buildFixtureSnapshot(snapshot);
});
afterAll(() => cleanup());

const entry = (id: string, scope: ExceptionEntry['scope'], created: string, expires: string): ExceptionEntry => ({
  id,
  scope,
  justification: 'Accepted by the risk committee.',
  owner: 'owner@example.com',
  approver: 'ciso@example.com',
  created,
  expires,
});
const fileOf = (exceptions: unknown[]) => JSON.stringify({ format: 'triad-exceptions', version: 1, exceptions });

describe('the exceptions file', () => {
  it('reads a valid file', () => {
    const parsed = parseExceptions(fileOf([entry('EX-1', { controlId: S3_PUBLIC, resourcePattern: 'prod-*' }, '2026-01-01', '2026-12-31')]), 'ex.json');
    expect(parsed.exceptions).toEqual([entry('EX-1', { controlId: S3_PUBLIC, resourcePattern: 'prod-*' }, '2026-01-01', '2026-12-31')]);
  });

  it('names every bad entry and field, and never applies a partly valid file', () => {
    const text = fileOf([
      entry('EX-1', { accountId: PROD }, '2026-01-01', '2026-12-31'),
      { ...entry('EX-2', { region: 'eu-west-1' }, '2026-01-01', 'next year') },
      { ...entry('EX-3', {}, '2026-01-01', '2026-02-01') },
      { ...entry('EX-1', { accountId: '12' }, '2026-03-01', '2026-02-01'), expiry: '2027-01-01' },
      'not an entry',
    ]);
    let error: ExceptionsFileError | undefined;
    try {
      parseExceptions(text, 'ex.json');
    } catch (e) {
      error = e as ExceptionsFileError;
    }
    expect(error).toBeInstanceOf(ExceptionsFileError);
    expect(error!.problems).toEqual([
      'entry 2 ("EX-2"): "expires" must be a date YYYY-MM-DD, not "next year"',
      'entry 3 ("EX-3"): "scope" is empty: an exception must name a control, account, region or resource pattern',
      'entry 4 ("EX-1"): has an unknown field "expiry"',
      'entry 4 ("EX-1"): repeats the id of entry 1',
      'entry 4 ("EX-1"): "expires" (2026-02-01) is before "created" (2026-03-01)',
      'entry 4 ("EX-1"): "scope.accountId" must be a 12-digit account id, not "12"',
      'entry 5 is not an object',
    ]);
    expect(error!.message).toMatch(/^ex\.json: 7 problems:\n {2}entry 2/);
    expect(() => parseExceptions('{"format":"triad-exceptions","version":2,"exceptions":[]}', 'ex.json')).toThrow('"version" 2 is not supported');
    expect(() => parseExceptions('[', 'ex.json')).toThrow(/^ex\.json: is not valid JSON/);
    expect(() => parseExceptions(fileOf([entry('EX-9', { resourcePattern: '*' }, '2026-01-01', '2026-02-01')]), 'ex.json')).toThrow(/alone would except every failing finding/);
    expect(() => parseExceptions(fileOf([entry('EX-9', { accountId: PROD }, '2026-02-30', '2026-03-01')]), 'ex.json')).toThrow(/"created" must be a date YYYY-MM-DD, not "2026-02-30"/);
  });
});

describe('expiry and matching', () => {
  it('is live through its whole expiry day, then expired', () => {
    const e = entry('EX', { accountId: PROD }, '2026-01-10', '2026-06-30');
    expect(exceptionState(e, new Date('2026-01-09T23:59:59Z'))).toBe('pending');
    expect(exceptionState(e, new Date('2026-06-30T23:59:59Z'))).toBe('live');
    expect(exceptionState(e, new Date('2026-07-01T00:00:00Z'))).toBe('expired');
  });

  it('matches all given scope fields; the resource glob has only * and ? special', () => {
    const finding = { controlId: S3_PUBLIC, accountId: PROD, region: 'eu-west-1', resourceId: 'prod-public-site' };
    expect(exceptionCovers({ controlId: S3_PUBLIC, resourcePattern: 'prod-*-site' }, finding)).toBe(true);
    expect(exceptionCovers({ controlId: S3_PUBLIC, region: 'us-east-1' }, finding)).toBe(false);
    expect(resourcePatternRegExp('a[1].b?').test('a[1].bc')).toBe(true);
    expect(resourcePatternRegExp('a[1].b?').test('a1xbc')).toBe(false);
  });
});

describe('applying exceptions to a snapshot', () => {
  const asOf = new Date('2026-11-26T12:00:00Z');
  const live = entry('EX-LIVE', { controlId: S3_PUBLIC, accountId: PROD, resourcePattern: 'prod-public-*' }, '2026-01-01', '2026-12-31');
  const expired = entry('EX-OLD', { controlId: BACKUP }, '2025-01-01', '2026-06-30');
  const dev = entry('EX-DEV', { accountId: DEV, region: 'eu-west-1' }, '2026-01-01', '2027-01-01');

  it('counts covered failing findings, and states every score without and with exceptions', () => {
    const applied = applyExceptions(snapshot, [live, expired, dev], asOf);
    expect(applied.outcomes.map((o) => [o.entry.id, o.state, o.matched])).toEqual([
      ['EX-LIVE', 'live', 1],
      ['EX-OLD', 'expired', 1],
      ['EX-DEV', 'live', 1],
    ]);
    // Fixture: 8 compliant, 5 non-compliant overall; live exceptions cover prod-public-site (S3) and dev-scratch (S3).
    expect(applied.excepted).toBe(2);
    expect(applied.total.withoutExceptions.percent).toBe(61.5);
    expect(applied.total.withExceptions).toEqual({ percent: 72.7, excepted: 2, nonCompliant: 3 });
    expect(applied.pillars.confidentiality.withoutExceptions.percent).toBe(57.1);
    expect(applied.pillars.confidentiality.withExceptions).toEqual({ percent: 80, excepted: 2, nonCompliant: 1 });
    // The expired exception no longer applies: availability keeps its failing finding.
    expect(applied.pillars.availability.withExceptions).toEqual({ percent: 50, excepted: 0, nonCompliant: 1 });
  });

  it('the CLI flags an expired exception and names a bad entry', () => {
    const triad = (...args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', join(projectRoot(), 'src/main/cli/index.ts'), ...args], { cwd: projectRoot(), encoding: 'utf8' });
    const good = join(dir, 'exceptions.json');
    writeFileSync(good, fileOf([live, expired]));
    const result = triad('exceptions', good, '--snapshot', snapshot, '--as-of', '2026-11-26');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(3);
    expect(result.stdout).toMatch(/^EX-OLD\s+EXPIRED\s+2026-06-30/m);
    expect(result.stdout).toMatch(/^All\s+61\.5%\s+66\.7%\s+1$/m);
    expect(result.stdout).toContain('EXPIRED: EX-OLD expired on 2026-06-30 and no longer applies; 1 finding it covered count as failing again.');

    const bad = join(dir, 'bad.json');
    writeFileSync(bad, fileOf([{ ...live, owner: '' }]));
    const refused = triad('exceptions', bad);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toBe(`triad: exceptions: ${bad}: entry 1 ("EX-LIVE"): "owner" is missing or empty\n`);
  });
});

describe('saving an exception (from the app)', () => {
  it('adds or replaces an entry atomically, creating the file, and refuses a bad entry without writing it', async () => {
    const { saveException, loadExceptions: load } = await import('../../../src/main/exceptions');
    const file = join(dir, 'saved.json');
    const first = entry('EX-APP', { controlId: S3_PUBLIC, accountId: PROD, region: 'eu-west-1', resourcePattern: 'prod-public-site' }, '2026-11-26', '2027-05-31');
    expect(saveException(file, first).exceptions).toEqual([first]);
    const renewed = { ...first, expires: '2027-11-30' };
    saveException(file, renewed);
    saveException(file, entry('EX-2', { region: 'us-east-1' }, '2026-11-26', '2027-01-01'));
    expect(load(file).exceptions.map((e) => [e.id, e.expires])).toEqual([
      ['EX-APP', '2027-11-30'],
      ['EX-2', '2027-01-01'],
    ]);
    const before = readFileSync(file, 'utf8');
    expect(() => saveException(file, { ...first, id: 'EX-BAD', approver: '' })).toThrow('entry 3 ("EX-BAD"): "approver" is missing or empty');
    expect(readFileSync(file, 'utf8')).toBe(before);
  });
});
