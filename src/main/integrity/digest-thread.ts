// The content digest of a snapshot file computed on a worker thread, so a gigabyte snapshot is checked on the
// second core while the main thread goes on (a report writes its complete list of failing findings and lays its
// pages out meanwhile). Built, the worker is out/main/digest-worker.js beside the main bundle. Run from source
// (tsx, Vitest), the worker first registers tsx's loader and then imports the TypeScript file: Node 20 does not
// apply loaders given to a worker in its execArgv to the worker's own entry file.

import { Worker } from 'node:worker_threads';

/** The digest thread's nice value on Linux (0 is normal, 19 the lowest priority). */
export const DIGEST_NICE = 10;

/** Resolved from a variable, so the bundler leaves the URL to run time rather than inlining the file. */
const FROM_SOURCE = import.meta.url.endsWith('.ts');
const WORKER_FILE = FROM_SOURCE ? './digest-worker.ts' : './digest-worker.js';

/**
 * Run first in the worker: on Linux a thread has its own nice value, so the digest yields the cores to the work a
 * user waits on (Chromium starting and laying a report out, the app's windows) and takes what they leave. Not
 * elsewhere: on macOS and Windows the call would lower the whole process.
 */
const LOWER_WORKER_PRIORITY = `if (process.platform === 'linux') { try { require('node:os').setPriority(0, ${DIGEST_NICE}); } catch {} }`;

function startWorker(path: string): Worker {
  const entry = new URL(WORKER_FILE, import.meta.url);
  if (!FROM_SOURCE) return new Worker(entry, { workerData: { path } });
  const tsx = import.meta.resolve('tsx/esm/api');
  // Lowered before tsx loads and compiles the worker's modules, which is itself a burst of work.
  const bootstrap = `${LOWER_WORKER_PRIORITY} import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(bootstrap, { eval: true, workerData: { path } });
}

/** The digest, or a rejection when the worker cannot start or fails (the caller then digests on its own thread). */
export function contentDigestOnWorker(path: string): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    let worker: Worker;
    try {
      worker = startWorker(path);
    } catch (error) {
      reject(error as Error);
      return;
    }
    let answer: { digest?: string; error?: string } = {};
    worker.once('message', (message: typeof answer) => (answer = message));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (answer.digest !== undefined) resolve(answer.digest);
      else reject(new Error(answer.error ?? `the digest worker ended (exit code ${code}) without a digest`));
    });
  });
}
