// `triad demo --out F [--seed S] [--findings N]`: writes the deterministic demo organization as a snapshot.

import { accessSync, constants, rmSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { CatalogError, loadCatalog, type Catalog } from '../../catalog';
import {
  DEFAULT_DEMO_FINDINGS,
  DEFAULT_DEMO_SEED,
  MAX_DEMO_FINDINGS,
  MIN_DEMO_FINDINGS,
  generateDemo,
  type DemoResult,
} from '../../demo';
import { SnapshotError, createSnapshotWriter, workPathFor, type SnapshotWriter } from '../../snapshot';
import { CliError, parseCommandArgs, type Command } from '../command';

const HELP = `Usage: npm run triad -- demo --out <file.triad> [--seed S] [--findings N]

Writes a snapshot of a fictional organization (12 accounts, 4 regions, AWS managed rules, two conformance
packs, custom rules, configuration items, hostile tag values and collection errors). The same seed and
options always give the same content. The file is written atomically: a failure never leaves a partial file
under the final name.

Options:
  --out <file>      The snapshot to write (replaced if it exists).
  --seed <text>     Seed of the generator (default "${DEFAULT_DEMO_SEED}").
  --findings <N>    About how many findings to generate, ${MIN_DEMO_FINDINGS} to ${MAX_DEMO_FINDINGS} (default ${DEFAULT_DEMO_FINDINGS}).
  -h, --help        This help.`;

export const demoCommand: Command = {
  name: 'demo',
  help: HELP,
  run(args) {
    const { values, positionals } = parseCommandArgs('demo', args, {
      out: { type: 'string' },
      seed: { type: 'string' },
      findings: { type: 'string' },
    });
    if (positionals.length) throw new CliError(`demo: unexpected argument "${positionals[0]}" (see triad demo --help)`);
    if (!values.out) throw new CliError('demo: --out <file.triad> is required (see triad demo --help)');
    const out = resolve(values.out);
    const findings = parseFindings(values.findings);
    const seed = values.seed ?? DEFAULT_DEMO_SEED;
    if (!seed.trim()) throw new CliError('demo: --seed must not be empty');
    checkWritable(out);

    const catalog = loadDemoCatalog();
    const writer = openWriter(out);
    let result: DemoResult;
    try {
      result = generateDemo(writer, { seed, findings }, catalog);
    } catch (error) {
      discard(writer, out);
      throw error;
    }
    const sizeMb = (statSync(out).size / 1_048_576).toFixed(1);
    process.stdout.write(
      `Wrote ${out} (${sizeMb} MB): ${result.findings} findings on ${result.resources} resources, ` +
        `${result.controls} controls, ${result.accounts} accounts (seed "${seed}")\n`,
    );
    return 0;
  },
};

function loadDemoCatalog(): Catalog {
  try {
    return loadCatalog();
  } catch (error) {
    if (error instanceof CatalogError) throw new CliError(`demo: ${error.message}`);
    throw error;
  }
}

function parseFindings(text: string | undefined): number {
  if (text === undefined) return DEFAULT_DEMO_FINDINGS;
  const digits = text.replace(/[_,]/g, '');
  const value = /^\d+$/.test(digits) ? Number(digits) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < MIN_DEMO_FINDINGS || value > MAX_DEMO_FINDINGS) {
    throw new CliError(
      `demo: --findings must be a whole number from ${MIN_DEMO_FINDINGS} to ${MAX_DEMO_FINDINGS} (got "${text}")`,
    );
  }
  return value;
}

/** Fails early, with the folder named, instead of deep inside SQLite. */
function checkWritable(out: string): void {
  const folder = dirname(out);
  let isFolder: boolean;
  try {
    isFolder = statSync(folder).isDirectory();
  } catch {
    throw new CliError(`demo: cannot write ${out}: the folder ${folder} does not exist`);
  }
  if (!isFolder) throw new CliError(`demo: cannot write ${out}: ${folder} is not a folder`);
  try {
    accessSync(folder, constants.W_OK);
  } catch {
    throw new CliError(`demo: cannot write ${out}: no permission to write in ${folder}`);
  }
  let target;
  try {
    target = statSync(out);
  } catch {
    return;
  }
  if (target.isDirectory()) throw new CliError(`demo: cannot write ${out}: it is a folder`);
}

function openWriter(out: string): SnapshotWriter {
  try {
    return createSnapshotWriter(out);
  } catch (error) {
    if (error instanceof SnapshotError) throw error;
    throw new CliError(`demo: cannot write ${out}: ${(error as Error).message}`);
  }
}

/** A demo run that failed leaves nothing behind: it is regenerated, never resumed. */
function discard(writer: SnapshotWriter, out: string): void {
  writer.close();
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${workPathFor(out)}${suffix}`, { force: true });
}
