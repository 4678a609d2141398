// `triad resume F`: finishes a collection that was interrupted (kill, crash, expired SSO session), without
// collecting again the account × region pairs already done.

import { resolve } from 'node:path';
import { CliError, parseCommandArgs, type Command } from '../command';
import { EXIT_RESUMABLE, loadStoredRequest, runCollection } from './collect';

const HELP = `Usage: npm run triad -- resume <file.triad> [--mfa-code C]

Continues the interrupted collection whose work is in <file.triad>.partial, with the scope, regions and
options it was started with. Account × region pairs already collected are not fetched again and nothing is
duplicated; the pairs that were in progress are collected from the start.

Options:
  --mfa-code C    A current MFA code, when the role requires MFA (codes are never stored).
  -h, --help      This help.

Exit status as for collect (0 written, 1 nothing collected, ${EXIT_RESUMABLE} stopped again and still resumable).`;

export const resumeCommand: Command = {
  name: 'resume',
  help: HELP,
  async run(args) {
    const { values, positionals } = parseCommandArgs('resume', args, { 'mfa-code': { type: 'string' } });
    if (positionals.length !== 1) throw new CliError('resume: give the snapshot file of the interrupted collection (see triad resume --help)');
    const outPath = resolve(positionals[0]);
    const stored = loadStoredRequest(outPath);
    if (stored.mfaSerial && !values['mfa-code']) throw new CliError('resume: the role requires MFA: add --mfa-code with a current code');
    return runCollection({ ...stored, outPath, mfaCode: values['mfa-code'] }, true);
  },
};
