// Command-line arguments of the browser host.

export const USAGE =
  'usage: npm run host -- [--snapshot FILE.triad] [--port N] [--output-dir DIR] [--trusted-keys FILE] [--test-signing-key-dir DIR]';

export interface HostArguments {
  snapshot?: string;
  port?: number;
  /** Where exports are saved (the browser has no save dialog); without it the host cannot export. */
  outputDir?: string;
  /** The trusted-keys list the library, the badge and the signing view use. */
  trustedKeys?: string;
  /** Tests only: keep a signing key as a plain PEM in this folder (no keychain in the browser host). */
  testSigningKeyDir?: string;
}

export function parseHostArguments(argv: readonly string[]): HostArguments {
  const parsed: HostArguments = {};
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].startsWith('--') && argv[i].includes('=') ? argv[i].split(/=(.*)/s, 2) : [argv[i], undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') throw new Error(`${flag} needs a value (${USAGE})`);
      return v;
    };
    if (flag === '--snapshot') parsed.snapshot = value();
    else if (flag === '--output-dir') parsed.outputDir = value();
    else if (flag === '--trusted-keys') parsed.trustedKeys = value();
    else if (flag === '--test-signing-key-dir') parsed.testSigningKeyDir = value();
    else if (flag === '--port') {
      const text = value();
      const port = Number(text);
      if (!/^\d+$/.test(text) || port > 65535) throw new Error(`--port must be a number from 0 to 65535, got ${text}`);
      parsed.port = port;
    } else throw new Error(`unknown argument ${argv[i]} (${USAGE})`);
  }
  return parsed;
}

