// Reads every snapshot in a folder (not its subfolders) for the library view: scope, time, counts, scores,
// digest and, when asked, the verification state. A file that cannot be read is listed with its reason,
// never dropped silently.

import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PILLARS, type PillarKey } from '../../shared/domain';
import { scopeKeyOf, scopeLabelOf, type Library, type LibraryEntry, type LibraryScope } from '../../shared/library';
import { verifySnapshotFileAsync } from '../integrity';
import { SnapshotError, openSnapshot } from '../snapshot';

export class LibraryError extends Error {
  override name = 'LibraryError';
}

export async function scanLibrary(folderPath: string, options: { verify?: boolean } = {}): Promise<Library> {
  const folder = resolve(folderPath);
  let names: string[];
  try {
    if (!statSync(folder).isDirectory()) throw new LibraryError(`${folder} is a file, not a folder of snapshots`);
    names = readdirSync(folder).filter((n) => n.toLowerCase().endsWith('.triad')).sort();
  } catch (error) {
    if (error instanceof LibraryError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new LibraryError(`${folder}: ${code === 'ENOENT' ? 'folder not found' : `cannot be read (${code ?? String(error)})`}`);
  }
  const entries: LibraryEntry[] = [];
  const unreadable: Library['unreadable'] = [];
  for (const fileName of names) {
    const path = join(folder, fileName);
    try {
      entries.push(await entryOf(path, options.verify === true));
    } catch (error) {
      if (!(error instanceof SnapshotError)) throw error;
      unreadable.push({ fileName, problem: error.problem });
    }
  }
  entries.sort((a, b) => a.scopeKey.localeCompare(b.scopeKey) || a.createdAt.localeCompare(b.createdAt) || a.fileName.localeCompare(b.fileName));
  const scopes = new Map<string, LibraryScope>();
  for (const e of entries) {
    let scope = scopes.get(e.scopeKey);
    if (!scope) scopes.set(e.scopeKey, (scope = { key: e.scopeKey, label: scopeLabelOf(e.scope), paths: [] }));
    scope.paths.push(e.path);
  }
  return { folder, entries, scopes: [...scopes.values()], unreadable };
}

async function entryOf(path: string, verify: boolean): Promise<LibraryEntry> {
  const reader = openSnapshot(path);
  let entry: LibraryEntry;
  try {
    const overview = reader.overview();
    const info = overview.snapshot;
    const keys: PillarKey[] = [...PILLARS, 'unclassified'];
    entry = {
      path: info.path,
      fileName: info.fileName,
      title: info.meta.title,
      createdAt: info.meta.createdAt,
      scope: info.meta.scope,
      scopeKey: scopeKeyOf(info.meta.scope),
      findings: info.counts.findings,
      failing: overview.total.counts.NON_COMPLIANT,
      percent: overview.total.percent,
      pillars: keys.map((pillar) => {
        const p = overview.pillars.find((x) => x.pillar === pillar);
        return { pillar, percent: p?.score.percent ?? null, failing: p?.score.counts.NON_COMPLIANT ?? 0 };
      }),
      digest: info.meta.digest,
      integrity: null,
      isDemo: info.meta.isDemo,
      partial: info.meta.partial,
    };
  } finally {
    reader.close();
  }
  if (verify) entry.integrity = (await verifySnapshotFileAsync(path)).state;
  return entry;
}
