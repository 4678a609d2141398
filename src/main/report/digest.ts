// The digest that ties a report to its snapshot: the content digest recorded in the snapshot when it has one,
// otherwise the SHA-256 of the snapshot file's bytes (streamed, and remembered per file version so the CLI and
// the print route it serves compute it once).

import { createHash } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import type { SnapshotMeta } from '../../shared/domain';
import type { ReportDigest } from '../../shared/report';

const cache = new Map<string, Promise<string>>();

export function fileSha256(path: string): Promise<string> {
  const stat = statSync(path);
  const key = `${path}\u0000${stat.size}\u0000${stat.mtimeMs}`;
  let pending = cache.get(key);
  if (!pending) {
    pending = new Promise<string>((resolve, reject) => {
      const hash = createHash('sha256');
      createReadStream(path, { highWaterMark: 4 * 1024 * 1024 })
        .on('data', (chunk) => hash.update(chunk))
        .on('end', () => resolve(hash.digest('hex')))
        .on('error', reject);
    });
    pending.catch(() => cache.delete(key));
    cache.set(key, pending);
  }
  return pending;
}

export async function snapshotDigest(path: string, meta: SnapshotMeta): Promise<ReportDigest> {
  if (meta.digest) return { algorithm: 'SHA-256', value: meta.digest, basis: 'content' };
  return { algorithm: 'SHA-256', value: await fileSha256(path), basis: 'file' };
}

/** The digest as the page footer shows it: first and last 8 hex digits. */
export function shortDigest(value: string): string {
  return value.length > 20 ? `${value.slice(0, 8)}…${value.slice(-8)}` : value;
}
