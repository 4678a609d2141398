// The digest that ties a report to its snapshot: the content digest recorded in the snapshot when it has one,
// otherwise the SHA-256 of the snapshot file's bytes (streamed, and remembered per file version so the CLI and
// the print route it serves compute it once). Hashing runs in a worker thread, so a gigabyte snapshot is hashed
// while the main thread does other work (e.g. writes the CSV of failing findings).

import { statSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { SnapshotMeta } from '../../shared/domain';
import type { ReportDigest } from '../../shared/report';

const cache = new Map<string, Promise<string>>();

/** The worker's code (CommonJS, evaluated as is, so it needs no build step under tsx or electron-vite). */
const HASH_WORKER = `
const { createHash } = require('node:crypto');
const { createReadStream } = require('node:fs');
const { parentPort, workerData } = require('node:worker_threads');
const hash = createHash('sha256');
createReadStream(workerData, { highWaterMark: 4 * 1024 * 1024 })
  .on('data', (chunk) => hash.update(chunk))
  .on('end', () => parentPort.postMessage(hash.digest('hex')))
  .on('error', (error) => { throw error; });
`;

export function fileSha256(path: string): Promise<string> {
  const stat = statSync(path);
  const key = `${path}\u0000${stat.size}\u0000${stat.mtimeMs}`;
  let pending = cache.get(key);
  if (!pending) {
    pending = new Promise<string>((resolve, reject) => {
      const worker = new Worker(HASH_WORKER, { eval: true, workerData: path });
      worker.once('message', (hex: string) => resolve(hex));
      worker.once('error', reject);
      worker.once('exit', (code) => {
        if (code !== 0) reject(new Error(`cannot read ${path} to compute its SHA-256 (worker exit ${code})`));
      });
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
