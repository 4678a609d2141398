// `npm run triad -- <command>`: one entry per command below registers it. A command's module (and what it
// imports: the AWS SDK, Playwright, SQLite) is loaded only when that command runs or shows its help.

import type { CommandEntry } from './command';
import { runCli } from './run';

const COMMANDS: CommandEntry[] = [
  { name: 'summary', summary: 'Pillar and account scores, counts and coverage of a snapshot (--json for scripts).', load: async () => (await import('./commands/summary')).summaryCommand },
  { name: 'catalog', summary: 'Classification of every AWS Config managed rule, with its rationale (--json for scripts).', load: async () => (await import('./commands/catalog')).catalogCommand },
  { name: 'demo', summary: 'Write the deterministic demo organization as a snapshot (--out F [--seed S] [--findings N]).', load: async () => (await import('./commands/demo')).demoCommand },
  { name: 'checks', summary: "Triad's built-in checks with their metadata and Trusted Advisor / Config equivalents (--json for scripts).", load: async () => (await import('./commands/checks')).checksCommand },
  { name: 'evaluate', summary: 'Re-run the current built-in checks and classification on a saved snapshot into a new one (evaluate F --out G).', load: async () => (await import('./commands/evaluate')).evaluateCommand },
  { name: 'collect', summary: 'Collect AWS Config compliance and evidence from AWS into a snapshot (--out F).', load: async () => (await import('./commands/collect')).collectCommand },
  { name: 'resume', summary: 'Finish an interrupted collection without re-fetching what it already has (resume F).', load: async () => (await import('./commands/resume')).resumeCommand },
  { name: 'verify', summary: 'Check that a snapshot was not changed, and who signed it.', load: async () => (await import('./commands/verify')).verifyCommand },
  { name: 'sign', summary: 'Sign a snapshot with an Ed25519 key (writes the signed file atomically).', load: async () => (await import('./commands/sign')).signCommand },
  { name: 'keygen', summary: 'Generate an Ed25519 signing key (private PEM 0600 + public PEM).', load: async () => (await import('./commands/keygen')).keygenCommand },
  { name: 'diff', summary: 'What changed between two snapshots (new failing, resolved, regressed, coverage…).', load: async () => (await import('./commands/diff')).diffCommand },
  { name: 'exceptions', summary: 'Validate an exceptions (accepted risks) file and show its effect on a snapshot.', load: async () => (await import('./commands/exceptions')).exceptionsCommand },
  { name: 'review', summary: 'Review notes, reproducible samples and sign-off, in a file tied to a snapshot.', load: async () => (await import('./commands/review')).reviewCommand },
  { name: 'library', summary: 'The snapshots in a folder by scope and time: scores, counts, digests (the trend).', load: async () => (await import('./commands/library')).libraryCommand },
  { name: 'report', summary: 'Write the audit report of a snapshot as a PDF (--out F [--paper a4|letter] [filters]).', load: async () => (await import('./commands/report')).reportCommand },
  { name: 'export', summary: 'Export the findings of a snapshot as CSV, JSON or OCSF (--format F --out X [--bom] [filters]).', load: async () => (await import('./commands/export')).exportCommand },
];

process.on('uncaughtException', (error) => {
  process.stderr.write(`triad: ${error.message.split('\n')[0]}\n`);
  process.exit(1);
});

// `npm run triad` starts in the project root; relative paths the user typed mean where they typed them.
if (process.env.npm_lifecycle_event === 'triad' && process.env.INIT_CWD) process.chdir(process.env.INIT_CWD);

process.exitCode = await runCli(COMMANDS, process.argv.slice(2));
