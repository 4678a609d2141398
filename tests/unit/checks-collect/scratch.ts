import { collect } from '../../../src/main/collect';
import { createSnapshotWriter, openSnapshot, workPathFor } from '../../../src/main/snapshot';
import { startEmulator } from '../../emulator/server';
import { representativeScenario, AUDITOR_ACCESS_KEY_ID, AUDITOR_SECRET, MANAGEMENT } from '../../emulator/scenarios/representative';
import { AwsRuntime } from '../../../src/main/collect/runtime';
import { RateLimiter } from '../../../src/main/collect/rate-limit';
import { runCheckPhase } from '../../../src/main/collect/check-inputs/check-phase';
import { loadCatalog } from '../../../src/main/catalog';

const emulator = await startEmulator({ scenario: representativeScenario() });
const path = '/tmp/h5/scratch-' + Date.now() + '.triad';
const real = createSnapshotWriter(path);
let partial = false;
const writer = { ...real, finish: (o: { partial: boolean }) => { partial = o.partial; } };
const creds = { accessKeyId: AUDITOR_ACCESS_KEY_ID, secretAccessKey: AUDITOR_SECRET };
const r = await collect({ self: true, regions: ['us-east-1'], homeRegion: 'us-east-1', outPath: path, endpoint: emulator.url, ratePerSecond: 200 }, { writer, credentials: creds });
console.log('collect', r.written, r.findings);
const runtime = new AwsRuntime({ endpoint: emulator.url, rateLimiter: new RateLimiter({ ratePerSecond: 100, burst: 100 }) });
const send = ((t: any, C: any, c: any) => runtime.send(t, C, c)) as any;
const res = await runCheckPhase({ send, writer: real, catalog: loadCatalog(), workPath: workPathFor(path), endpoint: emulator.url, onError: (e) => console.log('ERR', e.operation, e.code, e.message), reportPollMs: 10 },
  [{ accountId: MANAGEMENT, target: { accountId: MANAGEMENT, region: 'us-east-1', credentials: creds } }], new Set());
console.log(res);
real.setMeta({ trustedAdvisor: res.trustedAdvisor });
real.finish({ partial });
runtime.destroy();
const reader = openSnapshot(path);
for (const id of ['built-in:iam-root-mfa', 'built-in:iam-password-policy', 'built-in:iam-policy-full-admin', 'built-in:s3-bucket-public-access', 'trusted-advisor:HCP4007jGY', 'trusted-advisor:7DAFEmoDos', 'built-in:guardduty-enabled', 'built-in:ec2-security-group-open-ports']) {
  const page = reader.findings({ controlId: id, offset: 0, limit: 20 });
  console.log(id, page?.rows.map((f) => `${f.status} ${f.resourceId} ${f.annotation?.slice(0, 120)} ev=${f.evidenceId}`));
}
const all = reader.overview();
console.log(all.pillars.map(p=>[p.pillar,p.controls]));
const f = reader.findings({ controlId: 'built-in:iam-root-mfa', offset: 0, limit: 1 })!.rows[0];
console.log(JSON.stringify(reader.finding(f.id)?.evidence));
await emulator.stop();
