import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../../src/main/catalog';
import { DEFAULT_DEMO_FINDINGS, demoCreatedAt, generateDemo, type DemoOptions } from '../../../src/main/demo';
import {
  HOSTILE_ANNOTATION,
  HOSTILE_BUCKET_TAGS,
  HOSTILE_LONG,
  HOSTILE_ROLE_NAME,
  HOSTILE_RTL,
  HOSTILE_SECURITY_GROUP_NAME,
} from '../../../src/main/demo/hostile';
import { STATUSES, type ComplianceStatus } from '../../../src/shared/domain';
import { digestOf, recordingWriter, type Recording } from './recording-writer';

const catalog = loadCatalog();

function generate(options: DemoOptions): Recording {
  const { writer, recording } = recordingWriter();
  generateDemo(writer, options, catalog);
  return recording;
}

type Body = Record<string, unknown> & { configuration: Record<string, unknown>; supplementaryConfiguration: Record<string, unknown> };
const bodyOf = (recording: Recording, evidenceId: number | undefined): Body =>
  recording.evidence[(evidenceId ?? 0) - 1].body as Body;

const SANDBOX_DENIED = '640000000402';
const NOT_ENABLED = { accountId: '530000000303', region: 'ap-southeast-2' };

describe('demo organization generator', () => {
  let demo: Recording;
  beforeAll(() => {
    demo = generate({ seed: 'triad-demo', findings: DEFAULT_DEMO_FINDINGS });
  });

  it('writes identical content for the same seed and options, and different content for another seed', () => {
    const a = generate({ seed: 'audit-2026', findings: 5_000 });
    const b = generate({ seed: 'audit-2026', findings: 5_000 });
    const c = generate({ seed: 'audit-2027', findings: 5_000 });
    expect(digestOf(a)).toBe(digestOf(b));
    expect(digestOf(c)).not.toBe(digestOf(a));
    const statuses = (r: Recording) => r.findings.map((f) => f.status).join();
    expect(statuses(c)).not.toBe(statuses(a));
  });

  it('dates the snapshot from the seed unless a time is given', () => {
    expect(demo.meta.createdAt).toBe(demoCreatedAt('triad-demo').toISOString());
    expect(demoCreatedAt('other')).not.toEqual(demoCreatedAt('triad-demo'));
    const now = new Date('2026-10-01T12:00:00.000Z');
    const dated = generate({ seed: 'triad-demo', findings: 1_000, now });
    expect(dated.meta.createdAt).toBe(now.toISOString());
    for (const f of dated.findings.slice(0, 500)) expect(Date.parse(f.recordedAt ?? '')).toBeLessThan(now.getTime());
  });

  it.each([1_000, 5_000, 60_000])('generates about %i findings when asked', (requested) => {
    const recording = generate({ seed: 'size', findings: requested });
    expect(Math.abs(recording.findings.length - requested) / requested).toBeLessThan(requested < 5_000 ? 0.1 : 0.03);
  });

  it('generates about 20,000 findings by default and finishes the snapshot', () => {
    expect(Math.abs(demo.findings.length - DEFAULT_DEMO_FINDINGS) / DEFAULT_DEMO_FINDINGS).toBeLessThan(0.03);
    expect(demo.finished).toEqual({ partial: false });
  });

  it('records demo metadata with the catalog version and a caller identity', () => {
    expect(demo.meta).toMatchObject({
      title: 'Demo organization',
      isDemo: true,
      scope: { mode: 'demo' },
      catalogVersion: catalog.version,
      collectedBy: { account: '210987654321', arn: 'arn:aws:sts::210987654321:assumed-role/TriadAuditor/triad-demo' },
    });
    expect(demo.meta.triadVersion).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('has twelve accounts in the security, prod, dev and sandbox OUs and four regions', () => {
    expect(demo.accounts).toHaveLength(12);
    const ous = new Set(demo.accounts.map((a) => a.ouPath));
    expect(ous).toEqual(new Set(['Root', 'Root/Security', 'Root/Workloads/Prod', 'Root/Workloads/Dev', 'Root/Sandbox']));
    for (const a of demo.accounts) {
      expect(a.id).toMatch(/^\d{12}$/);
      expect(a.email).toMatch(/@example\.com$/);
    }
    expect(new Set(demo.findings.map((f) => f.region))).toEqual(new Set(['us-east-1', 'eu-west-1', 'eu-central-1', 'ap-southeast-2']));
  });

  it('deploys about 70 managed rules, two conformance packs with suffixed rule names, and custom rules', () => {
    const bySource = (prefix: string) => demo.controls.filter((c) => c.id.startsWith(prefix));
    const managed = demo.controls.filter((c) => c.source === 'config-rule' && !c.id.startsWith('config-rule:custom:'));
    expect(managed.length).toBeGreaterThanOrEqual(65);
    const packs = new Set(bySource('conformance-pack:').map((c) => c.conformancePack));
    expect(packs).toEqual(
      new Set(['Operational-Best-Practices-for-CIS-AWS-v1.4-Level1', 'Operational-Best-Practices-for-NIST-800-53-rev-5']),
    );
    expect(bySource('config-rule:custom:').length).toBeGreaterThanOrEqual(1);
    const packFinding = demo.findings.find((f) => f.controlId.startsWith('conformance-pack:'));
    expect(packFinding?.ruleName).toMatch(/-conformance-pack-[a-z0-9]{9}$/);
    const managedFinding = demo.findings.find((f) => f.controlId === 'config-rule:S3_BUCKET_VERSIONING_ENABLED');
    expect(managedFinding?.ruleName).toBe('s3-bucket-versioning-enabled');
  });

  it('classifies every control through the catalog except the custom rules', () => {
    for (const control of demo.controls) {
      const expected = catalog.classify(control);
      expect(control.classification).toEqual(expected.classification);
      expect(control.classificationOrigin).toBe(expected.origin);
      if (control.id.startsWith('config-rule:custom:')) expect(control.classificationOrigin).toBe('unclassified');
      else expect(control.classification).not.toBeNull();
    }
    const ids = new Set(demo.controls.map((c) => c.id));
    for (const f of demo.findings.slice(0, 2_000)) expect(ids.has(f.controlId)).toBe(true);
  });

  it('stores configuration items with AWS Config field names', () => {
    const item = demo.evidence.find((e) => e.kind === 'configuration-item' && e.resourceType === 'AWS::S3::Bucket');
    expect(Object.keys(item?.body as object)).toEqual(
      expect.arrayContaining([
        'version', 'accountId', 'configurationItemCaptureTime', 'configurationItemStatus', 'configurationStateId',
        'configurationItemMD5Hash', 'arn', 'resourceType', 'resourceId', 'resourceName', 'awsRegion',
        'availabilityZone', 'resourceCreationTime', 'tags', 'relatedEvents', 'relationships', 'configuration',
        'supplementaryConfiguration',
      ]),
    );
    const types = new Set(demo.evidence.map((e) => e.resourceType));
    for (const type of [
      'AWS::S3::Bucket', 'AWS::IAM::Role', 'AWS::IAM::User', 'AWS::EC2::SecurityGroup', 'AWS::EC2::Volume',
      'AWS::RDS::DBInstance', 'AWS::CloudTrail::Trail', 'AWS::KMS::Key', 'AWS::::Account',
    ]) {
      expect(types).toContain(type);
    }
  });

  it('writes configuration that agrees with each status', () => {
    const check = (controlId: string, agrees: (body: Body, status: ComplianceStatus) => boolean) => {
      const findings = demo.findings.filter(
        (f) => f.controlId === controlId && (f.status === 'COMPLIANT' || f.status === 'NON_COMPLIANT'),
      );
      expect(new Set(findings.map((f) => f.status))).toEqual(new Set(['COMPLIANT', 'NON_COMPLIANT']));
      for (const f of findings) expect(agrees(bodyOf(demo, f.evidenceId), f.status), `${controlId} ${f.resourceId}`).toBe(true);
    };
    check('config-rule:ENCRYPTED_VOLUMES', (b, s) => b.configuration.encrypted === (s === 'COMPLIANT'));
    check('config-rule:RDS_INSTANCE_PUBLIC_ACCESS_CHECK', (b, s) => b.configuration.publiclyAccessible === (s === 'NON_COMPLIANT'));
    check('config-rule:S3_BUCKET_VERSIONING_ENABLED', (b, s) => {
      const versioning = b.supplementaryConfiguration.BucketVersioningConfiguration as { status: string };
      return versioning.status === (s === 'COMPLIANT' ? 'Enabled' : 'Off');
    });
    const encryptedNa = demo.findings.filter((f) => f.controlId === 'config-rule:ENCRYPTED_VOLUMES' && f.status === 'NOT_APPLICABLE');
    for (const f of encryptedNa) expect(bodyOf(demo, f.evidenceId).configuration.attachments).toEqual([]);
  });

  it('shares one configuration item between the findings of a resource', () => {
    const perEvidence = new Map<number, number>();
    for (const f of demo.findings) perEvidence.set(f.evidenceId ?? 0, (perEvidence.get(f.evidenceId ?? 0) ?? 0) + 1);
    expect(perEvidence.has(0)).toBe(false);
    expect(Math.max(...perEvidence.values())).toBeGreaterThanOrEqual(15);
    expect(demo.evidence.length).toBeLessThan(demo.findings.length / 4);
    const bucket = demo.findings.filter((f) => f.resourceType === 'AWS::S3::Bucket' && f.evidenceId === demo.findings.find((g) => g.resourceType === 'AWS::S3::Bucket')?.evidenceId);
    expect(new Set(bucket.map((f) => f.controlId)).size).toBeGreaterThan(10);
  });

  it('records the provenance of every piece of evidence', () => {
    for (const e of demo.evidence) {
      expect(e.provenance.service).toBe('config');
      expect(e.provenance.accountId).toBe(e.accountId);
      expect(e.provenance.region).toBe(e.region);
      expect(Date.parse(e.provenance.retrievedAt)).toBeLessThanOrEqual(Date.parse(demo.meta.createdAt ?? ''));
      if (e.kind === 'configuration-item') {
        expect(e.provenance).toMatchObject({ operation: 'GetResourceConfigHistory', params: { resourceType: e.resourceType, resourceId: e.resourceId, limit: 1 } });
      } else {
        expect(e.provenance.operation).toBe('GetComplianceDetailsByConfigRule');
      }
    }
  });

  it('spreads statuses plausibly: every status occurs, prod complies more than sandbox, some controls mostly fail', () => {
    const counts = new Map<ComplianceStatus, number>();
    for (const f of demo.findings) counts.set(f.status, (counts.get(f.status) ?? 0) + 1);
    for (const status of STATUSES) expect(counts.get(status) ?? 0, status).toBeGreaterThan(0);

    const ouOf = new Map(demo.accounts.map((a) => [a.id, a.ouPath]));
    const compliance = (ou: string) => {
      const evaluated = demo.findings.filter((f) => ouOf.get(f.accountId) === ou && (f.status === 'COMPLIANT' || f.status === 'NON_COMPLIANT'));
      return evaluated.filter((f) => f.status === 'COMPLIANT').length / evaluated.length;
    };
    expect(compliance('Root/Workloads/Prod')).toBeGreaterThan(compliance('Root/Workloads/Dev'));
    expect(compliance('Root/Workloads/Dev')).toBeGreaterThan(compliance('Root/Sandbox'));

    const lock = demo.findings.filter((f) => f.controlId === 'config-rule:S3_BUCKET_DEFAULT_LOCK_ENABLED');
    expect(lock.filter((f) => f.status === 'NON_COMPLIANT').length / lock.length).toBeGreaterThan(0.5);

    const failing = demo.findings.filter((f) => f.status === 'NON_COMPLIANT' && f.controlId === 'config-rule:INCOMING_SSH_DISABLED');
    expect(failing[0].annotation).toBe('The security group allows inbound TCP 22 from 0.0.0.0/0.');
    for (const f of demo.findings.slice(0, 3_000)) {
      const invoked = Date.parse(f.invokedAt ?? '');
      expect(invoked).toBeLessThanOrEqual(Date.parse(f.recordedAt ?? ''));
      expect(Date.parse(f.evaluatedAt ?? '')).toBeLessThanOrEqual(invoked);
    }
  });

  it('stores hostile tag values, names and annotations exactly as planted', () => {
    const bucket = demo.evidence.find((e) => (e.body as Body).tags && (e.body as { tags: Record<string, string> }).tags.Owner === HOSTILE_BUCKET_TAGS.Owner);
    expect(bucket?.resourceType).toBe('AWS::S3::Bucket');
    expect((bucket?.body as Body).tags).toMatchObject(HOSTILE_BUCKET_TAGS);
    const tags = (bucket?.body as Body).tags as Record<string, string>;
    expect(tags.Notes).toBe(HOSTILE_LONG);
    expect(tags.Notes).toHaveLength(5_000);
    expect(tags.Team).toBe(HOSTILE_RTL);
    expect(tags.Team).toContain('\u202E');
    expect(Object.values(tags)).toEqual(
      expect.arrayContaining(['<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '=HYPERLINK("http://evil.example","click")', "+cmd|' /C calc'!A0", '@SUM(1+1)']),
    );

    const group = demo.findings.find((f) => f.resourceName === HOSTILE_SECURITY_GROUP_NAME);
    expect(group?.resourceType).toBe('AWS::EC2::SecurityGroup');
    expect(bodyOf(demo, group?.evidenceId).configuration.groupName).toBe(HOSTILE_SECURITY_GROUP_NAME);
    expect(demo.findings.some((f) => f.resourceName === HOSTILE_ROLE_NAME && f.resourceType === 'AWS::IAM::Role')).toBe(true);
    const marked = demo.findings.filter((f) => f.annotation === HOSTILE_ANNOTATION);
    expect(marked).toHaveLength(1);
    expect(marked[0]).toMatchObject({ controlId: 'config-rule:custom:sg-ingress-change-ticket', status: 'NON_COMPLIANT' });
  });

  it('keeps the hostile resources at every size', () => {
    const small = generate({ seed: 'tiny', findings: 1_000 });
    expect(small.findings.some((f) => f.annotation === HOSTILE_ANNOTATION)).toBe(true);
    expect(small.evidence.some((e) => JSON.stringify(e.body).includes(HOSTILE_BUCKET_TAGS.CostCenter.replace(/"/g, '\\"')))).toBe(true);
  });

  it('records AccessDenied in a sandbox account and a region without Config, and collects everything else', () => {
    expect(demo.coverage).toHaveLength(48);
    expect(demo.donePairs).toHaveLength(48);
    const denied = demo.coverage.filter((c) => c.accountId === SANDBOX_DENIED);
    expect(denied.map((c) => c.state)).toEqual(['failed', 'failed', 'failed', 'failed']);
    const deniedErrors = demo.errors.filter((e) => e.accountId === SANDBOX_DENIED);
    expect(new Set(deniedErrors.map((e) => e.region)).size).toBe(4);
    for (const e of deniedErrors) {
      expect(e).toMatchObject({ service: 'config', code: 'AccessDeniedException' });
      expect(e.message).toContain(`config:${e.operation}`);
    }
    expect(demo.coverage.find((c) => c.accountId === NOT_ENABLED.accountId && c.region === NOT_ENABLED.region)?.state).toBe('not-enabled');
    expect(demo.errors.filter((e) => e.accountId === NOT_ENABLED.accountId)).toEqual([
      expect.objectContaining({ region: NOT_ENABLED.region, code: 'NoSuchConfigurationRecorderException' }),
    ]);
    expect(demo.coverage.filter((c) => c.state === 'collected')).toHaveLength(43);
    expect(demo.findings.some((f) => f.accountId === SANDBOX_DENIED)).toBe(false);
    expect(demo.findings.some((f) => f.accountId === NOT_ENABLED.accountId && f.region === NOT_ENABLED.region)).toBe(false);
  });

  it('refuses a number of findings it cannot scale to', () => {
    const { writer } = recordingWriter();
    expect(() => generateDemo(writer, { seed: 1, findings: 10 }, catalog)).toThrow(/from 1000 to 10000000 \(got 10\)/);
    expect(() => generateDemo(writer, { seed: 1, findings: 2_500.5 }, catalog)).toThrow(/whole number/);
  });
});
