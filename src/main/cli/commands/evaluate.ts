// `triad evaluate F --out G [--overrides O]`: re-runs the current built-in checks on a saved snapshot (from the
// configuration items and API responses it stores) and re-applies the current classification, writing a new
// snapshot G. F is never modified.

import { CatalogError, loadCatalog, type Catalog } from '../../catalog';
import { evaluateSnapshot } from '../../checks-collect/evaluate';
import { SnapshotError } from '../../snapshot';
import { CliError, parseCommandArgs, printable, type Command } from '../command';

const HELP = `Usage: npm run triad -- evaluate <snapshot.triad> --out <new.triad> [--overrides O.json]

Re-runs Triad's current built-in checks on a saved snapshot, from the configuration items and the IAM, S3,
GuardDuty and Access Analyzer responses the snapshot stores, and classifies every control again with the current
catalog (and the override file, if given). Writes a new snapshot: the input's accounts, coverage, errors, evidence,
AWS Config and Trusted Advisor results, with the built-in checks' controls and findings replaced. The input file is
only read.

Use it when Triad gains checks, or to apply a new override file to an old collection.

Options:
  --out F          The new snapshot (required; must differ from the input; written atomically).
  --overrides O    Classification override file (JSON), as for \`triad catalog\`.
  -h, --help       This help.`;

export const evaluateCommand: Command = {
  name: 'evaluate',
  help: HELP,
  run(args) {
    const { values, positionals } = parseCommandArgs('evaluate', args, { out: { type: 'string' }, overrides: { type: 'string' } });
    if (positionals.length !== 1) throw new CliError('evaluate: give exactly one snapshot to evaluate (see triad evaluate --help)');
    if (!values.out) throw new CliError('evaluate: --out is required: the new snapshot to write (the input is never modified)');
    let catalog: Catalog;
    try {
      catalog = loadCatalog({ overridesPath: values.overrides });
    } catch (error) {
      if (error instanceof CatalogError) throw new CliError(`evaluate: ${error.message}`);
      throw error;
    }
    try {
      const result = evaluateSnapshot(positionals[0], values.out, catalog);
      process.stdout.write(
        `Wrote ${printable(values.out)}: ${result.builtInFindings} built-in check findings over ${result.accounts} accounts; ` +
          `${result.keptFindings} Config and Trusted Advisor findings kept; ${result.reclassified} controls classified differently than before.\n`,
      );
      return 0;
    } catch (error) {
      if (error instanceof SnapshotError) throw new CliError(`evaluate: ${error.message}`);
      throw error;
    }
  },
};
