// A collection from AWS: the "New collection" form, starting it, and the progress the service pushes
// (collection.progress) turned into pairs, counters and a bounded list of errors, newest first.
import { defineStore } from 'pinia';
import { computed, ref, shallowRef, watch } from 'vue';
import type { CollectionProfile, CollectionProgress, CollectionRequest } from '../../../shared/api';
import type { CollectionError, CoverageCell } from '../../../shared/domain';
import { errorMessage, useApi } from '../api';
import {
  defaultOutPath,
  emptyForm,
  folderOf,
  formProblems,
  requestFromForm,
  type CollectionForm,
  type FormProblem,
} from '../components/collect/collectForm';
import { coverageLine, type PairState } from '../components/collect/collectFormat';
import { useNoticesStore } from './notices';
import { useSnapshotStore } from './snapshot';

export interface PairRow {
  accountId: string;
  /** Shown instead of the id while the caller's own account id is not known yet. */
  accountLabel?: string;
  region: string;
  state: PairState;
  reason: string;
  /** Set when the run ended before the collector reported this pair (its state is then Triad's inference). */
  unreported?: true;
}

/** The live list keeps the newest errors; every error is also in the snapshot's coverage panel. */
export const MAX_LIVE_ERRORS = 200;
/** Placeholder account of the "this account" scope until the collector reports the caller's id. */
const OWN_ACCOUNT = 'own';

const pairKey = (accountId: string, region: string) => `${accountId}\u0000${region}`;
const errorKey = (e: CollectionError) => [e.at, e.accountId, e.region, e.service, e.operation, e.code, e.message].join('\u0000');

function sameFile(a: string, b: string): boolean {
  return a === b || a.replace(/\\/g, '/').split('/').pop() === b.replace(/\\/g, '/').split('/').pop();
}

export const useCollectionStore = defineStore('collection', () => {
  const api = useApi();
  const notices = useNoticesStore();
  const snapshot = useSnapshotStore();

  const profiles = shallowRef<CollectionProfile[] | null>(null);
  const profilesLoading = ref(false);
  const profilesError = ref<string | null>(null);

  const form = ref<CollectionForm>(emptyForm(''));
  const problems = shallowRef<FormProblem[]>([]);
  const starting = ref(false);
  /** The request of the run shown (this window started it); null when the run was started elsewhere. */
  const request = shallowRef<CollectionRequest | null>(null);
  const progress = shallowRef<CollectionProgress | null>(null);
  const pairs = shallowRef<PairRow[]>([]);
  const errors = shallowRef<CollectionError[]>([]);
  /** Pair outcomes reported in this run that are not "collected", for the coverage line. */
  const gaps = ref(0);
  const controlBusy = ref(false);

  const state = computed(() => progress.value?.state ?? null);
  const active = computed(() => state.value === 'running' || state.value === 'paused');
  const ended = computed(() => state.value === 'finished' || state.value === 'cancelled' || state.value === 'failed');
  /** Pairs whose outcome is known (done, failed…); in a resumed run, earlier pairs count as collected. */
  const collected = computed(() => Math.max(0, (progress.value?.pairsDone ?? 0) - gaps.value));
  const coverage = computed(() => (progress.value ? coverageLine(collected.value, progress.value.pairsTotal, progress.value.errors) : ''));

  /** A fresh form's output file: beside the open snapshot (unless it is the bundled demo), else a bare name. */
  function suggestedOutPath(): string {
    const info = snapshot.info;
    return defaultOutPath(info && !info.meta.isDemo ? folderOf(info.path) : null);
  }

  function resetForm() {
    form.value = emptyForm(suggestedOutPath());
    problems.value = [];
  }

  async function loadProfiles() {
    if (!form.value.outPath) form.value.outPath = suggestedOutPath();
    profilesLoading.value = true;
    profilesError.value = null;
    try {
      profiles.value = await api.call('collection.profiles');
    } catch (error) {
      profiles.value = [];
      profilesError.value = errorMessage(error);
      notices.report(error);
    } finally {
      profilesLoading.value = false;
    }
  }

  /** Explicit accounts × explicit regions are known before the first answer; the caller's id is not. */
  function plannedPairs(sent: CollectionRequest): PairRow[] {
    const regions = sent.regions ?? [];
    if (!regions.length || sent.organization || sent.aggregator) return [];
    const rows: PairRow[] = [];
    const accounts = sent.accounts ?? [];
    if (sent.self) for (const region of regions) rows.push({ accountId: OWN_ACCOUNT, accountLabel: 'This account', region, state: 'pending', reason: '' });
    for (const accountId of accounts) for (const region of regions) rows.push({ accountId, region, state: 'pending', reason: '' });
    return rows;
  }

  function recordPair(cell: CoverageCell) {
    const rows = pairs.value.slice();
    let index = rows.findIndex((r) => pairKey(r.accountId, r.region) === pairKey(cell.accountId, cell.region));
    // An account not listed explicitly, in a planned region, is the caller's own account.
    if (index < 0 && !request.value?.accounts?.includes(cell.accountId)) {
      index = rows.findIndex((r) => r.accountId === OWN_ACCOUNT && r.region === cell.region);
      if (index >= 0) for (const row of rows) if (row.accountId === OWN_ACCOUNT) Object.assign(row, { accountId: cell.accountId, accountLabel: undefined });
    }
    const row: PairRow = { accountId: cell.accountId, region: cell.region, state: cell.state, reason: cell.reason };
    if (index >= 0) {
      if (rows[index].state === 'pending' && cell.state !== 'collected') gaps.value += 1;
      rows[index] = row;
    } else {
      if (cell.state !== 'collected') gaps.value += 1;
      rows.push(row);
    }
    pairs.value = rows;
  }

  function recordError(error: CollectionError) {
    // A final failure event repeats the last progress it had, with its last error: keep each error once.
    if (errors.value.length && errorKey(errors.value[0]) === errorKey(error)) return;
    errors.value = [error, ...errors.value].slice(0, MAX_LIVE_ERRORS);
  }

  let finishedPath: string | null = null;

  function apply(next: CollectionProgress) {
    if (!progress.value && !request.value) {
      // A run this window did not start (another window, or this page was reloaded while it ran).
      pairs.value = [];
      errors.value = [];
      gaps.value = 0;
    }
    progress.value = next;
    if (next.lastPair) recordPair(next.lastPair);
    if (next.lastError) recordError(next.lastError);
    if (next.state === 'finished' || next.state === 'cancelled') finishedPath = next.outPath;
    if (next.state === 'finished' || next.state === 'cancelled' || next.state === 'failed') settlePending(next.state);
  }

  /** The run ended: a pair still pending was never collected (the collector reports skipped pairs only in the file). */
  function settlePending(state: 'finished' | 'cancelled' | 'failed') {
    if (!pairs.value.some((r) => r.state === 'pending')) return;
    const reason =
      state === 'cancelled'
        ? 'Collection cancelled before this account and region were collected'
        : state === 'failed'
          ? 'Not collected: the collection failed'
          : 'Not reported by the collector; see the coverage panel';
    const rows: PairRow[] = [];
    for (const row of pairs.value) {
      if (row.state !== 'pending') rows.push(row);
      // "This account" was also listed explicitly, so its pairs were reported under its id.
      else if (row.accountId === OWN_ACCOUNT && state === 'finished') continue;
      else rows.push({ ...row, state: 'skipped', reason, unreported: true });
    }
    pairs.value = rows;
  }

  api.on('collection.progress', apply);

  // The service opens the finished snapshot itself and the app moves to its overview: say what was collected there.
  watch(
    () => snapshot.info,
    (info) => {
      if (!info || !finishedPath || !sameFile(info.path, finishedPath)) return;
      finishedPath = null;
      notices.inform(`Collection ${progress.value?.state === 'cancelled' ? 'cancelled; partial snapshot' : 'finished'}: ${coverage.value}. Snapshot ${info.path}.`);
    },
  );

  async function start(): Promise<boolean> {
    problems.value = formProblems(form.value);
    if (problems.value.length) return false;
    const sent = requestFromForm(form.value);
    starting.value = true;
    notices.dismiss();
    try {
      request.value = sent;
      pairs.value = plannedPairs(sent);
      errors.value = [];
      gaps.value = 0;
      progress.value = null;
      finishedPath = null;
      const initial = await api.call('collection.start', sent);
      // Events may already have moved on while the answer travelled.
      if (!progress.value) progress.value = initial;
      // A one-time MFA code is spent: never keep it for the next run.
      form.value.mfaCode = '';
      return true;
    } catch (error) {
      request.value = null;
      pairs.value = [];
      notices.report(error);
      return false;
    } finally {
      starting.value = false;
    }
  }

  async function control(method: 'collection.pause' | 'collection.resume' | 'collection.cancel') {
    controlBusy.value = true;
    try {
      await api.call(method);
    } catch (error) {
      notices.report(error);
    } finally {
      controlBusy.value = false;
    }
  }

  const pause = () => control('collection.pause');
  const resume = () => control('collection.resume');
  const cancel = () => control('collection.cancel');

  /** Open the written snapshot (when the service did not open it already). */
  async function openResult() {
    if (!progress.value) return;
    // The done panel already said what was collected; the banner is for when the service opens it unasked.
    finishedPath = null;
    await snapshot.openPath(progress.value.outPath);
  }

  /** Back to the form after a run ended, keeping what was typed (except a spent MFA code). */
  function newCollection() {
    if (active.value) return;
    // A written snapshot is not overwritten by the next run: suggest a new file. After a failure, nothing was written.
    const written = state.value === 'finished' || state.value === 'cancelled' ? progress.value?.outPath : undefined;
    if (!form.value.outPath.trim() || form.value.outPath.trim() === written) form.value.outPath = suggestedOutPath();
    progress.value = null;
    request.value = null;
    pairs.value = [];
    errors.value = [];
    gaps.value = 0;
    problems.value = [];
  }

  return {
    profiles,
    profilesLoading,
    profilesError,
    form,
    problems,
    starting,
    request,
    progress,
    pairs,
    errors,
    controlBusy,
    state,
    active,
    ended,
    collected,
    coverage,
    loadProfiles,
    resetForm,
    start,
    pause,
    resume,
    cancel,
    openResult,
    newCollection,
  };
});
