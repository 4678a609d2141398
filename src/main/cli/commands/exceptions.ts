// `triad exceptions E [--snapshot F] [--as-of YYYY-MM-DD] [--json]`: validates an exceptions file and, with a
// snapshot, shows what each exception covers and the scores without and with exceptions.

import { PILLAR_LABELS, PILLARS, type PillarKey } from '../../../shared/domain';
import { exceptionState, type ScoreViews } from '../../../shared/exceptions';
import { formatPercent } from '../../../shared/scoring';
import { ExceptionsFileError, applyExceptions, loadExceptions } from '../../exceptions';
import { CliError, parseCommandArgs, printable, table, type Command } from '../command';

const HELP = `Usage: npm run triad -- exceptions <exceptions.json> [--snapshot F] [--as-of YYYY-MM-DD] [--json]

Validates an exceptions (accepted risks) file; the format is in docs/exceptions.md. Lists every exception with
its state on the day checked: live (applies), expired (flagged; its findings count as failing again) or
pending (created later). With --snapshot, also counts the NON_COMPLIANT findings each one covers and prints
every score twice: without exceptions, and with them (excepted findings shown beside the score, never as
compliant).

Options:
  --snapshot F     The snapshot to apply the exceptions to.
  --as-of DAY      The day expiry is judged on (default: today, UTC).
  --json           Machine-readable output.
  -h, --help       This help.

Exit codes: 0 valid (all exceptions live or pending); 1 invalid file or other error; 3 valid, but at least
one exception has expired.`;

export const exceptionsCommand: Command = {
  name: 'exceptions',
  help: HELP,
  run(args) {
    const { values, positionals } = parseCommandArgs('exceptions', args, {
      snapshot: { type: 'string' },
      'as-of': { type: 'string' },
      json: { type: 'boolean' },
    });
    if (positionals.length !== 1) throw new CliError('exceptions: give exactly one exceptions file (see triad exceptions --help)');
    const asOfText = values['as-of'];
    if (asOfText !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(asOfText)) throw new CliError(`exceptions: --as-of must be a date YYYY-MM-DD, not "${asOfText}"`);
    const asOf = asOfText ? new Date(`${asOfText}T12:00:00Z`) : new Date();
    let file;
    try {
      file = loadExceptions(positionals[0]);
    } catch (error) {
      if (error instanceof ExceptionsFileError) throw new CliError(`exceptions: ${error.message.replace(/\n/g, ' ')}`);
      throw error;
    }
    const applied = values.snapshot ? applyExceptions(values.snapshot, file.exceptions, asOf) : null;
    const outcomes = applied?.outcomes ?? file.exceptions.map((entry) => ({ entry, state: exceptionState(entry, asOf), matched: null as number | null }));
    const expired = outcomes.filter((o) => o.state === 'expired');

    if (values.json) {
      process.stdout.write(`${JSON.stringify({ format: 'triad-exceptions-check', version: 1, file: file.file, asOf: asOf.toISOString(), outcomes, scores: applied && { total: applied.total, pillars: applied.pillars, excepted: applied.excepted } }, null, 2)}\n`);
    } else {
      const lines = [
        `${printable(file.file)}: ${file.exceptions.length} exception${file.exceptions.length === 1 ? '' : 's'}, checked on ${asOf.toISOString().slice(0, 10)}`,
        '',
        table([
          ['Id', 'State', 'Expires', 'Owner', 'Approver', 'Scope', ...(applied ? ['Covers'] : [])],
          ...outcomes.map((o) => [
            printable(o.entry.id),
            o.state === 'expired' ? 'EXPIRED' : o.state,
            o.entry.expires,
            printable(o.entry.owner),
            printable(o.entry.approver),
            printable(Object.entries(o.entry.scope).map(([k, v]) => `${k}=${v}`).join(' ')),
            ...(applied ? [`${o.matched} failing`] : []),
          ]),
        ]),
      ];
      if (applied) {
        const row = (label: string, v: ScoreViews) => [label, formatPercent(v.withoutExceptions.percent), formatPercent(v.withExceptions.percent), String(v.withExceptions.excepted)];
        const keys: PillarKey[] = [...PILLARS, 'unclassified'];
        lines.push(
          '',
          table(
            [
              ['Pillar', 'Without exceptions', 'With exceptions', 'Excepted'],
              ...keys.map((k) => row(k === 'unclassified' ? 'Unclassified' : PILLAR_LABELS[k], applied.pillars[k])),
              row('All', applied.total),
            ],
            [false, true, true, true],
          ),
          '',
          'With exceptions, excepted findings are shown beside the score (neither compliant nor non-compliant).',
        );
      }
      for (const o of expired) {
        lines.push(`EXPIRED: ${printable(o.entry.id)} expired on ${o.entry.expires} and no longer applies${o.matched === null ? '' : `; ${o.matched} finding${o.matched === 1 ? '' : 's'} it covered count as failing again`}.`);
      }
      process.stdout.write(`${lines.join('\n')}\n`);
    }
    return expired.length ? 3 : 0;
  },
};
