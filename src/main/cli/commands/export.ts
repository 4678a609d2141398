// `triad export F --format csv|json|ocsf --out X [--bom] [filters]`: the findings of a snapshot as a
// spreadsheet-safe CSV, documented JSON, or OCSF Compliance Finding events (one JSON object per line). Streamed
// (a million findings never sit in memory) and written atomically.

import { basename } from 'node:path';
import { STATUSES } from '../../../shared/domain';
import { OutputPathError, checkWritable } from '../../export/atomic';
import { CSV_COLUMNS, writeFindingsCsv } from '../../export/csv';
import type { ExportResult } from '../../export/findings';
import { JSON_EXPORT_SHAPE, writeFindingsJson } from '../../export/json';
import { OCSF_VERSION, writeFindingsOcsf } from '../../export/ocsf';
import { triadVersion } from '../../paths';
import { snapshotDigest } from '../../report/digest';
import { createReportSource } from '../../report/source';
import { openSnapshot } from '../../snapshot';
import { CliError, FILTER_OPTIONS, parseCommandArgs, parseFilters, userPath, type Command } from '../command';

const FORMATS = ['csv', 'json', 'ocsf'] as const;

const HELP = `Usage: npm run triad -- export <snapshot.triad> --format csv|json|ocsf --out <file> [--bom] [filters]

Writes the findings of a snapshot (all statuses, or those the filters keep), one per row, streamed and
written atomically.

Formats:
  csv    RFC 4180, UTF-8 (--bom adds a byte order mark for Excel), one row per finding with the columns:
         ${CSV_COLUMNS.map(([name]) => name).join(', ')}.
         A cell starting with =, +, -, @, tab or carriage return is prefixed with ' so no spreadsheet
         evaluates it as a formula.
  json   One JSON document, version 1:
${JSON_EXPORT_SHAPE}
  ocsf   OCSF ${OCSF_VERSION} Compliance Finding events (class_uid 2003, category_uid 2), one JSON object per line,
         for data lakes and SIEMs. Triad's pillar, principles, layer and evidence id are in "unmapped".

Options:
  --format csv|json|ocsf  The format (required).
  --out <file>            The file to write (replaced if it exists).
  --bom                   CSV only: start with a UTF-8 byte order mark.
  --accounts a,b          Only these account ids.
  --ous Root/Prod,...     Only accounts in these OUs (or below them).
  --regions r1,r2         Only these regions.
  --statuses S1,S2        Only findings with these statuses (${STATUSES.join(', ')}).
  --severities s1,s2      Only controls of these severities.
  --sources s1,s2         Only controls from these sources.
  -h, --help              This help.`;

export const exportCommand: Command = {
  name: 'export',
  help: HELP,
  async run(args) {
    const { values, positionals } = parseCommandArgs('export', args, {
      format: { type: 'string' },
      out: { type: 'string' },
      bom: { type: 'boolean' },
      ...FILTER_OPTIONS,
    });
    if (positionals.length !== 1) throw new CliError('export: give exactly one snapshot file (see triad export --help)');
    const format = values.format?.toLowerCase();
    if (!format || !(FORMATS as readonly string[]).includes(format)) {
      throw new CliError(`export: --format must be csv, json or ocsf${values.format ? ` (got "${values.format}")` : ''}`);
    }
    if (!values.out) throw new CliError('export: --out <file> is required (see triad export --help)');
    if (values.bom && format !== 'csv') throw new CliError('export: --bom applies to --format csv only');
    const out = userPath(values.out);
    const filters = parseFilters('export', values);
    try {
      checkWritable(out);
    } catch (error) {
      if (error instanceof OutputPathError) throw new CliError(`export: ${error.message}`);
      throw error;
    }

    const reader = openSnapshot(userPath(positionals[0]));
    const source = createReportSource(reader);
    let result: ExportResult;
    try {
      if (format === 'csv') {
        result = await writeFindingsCsv(source, { filters, outPath: out, bom: values.bom ?? false });
      } else {
        const digest = await snapshotDigest(reader.path, reader.info().meta);
        result =
          format === 'json'
            ? await writeFindingsJson(source, { filters, outPath: out, digest, exportedAt: new Date().toISOString() })
            : await writeFindingsOcsf(source, { filters, outPath: out, digest, triadVersion: triadVersion() });
      }
    } catch (error) {
      if (error instanceof OutputPathError) throw new CliError(`export: ${error.message}`);
      throw error;
    } finally {
      source.close();
      reader.close();
    }
    process.stdout.write(
      `Wrote ${out} (${format.toUpperCase()}, ${result.rows} findings, ${(result.bytes / 1_048_576).toFixed(1)} MB, SHA-256 ${result.sha256}) from ${basename(reader.path)}\n`,
    );
    return 0;
  },
};
