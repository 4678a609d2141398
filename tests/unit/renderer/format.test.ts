import { describe, expect, it } from 'vitest';
import { STATUSES } from '../../../src/shared/domain';
import { STATUS_LABELS, STATUS_SYMBOLS, formatCount, formatPercent, formatTime, pillarLabel, prettyJson } from '../../../src/renderer/src/format';

describe('renderer formatting', () => {
  it('shows scores from shared/scoring, with "no data" rather than a made-up 100%', () => {
    expect(formatPercent(86.4)).toBe('86.4%');
    expect(formatPercent(100)).toBe('100.0%');
    expect(formatPercent(null)).toBe('no data');
  });

  it('groups thousands in counts', () => {
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(formatCount(0)).toBe('0');
  });

  it('shows AWS times in UTC and keeps text that is not a date as it came', () => {
    expect(formatTime('2026-03-04T10:15:00.000Z')).toBe('2026-03-04 10:15:00 UTC');
    expect(formatTime('2026-03-04T12:15:00+02:00')).toBe('2026-03-04 10:15:00 UTC');
    expect(formatTime('yesterday <b>')).toBe('yesterday <b>');
    expect(formatTime(undefined)).toBe('—');
  });

  it('labels every status with words and a symbol, so colour is never the only cue', () => {
    for (const status of STATUSES) {
      expect(STATUS_LABELS[status]).toMatch(/^[A-Z][a-z -]+$/);
      expect(STATUS_SYMBOLS[status]).not.toBe('');
    }
    expect(new Set(Object.values(STATUS_SYMBOLS)).size).toBe(STATUSES.length);
  });

  it('names the unclassified group plainly', () => {
    expect(pillarLabel('unclassified')).toBe('Unclassified');
    expect(pillarLabel('integrity')).toBe('Integrity');
  });

  it('pretty-prints evidence and never throws', () => {
    expect(prettyJson({ a: [1] })).toBe('{\n  "a": [\n    1\n  ]\n}');
    expect(prettyJson(undefined)).toBe('null');
    expect(prettyJson({ n: 10n })).toMatch(/^Evidence cannot be shown as JSON/);
  });
});
