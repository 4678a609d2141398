// Files for the issue 7 end-to-end specs, made when a spec loads (the host fixture opens its snapshot when the
// worker starts): the fixture snapshot, a tampered copy, a diff pair and an exceptions file.

import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { S3_PUBLIC, buildFixtureSnapshot } from '../unit/snapshot/fixture';
import { writePair } from '../unit/diff/pair';

export function issue7Files() {
  const dir = mkdtempSync(join(tmpdir(), 'triad-e2e-issue7-'));
  const original = join(dir, 'org.triad');
  buildFixtureSnapshot(original);
  const tampered = join(dir, 'tampered.triad');
  copyFileSync(original, tampered);
  const db = new Database(tampered);
  db.exec(`UPDATE findings SET status = 'COMPLIANT' WHERE annotation = 'Bucket allows public read.'`);
  db.close();
  const pair = writePair(dir);
  const exceptionsFile = join(dir, 'exceptions.json');
  writeFileSync(
    exceptionsFile,
    JSON.stringify({
      format: 'triad-exceptions',
      version: 1,
      exceptions: [
        { id: 'EX-LIVE', scope: { controlId: S3_PUBLIC, resourcePattern: 'prod-public-*' }, justification: 'Public website.', owner: 'web', approver: 'ciso', created: '2026-01-01', expires: '2999-12-31' },
        { id: 'EX-OLD', scope: { controlId: S3_PUBLIC, resourcePattern: 'dev-*' }, justification: 'Sandbox.', owner: 'dev', approver: 'ciso', created: '2025-01-01', expires: '2025-06-30' },
      ],
    }),
  );
  return { dir, original, tampered, pair, exceptionsFile };
}
