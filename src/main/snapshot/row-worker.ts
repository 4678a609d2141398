// Worker-thread entry (see row-thread.ts): runs a collection's rows on its own connection to the work file, in the
// order they were put, and answers each settle through the shared state once everything before it is committed.
// After a failure it keeps answering settles but writes nothing more: the collection's thread reports the error,
// and every pair not committed stays not done, for `resume`.

import { parentPort, workerData } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import { localRowSink, openWorkConnection, type RowSink } from './rows';
import { COMMITS, MESSAGES_RUN, SETTLED, STATE, WORKER_ENDED, WORKER_FAILED, type RowMessage, type RowWorkerData } from './row-thread';

const { path, state: buffer, replies } = workerData as RowWorkerData;
const state = new Int32Array(buffer);

const wakeWaiters = (): void => {
  Atomics.notify(state, SETTLED);
  Atomics.notify(state, COMMITS);
};
const fail = (error: unknown): void => {
  replies.postMessage({ error: error instanceof Error ? error.message : String(error) });
  Atomics.store(state, STATE, WORKER_FAILED);
  wakeWaiters();
};
let closing = false;
// However the thread ends unasked (an error nothing caught), a settle waiting on it stops waiting.
process.on('exit', () => {
  if (!closing && Atomics.load(state, STATE) !== WORKER_FAILED) Atomics.store(state, STATE, WORKER_ENDED);
  wakeWaiters();
});

let db: Database.Database | undefined;
let sink: RowSink | undefined;
try {
  db = openWorkConnection(path);
  // Rows only append here (ids given in order, no index kept up), so a pair's pages are all a commit needs: a
  // smaller cache than a writer that also reads keeps the collection under its memory budget.
  db.pragma('cache_size = -16384');
  sink = localRowSink(db);
} catch (error) {
  fail(error);
}

parentPort!.on('message', (message: RowMessage) => {
  if ('rows' in message) {
    if (sink && Atomics.load(state, STATE) !== WORKER_FAILED) {
      try {
        for (const [statement, values] of message.rows) sink.put(statement, values);
        if (message.commit) {
          sink.commit();
          Atomics.add(state, COMMITS, 1);
          Atomics.notify(state, COMMITS);
        }
      } catch (error) {
        try {
          if (db?.inTransaction) db.exec('ROLLBACK');
        } catch {
          // The write's own error is the one to report; the uncommitted rows go with the connection.
        }
        fail(error);
      }
    }
    Atomics.add(state, MESSAGES_RUN, 1);
    return;
  }
  if (message.close) closing = true;
  if (Atomics.load(state, STATE) !== WORKER_FAILED) {
    try {
      sink?.settle();
      if (message.close) db?.close();
    } catch (error) {
      fail(error);
    }
  }
  Atomics.store(state, SETTLED, message.settle);
  Atomics.notify(state, SETTLED);
  if (message.close) {
    if (db?.open) db.close();
    parentPort!.close();
  }
});
