#!/usr/bin/env node
// `npm test`: builds the app, runs the Vitest unit suites, then the Playwright end-to-end suites, and closes
// with one line of totals ("Total: N passed, N failed, N skipped") that CI reads. Exits non-zero on any failure.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), 'triad-test-'));
const bin = (name) => join(root, 'node_modules/.bin', name);
// The SDK's "Node 22 from 2027" notice is for users; in test output it buries the failures.
const testEnv = { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };
const run = (cmd, args, env = {}) => spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...testEnv, ...env } }).status ?? 1;

const totals = { passed: 0, failed: 0, skipped: 0 };
let broken = false;

if (run(bin('electron-vite'), ['build']) !== 0) {
  console.error('test: the build failed, so the tests cannot run');
  broken = true;
}

const vitestJson = join(work, 'vitest.json');
const vitestStatus = run(bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`]);
if (existsSync(vitestJson)) {
  const r = JSON.parse(readFileSync(vitestJson, 'utf8'));
  totals.passed += r.numPassedTests;
  totals.failed += r.numFailedTests;
  totals.skipped += r.numPendingTests + r.numTodoTests;
  if (vitestStatus !== 0 && r.numFailedTests === 0) broken = true; // e.g. a suite failed to load
} else broken = true;

const playwrightJson = join(work, 'playwright.json');
const playwrightStatus = run(bin('playwright'), ['test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightJson });
if (existsSync(playwrightJson)) {
  const s = JSON.parse(readFileSync(playwrightJson, 'utf8')).stats;
  totals.passed += s.expected + s.flaky;
  totals.failed += s.unexpected;
  totals.skipped += s.skipped;
  if (playwrightStatus !== 0 && s.unexpected === 0) broken = true;
} else broken = true;

if (broken) console.error('test: a suite could not run to completion (see above)');
console.log(`Total: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed > 0 || broken ? 1 : 0);
