import { spawnSync } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../../src/main/paths';
import { tempFolder } from '../snapshot/fixture';
import { alteredCopy, sealedFixture } from './helpers';

let dir: string;
let cleanup: () => void;
let original: string;
beforeAll(() => {
  ({ dir, cleanup } = tempFolder('triad-integrity-cli-'));
  original = sealedFixture(dir);
});
afterAll(() => cleanup());

/** Runs the CLI exactly as `npm run triad -- ...` does (tsx), in a child process. */
function triad(...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(projectRoot(), 'src/main/cli/index.ts'), ...args], {
    cwd: projectRoot(),
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('triad keygen, sign and verify', () => {
  it('an auditor signs a snapshot and a recipient verifies it against their trusted keys', () => {
    const key = join(dir, 'jane.pem');
    const keygen = triad('keygen', '--out', key, '--name', 'Jane Auditor');
    expect(keygen.stderr).toBe('');
    expect(keygen.status).toBe(0);
    const fingerprint = /Fingerprint {2}([0-9a-f]{64})/.exec(keygen.stdout)![1];
    expect(statSync(key).mode & 0o777).toBe(0o600);
    expect(readFileSync(key, 'utf8')).toMatch(/^Triad-Signer: Jane Auditor\n-----BEGIN PRIVATE KEY-----/);
    const publicPem = readFileSync(join(dir, 'jane.pub.pem'), 'utf8');
    expect(publicPem).toContain('-----BEGIN PUBLIC KEY-----');
    expect(triad('keygen', '--out', key, '--name', 'Again').stderr).toMatch(/jane\.pub\.pem already exists; choose another file name/);

    const signed = join(dir, 'signed.triad');
    const sign = triad('sign', original, '--key', key, '--out', signed);
    expect(sign.stderr).toBe('');
    expect(sign.status).toBe(0);
    expect(sign.stdout).toContain(`Key       ${fingerprint}`);

    const trusted = join(dir, 'trusted.json');
    writeFileSync(trusted, JSON.stringify([{ name: 'Jane Auditor', publicKeyPem: publicPem }]));
    const ok = triad('verify', signed, '--trusted-keys', trusted);
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/^Status {4}VERIFIED$/m);
    expect(ok.stdout).toMatch(/^Digest {4}[0-9a-f]{64} \(SHA-256, triad-content-1, recomputed\)$/m);
    expect(ok.stdout).toContain(`Signature valid: Jane Auditor, key ${fingerprint}`);

    const json = JSON.parse(triad('verify', signed, '--json').stdout) as { state: string };
    expect(json.state).toBe('signed');
  });

  it('exits non-zero with a clear message for a tampered, unsigned-but-required, or untrusted snapshot', () => {
    const edited = alteredCopy(original, `UPDATE findings SET annotation = 'ok' WHERE id = 2`, 'edited.triad');
    const tampered = triad('verify', edited);
    expect(tampered.status).toBe(2);
    expect(tampered.stdout).toMatch(/^Status {4}TAMPERED$/m);
    expect(tampered.stdout).toMatch(/^Recorded {2}[0-9a-f]{64} \(DIFFERS\)$/m);
    expect(tampered.stderr).toMatch(/^triad: verify: .*edited\.triad: TAMPERED: the content differs/);

    expect(triad('verify', original).status).toBe(0);
    expect(triad('summary', original).stdout).toMatch(/^Digest [0-9a-f]{64} \(SHA-256 content digest; check it with triad verify\)$/m);
    const trusted = join(dir, 'nobody.json');
    writeFileSync(trusted, '[]');
    const unsigned = triad('verify', original, '--trusted-keys', trusted);
    expect(unsigned.status).toBe(4);
    expect(unsigned.stderr).toContain('the snapshot is unsigned, so no trusted signer vouches for it');

    const badKeys = join(dir, 'bad.json');
    writeFileSync(badKeys, '[{"name": "X"}]');
    const bad = triad('verify', original, '--trusted-keys', badKeys);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toBe(`triad: verify: trusted keys ${badKeys}: entry 1 ("X") must have exactly one of "publicKeyPem" or "fingerprint"\n`);
  });

  it('signing without a key, or with a file that is not one, says what to do', () => {
    expect(triad('sign', original).stderr).toMatch(/sign: --key is required \(make a key with: npm run triad -- keygen/);
    const notKey = join(dir, 'not-a-key.pem');
    writeFileSync(notKey, 'hello');
    expect(triad('sign', original, '--key', notKey).stderr).toContain(`${notKey} is not a private key in PEM form`);
  });
});
