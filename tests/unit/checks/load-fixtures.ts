// Loads every src/main/checks/<id>.fixtures.ts, keyed by check id, so a new check's fixtures are picked up
// without a list to maintain (and a missing fixture file is noticed by the coverage test).

import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { CheckFixture } from '../../../src/main/checks/types';

const checksDir = fileURLToPath(new URL('../../../src/main/checks/', import.meta.url));

export async function loadFixtures(): Promise<Map<string, CheckFixture[]>> {
  const files = readdirSync(checksDir).filter((file) => file.endsWith('.fixtures.ts'));
  const entries = await Promise.all(
    files.map(async (file) => {
      const module = (await import(pathToFileURL(join(checksDir, file)).href)) as { fixtures: CheckFixture[] };
      return [file.replace('.fixtures.ts', ''), module.fixtures] as const;
    }),
  );
  return new Map(entries);
}
