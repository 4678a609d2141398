// Route locations for drill-down links, always carrying the current global filters.
import type { RouteLocationRaw } from 'vue-router';
import { useRoute } from 'vue-router';
import type { PillarKey } from '../../../../shared/domain';
import { linkWithFilters } from '../../routeQuery';

export function useLinks() {
  const route = useRoute();
  const keep = (name: string, params?: Record<string, string | number>, query?: Record<string, string>): RouteLocationRaw =>
    linkWithFilters(route.query, { name, params, query });

  return {
    overview: () => keep('overview'),
    pillar: (pillar: PillarKey, query?: Record<string, string>) => keep('pillar', { pillar }, query),
    control: (id: string) => keep('control', { id }),
    finding: (id: number) => keep('finding', { id }),
  };
}
