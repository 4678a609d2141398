import { describe, expect, it } from 'vitest';
import { API } from '../../../src/shared/api';
import { arrayOf, bool, int, none, obj, oneOf, optional, str, ValidationError } from '../../../src/shared/validate';

const rejects = (run: () => unknown, message: string) => {
  expect(run).toThrow(ValidationError);
  expect(run).toThrow(message);
};

describe('validators at the trust boundary', () => {
  it('check types, lengths and patterns, naming the path', () => {
    expect(str({ max: 3 })('abc', 'p')).toBe('abc');
    rejects(() => str({ max: 3 })('abcd', 'p.name'), 'p.name is too long');
    rejects(() => str()(42, 'p.name'), 'p.name must be a string');
    rejects(() => str({ pattern: /^\d+$/ })('12a', 'p.id'), 'p.id has an invalid format');
    rejects(() => int(0, 10)(10.5, 'p.n'), 'p.n must be an integer from 0 to 10');
    rejects(() => int(0, 10)(-1, 'p.n'), 'p.n must be an integer from 0 to 10');
    rejects(() => bool('true', 'p.b'), 'p.b must be true or false');
    rejects(() => oneOf(['a', 'b'])('c', 'p.x'), 'p.x must be one of: a, b');
  });

  it('check lists item by item and their size', () => {
    expect(arrayOf(int(0, 9))([1, 2], 'p')).toEqual([1, 2]);
    rejects(() => arrayOf(int(0, 9))([1, 'x'], 'p.list'), 'p.list[1] must be an integer from 0 to 9');
    rejects(() => arrayOf(int(0, 9), 2)([1, 2, 3], 'p.list'), 'p.list has more than 2 items');
  });

  it('refuse unknown object fields and keep optional ones optional', () => {
    const v = obj({ a: int(0, 9), b: optional(str()) });
    expect(v({ a: 1 }, 'params')).toEqual({ a: 1 });
    expect(v({ a: 1, b: null }, 'params')).toEqual({ a: 1 });
    rejects(() => v({ a: 1, c: 2 }, 'params'), 'params has unknown field c');
    rejects(() => v([], 'params'), 'params must be an object');
    rejects(() => none({}, 'params'), 'params takes no parameters');
  });

  it('bound the page size of control.findings to 1000', () => {
    const params = { controlId: 'config-rule:X', offset: 0, limit: 1000 };
    expect(API['control.findings'].params(params, 'params')).toEqual(params);
    rejects(() => API['control.findings'].params({ ...params, limit: 1001 }, 'params'), 'params.limit must be an integer from 1 to 1000');
    rejects(() => API['control.findings'].params({ ...params, sort: 'password' }, 'params'), 'params.sort must be one of');
  });
});
