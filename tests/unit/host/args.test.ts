import { describe, expect, it } from 'vitest';
import { parseHostArguments } from '../../../src/main/host/args';

describe('parseHostArguments', () => {
  it('reads --snapshot and --port in either form', () => {
    expect(parseHostArguments([])).toEqual({});
    expect(parseHostArguments(['--snapshot', 'a b.triad', '--port', '8080'])).toEqual({ snapshot: 'a b.triad', port: 8080 });
    expect(parseHostArguments(['--snapshot=x=y.triad', '--port=0'])).toEqual({ snapshot: 'x=y.triad', port: 0 });
  });

  it.each([
    [['--port', '80a'], '--port must be a number from 0 to 65535, got 80a'],
    [['--port', '70000'], '--port must be a number from 0 to 65535, got 70000'],
    [['--port', '-1'], '--port must be a number from 0 to 65535, got -1'],
    [['--snapshot'], '--snapshot needs a value'],
    [['--snapshot='], '--snapshot needs a value'],
    [['demo.triad'], 'unknown argument demo.triad'],
  ])('refuses %j', (argv, message) => {
    expect(() => parseHostArguments(argv)).toThrow(message);
  });
});
