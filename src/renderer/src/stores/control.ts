// A control and its findings. Findings arrive in pages of PAGE_SIZE as the table scrolls; the main process
// filters and sorts, the renderer keeps only the pages near what is on screen.
import { defineStore } from 'pinia';
import { markRaw, ref, shallowRef } from 'vue';
import type { ControlDetail, FindingRow, FindingSortColumn } from '../../../shared/api';
import type { Filters } from '../../../shared/filters';
import { useApi } from '../api';
import { createLoader } from './loader';
import { useNoticesStore } from './notices';

export const PAGE_SIZE = 200;
/** Pages kept in memory; the farthest from the page just loaded are dropped first. */
export const MAX_CACHED_PAGES = 40;

export interface FindingsQuery {
  controlId: string;
  filters: Filters | undefined;
  text: string;
  sort: FindingSortColumn | undefined;
  descending: boolean;
}

export const useControlStore = defineStore('control', () => {
  const api = useApi();
  const notices = useNoticesStore();
  const { data: detail, loading, error, run } = createLoader<ControlDetail>();

  const query = shallowRef<FindingsQuery | null>(null);
  /** null until the first page of the current query arrives. */
  const total = ref<number | null>(null);
  const pages = shallowRef<ReadonlyMap<number, readonly FindingRow[]>>(new Map());
  const findingsError = ref<string | null>(null);
  const inFlight = new Set<number>();
  let generation = 0;

  const loadDetail = (controlId: string, filters: Filters | undefined) => run(() => api.call('control.get', { controlId, filters }), controlId);

  async function fetchPage(page: number) {
    const current = query.value;
    if (!current || inFlight.has(page) || pages.value.has(page)) return;
    const asked = generation;
    inFlight.add(page);
    try {
      const result = await api.call('control.findings', {
        controlId: current.controlId,
        filters: current.filters,
        text: current.text || undefined,
        sort: current.sort,
        descending: current.sort ? current.descending : undefined,
        offset: page * PAGE_SIZE,
        limit: PAGE_SIZE,
      });
      if (asked !== generation) return;
      const next = new Map(pages.value);
      next.set(page, markRaw(result.rows));
      if (next.size > MAX_CACHED_PAGES) {
        const farthest = [...next.keys()].sort((a, b) => Math.abs(b - page) - Math.abs(a - page));
        for (const p of farthest.slice(0, next.size - MAX_CACHED_PAGES)) next.delete(p);
      }
      pages.value = next;
      total.value = result.total;
      findingsError.value = null;
    } catch (cause) {
      if (asked !== generation) return;
      findingsError.value = cause instanceof Error ? cause.message : String(cause);
      if (total.value === null) total.value = 0;
      notices.report(cause);
    } finally {
      if (asked === generation) inFlight.delete(page);
    }
  }

  /** Starts over with a new control, filter, text or sort: drops every cached page. */
  function setQuery(next: FindingsQuery) {
    generation++;
    inFlight.clear();
    query.value = next;
    total.value = null;
    findingsError.value = null;
    pages.value = new Map();
    return fetchPage(0);
  }

  /** Makes sure rows [first, last] are loaded or on their way. */
  function ensureRows(first: number, last: number) {
    if (first < 0 || last < first) return Promise.resolve();
    const wanted: Promise<void>[] = [];
    for (let page = Math.floor(first / PAGE_SIZE); page <= Math.floor(last / PAGE_SIZE); page++) {
      if (total.value !== null && page * PAGE_SIZE >= total.value) break;
      wanted.push(fetchPage(page));
    }
    return Promise.all(wanted).then(() => undefined);
  }

  function rowAt(index: number): FindingRow | null {
    return pages.value.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE] ?? null;
  }

  return { detail, loading, error, loadDetail, query, total, pages, findingsError, setQuery, ensureRows, rowAt };
});
