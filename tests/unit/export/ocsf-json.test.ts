// The OCSF export validated against the Compliance Finding class (2003) of OCSF 1.1, and the JSON export read
// back against its documented shape. The required attributes below are taken from the OCSF schema
// (github.com/ocsf/ocsf-schema: events/base_event.json, events/findings/finding.json,
// events/findings/compliance_finding.json, objects/metadata.json, product.json, finding_info.json,
// compliance.json, cloud.json).

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFindingsJson } from '../../../src/main/export/json';
import { writeFindingsOcsf } from '../../../src/main/export/ocsf';
import { fileSha256 } from '../../../src/main/report/digest';
import { createReportSource, type ReportSource } from '../../../src/main/report/source';
import { openSnapshot } from '../../../src/main/snapshot';
import { HOSTILE_VALUES, writeHostileSnapshot } from './hostile-snapshot';

type Json = Record<string, unknown>;
type Check = [path: string, test: (value: unknown) => boolean, what: string];

const integer = (v: unknown) => Number.isInteger(v);
const text = (v: unknown) => typeof v === 'string' && v.length > 0;
const object = (v: unknown) => v !== null && typeof v === 'object' && !Array.isArray(v);
const list = (v: unknown) => Array.isArray(v) && v.length > 0;

/** Required (and, for Triad, always-present recommended) attributes of a Compliance Finding event. */
const COMPLIANCE_FINDING_REQUIRED: Check[] = [
  // base event (required)
  ['activity_id', (v) => v === 1 || v === 2 || v === 3 || v === 0 || v === 99, 'a finding activity id'],
  ['category_uid', (v) => v === 2, 'category 2 (Findings)'],
  ['class_uid', (v) => v === 2003, 'class 2003 (Compliance Finding)'],
  ['type_uid', integer, 'an integer'],
  ['time', integer, 'a timestamp in milliseconds'],
  ['severity_id', (v) => [0, 1, 2, 3, 4, 5, 6, 99].includes(v as number), 'a severity id'],
  ['metadata', object, 'an object'],
  ['metadata.version', (v) => typeof v === 'string' && /^1\.\d+\.\d+$/.test(v), 'an OCSF 1.x version'],
  ['metadata.product', object, 'an object'],
  ['metadata.product.name', text, 'text'],
  ['metadata.product.vendor_name', text, 'text'],
  // finding (required)
  ['finding_info', object, 'an object'],
  ['finding_info.uid', text, 'text'],
  ['finding_info.title', text, 'text'],
  // compliance finding (required)
  ['compliance', object, 'an object'],
  ['compliance.standards', list, 'a non-empty list'],
  ['compliance.control', text, 'text'],
  ['compliance.status_id', (v) => [0, 1, 2, 3, 99].includes(v as number), 'a compliance status id'],
  ['resources', list, 'a non-empty list'],
  ['cloud', object, 'an object'],
  ['cloud.provider', (v) => v === 'AWS', 'AWS'],
];

function at(event: Json, path: string): unknown {
  return path.split('.').reduce<unknown>((value, key) => (object(value) ? (value as Json)[key] : undefined), event);
}

function ocsfProblems(event: Json): string[] {
  const problems = COMPLIANCE_FINDING_REQUIRED.filter(([path, test]) => !test(at(event, path))).map(([path, , what]) => `${path} must be ${what}`);
  if (event.type_uid !== (event.class_uid as number) * 100 + (event.activity_id as number)) problems.push('type_uid must be class_uid * 100 + activity_id');
  return problems;
}

let dir: string;
let source: ReportSource;
let digest: { algorithm: 'SHA-256'; value: string; basis: 'file' };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'triad-ocsf-'));
  const path = writeHostileSnapshot(dir, 20);
  source = createReportSource(openSnapshot(path));
  digest = { algorithm: 'SHA-256', value: await fileSha256(path), basis: 'file' };
});

afterAll(() => {
  source.reader.close();
  source.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('OCSF export', () => {
  it('writes one Compliance Finding event per line, each with every required attribute', async () => {
    const out = join(dir, 'findings.ocsf.jsonl');
    const result = await writeFindingsOcsf(source, { filters: {}, outPath: out, digest, triadVersion: '9.9.9' });
    const lines = readFileSync(out, 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(result.rows);
    expect(result.rows).toBe(HOSTILE_VALUES.length + 20);
    const events = lines.map((line) => JSON.parse(line) as Json);
    for (const event of events) expect(ocsfProblems(event)).toEqual([]);
    expect(new Set(events.map((e) => at(e, 'finding_info.uid'))).size).toBe(events.length);
  });

  it('maps statuses, severities and the account, and keeps hostile text as data', async () => {
    const out = join(dir, 'statuses.ocsf.jsonl');
    await writeFindingsOcsf(source, { filters: { statuses: ['NON_COMPLIANT'] }, outPath: out, digest, triadVersion: '9.9.9' });
    const events = readFileSync(out, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as Json);
    expect(events.every((e) => at(e, 'compliance.status') === 'Fail' && at(e, 'compliance.status_id') === 3)).toBe(true);
    const first = events[0];
    expect(at(first, 'severity_id')).toBe(5);
    expect(at(first, 'cloud.account.uid')).toBe('111111111111');
    expect(at(first, 'metadata.product.version')).toBe('9.9.9');
    expect((first.resources as Json[])[0].name).toBe(HOSTILE_VALUES[0]);
    expect(at(first, 'compliance.status_detail')).toBe(HOSTILE_VALUES[0]);
    const unclassified = events.find((e) => at(e, 'compliance.control') === 'config-rule:custom:tag-policy');
    expect(unclassified && at(unclassified, 'severity_id')).toBe(0);
    expect(unclassified && at(unclassified, 'unmapped.pillar')).toBe('Unclassified');
  });

  it('the validator catches a missing required attribute', async () => {
    const out = join(dir, 'one.ocsf.jsonl');
    await writeFindingsOcsf(source, { filters: {}, outPath: out, digest, triadVersion: '9.9.9' });
    const event = JSON.parse(readFileSync(out, 'utf8').split('\n')[0]) as Json;
    delete (event.compliance as Json).standards;
    event.type_uid = 1;
    expect(ocsfProblems(event)).toEqual(['compliance.standards must be a non-empty list', 'type_uid must be class_uid * 100 + activity_id']);
  });
});

describe('JSON export', () => {
  it('writes the documented shape with classification and evidence references', async () => {
    const out = join(dir, 'findings.json');
    const result = await writeFindingsJson(source, { filters: {}, outPath: out, digest, exportedAt: '2026-11-27T00:00:00.000Z' });
    const doc = JSON.parse(readFileSync(out, 'utf8')) as Json;
    expect(doc.format).toBe('triad-findings');
    expect(doc.version).toBe(1);
    expect(at(doc, 'snapshot.digest')).toEqual(digest);
    expect(doc.count).toBe(result.rows);
    const findings = doc.findings as Json[];
    expect(findings).toHaveLength(result.rows);
    const controls = doc.controls as Record<string, Json>;
    for (const f of findings) expect(controls[f.controlId as string]).toBeDefined();
    expect(at(controls['config-rule:S3_BUCKET_PUBLIC_READ_PROHIBITED'], 'classification.pillar')).toBe('confidentiality');
    expect(controls['config-rule:custom:tag-policy'].classification).toBeNull();
    expect(findings[0]).toMatchObject({ pillar: 'confidentiality', severity: 'critical', resourceName: HOSTILE_VALUES[0], annotation: HOSTILE_VALUES[0] });
    expect(findings[0].evidence).toEqual({ id: expect.any(Number), snapshot: 'hostile-20.triad' });
    expect(findings.at(-1)!.evidence).toBeNull();
    expect((doc.accounts as Record<string, Json>)['111111111111'].name).toBe('=evil-account');
  });
});
