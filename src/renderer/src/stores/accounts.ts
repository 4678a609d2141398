import { defineStore } from 'pinia';
import type { AccountRow } from '../../../shared/api';
import type { Filters } from '../../../shared/filters';
import { useApi } from '../api';
import { createLoader } from './loader';

export const useAccountsStore = defineStore('accounts', () => {
  const api = useApi();
  const { data: rows, loading, error, run } = createLoader<AccountRow[]>();

  const load = (filters: Filters | undefined) => run(() => api.call('accounts.get', { filters }));

  return { rows, loading, error, load };
});
