import { defineStore } from 'pinia';
import type { PillarDetail } from '../../../shared/api';
import type { PillarKey } from '../../../shared/domain';
import type { Filters } from '../../../shared/filters';
import { useApi } from '../api';
import { createLoader } from './loader';

export const usePillarStore = defineStore('pillar', () => {
  const api = useApi();
  const { data: detail, loading, error, run } = createLoader<PillarDetail>();

  const load = (pillar: PillarKey, filters: Filters | undefined) => run(() => api.call('pillar.get', { pillar, filters }), pillar);

  return { detail, loading, error, load };
});
