// What a CLI command is, and the few helpers every command shares. Each command lives in commands/<name>.ts
// and is registered by one entry in index.ts (its name, its line for `triad --help`, and how to load it).

import { resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { FILTER_KEYS, filtersFromQuery, type Filters } from '../../shared/filters';

export interface Command {
  name: string;
  /** The full text for `triad <name> --help`: usage, options and, where it applies, the output format. */
  help: string;
  /** Runs with the arguments after the command name; resolves to the exit code. */
  run(args: string[]): Promise<number> | number;
}

/** A registered command: listed by `triad --help` without loading its module. */
export interface CommandEntry {
  name: string;
  /** One line for `triad --help`. */
  summary: string;
  load(): Promise<Command>;
}

/** An error the user can act on: printed as one `triad: <message>` line, exit code 1. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** npm runs scripts from the project root; a relative path means relative to where the user typed it. */
export function userPath(path: string): string {
  return resolve(process.env.INIT_CWD ?? process.cwd(), path);
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** node:util parseArgs in strict mode, with its errors turned into one-line CliErrors naming the command. */
type ParsedArgs<O extends Options> = ReturnType<typeof parseArgs<{ args: string[]; options: O; allowPositionals: true; strict: true }>>;

export function parseCommandArgs<O extends Options>(command: string, args: string[], options: O): ParsedArgs<O> {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    // Node appends a hint about '--' to unknown options; the help pointer is the more useful hint here.
    const message = (error as Error).message.split('\n')[0].replace(/\. To specify a positional argument.*$/, '');
    throw new CliError(`${command}: ${message} (see triad ${command} --help)`);
  }
}

/** Renders text from AWS or a file safe for a terminal: control and bidi-override characters become visible escapes. */
export function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Left-aligned text columns, right-aligned where `right[i]`; two spaces between columns. */
export function table(rows: string[][], right: boolean[] = []): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => [...(r[i] ?? '')].length)));
  return rows
    .map((r) =>
      r
        .map((cell, i) => {
          const pad = ' '.repeat(widths[i] - [...cell].length);
          return right[i] ? pad + cell : cell + pad;
        })
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** The app's global filters as CLI options (comma-separated lists), shared by every command that takes them. */
export const FILTER_OPTIONS = {
  accounts: { type: 'string' },
  ous: { type: 'string' },
  regions: { type: 'string' },
  statuses: { type: 'string' },
  severities: { type: 'string' },
  sources: { type: 'string' },
} as const;

export function parseFilters(command: string, values: Record<string, unknown>): Filters {
  try {
    return filtersFromQuery(Object.fromEntries(FILTER_KEYS.map((key) => [key, values[key]])));
  } catch (error) {
    throw new CliError(`${command}: ${(error as Error).message}`);
  }
}
