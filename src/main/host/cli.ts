// `npm run host -- [--snapshot F] [--port N] [--output-dir D] [--trusted-keys K] [--test-signing-key-dir D]`:
// starts the browser host, prints its URL as the first line of stdout and serves until SIGINT/SIGTERM. Without
// --snapshot it opens the bundled demo. Errors: one line on stderr and a non-zero exit code.

import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { demoSnapshotPath, rendererOutDir } from '../paths';
import { parseHostArguments } from './args';
import { startHost } from './server';

async function main(): Promise<void> {
  const args = parseHostArguments(process.argv.slice(2));
  const demo = demoSnapshotPath();
  if (args.snapshot === undefined && !existsSync(demo)) {
    throw new Error(`the bundled demo snapshot ${demo} is missing: create it with \`npm run triad -- demo --out ${demo}\` or pass --snapshot`);
  }
  const host = await startHost({
    rendererDir: rendererOutDir(),
    // npm runs scripts from the project root; a relative path means relative to where the user typed it.
    snapshotPath: args.snapshot === undefined ? demo : resolve(process.env.INIT_CWD ?? process.cwd(), args.snapshot),
    port: args.port,
    outputDir: args.outputDir === undefined ? undefined : resolve(process.env.INIT_CWD ?? process.cwd(), args.outputDir),
    trustedKeysPath: args.trustedKeys === undefined ? undefined : resolve(process.env.INIT_CWD ?? process.cwd(), args.trustedKeys),
    testSigningKeyDir: args.testSigningKeyDir === undefined ? undefined : resolve(process.env.INIT_CWD ?? process.cwd(), args.testSigningKeyDir),
  });
  process.stdout.write(`${host.url}\n`);
  const stop = () => {
    host.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`triad host: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
