import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../src/main/snapshot/canonical';

describe('canonicalJson', () => {
  it('sorts keys at every level, so equal content gives equal text whatever order it was built in', () => {
    expect(canonicalJson({ b: [{ y: 1, x: 2 }], a: 'text' })).toBe('{"a":"text","b":[{"x":2,"y":1}]}');
    expect(canonicalJson({ a: 'text', b: [{ x: 2, y: 1 }] })).toBe(canonicalJson({ b: [{ y: 1, x: 2 }], a: 'text' }));
  });

  it('keeps what JSON.stringify keeps of a date, so evidence that differs only in a timestamp is not the same content', () => {
    const status = (lastStartTime: Date) => ({ name: 'default', recording: true, lastStartTime });
    const before = status(new Date('2026-11-01T08:00:00.000Z'));
    const after = status(new Date('2026-11-20T08:00:00.000Z'));
    expect(canonicalJson(before)).toBe('{"lastStartTime":"2026-11-01T08:00:00.000Z","name":"default","recording":true}');
    expect(canonicalJson(after)).not.toBe(canonicalJson(before));
    expect(JSON.parse(canonicalJson([before]))).toEqual(JSON.parse(JSON.stringify([before])));
  });

  it('keeps a "__proto__" key as content, so items that differ only under it are not the same evidence', () => {
    // As AWS returns a resource tagged "__proto__": JSON.parse makes it an own key, not the prototype.
    const tagged = (value: string) => JSON.parse(`{"resourceId":"vol-1","tags":{"__proto__":"${value}","env":"prod"}}`) as unknown;
    expect(canonicalJson(tagged('a'))).toBe('{"resourceId":"vol-1","tags":{"__proto__":"a","env":"prod"}}');
    expect(canonicalJson(tagged('a'))).not.toBe(canonicalJson(tagged('b')));
  });

  it('orders keys as before for every other object: integer-like keys first, in numeric order', () => {
    expect(canonicalJson({ b: 1, 10: 2, a: 3, 2: 4 })).toBe('{"2":4,"10":2,"a":3,"b":1}');
  });
});

