// Starts a worker thread on one of the main process's worker entries. Built, each entry is its own file beside the
// main bundle (electron.vite.config.ts). Run from source (tsx, Vitest), the worker first registers tsx's loader and
// then imports the TypeScript file: Node 20 does not apply loaders given to a worker in its execArgv to the
// worker's own entry file.

import { setPriority } from 'node:os';
import { Worker, type TransferListItem } from 'node:worker_threads';

/** The nice value of background worker threads on Linux (0 is normal, 19 the lowest priority). */
export const BACKGROUND_NICE = 10;

/**
 * On Linux a thread has its own nice value (and the threads it starts, such as SQLite's sorters, inherit it), so a
 * background thread yields the cores to the work a user waits on and takes what that leaves. Not elsewhere: on
 * macOS and Windows the call would lower the whole process.
 */
export function lowerThisThreadPriority(): void {
  if (process.platform !== 'linux') return;
  try {
    setPriority(0, BACKGROUND_NICE);
  } catch {
    // Not allowed here: the thread runs at normal priority.
  }
}

const LOWER_PRIORITY_FIRST = `if (process.platform === 'linux') { try { require('node:os').setPriority(0, ${BACKGROUND_NICE}); } catch {} }`;

/**
 * `entry` is the entry file's URL: `.ts` from source, `.js` built. A `background` worker started from source lowers
 * its priority before tsx loads and compiles the entry's modules, itself a burst of work; a built background entry
 * lowers its own (lowerThisThreadPriority) first thing.
 */
export function startEntryWorker(
  entry: URL,
  workerData: unknown,
  { background = false, transferList }: { background?: boolean; transferList?: TransferListItem[] } = {},
): Worker {
  if (!entry.pathname.endsWith('.ts')) return new Worker(entry, { workerData, transferList });
  const tsx = import.meta.resolve('tsx/esm/api');
  const bootstrap = `${background ? LOWER_PRIORITY_FIRST : ''} import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(bootstrap, { eval: true, workerData, transferList });
}

/** An entry beside the calling module: `name`.ts from source, `name`.js in the built bundle. */
export function entryBeside(moduleUrl: string, name: string): URL {
  return new URL(`./${name}${moduleUrl.endsWith('.ts') ? '.ts' : '.js'}`, moduleUrl);
}

/** A worker entry started for one answer (see runEntryWorker). */
export interface EntryWorkerRun<T> {
  /**
   * The answer the worker posted, once it has ended. Rejects when it could not start, failed, posted
   * { error } (the message, as error classes do not survive the trip between threads), or ended without one.
   */
  answer: Promise<T>;
  /** Stops the worker (its answer, if not yet given, is then a rejection). */
  terminate(): Promise<void>;
}

/**
 * Starts a worker entry that posts one answer, or { error }, and ends. Messages `isAnswer` does not accept (such
 * as progress) go to `onMessage`.
 */
export function runEntryWorker<T>(
  entry: URL,
  workerData: unknown,
  options: { background?: boolean; isAnswer: (message: object) => boolean; onMessage?: (message: object) => void },
): EntryWorkerRun<T> {
  let worker: Worker | undefined;
  const answer = new Promise<T>((resolve, reject) => {
    try {
      worker = startEntryWorker(entry, workerData, { background: options.background });
    } catch (error) {
      reject(error as Error);
      return;
    }
    let given: { answer: T } | { error: string } | undefined;
    worker.on('message', (message: object) => {
      if ('error' in message && typeof message.error === 'string') given = { error: message.error };
      else if (options.isAnswer(message)) given = { answer: message as T };
      else options.onMessage?.(message);
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (given && 'answer' in given) resolve(given.answer);
      else reject(new Error(given?.error ?? `the worker ${entry.pathname.split('/').pop()} ended (exit code ${code}) without an answer`));
    });
  });
  return {
    answer,
    terminate: async () => {
      await worker?.terminate();
    },
  };
}
