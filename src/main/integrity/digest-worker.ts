// Worker-thread entry (see digest-thread.ts): computes the content digest of the snapshot named in workerData on
// its own read-only connection, and posts back { digest } or { error } (an error's message, as SQLite's error
// class does not survive the trip between threads).

import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { DIGEST_NICE } from './digest-thread';
import { openDatabase } from '../snapshot/sqlite';
import { computeContentDigest } from './content-digest';

const { path } = workerData as { path: string };
// Started from the built bundle, the worker lowers its own priority here (from source, its bootstrap already did).
if (process.platform === 'linux') {
  try {
    setPriority(0, DIGEST_NICE);
  } catch {
    // Not allowed here: the digest runs at normal priority.
  }
}
try {
  const db = openDatabase(path, { readonly: true, fileMustExist: true });
  try {
    parentPort!.postMessage({ digest: computeContentDigest(db) });
  } finally {
    db.close();
  }
} catch (error) {
  parentPort!.postMessage({ error: (error as Error).message });
}
