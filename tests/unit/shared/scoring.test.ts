import { describe, expect, it } from 'vitest';
import { addCounts, compliancePercent, emptyCounts, formatPercent, scoreOf, totalOf, type StatusCounts } from '../../../src/shared/scoring';

const counts = (partial: Partial<StatusCounts>): StatusCounts => ({ ...emptyCounts(), ...partial });

describe('scoring', () => {
  it('is compliant ÷ (compliant + non-compliant), to one decimal', () => {
    expect(compliancePercent(counts({ COMPLIANT: 4, NON_COMPLIANT: 3 }))).toBe(57.1);
    expect(compliancePercent(counts({ COMPLIANT: 2, NON_COMPLIANT: 1 }))).toBe(66.7);
    expect(compliancePercent(counts({ COMPLIANT: 1, NON_COMPLIANT: 0 }))).toBe(100);
    expect(compliancePercent(counts({ COMPLIANT: 0, NON_COMPLIANT: 9 }))).toBe(0);
  });

  it('leaves the other statuses out of the score but in the total', () => {
    const score = scoreOf(counts({ COMPLIANT: 1, NON_COMPLIANT: 1, NOT_APPLICABLE: 5, INSUFFICIENT_DATA: 4, ERROR: 3, NOT_EVALUATED: 2 }));
    expect(score.percent).toBe(50);
    expect(score.total).toBe(16);
  });

  it('never turns "nothing evaluated" into 100%', () => {
    expect(compliancePercent(emptyCounts())).toBeNull();
    expect(compliancePercent(counts({ NOT_EVALUATED: 10, ERROR: 2, INSUFFICIENT_DATA: 1, NOT_APPLICABLE: 7 }))).toBeNull();
    expect(formatPercent(null)).toBe('no data');
    expect(formatPercent(57.14)).toBe('57.1%');
  });

  it('adds counts status by status', () => {
    const sum = addCounts(counts({ COMPLIANT: 1, ERROR: 1 }), counts({ COMPLIANT: 2, NON_COMPLIANT: 3 }));
    expect(sum).toEqual(counts({ COMPLIANT: 3, NON_COMPLIANT: 3, ERROR: 1 }));
    expect(totalOf(sum)).toBe(7);
  });
});
