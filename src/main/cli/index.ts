// `npm run triad -- <command>`: one line per command below registers it.

import type { Command } from './command';
import { runCli } from './run';
import { summaryCommand } from './commands/summary';
import { catalogCommand } from './commands/catalog';
import { demoCommand } from './commands/demo';
import { collectCommand } from './commands/collect';
import { resumeCommand } from './commands/resume';
import { checksCommand } from './commands/checks';
import { evaluateCommand } from './commands/evaluate';
import { reportCommand } from './commands/report';
import { exportCommand } from './commands/export';
import { verifyCommand } from './commands/verify';
import { signCommand } from './commands/sign';
import { keygenCommand } from './commands/keygen';
import { diffCommand } from './commands/diff';
import { exceptionsCommand } from './commands/exceptions';
import { reviewCommand } from './commands/review';
import { libraryCommand } from './commands/library';

const COMMANDS: Command[] = [
  summaryCommand,
  catalogCommand,
  demoCommand,
  checksCommand,
  evaluateCommand,
  collectCommand,
  resumeCommand,
  verifyCommand,
  signCommand,
  keygenCommand,
  diffCommand,
  exceptionsCommand,
  reviewCommand,
  libraryCommand,
  reportCommand,
  exportCommand,
];

process.on('uncaughtException', (error) => {
  process.stderr.write(`triad: ${error.message.split('\n')[0]}\n`);
  process.exit(1);
});

// `npm run triad` starts in the project root; relative paths the user typed mean where they typed them.
if (process.env.npm_lifecycle_event === 'triad' && process.env.INIT_CWD) process.chdir(process.env.INIT_CWD);

process.exitCode = await runCli(COMMANDS, process.argv.slice(2));
