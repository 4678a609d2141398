// The app's side of collecting: the API validates the request, runs one collection at a time, pushes
// progress events and opens the finished snapshot.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API, ApiError, type ApiEvent, type CollectionProgress } from '../../../src/shared/api';
import { ValidationError } from '../../../src/shared/validate';
import { createCollectionHandlers } from '../../../src/main/services/collection-handlers';
import type { Platform } from '../../../src/main/services/platform';
import { startEmulator, type Emulator } from '../../emulator/server';
import { MANAGEMENT, representativeScenario } from '../../emulator/scenarios/representative';
import { AUDITOR, snapshotPath } from './harness';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ scenario: representativeScenario() });
});
afterAll(() => emulator.stop());

function platformRecording(events: { event: ApiEvent; payload: unknown }[]): Platform {
  return { host: 'browser', emit: (event, payload) => events.push({ event, payload }) };
}

describe('collection API', () => {
  it('validates the request at the boundary', () => {
    const validate = API['collection.start'].params;
    expect(() => validate({ outPath: '/tmp/x.triad', accounts: ['12345'] }, 'params')).toThrow(ValidationError);
    expect(() => validate({ outPath: '/tmp/x.triad', self: true, regions: ['not a region'] }, 'params')).toThrow('params.regions[0] has an invalid format');
    expect(() => validate({ outPath: '/tmp/x.triad', self: true, mfaCode: '12ab56' }, 'params')).toThrow('params.mfaCode has an invalid format');
    expect(() => validate({ outPath: '/tmp/x.triad', self: true, secretAccessKey: 'x' }, 'params')).toThrow('params has unknown field secretAccessKey');
    expect(validate({ outPath: '/tmp/x.triad', self: true, regions: ['eu-west-1'], concurrency: 8 }, 'params')).toEqual({ outPath: '/tmp/x.triad', self: true, regions: ['eu-west-1'], concurrency: 8 });
  });

  it('runs a collection, pushes its progress, refuses a second one meanwhile, and opens the result', async () => {
    const events: { event: ApiEvent; payload: unknown }[] = [];
    const opened: string[] = [];
    let finished!: () => void;
    const done = new Promise<void>((resolve) => (finished = resolve));
    const handlers = createCollectionHandlers(platformRecording(events), {
      endpoint: emulator.url,
      credentials: AUDITOR,
      open: (path) => {
        opened.push(path);
        return undefined as never;
      },
      onFinished: () => finished(),
    });
    const outPath = snapshotPath('app');
    await expect(Promise.resolve().then(() => handlers['collection.start']({ outPath }))).rejects.toMatchObject({ code: 'bad-request' });
    const first = await handlers['collection.start']({ outPath, self: true, regions: ['us-east-1', 'eu-west-1'], homeRegion: 'us-east-1' });
    expect(first).toMatchObject({ state: 'running', outPath, pairsDone: 0 });
    await expect(Promise.resolve().then(() => handlers['collection.start']({ outPath: snapshotPath('other'), self: true, regions: ['us-east-1'] }))).rejects.toBeInstanceOf(ApiError);
    await done;
    expect(opened).toEqual([outPath]);
    const progress = events.filter((e) => e.event === 'collection.progress').map((e) => e.payload as CollectionProgress);
    const last = progress[progress.length - 1];
    expect(last).toMatchObject({ state: 'finished', pairsDone: 2, pairsTotal: 2, errors: 1 });
    expect(progress.some((p) => p.lastError?.code === 'ConfigNotRecording' && p.lastError.accountId === MANAGEMENT)).toBe(true);
    expect(progress.some((p) => p.lastPair?.state === 'not-enabled')).toBe(true);
    await expect(Promise.resolve().then(() => handlers['collection.cancel'](undefined))).rejects.toMatchObject({ code: 'not-found' });
  });

  it('a pause asked before the collector has loaded holds it from its first call, and says so', async () => {
    const events: { event: ApiEvent; payload: unknown }[] = [];
    let finished!: () => void;
    const done = new Promise<void>((resolve) => (finished = resolve));
    const handlers = createCollectionHandlers(platformRecording(events), { endpoint: emulator.url, credentials: AUDITOR, onFinished: () => finished() });
    const callsBefore = emulator.calls.length;
    // The same turn as the start: the collector module is loaded on demand, so it has not started yet.
    void handlers['collection.start']({ outPath: snapshotPath('paused-early'), self: true, regions: ['us-east-1'], homeRegion: 'us-east-1' });
    handlers['collection.pause'](undefined);
    await new Promise((r) => setTimeout(r, 300));
    expect(emulator.calls.length).toBe(callsBefore);
    expect(events.map((e) => (e.payload as CollectionProgress).state)).toEqual(['paused']);
    handlers['collection.resume'](undefined);
    await done;
    const states = events.map((e) => (e.payload as CollectionProgress).state);
    expect(states[states.length - 1]).toBe('finished');
    expect(emulator.calls.length).toBeGreaterThan(callsBefore);
  });

  it('pause holds the workers and resume lets them go on', async () => {
    const events: { event: ApiEvent; payload: unknown }[] = [];
    let finished!: () => void;
    const done = new Promise<void>((resolve) => (finished = resolve));
    const handlers = createCollectionHandlers(platformRecording(events), { endpoint: emulator.url, credentials: AUDITOR, onFinished: () => finished() });
    emulator.setFaults({ latency: [{ ms: 20 }] });
    await handlers['collection.start']({ outPath: snapshotPath('paused'), self: true, regions: ['us-east-1'], homeRegion: 'us-east-1' });
    handlers['collection.pause'](undefined);
    const callsAtPause = emulator.calls.length;
    await new Promise((r) => setTimeout(r, 300));
    // At most the calls already in flight complete while paused.
    expect(emulator.calls.length - callsAtPause).toBeLessThanOrEqual(2);
    expect(events.some((e) => (e.payload as CollectionProgress).state === 'paused')).toBe(true);
    handlers['collection.resume'](undefined);
    await done;
    emulator.setFaults({});
    const states = events.map((e) => (e.payload as CollectionProgress).state);
    expect(states[states.length - 1]).toBe('finished');
  });
});
