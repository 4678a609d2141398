// Route query helpers: the global filters travel with every drill-down link.
import type { RouteLocationRaw } from 'vue-router';
import { FILTER_KEYS } from '../../shared/filters';

/** Only the global filter keys of a query; view-local keys (text, sort, …) do not follow a link. */
export function filterQueryOf(query: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of FILTER_KEYS) {
    const value = query[key];
    if (typeof value === 'string' && value) out[key] = value;
  }
  return out;
}

type Named = { name: string; params?: Record<string, string | number>; query?: Record<string, string> };

/** A route location that keeps the current global filters (plus any extra query). */
export function linkWithFilters(current: Record<string, unknown>, to: Named): RouteLocationRaw {
  return { name: to.name, params: to.params, query: { ...filterQueryOf(current), ...to.query } };
}
