import { describe, expect, it } from 'vitest';
import { filtersFromQuery, filtersToQuery, isEmptyFilters } from '../../../src/shared/filters';

describe('global filters in the URL query', () => {
  it('reads comma-separated lists, trimmed, deduplicated and sorted', () => {
    expect(filtersFromQuery({ accounts: '222222222222, 111111111111,111111111111', statuses: 'NON_COMPLIANT', regions: '' })).toEqual({
      accounts: ['111111111111', '222222222222'],
      statuses: ['NON_COMPLIANT'],
    });
    expect(filtersFromQuery({ ous: ['Root/Prod', 'Root/Dev'] })).toEqual({ ous: ['Root/Dev', 'Root/Prod'] });
  });

  it('reports unknown enum values instead of dropping them', () => {
    expect(() => filtersFromQuery({ statuses: 'NON_COMPLIANT,PWNED' })).toThrow('Unknown statuses filter value: PWNED');
    expect(() => filtersFromQuery({ severities: 'urgent' })).toThrow('Unknown severities filter value: urgent');
    expect(() => filtersFromQuery({ sources: 'guardduty' })).toThrow('Unknown sources filter value: guardduty');
  });

  it('round-trips through the query', () => {
    const filters = { accounts: ['111111111111'], severities: ['critical' as const, 'high' as const], sources: ['config-rule' as const] };
    expect(filtersFromQuery(filtersToQuery(filters))).toEqual(filters);
    expect(filtersToQuery({ regions: [] })).toEqual({});
  });

  it('knows when nothing is filtered', () => {
    expect(isEmptyFilters({})).toBe(true);
    expect(isEmptyFilters({ accounts: [] })).toBe(true);
    expect(isEmptyFilters({ regions: ['eu-west-1'] })).toBe(false);
  });
});
