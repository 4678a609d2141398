// Global filters: one shape for the API, the URL query and the CLI.
import {
  CONTROL_SOURCES,
  SEVERITIES,
  STATUSES,
  type ComplianceStatus,
  type ControlSource,
  type Severity,
} from './domain';

export interface Filters {
  accounts?: string[];
  ous?: string[];
  regions?: string[];
  statuses?: ComplianceStatus[];
  severities?: Severity[];
  sources?: ControlSource[];
}

export const FILTER_KEYS = ['accounts', 'ous', 'regions', 'statuses', 'severities', 'sources'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

const ALLOWED: Partial<Record<FilterKey, readonly string[]>> = {
  statuses: STATUSES,
  severities: SEVERITIES,
  sources: CONTROL_SOURCES,
};

/** Filters from a URL query (comma-separated values); unknown enum values are reported, not dropped. */
export function filtersFromQuery(query: Record<string, unknown>): Filters {
  const filters: Filters = {};
  for (const key of FILTER_KEYS) {
    const raw = query[key];
    const text = Array.isArray(raw) ? raw.join(',') : typeof raw === 'string' ? raw : '';
    const values = text.split(',').map((v) => v.trim()).filter(Boolean);
    if (values.length === 0) continue;
    const allowed = ALLOWED[key];
    const bad = allowed ? values.filter((v) => !allowed.includes(v)) : [];
    if (bad.length) throw new Error(`Unknown ${key} filter value: ${bad.join(', ')}`);
    (filters as Record<string, string[]>)[key] = [...new Set(values)].sort();
  }
  return filters;
}

export function filtersToQuery(filters: Filters): Record<string, string> {
  const query: Record<string, string> = {};
  for (const key of FILTER_KEYS) {
    const values = filters[key];
    if (values && values.length) query[key] = [...values].sort().join(',');
  }
  return query;
}

export function isEmptyFilters(filters: Filters): boolean {
  return FILTER_KEYS.every((k) => !filters[k] || filters[k]!.length === 0);
}
