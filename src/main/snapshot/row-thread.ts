// A row sink whose SQLite work runs on a writer thread (row-worker.ts), so a collection's thread, busy with the AWS
// SDK, only hands over plain rows. The worker runs them in the order they were put, in the same transactions a
// local sink would use, so a pair's rows are committed together with its pairs_done mark, as before: a crash
// before that commit leaves the pair not done, and `resume` collects it again without duplicates.
//
// The writer's contract is synchronous (donePairs(), buildIndexesOnWorker(), finish() and close() read, lock or end
// the file), so settle() blocks this thread with Atomics.wait until the worker has committed everything put so far.
// Node allows that on its main thread; a collection needs it only when it starts, before its read indexes are built,
// and when it ends. Between those, committed() waits without blocking for the pairs marked done to be durable.

import { MessageChannel, receiveMessageOnPort, type MessagePort, type Worker } from 'node:worker_threads';
import { entryBeside, startEntryWorker } from '../worker-thread';
import { SnapshotError } from './errors';
import type { RowSink, RowStatement, SqlValue } from './rows';

/** Rows handed over in one message while a pair is still open (bounds the worker's backlog in memory). */
const ROWS_PER_MESSAGE = 10_000;
/** How long settle() waits on a worker that makes no progress (a worker that dies says so at once) before it gives up. */
const SETTLE_TIMEOUT_MS = 120_000;

/** Slots of the shared state: settles answered, whether the worker has failed or ended, messages run, commits made. */
export const SETTLED = 0;
export const STATE = 1;
export const MESSAGES_RUN = 2;
export const COMMITS = 3;
export const WORKER_RUNNING = 0;
export const WORKER_FAILED = 1;
export const WORKER_ENDED = 2;

export type RowMessage = { rows: [RowStatement, SqlValue[]][]; commit: boolean } | { settle: number; close?: boolean };
export interface RowWorkerData {
  path: string;
  state: SharedArrayBuffer;
  replies: MessagePort;
}

/**
 * Whether this thread may block in Atomics.wait, which settle() needs. Node's main thread may; a host that forbids
 * it (Chromium does on a browser's main thread) throws a TypeError, and then the writer writes on this thread.
 */
export function canBlockOnThisThread(): boolean {
  try {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT)), 0, 1, 0);
    return true;
  } catch {
    return false;
  }
}

export function threadRowSink(workPath: string): RowSink {
  const state = new Int32Array(new SharedArrayBuffer(4 * Int32Array.BYTES_PER_ELEMENT));
  const { port1: replies, port2: workerReplies } = new MessageChannel();
  const worker: Worker = startEntryWorker(entryBeside(import.meta.url, 'row-worker'), { path: workPath, state: state.buffer, replies: workerReplies } satisfies RowWorkerData, {
    transferList: [workerReplies],
  });
  // At normal priority, unlike the index and digest workers: every pair waits for its commit to be reported done.
  // A collection ends by settling (finish or close); a writer dropped without either must not keep the process alive.
  worker.unref();
  let pending: [RowStatement, SqlValue[]][] = [];
  let settles = 0;
  let commitsSent = 0;
  let waiters = 0;
  let closed = false;

  const problem = (text: string) => new SnapshotError(workPath, text);
  let failed: SnapshotError | undefined;
  const failure = (): SnapshotError | undefined => {
    if (failed) return failed;
    const status = Atomics.load(state, STATE);
    if (status === WORKER_RUNNING) return undefined;
    // The worker posts its reason before it says it failed, so the reason is there to read.
    let cause = status === WORKER_FAILED ? 'for a reason it did not give' : 'it ended before the rows were written';
    for (let reply = receiveMessageOnPort(replies); reply; reply = receiveMessageOnPort(replies)) {
      const error = (reply.message as { error?: unknown }).error;
      if (typeof error === 'string') cause = error;
    }
    return (failed = problem(`the writer thread could not write the collection's rows: ${cause}`));
  };
  /** Whether a caller has been told of the failure: close() then ends quietly instead of saying it again. */
  let failureTold = false;
  const throwIfFailed = (): void => {
    const error = failure();
    if (!error) return;
    failureTold = true;
    throw error;
  };
  const send = (commit: boolean): void => {
    if (!pending.length && !commit) return;
    worker.postMessage({ rows: pending, commit } satisfies RowMessage);
    pending = [];
  };
  const settle = (close: boolean): void => {
    throwIfFailed();
    send(false);
    const answer = ++settles;
    worker.postMessage({ settle: answer, close } satisfies RowMessage);
    let deadline = Date.now() + SETTLE_TIMEOUT_MS;
    let progress = Atomics.load(state, MESSAGES_RUN);
    while (Atomics.load(state, SETTLED) < answer) {
      throwIfFailed();
      if (Atomics.load(state, MESSAGES_RUN) !== progress) {
        progress = Atomics.load(state, MESSAGES_RUN);
        deadline = Date.now() + SETTLE_TIMEOUT_MS;
      }
      if (Date.now() > deadline) throw problem(`the writer thread made no progress for ${SETTLE_TIMEOUT_MS / 1000} s`);
      Atomics.wait(state, SETTLED, answer - 1, 1000);
    }
    throwIfFailed();
  };

  return {
    put(statement, values) {
      if (closed) throw problem('the writer thread is closed');
      pending.push([statement, values]);
      if (pending.length >= ROWS_PER_MESSAGE) send(false);
    },
    commit() {
      throwIfFailed();
      send(true);
      commitsSent++;
    },
    async committed() {
      const target = commitsSent;
      // An asynchronous wait on shared memory does not keep Node running: the worker does, while someone waits.
      if (waiters++ === 0) worker.ref();
      try {
        for (;;) {
          throwIfFailed();
          const made = Atomics.load(state, COMMITS);
          if (made >= target) return;
          // A worker that fails or ends wakes this too; the timeout is only a backstop.
          const wait = Atomics.waitAsync(state, COMMITS, made, 1000);
          if (wait.async) await wait.value;
        }
      } finally {
        if (--waiters === 0) worker.unref();
      }
    },
    settle() {
      settle(false);
    },
    close() {
      if (closed) return;
      closed = true;
      const told = failureTold;
      try {
        settle(true);
      } catch (error) {
        // Already told (a pair that could not be marked done); a collection closing after that keeps its own error.
        if (!told) throw error;
      } finally {
        replies.close();
      }
    },
  };
}
