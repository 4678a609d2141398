// Global filters live in the route query (the URL is the state); this store reads and writes them there
// and holds the options offered by the snapshot.
import { defineStore } from 'pinia';
import { computed, shallowRef } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import type { FilterOptions } from '../../../shared/api';
import { FILTER_KEYS, filtersFromQuery, filtersToQuery, isEmptyFilters, type FilterKey, type Filters } from '../../../shared/filters';
import { useApi } from '../api';
import { useNoticesStore } from './notices';

export const useFiltersStore = defineStore('filters', () => {
  const api = useApi();
  const route = useRoute();
  const router = useRouter();
  const notices = useNoticesStore();

  const options = shallowRef<FilterOptions>({ accounts: [], ous: [], regions: [] });

  /** Parsed key by key, so one bad value in a hand-edited URL does not drop the other filters. */
  const parsed = computed(() => {
    const filters: Filters = {};
    const problems: string[] = [];
    for (const key of FILTER_KEYS) {
      try {
        Object.assign(filters, filtersFromQuery({ [key]: route.query[key] }));
      } catch (error) {
        problems.push(error instanceof Error ? error.message : String(error));
      }
    }
    return { filters, problems };
  });

  const filters = computed(() => parsed.value.filters);
  const problems = computed(() => parsed.value.problems);
  const active = computed(() => !isEmptyFilters(filters.value));
  /** Stable text of the filters: views watch it to reload exactly when filters change. */
  const key = computed(() => JSON.stringify(filtersToQuery(filters.value)));
  /** The filters as API params: undefined when none, so requests stay minimal. */
  const forApi = computed<Filters | undefined>(() => (active.value ? filters.value : undefined));

  function withoutFilterKeys(): Record<string, unknown> {
    const rest: Record<string, unknown> = { ...route.query };
    for (const k of FILTER_KEYS) delete rest[k];
    return rest;
  }

  async function apply(next: Filters) {
    await router.push({ query: { ...withoutFilterKeys(), ...filtersToQuery(next) } as Record<string, string> });
  }

  function set(filterKey: FilterKey, values: string[]) {
    return apply({ ...filters.value, [filterKey]: values });
  }

  function clear() {
    return apply({});
  }

  async function loadOptions() {
    try {
      options.value = await api.call('filters.options');
    } catch (error) {
      notices.report(error);
    }
  }

  return { options, filters, problems, active, key, forApi, set, clear, loadOptions };
});
