import { describe, expect, it } from 'vitest';
import { parseHostArguments } from '../../../src/main/host/args';

describe('parseHostArguments', () => {
  it('reads --snapshot and --port in either form', () => {
    expect(parseHostArguments([])).toEqual({});
    expect(parseHostArguments(['--snapshot', 'a b.triad', '--port', '8080'])).toEqual({ snapshot: 'a b.triad', port: 8080 });
    expect(parseHostArguments(['--snapshot=x=y.triad', '--port=0'])).toEqual({ snapshot: 'x=y.triad', port: 0 });
  });

  it('reads the export folder, the trusted-keys list and the test-only signing key folder', () => {
    expect(parseHostArguments(['--output-dir', '/tmp/out', '--trusted-keys=/tmp/trusted.json', '--test-signing-key-dir', '/tmp/keys'])).toEqual({
      outputDir: '/tmp/out',
      trustedKeys: '/tmp/trusted.json',
      testSigningKeyDir: '/tmp/keys',
    });
  });

  it.each([
    [['--port', '80a'], '--port must be a number from 0 to 65535, got 80a'],
    [['--port', '70000'], '--port must be a number from 0 to 65535, got 70000'],
    [['--port', '-1'], '--port must be a number from 0 to 65535, got -1'],
    [['--snapshot'], '--snapshot needs a value'],
    [['--snapshot='], '--snapshot needs a value'],
    [['demo.triad'], 'unknown argument demo.triad'],
    [['--output-dir'], '--output-dir needs a value'],
  ])('refuses %j', (argv, message) => {
    expect(() => parseHostArguments(argv)).toThrow(message);
  });
});
