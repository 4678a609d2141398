// Worker-thread entry (see digest-thread.ts): computes the content digest of the snapshot named in workerData on
// its own read-only connection, and posts back { digest } or { error } (an error's message, as SQLite's error
// class does not survive the trip between threads).

import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../snapshot/sqlite';
import { lowerThisThreadPriority } from '../worker-thread';
import { computeContentDigest } from './content-digest';

const { path } = workerData as { path: string };
lowerThisThreadPriority();
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
