// The export and review stores: an export shows the progress events of its own kind and ends with the outcome,
// a cancel or an error; the review store keeps the file as last written and forgets it for another snapshot.
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError, type ReviewDocument } from '../../../src/shared/api';
import type { ExportOutcome } from '../../../src/shared/exports';
import { setApiClient } from '../../../src/renderer/src/api';
import { useExportsStore } from '../../../src/renderer/src/stores/exports';
import { defaultReviewPath, useReviewStore } from '../../../src/renderer/src/stores/review';
import { useSnapshotStore } from '../../../src/renderer/src/stores/snapshot';
import { fakeApi, type FakeApi } from './fake-api';

const outcome: ExportOutcome = {
  kind: 'data',
  path: '/out/findings.csv',
  fileName: 'findings.csv',
  bytes: 120,
  sha256: 'a'.repeat(64),
  rows: 3,
  fullList: null,
  opened: false,
  openProblem: null,
};

beforeEach(() => setActivePinia(createPinia()));
afterEach(() => setApiClient(null));

describe('the exports store', () => {
  it('shows the progress of its own export while it runs, then the outcome', async () => {
    let finish: (value: ExportOutcome) => void = () => undefined;
    const api: FakeApi = fakeApi({ 'export.data': () => new Promise<ExportOutcome>((resolve) => (finish = resolve)) });
    setApiClient(api);
    const store = useExportsStore();
    const running = store.exportData({ format: 'csv', bom: true, fileName: 'findings', openWhenDone: false });
    expect(store.running).toBe('data');
    api.emit('export.progress', { kind: 'report', phase: 'printing', rows: 0, message: 'another export' });
    api.emit('export.progress', { kind: 'data', phase: 'writing', rows: 10_000, message: 'Writing CSV: 10000 findings…' });
    expect(store.progress).toMatchObject({ phase: 'writing', rows: 10_000 });
    finish(outcome);
    await running;
    expect(store.running).toBeNull();
    expect(store.outcome).toEqual(outcome);
    expect(api.calls).toEqual([{ method: 'export.data', params: { format: 'csv', bom: true, fileName: 'findings', openWhenDone: false } }]);
  });

  it('a cancelled save dialog and a failure are told apart', async () => {
    let answer: () => ExportOutcome | null = () => null;
    setApiClient(fakeApi({ 'export.report': () => answer() }));
    const store = useExportsStore();
    const params = { options: {} as never, fileName: 'r', openWhenDone: false };
    await store.exportReport(params);
    expect(store.cancelled).toBe(true);
    answer = () => {
      throw new ApiError('bad-request', 'cannot write /out/r.pdf: no permission to write in /out');
    };
    await store.exportReport(params);
    expect(store.cancelled).toBe(false);
    expect(store.error).toBe('cannot write /out/r.pdf: no permission to write in /out');
    expect(store.outcome).toBeNull();
  });
});

describe('the review store', () => {
  it('suggests the review file beside the snapshot', () => {
    expect(defaultReviewPath('/audits/org.triad')).toBe('/audits/org.review.json');
    expect(defaultReviewPath('/audits/Org.TRIAD')).toBe('/audits/Org.review.json');
  });

  it('keeps the file as written, shows a refusal, and forgets the review when another snapshot opens', async () => {
    const written: ReviewDocument = {
      path: '/audits/org.review.json',
      review: { format: 'triad-review', version: 1, snapshot: { digest: 'd', fileName: 'org.triad', title: 'Org' }, items: [], samples: [], signOff: null },
    };
    setApiClient(
      fakeApi({
        'review.open': ({ path }) => {
          if (path !== written.path) throw new ApiError('bad-request', `${path} is the review of another snapshot`);
          return written;
        },
      }),
    );
    const store = useReviewStore();
    expect(await store.open('/audits/other.review.json', false)).toBe(false);
    expect(store.error).toBe('/audits/other.review.json is the review of another snapshot');
    expect(await store.open(written.path, true)).toBe(true);
    expect(store.document).toEqual(written);
    expect(store.error).toBeNull();
    useSnapshotStore().generation++;
    await Promise.resolve();
    expect(store.document).toBeNull();
  });
});
