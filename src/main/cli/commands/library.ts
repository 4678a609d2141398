// `triad library DIR [--verify] [--json]`: the snapshots in a folder, grouped by scope and ordered by time,
// with counts, scores, digest and (with --verify) the verification state: the trend per scope as a table.

import { PILLAR_LABELS, PILLARS } from '../../../shared/domain';
import { formatPercent } from '../../../shared/scoring';
import { LibraryError, scanLibrary } from '../../library';
import { CliError, parseCommandArgs, printable, table, type Command } from '../command';

const HELP = `Usage: npm run triad -- library <folder> [--verify] [--json]

Lists the snapshots (*.triad) in a folder, grouped by scope and ordered by time: counts, failing findings,
overall and per-pillar scores, content digest and, with --verify, whether each one verifies (recomputing
every digest takes a while on large snapshots). Files that cannot be read are listed with the reason.

Options:
  --verify      Recompute each snapshot's content digest (state: unsigned, signed, tampered, …).
  --json        Machine-readable output.
  -h, --help    This help.`;

export const libraryCommand: Command = {
  name: 'library',
  help: HELP,
  async run(args) {
    const { values, positionals } = parseCommandArgs('library', args, { verify: { type: 'boolean' }, json: { type: 'boolean' } });
    if (positionals.length !== 1) throw new CliError('library: give exactly one folder (see triad library --help)');
    let library;
    try {
      library = await scanLibrary(positionals[0], { verify: values.verify === true });
    } catch (error) {
      if (error instanceof LibraryError) throw new CliError(`library: ${error.message}`);
      throw error;
    }
    if (values.json) {
      process.stdout.write(`${JSON.stringify({ format: 'triad-library', version: 1, ...library }, null, 2)}\n`);
      return 0;
    }
    const lines = [`${printable(library.folder)}: ${library.entries.length} snapshot${library.entries.length === 1 ? '' : 's'} in ${library.scopes.length} scope${library.scopes.length === 1 ? '' : 's'}`];
    for (const scope of library.scopes) {
      const rows = library.entries.filter((e) => e.scopeKey === scope.key);
      lines.push(
        '',
        `Scope ${printable(scope.label)}`,
        table(
          [
            ['Taken', 'File', 'Findings', 'Failing', 'Score', ...PILLARS.map((p) => PILLAR_LABELS[p]), 'Digest', ...(values.verify ? ['Integrity'] : [])],
            ...rows.map((e) => [
              printable(e.createdAt),
              printable(e.fileName),
              String(e.findings),
              String(e.failing),
              formatPercent(e.percent),
              ...PILLARS.map((p) => formatPercent(e.pillars.find((x) => x.pillar === p)?.percent ?? null)),
              e.digest ? `${e.digest.slice(0, 12)}…` : 'none',
              ...(values.verify ? [e.integrity ?? ''] : []),
            ]),
          ],
          [false, false, true, true, true, true, true, true, false, false],
        ),
      );
    }
    for (const u of library.unreadable) lines.push(`Unreadable: ${printable(u.fileName)}: ${printable(u.problem)}`);
    process.stdout.write(`${lines.join('\n')}\n`);
    return 0;
  },
};
