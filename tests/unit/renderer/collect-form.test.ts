// The "New collection" form's own checks (mirroring collection.start's validator and the collector's request
// rules) and the request it sends: every message names the field and what to do.
import { describe, expect, it } from 'vitest';
import { API } from '../../../src/shared/api';
import {
  defaultOutPath,
  emptyForm,
  folderOf,
  formProblems,
  parseList,
  profileLabel,
  requestFromForm,
  type CollectionForm,
} from '../../../src/renderer/src/components/collect/collectForm';

function form(overrides: Partial<CollectionForm> = {}): CollectionForm {
  return { ...emptyForm('/audits/acme.triad'), regions: 'eu-west-1', ...overrides };
}

const fields = (f: CollectionForm) => formProblems(f).map((p) => p.field);

describe('collection form validation', () => {
  it('accepts the caller own account with a region list, and sends only what was set', () => {
    const f = form({ regions: ' eu-west-1,us-east-1  eu-west-1 ' });
    expect(formProblems(f)).toEqual([]);
    const request = requestFromForm(f);
    expect(request).toEqual({ outPath: '/audits/acme.triad', self: true, regions: ['eu-west-1', 'us-east-1'] });
    // The service's own validator takes it as it is.
    expect(API['collection.start'].params(request, 'params')).toEqual(request);
  });

  it('needs a scope, regions and an output file', () => {
    const f = form({ scopes: { self: false, accounts: false, organization: false, aggregator: false }, regions: '', outPath: ' ' });
    const problems = formProblems(f);
    expect(problems.map((p) => p.field)).toEqual(['scope', 'regions', 'outPath']);
    expect(problems[0].message).toMatch(/at least one scope/);
    expect(problems[1].message).toMatch(/at least one region/);
  });

  it('names the account ids and regions that are not valid', () => {
    const f = form({ scopes: { self: false, accounts: true, organization: false, aggregator: false }, accounts: '111122223333, 12345, abc', role: 'TriadAuditor', regions: 'eu-west-1 Europe' });
    const problems = formProblems(f);
    expect(problems).toEqual([
      { field: 'accounts', message: 'Account ids are 12 digits; not valid: 12345, abc.' },
      { field: 'regions', message: 'Region names look like eu-west-1; not valid: Europe.' },
    ]);
  });

  it('requires a role name (not an ARN) with listed accounts or the organization', () => {
    expect(fields(form({ scopes: { self: false, accounts: false, organization: true, aggregator: false } }))).toEqual(['role']);
    const arn = formProblems(form({ scopes: { self: false, accounts: false, organization: true, aggregator: false }, role: 'arn:aws:iam::111122223333:role/TriadAuditor' }));
    expect(arn[0].message).toMatch(/role name .* not its ARN/);
    expect(fields(form({ scopes: { self: false, accounts: false, organization: true, aggregator: false }, role: 'audit/TriadAuditor' }))).toEqual([]);
  });

  it('checks MFA serial and code together, the ExternalId characters and the session duration range', () => {
    const base = { scopes: { self: false, accounts: true, organization: false, aggregator: false }, accounts: '111122223333', role: 'TriadAuditor' };
    expect(fields(form({ ...base, mfaSerial: 'arn:aws:iam::111122223333:mfa/alice' }))).toEqual(['mfaCode']);
    expect(fields(form({ ...base, mfaCode: '123456' }))).toEqual(['mfaSerial']);
    expect(fields(form({ ...base, mfaSerial: 'arn:aws:iam::111122223333:mfa/alice', mfaCode: '12345a' }))).toEqual(['mfaCode']);
    expect(fields(form({ ...base, externalId: 'has space' }))).toEqual(['externalId']);
    expect(fields(form({ ...base, sessionDuration: '600' }))).toEqual(['sessionDuration']);
    expect(fields(form({ ...base, sessionDuration: '43201' }))).toEqual(['sessionDuration']);
    expect(fields(form({ ...base, sessionDuration: '1.5' }))).toEqual(['sessionDuration']);
    expect(fields(form({ ...base, sessionDuration: '43200' }))).toEqual([]);
  });

  it('lets an aggregator-only collection leave regions empty, but not the aggregator name', () => {
    const aggregator = { scopes: { self: false, accounts: false, organization: false, aggregator: true } };
    expect(fields(form({ ...aggregator, regions: '', aggregator: 'org-aggregator' }))).toEqual([]);
    expect(fields(form({ ...aggregator, regions: '', aggregator: '' }))).toEqual(['aggregator']);
    expect(requestFromForm(form({ ...aggregator, regions: '', aggregator: ' org-aggregator ' }))).toEqual({ outPath: '/audits/acme.triad', aggregator: 'org-aggregator' });
  });

  it('asks for a .triad file name', () => {
    expect(formProblems(form({ outPath: '/audits/acme.db' }))[0]).toEqual({
      field: 'outPath',
      message: 'Snapshot files end in .triad, so Triad can open them later: add .triad to the file name.',
    });
  });

  it('builds the whole request: profile, combined scopes, role options, all regions, title, home region, resume', () => {
    const f = form({
      profile: 'audit-sso',
      scopes: { self: true, accounts: true, organization: true, aggregator: true },
      accounts: '111122223333\n444455556666',
      aggregator: 'org-aggregator',
      role: 'TriadAuditor',
      externalId: 'triad-external-7f3a',
      mfaSerial: 'arn:aws:iam::111122223333:mfa/alice',
      mfaCode: '123456',
      sessionDuration: '7200',
      regionMode: 'all',
      regions: 'not-a-region',
      title: 'Q4 audit',
      homeRegion: 'eu-west-1',
      resume: true,
    });
    expect(formProblems(f)).toEqual([]);
    const request = requestFromForm(f);
    expect(request).toEqual({
      outPath: '/audits/acme.triad',
      profile: 'audit-sso',
      self: true,
      accounts: ['111122223333', '444455556666'],
      organization: true,
      aggregator: 'org-aggregator',
      role: 'TriadAuditor',
      externalId: 'triad-external-7f3a',
      mfaSerial: 'arn:aws:iam::111122223333:mfa/alice',
      mfaCode: '123456',
      sessionDurationSeconds: 7200,
      allRegions: true,
      title: 'Q4 audit',
      homeRegion: 'eu-west-1',
      resume: true,
    });
    expect(API['collection.start'].params(request, 'params')).toEqual(request);
  });

  it('drops the role options when no scope assumes a role', () => {
    const request = requestFromForm(form({ role: 'TriadAuditor', externalId: 'x-1', mfaCode: '123456' }));
    expect(request).not.toHaveProperty('role');
    expect(request).not.toHaveProperty('externalId');
    expect(request).not.toHaveProperty('mfaCode');
  });
});

describe('collection form helpers', () => {
  it('splits lists on commas, spaces and new lines without repeats', () => {
    expect(parseList('a, b\nc  a;;d')).toEqual(['a', 'b', 'c', 'd']);
    expect(parseList('  ')).toEqual([]);
  });

  it('suggests a dated .triad file beside a folder', () => {
    const now = new Date('2026-11-27T00:41:07Z');
    expect(defaultOutPath('/home/alice/audits', now)).toBe('/home/alice/audits/triad-collection-2026-11-27-0041.triad');
    expect(defaultOutPath('C:\\Audits', now)).toBe('C:\\Audits\\triad-collection-2026-11-27-0041.triad');
    expect(defaultOutPath(null, now)).toBe('triad-collection-2026-11-27-0041.triad');
    expect(folderOf('/home/alice/acme.triad')).toBe('/home/alice');
    expect(folderOf('acme.triad')).toBeNull();
  });

  it('labels a profile by name and kind with its account, never a secret', () => {
    expect(profileLabel({ name: 'audit-sso', kind: 'sso', accountId: '111122223333', region: 'eu-west-1' })).toBe(
      'audit-sso — IAM Identity Center (SSO), account 111122223333, eu-west-1',
    );
    expect(profileLabel({ name: 'ci', kind: 'static' })).toBe('ci — static keys or environment');
  });
});
