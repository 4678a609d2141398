// The CLI driver: finds the command, prints help, and turns every failure into one line on stderr with a
// non-zero exit code. Set TRIAD_DEBUG=1 to also see the stack of an unexpected error.

import { SnapshotError } from '../snapshot';
import { CliError, type CommandEntry } from './command';

export async function runCli(commands: CommandEntry[], argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const topic = name === 'help' ? args[0] : undefined;
    const entry = topic ? commands.find((c) => c.name === topic) : undefined;
    if (topic && !entry) return fail(`unknown command "${topic}" (see triad --help)`);
    process.stdout.write(`${entry ? (await entry.load()).help : usage(commands)}\n`);
    return 0;
  }
  const entry = commands.find((c) => c.name === name);
  if (!entry) return fail(`unknown command "${name}" (see triad --help)`);
  const command = await entry.load();
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(`${command.help}\n`);
    return 0;
  }
  try {
    return await command.run(args);
  } catch (error) {
    if (error instanceof CliError) return fail(error.message, error.exitCode);
    if (error instanceof SnapshotError) return fail(error.message);
    if (process.env.TRIAD_DEBUG) console.error(error);
    return fail(`${name} failed unexpectedly: ${oneLine(error)}`);
  }
}

function usage(commands: CommandEntry[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'Usage: npm run triad -- <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run `npm run triad -- <command> --help` for a command’s options.',
  ].join('\n');
}

function oneLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0];
}

function fail(message: string, exitCode = 1): number {
  process.stderr.write(`triad: ${oneLine(message)}\n`);
  return exitCode;
}
