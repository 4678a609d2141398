import { defineStore } from 'pinia';
import type { FindingDetail } from '../../../shared/api';
import { useApi } from '../api';
import { createLoader } from './loader';

export const useFindingStore = defineStore('finding', () => {
  const api = useApi();
  const { data: detail, loading, error, run } = createLoader<FindingDetail>();

  const load = (id: number) => run(() => api.call('finding.get', { id }), String(id));

  return { detail, loading, error, load };
});
