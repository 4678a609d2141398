// Worker-thread entry (see buildIndexesOnWorker in writer.ts): builds a work file's read indexes on its own
// connection while the collector goes on with the built-in checks, and posts back {} or { error } (an error's
// message, as SQLite's error class does not survive the trip between threads).

import { parentPort, workerData } from 'node:worker_threads';
import { lowerThisThreadPriority } from '../worker-thread';
import { buildReadIndexes } from './schema';
import { openDatabase } from './sqlite';

const { path } = workerData as { path: string };
// The checks the collector runs meanwhile are what the user waits on; the build takes the CPU they leave.
lowerThisThreadPriority();
try {
  const db = openDatabase(path, { fileMustExist: true });
  try {
    buildReadIndexes(db);
  } finally {
    db.close();
  }
  parentPort!.postMessage({});
} catch (error) {
  parentPort!.postMessage({ error: (error as Error).message });
}
