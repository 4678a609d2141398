import { defineStore } from 'pinia';
import type { Overview } from '../../../shared/api';
import type { Filters } from '../../../shared/filters';
import { useApi } from '../api';
import { createLoader } from './loader';

export const useOverviewStore = defineStore('overview', () => {
  const api = useApi();
  const { data: overview, loading, error, run } = createLoader<Overview>();

  const load = (filters: Filters | undefined) => run(() => api.call('overview.get', { filters }));

  return { overview, loading, error, load };
});
