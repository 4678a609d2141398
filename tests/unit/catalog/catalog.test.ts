import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { CatalogError, defaultCatalogPath, defaultManagedRulesPath, loadCatalog } from '../../../src/main/catalog';
import { LAYERS, PILLARS, PRINCIPLES, SEVERITIES, type Classification } from '../../../src/shared/domain';

const scratch = mkdtempSync(join(tmpdir(), 'triad-catalog-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let fileCounter = 0;
function writeJson(value: unknown): string {
  const path = join(scratch, `file-${++fileCounter}.json`);
  writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value, null, 2));
  return path;
}

const managedRuleIds = Object.keys(
  (JSON.parse(readFileSync(defaultManagedRulesPath(), 'utf8')) as { ManagedRules: Record<string, unknown> }).ManagedRules,
);
const catalogFile = JSON.parse(readFileSync(defaultCatalogPath(), 'utf8')) as {
  schema: number;
  version: string;
  entries: Record<string, Record<string, unknown>>;
};

const managedRule = (identifier: string) => ({
  id: `config-rule:${identifier}`,
  source: 'config-rule' as const,
  sourceIdentifier: identifier,
});

describe('catalog completeness (resources/catalog/catalog.json)', () => {
  it('lists all 813 AWS Config managed rules of the packaged list', () => {
    expect(managedRuleIds).toHaveLength(813);
    const missing = managedRuleIds.filter((id) => !(id in catalogFile.entries));
    expect(missing, 'managed rules without a catalog entry').toEqual([]);
  });

  it('has no entry for a rule that is not in the managed rule list', () => {
    const known = new Set(managedRuleIds);
    expect(Object.keys(catalogFile.entries).filter((id) => !known.has(id))).toEqual([]);
  });

  it('gives every entry exactly one valid primary pillar, valid enums and a one-line rationale', () => {
    const problems: string[] = [];
    for (const [id, entry] of Object.entries(catalogFile.entries)) {
      if (typeof entry.pillar !== 'string' || !(PILLARS as readonly string[]).includes(entry.pillar))
        problems.push(`${id}: pillar must be exactly one of ${PILLARS.join('/')}`);
      const secondary = (entry.secondaryPillars ?? []) as string[];
      if (!secondary.every((p) => (PILLARS as readonly string[]).includes(p))) problems.push(`${id}: bad secondary pillar`);
      if (secondary.includes(entry.pillar as string)) problems.push(`${id}: secondary pillar repeats the primary`);
      const principles = entry.principles as string[];
      if (!Array.isArray(principles) || principles.length === 0) problems.push(`${id}: no principle`);
      else if (!principles.every((p) => (PRINCIPLES as readonly string[]).includes(p))) problems.push(`${id}: bad principle`);
      if (!(LAYERS as readonly string[]).includes(entry.layer as string)) problems.push(`${id}: bad layer`);
      if (!(SEVERITIES as readonly string[]).includes(entry.severity as string)) problems.push(`${id}: bad severity`);
      const rationale = entry.rationale;
      if (typeof rationale !== 'string' || rationale.trim().length < 20 || /\n/.test(rationale))
        problems.push(`${id}: rationale missing, too short or not one line`);
    }
    expect(problems).toEqual([]);
  });

  it('is versioned and sorted by identifier for review', () => {
    expect(catalogFile.schema).toBe(1);
    expect(catalogFile.version).toMatch(/^\d{4}\.\d+\.\d+$/);
    const ids = Object.keys(catalogFile.entries);
    expect(ids).toEqual([...ids].sort());
  });

  it('loads through loadCatalog with every rule classified from the catalog', () => {
    const catalog = loadCatalog();
    expect(catalog.version).toBe(catalogFile.version);
    expect(catalog.size).toBe(813);
    expect(catalog.overrides).toBeNull();
    const unclassified = managedRuleIds.filter((id) => catalog.classify(managedRule(id)).origin !== 'catalog');
    expect(unclassified).toEqual([]);
  });
});

describe('classification meaning (spot checks)', () => {
  const catalog = loadCatalog();
  const of = (id: string): Classification => {
    const { classification } = catalog.classify(managedRule(id));
    if (!classification) throw new Error(`${id} is unclassified`);
    return classification;
  };

  it('root MFA is confidentiality, strong identity, critical or high', () => {
    const c = of('ROOT_ACCOUNT_MFA_ENABLED');
    expect(c.pillar).toBe('confidentiality');
    expect(c.principles).toContain('strong-identity-foundation');
    expect(['critical', 'high']).toContain(c.severity);
  });

  it('database backups are availability', () => {
    expect(of('DB_INSTANCE_BACKUP_ENABLED').pillar).toBe('availability');
    expect(of('DB_INSTANCE_BACKUP_ENABLED').principles).toContain('prepare-for-security-events');
  });

  it('CloudTrail log file validation is integrity and traceability', () => {
    const c = of('CLOUD_TRAIL_LOG_FILE_VALIDATION_ENABLED');
    expect(c.pillar).toBe('integrity');
    expect(c.principles).toContain('traceability');
  });

  it('S3 default encryption is confidentiality, data protection, server-side encryption', () => {
    const c = of('S3_BUCKET_SERVER_SIDE_ENCRYPTION_ENABLED');
    expect(c.pillar).toBe('confidentiality');
    expect(c.principles).toContain('protect-data-in-transit-and-at-rest');
    expect(c.layer).toBe('server-side-encryption');
  });

  it('public read buckets and admin wildcard policies are critical; open SSH is a network-layer control', () => {
    expect(of('S3_BUCKET_PUBLIC_READ_PROHIBITED')).toMatchObject({ pillar: 'confidentiality', severity: 'critical' });
    expect(of('IAM_POLICY_NO_STATEMENTS_WITH_ADMIN_ACCESS').severity).toBe('critical');
    expect(of('INCOMING_SSH_DISABLED')).toMatchObject({ layer: 'os-network-firewall' });
    expect(of('INCOMING_SSH_DISABLED').principles).toContain('security-at-all-layers');
  });

  it('TLS-only bucket policies protect network traffic; multi-AZ is availability', () => {
    expect(of('S3_BUCKET_SSL_REQUESTS_ONLY').layer).toBe('network-traffic-protection');
    expect(of('RDS_MULTI_AZ_SUPPORT').pillar).toBe('availability');
  });
});

describe('classify() without a catalog entry', () => {
  const catalog = loadCatalog();

  it('leaves a rule AWS added after this catalog unclassified instead of guessing', () => {
    expect(catalog.classify(managedRule('SOME_RULE_AWS_ADDS_NEXT_YEAR'))).toEqual({ classification: null, origin: 'unclassified' });
    expect(catalog.entry('SOME_RULE_AWS_ADDS_NEXT_YEAR')).toBeUndefined();
  });

  it('never classifies a custom rule from the catalog, even one named like a managed rule', () => {
    const custom = { id: 'config-rule:custom:S3_BUCKET_PUBLIC_READ_PROHIBITED', source: 'config-rule' as const, sourceIdentifier: 'S3_BUCKET_PUBLIC_READ_PROHIBITED' };
    expect(catalog.classify(custom)).toEqual({ classification: null, origin: 'unclassified' });
  });

  it('classifies a managed rule deployed by a conformance pack from the catalog', () => {
    const result = catalog.classify({
      id: 'conformance-pack:Operational-Best-Practices:S3_BUCKET_VERSIONING_ENABLED',
      source: 'conformance-pack',
      sourceIdentifier: 'S3_BUCKET_VERSIONING_ENABLED',
    });
    expect(result.origin).toBe('catalog');
    expect(result.classification?.rationale).toBe(catalog.entry('S3_BUCKET_VERSIONING_ENABLED')?.rationale);
  });

  it('returns a built-in check its own classification, and unclassified when it carries none', () => {
    const own: Classification = {
      pillar: 'confidentiality',
      secondaryPillars: [],
      principles: ['strong-identity-foundation'],
      layer: 'platform-applications-iam',
      severity: 'critical',
      rationale: 'Root without MFA.',
    };
    const check = { id: 'built-in:root-mfa', source: 'built-in' as const, sourceIdentifier: 'root-mfa' };
    expect(catalog.classify({ ...check, classification: own })).toEqual({ classification: own, origin: 'catalog' });
    expect(catalog.classify(check)).toEqual({ classification: null, origin: 'unclassified' });
  });
});

describe('user overrides', () => {
  it('apply by control id before source identifier, merge with the catalog entry and are recorded', () => {
    const text = JSON.stringify({
      overrides: {
        'config-rule:S3_BUCKET_VERSIONING_ENABLED': { severity: 'high', rationale: 'Our records policy requires versioning.' },
        S3_BUCKET_VERSIONING_ENABLED: { severity: 'low', rationale: 'Never used: the control id wins.' },
        'config-rule:custom:tls-everywhere': {
          pillar: 'confidentiality',
          principles: ['protect-data-in-transit-and-at-rest'],
          layer: 'network-traffic-protection',
          severity: 'medium',
          rationale: 'Our own TLS rule.',
        },
        ENCRYPTED_VOLUMES: { pillar: 'integrity', secondaryPillars: ['confidentiality'], rationale: 'Auditor judgement.' },
      },
    });
    const path = writeJson(text);
    const catalog = loadCatalog({ overridesPath: path });

    expect(catalog.overrides).toEqual({
      file: path.split('/').pop(),
      sha256: createHash('sha256').update(text).digest('hex'),
      count: 4,
    });

    const versioning = catalog.classify(managedRule('S3_BUCKET_VERSIONING_ENABLED'));
    expect(versioning.origin).toBe('override');
    expect(versioning.classification).toMatchObject({
      severity: 'high',
      rationale: 'Our records policy requires versioning.',
      pillar: catalog.entry('S3_BUCKET_VERSIONING_ENABLED')?.pillar,
      layer: catalog.entry('S3_BUCKET_VERSIONING_ENABLED')?.layer,
    });

    // The same managed rule inside a conformance pack has another control id, so the identifier override applies.
    const inPack = catalog.classify({
      id: 'conformance-pack:p:S3_BUCKET_VERSIONING_ENABLED',
      source: 'conformance-pack',
      sourceIdentifier: 'S3_BUCKET_VERSIONING_ENABLED',
    });
    expect(inPack.classification?.severity).toBe('low');

    const custom = catalog.classify({ id: 'config-rule:custom:tls-everywhere', source: 'config-rule', sourceIdentifier: 'arn:aws:lambda:eu-west-1:111122223333:function:tls' });
    expect(custom).toMatchObject({ origin: 'override', classification: { pillar: 'confidentiality', secondaryPillars: [] } });

    const volumes = catalog.classify(managedRule('ENCRYPTED_VOLUMES'));
    expect(volumes.classification).toMatchObject({ pillar: 'integrity', secondaryPillars: ['confidentiality'] });
  });

  it('loads the shipped example override file', () => {
    const example = join(defaultCatalogPath(), '..', 'overrides.example.json');
    const catalog = loadCatalog({ overridesPath: example });
    expect(catalog.overrides).toMatchObject({ file: 'overrides.example.json', count: 3 });
    expect(catalog.classify(managedRule('REQUIRED_TAGS'))).toMatchObject({
      origin: 'override',
      classification: { pillar: 'confidentiality', layer: catalog.entry('REQUIRED_TAGS')?.layer, severity: 'medium' },
    });
  });

  it('drops an inherited secondary pillar that the override made primary', () => {
    const base = loadCatalog().entry('S3_BUCKET_PUBLIC_WRITE_PROHIBITED');
    expect(base?.secondaryPillars).toContain('confidentiality');
    const path = writeJson({ overrides: { S3_BUCKET_PUBLIC_WRITE_PROHIBITED: { pillar: 'confidentiality', rationale: 'Data first.' } } });
    const result = loadCatalog({ overridesPath: path }).classify(managedRule('S3_BUCKET_PUBLIC_WRITE_PROHIBITED'));
    expect(result.classification?.pillar).toBe('confidentiality');
    expect(result.classification?.secondaryPillars).not.toContain('confidentiality');
  });

  const rejects = (doc: unknown, ...fragments: string[]) => {
    const path = writeJson(doc);
    let message = '';
    try {
      loadCatalog({ overridesPath: path });
    } catch (error) {
      expect(error).toBeInstanceOf(CatalogError);
      message = (error as Error).message;
    }
    expect(message, 'loadCatalog should have refused the override file').not.toBe('');
    for (const fragment of [path, ...fragments]) expect(message).toContain(fragment);
  };

  it('refuses an invalid pillar, naming the file, the entry and the field', () => {
    rejects({ overrides: { IAM_USER_MFA_ENABLED: { pillar: 'secrecy', rationale: 'x' } } }, 'IAM_USER_MFA_ENABLED', 'pillar', 'secrecy');
  });

  it('refuses an override without a rationale', () => {
    rejects({ overrides: { IAM_USER_MFA_ENABLED: { severity: 'low' } } }, 'IAM_USER_MFA_ENABLED', 'rationale');
  });

  it('refuses unknown principles, layers, severities and fields', () => {
    rejects({ overrides: { VPC_FLOW_LOGS_ENABLED: { principles: ['be-careful'], rationale: 'x' } } }, 'VPC_FLOW_LOGS_ENABLED', 'principles[0]');
    rejects({ overrides: { VPC_FLOW_LOGS_ENABLED: { layer: 'kernel', rationale: 'x' } } }, 'VPC_FLOW_LOGS_ENABLED', 'layer');
    rejects({ overrides: { VPC_FLOW_LOGS_ENABLED: { severity: 'severe', rationale: 'x' } } }, 'VPC_FLOW_LOGS_ENABLED', 'severity');
    rejects({ overrides: { VPC_FLOW_LOGS_ENABLED: { pilar: 'integrity', rationale: 'x' } } }, 'VPC_FLOW_LOGS_ENABLED', 'pilar');
  });

  it('refuses a secondary pillar equal to the primary', () => {
    rejects(
      { overrides: { VPC_FLOW_LOGS_ENABLED: { pillar: 'integrity', secondaryPillars: ['integrity'], rationale: 'x' } } },
      'VPC_FLOW_LOGS_ENABLED',
      'secondaryPillars',
    );
  });

  it('refuses a partial override of something the catalog does not classify', () => {
    rejects({ overrides: { 'config-rule:custom:mine': { severity: 'high', rationale: 'x' } } }, 'config-rule:custom:mine', 'pillar, principles, layer');
    rejects({ overrides: { 'trusted-advisor:Pfx0RwqBli': { severity: 'high', rationale: 'x' } } }, 'trusted-advisor:Pfx0RwqBli', 'must also give');
    // A custom rule in a conformance pack, even one named like a managed rule, has no catalog entry to adjust.
    rejects({ overrides: { 'conformance-pack:p:custom:S3_BUCKET_TAGGED': { severity: 'high', rationale: 'x' } } }, 'must also give');
  });

  it('adjusts a built-in check from the classification its metadata carries', () => {
    const path = writeJson({ overrides: { 'built-in:iam-root-mfa': { severity: 'high', rationale: 'Break-glass process accepted.' } } });
    const own: Classification = {
      pillar: 'confidentiality',
      secondaryPillars: ['integrity'],
      principles: ['strong-identity-foundation'],
      layer: 'platform-applications-iam',
      severity: 'critical',
      rationale: 'Root without MFA.',
    };
    const result = loadCatalog({ overridesPath: path }).classify({
      id: 'built-in:iam-root-mfa',
      source: 'built-in',
      sourceIdentifier: 'iam-root-mfa',
      classification: own,
    });
    expect(result).toEqual({ origin: 'override', classification: { ...own, severity: 'high', rationale: 'Break-glass process accepted.' } });
  });

  it('refuses a file that is not JSON or not shaped like an override file', () => {
    rejects('{ "overrides": ', 'not valid JSON');
    rejects({ S3_BUCKET_TAGGED: {} }, 'S3_BUCKET_TAGGED');
    rejects({ overrides: [] }, '"overrides" must be an object');
  });

  it('says when the override file does not exist', () => {
    const missing = join(scratch, 'no-such-overrides.json');
    expect(() => loadCatalog({ overridesPath: missing })).toThrow(`${missing}: the file does not exist`);
  });
});

describe('catalog file validation', () => {
  const validEntry = { pillar: 'integrity', principles: ['traceability'], layer: 'customer-data', severity: 'low', rationale: 'A reason.' };

  it('names the entry and field of a bad catalog entry', () => {
    const path = writeJson({ schema: 1, version: 't', entries: { GOOD_RULE: validEntry, BAD_RULE: { ...validEntry, layer: 'moon' } } });
    expect(() => loadCatalog({ catalogPath: path })).toThrow(/entry BAD_RULE: layer is "moon"/);
  });

  it('requires a rationale and at least one principle', () => {
    const noRationale = { ...validEntry, rationale: undefined }; // JSON.stringify leaves the field out
    expect(() => loadCatalog({ catalogPath: writeJson({ schema: 1, version: 't', entries: { R: noRationale } }) })).toThrow(/entry R: "rationale" is missing/);
    expect(() => loadCatalog({ catalogPath: writeJson({ schema: 1, version: 't', entries: { R: { ...validEntry, principles: [] } } }) })).toThrow(
      /entry R: principles must list at least 1/,
    );
  });

  it('refuses a list of pillars where exactly one primary pillar is required', () => {
    const path = writeJson({ schema: 1, version: 't', entries: { R: { ...validEntry, pillar: ['integrity', 'availability'] } } });
    expect(() => loadCatalog({ catalogPath: path })).toThrow(/entry R: pillar/);
  });

  it('refuses an unsupported schema', () => {
    expect(() => loadCatalog({ catalogPath: writeJson({ schema: 2, version: 't', entries: {} }) })).toThrow(/schema 2 is not supported/);
  });
});

describe('managed rule list', () => {
  const { managedRules } = loadCatalog();

  it('exposes identifier, title, resource types and triggers of every managed rule', () => {
    expect(managedRules).toHaveLength(813);
    const publicRead = managedRules.find((r) => r.identifier === 'S3_BUCKET_PUBLIC_READ_PROHIBITED');
    expect(publicRead).toMatchObject({ title: 'S3 bucket public read prohibited', resourceTypes: ['AWS::S3::Bucket'] });
    const both = managedRules.filter((r) => r.triggerTypes.length === 2);
    expect(both.length).toBeGreaterThan(0);
    expect(both[0].triggerTypes).toEqual(['Configuration changes', 'Periodic']);
    const rotated = managedRules.find((r) => r.identifier === 'ACCESS_KEYS_ROTATED');
    expect(rotated?.parameters).toEqual([{ name: 'maxAccessKeyAge', type: 'int', optional: false, default: '90' }]);
  });
});
