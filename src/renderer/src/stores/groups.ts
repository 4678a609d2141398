import { defineStore } from 'pinia';
import type { GroupBy, OverviewGroups } from '../../../shared/api';
import type { Filters } from '../../../shared/filters';
import { useApi } from '../api';
import { createLoader } from './loader';

/** The overview's findings regrouped by pillar, design principle, responsibility layer or source. */
export const useGroupsStore = defineStore('groups', () => {
  const api = useApi();
  const { data: groups, loading, error, run } = createLoader<OverviewGroups>();

  const load = (groupBy: GroupBy, filters: Filters | undefined) => run(() => api.call('overview.groups', { groupBy, filters }), groupBy);

  return { groups, loading, error, load };
});
