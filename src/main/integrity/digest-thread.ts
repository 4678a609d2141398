// The content digest of a snapshot file computed on a worker thread, so a gigabyte snapshot is checked on the
// second core while the main thread goes on (a report writes its complete list of failing findings and lays its
// pages out meanwhile). Built, the worker is out/main/digest-worker.js beside the main bundle.

import { entryBeside, runEntryWorker } from '../worker-thread';

/**
 * The digest, or a rejection when the worker cannot start or fails (the caller then digests on its own thread).
 * A background thread (Linux): the digest yields the cores to the work a user waits on (Chromium starting and
 * laying a report out, the app's windows) and takes what they leave.
 */
export function contentDigestOnWorker(path: string): Promise<string> {
  const run = runEntryWorker<{ digest: string }>(entryBeside(import.meta.url, 'digest-worker'), { path }, { background: true, isAnswer: (message) => 'digest' in message });
  return run.answer.then((answer) => answer.digest);
}
