// The content digest of a snapshot file computed on a worker thread, so a gigabyte snapshot is checked on the
// second core while the main thread goes on (a report writes its complete list of failing findings and lays its
// pages out meanwhile). Built, the worker is out/main/digest-worker.js beside the main bundle.

import type { Worker } from 'node:worker_threads';
import { entryBeside, startEntryWorker } from '../worker-thread';

/**
 * A background thread (Linux): the digest yields the cores to the work a user waits on (Chromium starting and
 * laying a report out, the app's windows) and takes what they leave.
 */
function startWorker(path: string): Worker {
  return startEntryWorker(entryBeside(import.meta.url, 'digest-worker'), { path }, { background: true });
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
