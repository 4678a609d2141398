// `npm run triad -- <command>`: one line per command below registers it.

import type { Command } from './command';
import { runCli } from './run';
import { summaryCommand } from './commands/summary';
import { catalogCommand } from './commands/catalog';
import { demoCommand } from './commands/demo';
import { collectCommand } from './commands/collect';
import { resumeCommand } from './commands/resume';
import { checksCommand } from './commands/checks';
import { reportCommand } from './commands/report';
import { exportCommand } from './commands/export';
import { verifyCommand } from './commands/verify';
import { signCommand } from './commands/sign';
import { keygenCommand } from './commands/keygen';
import { diffCommand } from './commands/diff';

const COMMANDS: Command[] = [
  summaryCommand,
  catalogCommand,
  demoCommand,
  checksCommand,
  collectCommand,
  resumeCommand,
  verifyCommand,
  signCommand,
  keygenCommand,
  diffCommand,
  reportCommand,
  exportCommand,
];

process.on('uncaughtException', (error) => {
  process.stderr.write(`triad: ${error.message.split('\n')[0]}\n`);
  process.exit(1);
});

process.exitCode = await runCli(COMMANDS, process.argv.slice(2));
