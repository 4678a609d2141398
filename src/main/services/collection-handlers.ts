// API handlers for collecting from AWS: list profiles, start one collection at a time, pause, resume and
// cancel it, and push its progress as `collection.progress` events. The finished snapshot is opened.
// The collector (every AWS SDK client: about a second to load) is loaded when a collection starts, so the app,
// the browser host and the report command start fast when they only review snapshots.

import { rmSync } from 'node:fs';
import { ApiError, type ApiHandlers, type CollectionProgress, type CollectionRequest, type SnapshotInfo } from '../../shared/api';
import type { CollectDeps, CollectResult } from '../collect';
import { CollectionControl } from '../collect/control';
import type { ControlCatalog } from '../collect/controls';
import { requestProblems } from '../collect/scope';
import { createSnapshotWriter, SnapshotError, workPathFor } from '../snapshot';
import type { Platform } from './platform';

export type CollectionHandlers = Pick<
  ApiHandlers,
  'collection.profiles' | 'collection.start' | 'collection.cancel' | 'collection.pause' | 'collection.resume'
>;

export interface CollectionHandlerDeps {
  /** Opens the finished snapshot in the app (emits snapshot.changed). */
  open?: (path: string) => SnapshotInfo;
  /** Tests: an emulator endpoint and its credentials instead of the user's AWS configuration. */
  endpoint?: string;
  credentials?: CollectDeps['credentials'];
  catalog?: ControlCatalog;
  /** Resolves when the running collection ends (tests). */
  onFinished?: (outcome: { result?: CollectResult; error?: Error }) => void;
}

interface Running {
  control: CollectionControl;
  cancel: AbortController;
  last: CollectionProgress;
}

export function createCollectionHandlers(platform: Platform, deps: CollectionHandlerDeps = {}): CollectionHandlers {
  let running: Running | null = null;

  const requireRunning = (): Running => {
    if (!running) throw new ApiError('not-found', 'No collection is running.');
    return running;
  };

  return {
    'collection.profiles': async () => (await import('../collect/credentials')).listProfiles(),

    'collection.start': (request: CollectionRequest) => {
      if (running) throw new ApiError('unavailable', `A collection is already running (writing ${running.last.outPath}); cancel it first.`);
      const problems = requestProblems(request);
      if (problems.length) throw new ApiError('bad-request', problems.join('; '));
      let writer;
      try {
        writer = createSnapshotWriter(request.outPath, { resume: request.resume ?? false, writerThread: true });
      } catch (error) {
        if (error instanceof SnapshotError) throw new ApiError('bad-request', error.message);
        throw error;
      }
      const control = new CollectionControl();
      const cancel = new AbortController();
      const initial: CollectionProgress = {
        state: 'running',
        outPath: request.outPath,
        pairsDone: 0,
        pairsTotal: 0,
        calls: 0,
        throttles: 0,
        retries: 0,
        errors: 0,
        elapsedMs: 0,
        etaSeconds: null,
      };
      const current: Running = { control, cancel, last: initial };
      running = current;
      const report = (progress: CollectionProgress) => {
        current.last = progress;
        platform.emit('collection.progress', progress);
      };
      const finished = (result: CollectResult) => {
        running = null;
        if (result.written && deps.open) {
          try {
            deps.open(request.outPath);
          } catch (error) {
            report({ ...current.last, state: 'failed', message: `The snapshot was written but could not be opened: ${(error as Error).message}` });
          }
        }
        deps.onFinished?.({ result });
      };
      const failed = (error: Error, nothingCollected: boolean) => {
        running = null;
        if (nothingCollected) {
          for (const suffix of ['', '-wal', '-shm']) rmSync(`${workPathFor(request.outPath)}${suffix}`, { force: true });
        }
        report({ ...current.last, state: 'failed', message: error.message });
        deps.onFinished?.({ error });
      };
      void import('../collect').then(
        ({ collect, NothingCollectedError }) =>
          collect(
            { ...request, endpoint: deps.endpoint },
            { writer, signal: cancel.signal, control, onProgress: report, credentials: deps.credentials, catalog: deps.catalog },
          ).then(finished, (error: Error) => failed(error, error instanceof NothingCollectedError)),
        (error: Error) => {
          writer.close();
          failed(new Error(`The collector could not be loaded: ${error.message}`), false);
        },
      );
      return initial;
    },

    'collection.cancel': () => {
      requireRunning().cancel.abort();
    },
    'collection.pause': () => {
      requireRunning().control.pause();
    },
    'collection.resume': () => {
      requireRunning().control.resume();
    },
  };
}
