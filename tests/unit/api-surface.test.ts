// The whole API surface in one snapshot: every method with how its validator treats a representative call,
// every event, and the IPC channels. Any change to the contract shows up here as a visible diff.

import { describe, expect, it } from 'vitest';
import { API, API_EVENTS, API_METHODS, type ApiMethod } from '../../src/shared/api';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from '../../src/shared/ipc';

/** One valid call per method; a method without an example fails the test, so new methods must add one. */
const VALID_EXAMPLES: Record<ApiMethod, unknown> = {
  'app.info': null,
  'app.openExternal': { url: 'https://docs.aws.amazon.com/config/' },
  'snapshot.current': null,
  'snapshot.open': { path: '/tmp/demo.triad' },
  'snapshot.openDialog': null,
  'filters.options': null,
  'overview.get': { filters: { accounts: ['111111111111'], statuses: ['NON_COMPLIANT'] } },
  'pillar.get': { pillar: 'confidentiality' },
  'overview.groups': { groupBy: 'principle', filters: { sources: ['built-in'] } },
  'control.checkMetadata': { controlId: 'built-in:iam-root-mfa' },
  'control.get': { controlId: 'config-rule:S3_BUCKET_PUBLIC_READ_PROHIBITED' },
  'control.findings': { controlId: 'config-rule:S3_BUCKET_PUBLIC_READ_PROHIBITED', offset: 0, limit: 100, sort: 'account', descending: true },
  'finding.get': { id: 1 },
  'accounts.get': {},
  'coverage.errors': { offset: 0, limit: 50 },
  'collection.profiles': null,
  'collection.start': { profile: 'audit', organization: true, role: 'TriadReadOnly', regions: ['eu-west-1'], outPath: '/tmp/org.triad' },
  'collection.cancel': null,
  'collection.pause': null,
  'collection.resume': null,
  'report.model': {
    options: {
      filters: { regions: ['eu-west-1'] },
      pillars: ['confidentiality', 'unclassified'],
      failingOnly: false,
      evidence: true,
      paper: 'a4',
      reportTime: '2026-11-27T09:30:00.000Z',
      completeLimit: 100000,
      resourceLimit: 100,
      evidenceLimit: 2000,
      exceptions: true,
      review: true,
      since: true,
      changesLimit: 200,
    },
  },
  'report.inputs': null,
  'report.integrity': null,
  'report.findings': { pages: [{ controlId: 'config-rule:S3_BUCKET_PUBLIC_READ_PROHIBITED', offset: 0, limit: 5000 }] },
  'report.evidence': { ids: [1, 2, 3] },
  'snapshot.verify': { trustedKeysPath: '/tmp/trusted-keys.json' },
  'diff.run': { basePath: '/tmp/before.triad', currentPath: '/tmp/after.triad' },
  'diff.changes': { category: 'regressed', controlId: 'config-rule:S3_BUCKET_PUBLIC_READ_PROHIBITED', offset: 0, limit: 100 },
  'diff.change': { id: 1 },
  'exceptions.apply': { path: '/tmp/exceptions.json', asOf: '2026-11-26' },
  'exceptions.save': {
    path: '/tmp/exceptions.json',
    entry: {
      id: 'EX-1',
      scope: { controlId: 'config-rule:S3_BUCKET_PUBLIC_READ_PROHIBITED', accountId: '111111111111', region: 'eu-west-1', resourcePattern: 'public-*' },
      justification: 'Public website.',
      owner: 'web-team',
      approver: 'ciso',
      created: '2026-11-26',
      expires: '2027-05-31',
    },
  },
  'library.scan': { folder: '/tmp/snapshots', verify: true },
  'export.report': {
    options: {
      filters: { accounts: ['111111111111'] },
      pillars: ['confidentiality', 'integrity', 'availability'],
      failingOnly: true,
      evidence: false,
      paper: 'letter',
      reportTime: '2026-11-27T09:30:00.000Z',
      completeLimit: 100000,
      resourceLimit: 100,
      evidenceLimit: 500,
    },
    fileName: 'Audit report 2026-11',
    openWhenDone: true,
  },
  'export.data': { format: 'csv', filters: { statuses: ['NON_COMPLIANT'] }, bom: true, fileName: 'findings.csv', openWhenDone: false },
  'review.open': { path: '/tmp/org.review.json', create: true },
  'review.note': { path: '/tmp/org.review.json', target: { kind: 'finding', findingId: 12 }, status: 'issue-raised', note: 'Owner confirmed', sampled: true },
  'review.sample': { path: '/tmp/org.review.json', controlId: 'config-rule:S3_BUCKET_PUBLIC_READ_PROHIBITED', size: 5, seed: 'fy2026' },
  'review.signOff': { path: '/tmp/org.review.json', name: 'Jane Auditor', date: '2026-11-27' },
  'signing.key': null,
  'signing.createKey': { name: 'Jane Auditor', replace: false },
  'signing.exportPublicKey': { fileName: 'jane-auditor.pub.pem' },
  'snapshot.sign': null,
  'trustedKeys.list': null,
  'trustedKeys.add': { name: 'Jane Auditor', publicKeyPem: '-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA\n-----END PUBLIC KEY-----' },
  'trustedKeys.remove': { fingerprint: '0'.repeat(64) },
};

/** The example's fields without which the call is refused. */
function requiredFields(method: ApiMethod): string[] {
  const example = VALID_EXAMPLES[method];
  if (example === null || typeof example !== 'object') return [];
  return Object.keys(example).filter((key) => {
    const { [key]: _removed, ...rest } = example as Record<string, unknown>;
    return outcome(method, rest).startsWith('refused');
  });
}

function outcome(method: ApiMethod, params: unknown): string {
  try {
    return `ok ${JSON.stringify(API[method].params(params, 'params')) ?? 'undefined'}`;
  } catch (error) {
    return `refused: ${(error as Error).message}`;
  }
}

describe('API surface', () => {
  it('is exactly this contract', () => {
    const surface = {
      channels: { invoke: IPC_INVOKE_CHANNEL, event: IPC_EVENT_CHANNEL },
      events: [...API_EVENTS].sort(),
      methods: Object.fromEntries(
        [...API_METHODS].sort().map((method) => [
          method,
          {
            valid: outcome(method, VALID_EXAMPLES[method]),
            required: requiredFields(method),
            nullParams: outcome(method, null),
            empty: outcome(method, {}),
            extraField: outcome(method, { ...((VALID_EXAMPLES[method] as object | null) ?? {}), injected: true }),
          },
        ]),
      ),
    };
    expect(Object.keys(VALID_EXAMPLES).sort()).toEqual([...API_METHODS].sort());
    expect(Object.values(surface.methods).every((m) => m.valid.startsWith('ok'))).toBe(true);
    expect(surface).toMatchInlineSnapshot(`
      {
        "channels": {
          "event": "triad:event",
          "invoke": "triad:invoke",
        },
        "events": [
          "collection.progress",
          "export.progress",
          "snapshot.changed",
        ],
        "methods": {
          "accounts.get": {
            "empty": "ok {}",
            "extraField": "refused: params has unknown field injected",
            "nullParams": "refused: params must be an object",
            "required": [],
            "valid": "ok {}",
          },
          "app.info": {
            "empty": "refused: params takes no parameters",
            "extraField": "refused: params takes no parameters",
            "nullParams": "ok undefined",
            "required": [],
            "valid": "ok undefined",
          },
          "app.openExternal": {
            "empty": "refused: params.url must be a string",
            "extraField": "refused: params has unknown field injected",
            "nullParams": "refused: params must be an object",
            "required": [
              "url",
            ],
            "valid": "ok {"url":"https://docs.aws.amazon.com/config/"}",
          },
          "collection.cancel": {
            "empty": "refused: params takes no parameters",
            "extraField": "refused: params takes no parameters",
            "nullParams": "ok undefined",
            "required": [],
            "valid": "ok undefined",
          },
          "collection.pause": {
            "empty": "refused: params takes no parameters",
            "extraField": "refused: params takes no parameters",
            "nullParams": "ok undefined",
            "required": [],
            "valid": "ok undefined",
          },
          "collection.profiles": {
            "empty": "refused: params takes no parameters",
            "extraField": "refused: params takes no parameters",
            "nullParams": "ok undefined",
            "required": [],
            "valid": "ok undefined",
          },
          "collection.resume": {
            "empty": "refused: params takes no parameters",
            "extraField": "refused: params takes no parameters",
            "nullParams": "ok undefined",
            "required": [],
            "valid": "ok undefined",
          },
          "collection.start": {
            "empty": "refused: params.outPath must be a string",
            "extraField": "refused: params has unknown field injected",
            "nullParams": "refused: params must be an object",
            "required": [
              "outPath",
            ],
            "valid": "ok {"profile":"audit","organization":true,"role":"TriadReadOnly","regions":["eu-west-1"],"outPath":"/tmp/org.triad"}",
          },
          "control.checkMetadata": {
            "empty": "refused: params.controlId must be a string",
            "extraField": "refused: params has unknown field injected",
            "nullParams": "refused: params must be an object",
            "required": [
              "controlId",
            ],
            "valid": "ok {"controlId":"built-in:iam-root-mfa"}",
          },
          "control.findings": {
            "empty": "refused: params.controlId must be a string",
            "extraField": "refused: params has unknown field injected",
            "nullParams": "refused: params must be an object",
            "required": [
              "controlId",
              "offset",
              "limit",
            ],
            "valid": "ok {"controlId":"config-rule:S3_BUCKET_PUBLIC_READ_PROHIBITED","sort":"account","descending":true,"offset":0,"limit":100}",
          },
          "control.get": {
            "empty": "refused: params.controlId must be a string",
            "extraField": "refused: params has unknown field injected",
            "nullParams": "refused: params must be an object",
            "required": [
              "controlId",
            ],
            "valid": "ok {"controlId":"config-rule:S3_BUCKET_PUBLIC_READ_PROHIBITED"}",
          },
          "coverage.errors": {
            "empty": "refused: params.offset must be an integer from 0 to 100000000",
            "extraField": "refused: params has unknown field injected",
            "nullParams": "refused: params must be an object",
            "required": [
              "offset",
              "limit",
            ],
            "valid": "ok {"offset":0,"limit":50}",
          },
          "diff.change": {
            "empty": "refused: params.id must be an integer from 1 to 9007199254740991",
            "extraField": "refused: params has unknown field injected",
            "nullParams": "refused: params must be an object",
            "required": [
              "id",
            ],
            "valid": "ok {"id":1}",
          },
          "diff.changes": {
            "empty": "refused: params.offset must be an integer from 0 to 100000000",
            "extraField": "refused: params has unknown field injected",
            "nullParams": "refused: params must be an object",
            "required": [
              "offset",
              "limit",
            ],
            "valid": "ok {"category":"regressed","controlId":"config-rule:S3_BUCKET_PUBLIC_READ_PROHIBITED","offset":0,"limit":100}",
          },
          "diff.run": {
            "empty": "refused: params.basePath must be a string",
            "extraField": "refused: params has unknown field injected",
            "nullParams": "refused: params must be an object",
            "required": [
              "basePath",
              "currentPath",
            ],
            "valid": "ok {"basePath":"/tmp/before.triad","currentPath":"/tmp/after.triad"}",
          },
          "exceptions.apply": {
            "empty": "refused: params.path must be a string",
            "extraField": "refused: params has unknown field injected",
            "nullParams": "refused: params must be an object",
            "required": [
              "path",
            ],
            "valid": "ok {"path":"/tmp/exceptions.json","asOf":"2026-11-26"}",
          },
          "exceptions.save": {
            "empty": "refused: params.path must be a string",
            "extraField": "refused: params has unknown field injected",
            "nullParams": "refused: params must be an object",
            "required": [
              "path",
              "entry",
            ],
            "valid": "ok {"path":"/tmp/exceptions.json","entry":{"id":"EX-1","scope":{"controlId":"config-rule:S3_BUCKET_PUBLIC_READ_PROHIBITED","accountId":"111111111111","region":"eu-west-1","resourcePattern":"public-*"},"justification":"Public website.","owner":"web-team","approver":"ciso","created":"2026-11-26","expires":"2027-05-31"}}",
          },
          "export.data": {
            "empty": "refused: params.format must be one of: csv, json, ocsf",
            "extraField": "refused: params has unknown field injected",
            "nullParams": "refused: params must be an object",
            "required": [
              "format",
              "bom",
              "fileName",
              "openWhenDone",
            ],
            "valid": "ok {"format":"csv","filters":{"statuses":["NON_COMPLIANT"]},"bom":true,"fileName":"findings.csv","openWhenDone":false}",
          },
          "export.report": {
            "empty": "refused: params.options must be an object",
            "extraField": "refused: params has unknown field injected",
            "nullParams": "refused: params must be an object",
            "required": [
              "options",
              "fileName",
              "openWhenDone",
            ],
            "valid": "ok {"options":{"filters":{"accounts":["111111111111"]},"pillars":["confidentiality","integrity","availability"],"failingOnly":true,"evidence":false,"paper":"letter","reportTime":"2026-11-27T09:30:00.000Z","completeLimit":100000,"resourceLimit":100,"evidenceLimit":500},"fileName":"Audit report 2026-11","openWhenDone":true}",
          },
          "filters.options": {
            "empty": "refused: params takes no parameters",
            "extraField": "refused: params takes no parameters",
            "nullParams": "ok undefined",
            "required": [],
            "valid": "ok undefined",
          },
          "finding.get": {
            "empty": "refused: params.id must be an integer from 1 to 9007199254740991",
            "extraField": "refused: params has unknown field injected",
            "nullParams": "refused: params must be an object",
            "required": [
              "id",
            ],
            "valid": "ok {"id":1}",
          },
          "library.scan": {
            "empty": "refused: params.folder must be a string",
            "extraField": "refused: params has unknown field injected",
            "nullParams": "refused: params must be an object",
            "required": [
              "folder",
            ],
            "valid": "ok {"folder":"/tmp/snapshots","verify":true}",
          },
          "overview.get": {
            "empty": "ok {}",
            "extraField": "refused: params has unknown field injected",
            "nullParams": "refused: params must be an object",
            "required": [],
            "valid": "ok {"filters":{"accounts":["111111111111"],"statuses":["NON_COMPLIANT"]}}",
          },
          "overview.groups": {
            "empty": "refused: params.groupBy must be one of: pillar, principle, layer, source",
            "extraField": "refused: params has unknown field injected",
            "nullParams": "refused: params must be an object",
            "required": [
              "groupBy",
            ],
            "valid": "ok {"groupBy":"principle","filters":{"sources":["built-in"]}}",
          },
          "pillar.get": {
            "empty": "refused: params.pillar must be one of: confidentiality, integrity, availability, unclassified",
            "extraField": "refused: params has unknown field injected",
            "nullParams": "refused: params must be an object",
            "required": [
              "pillar",
            ],
            "valid": "ok {"pillar":"confidentiality"}",
          },
          "report.evidence": {
            "empty": "refused: params.ids must be a list",
            "extraField": "refused: params has unknown field injected",
            "nullParams": "refused: params must be an object",
            "required": [
              "ids",
            ],
            "valid": "ok {"ids":[1,2,3]}",
          },
          "report.findings": {
            "empty": "refused: params.pages must be a list",
            "extraField": "refused: params has unknown field injected",
            "nullParams": "refused: params must be an object",
            "required": [
              "pages",
            ],
            "valid": "ok {"pages":[{"controlId":"config-rule:S3_BUCKET_PUBLIC_READ_PROHIBITED","offset":0,"limit":5000}]}",
          },
          "report.inputs": {
            "empty": "refused: params takes no parameters",
            "extraField": "refused: params takes no parameters",
            "nullParams": "ok undefined",
            "required": [],
            "valid": "ok undefined",
          },
          "report.integrity": {
            "empty": "refused: params takes no parameters",
            "extraField": "refused: params takes no parameters",
            "nullParams": "ok undefined",
            "required": [],
            "valid": "ok undefined",
          },
          "report.model": {
            "empty": "refused: params.options must be an object",
            "extraField": "refused: params has unknown field injected",
            "nullParams": "refused: params must be an object",
            "required": [
              "options",
            ],
            "valid": "ok {"options":{"filters":{"regions":["eu-west-1"]},"pillars":["confidentiality","unclassified"],"failingOnly":false,"evidence":true,"paper":"a4","reportTime":"2026-11-27T09:30:00.000Z","completeLimit":100000,"resourceLimit":100,"evidenceLimit":2000,"exceptions":true,"review":true,"since":true,"changesLimit":200}}",
          },
          "review.note": {
            "empty": "refused: params.path must be a string",
            "extraField": "refused: params has unknown field injected",
            "nullParams": "refused: params must be an object",
            "required": [
              "path",
              "target",
            ],
            "valid": "ok {"path":"/tmp/org.review.json","target":{"kind":"finding","findingId":12},"status":"issue-raised","note":"Owner confirmed","sampled":true}",
          },
          "review.open": {
            "empty": "refused: params.path must be a string",
            "extraField": "refused: params has unknown field injected",
            "nullParams": "refused: params must be an object",
            "required": [
              "path",
              "create",
            ],
            "valid": "ok {"path":"/tmp/org.review.json","create":true}",
          },
          "review.sample": {
            "empty": "refused: params.path must be a string",
            "extraField": "refused: params has unknown field injected",
            "nullParams": "refused: params must be an object",
            "required": [
              "path",
              "controlId",
              "size",
            ],
            "valid": "ok {"path":"/tmp/org.review.json","controlId":"config-rule:S3_BUCKET_PUBLIC_READ_PROHIBITED","size":5,"seed":"fy2026"}",
          },
          "review.signOff": {
            "empty": "refused: params.path must be a string",
            "extraField": "refused: params has unknown field injected",
            "nullParams": "refused: params must be an object",
            "required": [
              "path",
              "name",
              "date",
            ],
            "valid": "ok {"path":"/tmp/org.review.json","name":"Jane Auditor","date":"2026-11-27"}",
          },
          "signing.createKey": {
            "empty": "refused: params.name must be a string",
            "extraField": "refused: params has unknown field injected",
            "nullParams": "refused: params must be an object",
            "required": [
              "name",
              "replace",
            ],
            "valid": "ok {"name":"Jane Auditor","replace":false}",
          },
          "signing.exportPublicKey": {
            "empty": "refused: params.fileName must be a string",
            "extraField": "refused: params has unknown field injected",
            "nullParams": "refused: params must be an object",
            "required": [
              "fileName",
            ],
            "valid": "ok {"fileName":"jane-auditor.pub.pem"}",
          },
          "signing.key": {
            "empty": "refused: params takes no parameters",
            "extraField": "refused: params takes no parameters",
            "nullParams": "ok undefined",
            "required": [],
            "valid": "ok undefined",
          },
          "snapshot.current": {
            "empty": "refused: params takes no parameters",
            "extraField": "refused: params takes no parameters",
            "nullParams": "ok undefined",
            "required": [],
            "valid": "ok undefined",
          },
          "snapshot.open": {
            "empty": "refused: params.path must be a string",
            "extraField": "refused: params has unknown field injected",
            "nullParams": "refused: params must be an object",
            "required": [
              "path",
            ],
            "valid": "ok {"path":"/tmp/demo.triad"}",
          },
          "snapshot.openDialog": {
            "empty": "refused: params takes no parameters",
            "extraField": "refused: params takes no parameters",
            "nullParams": "ok undefined",
            "required": [],
            "valid": "ok undefined",
          },
          "snapshot.sign": {
            "empty": "refused: params takes no parameters",
            "extraField": "refused: params takes no parameters",
            "nullParams": "ok undefined",
            "required": [],
            "valid": "ok undefined",
          },
          "snapshot.verify": {
            "empty": "ok {}",
            "extraField": "refused: params has unknown field injected",
            "nullParams": "refused: params must be an object",
            "required": [],
            "valid": "ok {"trustedKeysPath":"/tmp/trusted-keys.json"}",
          },
          "trustedKeys.add": {
            "empty": "refused: params.name must be a string",
            "extraField": "refused: params has unknown field injected",
            "nullParams": "refused: params must be an object",
            "required": [
              "name",
              "publicKeyPem",
            ],
            "valid": "ok {"name":"Jane Auditor","publicKeyPem":"-----BEGIN PUBLIC KEY-----\\nMCowBQYDK2VwAyEA\\n-----END PUBLIC KEY-----"}",
          },
          "trustedKeys.list": {
            "empty": "refused: params takes no parameters",
            "extraField": "refused: params takes no parameters",
            "nullParams": "ok undefined",
            "required": [],
            "valid": "ok undefined",
          },
          "trustedKeys.remove": {
            "empty": "refused: params.fingerprint must be a string",
            "extraField": "refused: params has unknown field injected",
            "nullParams": "refused: params must be an object",
            "required": [
              "fingerprint",
            ],
            "valid": "ok {"fingerprint":"0000000000000000000000000000000000000000000000000000000000000000"}",
          },
        },
      }
    `);
  });
});
