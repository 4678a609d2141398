// `triad verify F [--trusted-keys K] [--json]`: recomputes the content digest of a snapshot and checks its
// signatures; the exit code says whether it can be relied on.

import type { IntegrityReport, IntegrityState } from '../../../shared/integrity';
import { TrustedKeysError, loadTrustedKeys, verifySnapshotFile, type TrustedKeys } from '../../integrity';
import { CliError, parseCommandArgs, printable, type Command } from '../command';

/** Exit codes by state; 0 only when the content matches (and, with --trusted-keys, a trusted signer signed it). */
export const VERIFY_EXIT: Record<IntegrityState, number> = {
  verified: 0,
  signed: 0,
  unsigned: 0,
  tampered: 2,
  'invalid-signature': 3,
  untrusted: 4,
  'no-digest': 5,
};

const HELP = `Usage: npm run triad -- verify <snapshot.triad> [--trusted-keys keys.json] [--json]

Recomputes the snapshot's content digest from its rows, compares it with the digest recorded when it was
written and with the digest each signer signed, and checks every signature. Prints the digest, the
signature status and the signers.

Options:
  --trusted-keys FILE   A JSON array of { "name", "publicKeyPem" } or { "name", "fingerprint" } entries.
                        With it, the snapshot passes only when a listed key signed it.
  --json                The integrity report as JSON.
  -h, --help            This help.

Exit codes:
  0  the content matches (and, with --trusted-keys, a trusted signer signed it)
  1  the command could not run (bad arguments, unreadable file, bad trusted-keys file)
  2  TAMPERED: the content differs from its recorded digest or from what was signed
  3  a signature is invalid
  4  --trusted-keys was given and the snapshot is unsigned, or no signer is trusted
  5  the snapshot records no content digest (written by a Triad without integrity checks)`;

export const verifyCommand: Command = {
  name: 'verify',
  help: HELP,
  run(args) {
    const { values, positionals } = parseCommandArgs('verify', args, {
      'trusted-keys': { type: 'string' },
      json: { type: 'boolean' },
    });
    if (positionals.length !== 1) throw new CliError('verify: give exactly one snapshot file (see triad verify --help)');
    let trusted: TrustedKeys | undefined;
    try {
      trusted = values['trusted-keys'] === undefined ? undefined : loadTrustedKeys(values['trusted-keys']);
    } catch (error) {
      if (error instanceof TrustedKeysError) throw new CliError(`verify: trusted keys ${error.message}`);
      throw error;
    }
    const report = verifySnapshotFile(positionals[0], { trusted });
    const exitCode = report.state === 'unsigned' && trusted ? VERIFY_EXIT.untrusted : VERIFY_EXIT[report.state];
    process.stdout.write(values.json ? `${JSON.stringify({ file: positionals[0], ...report }, null, 2)}\n` : `${toText(positionals[0], report)}\n`);
    if (exitCode !== 0) {
      const why = report.state === 'unsigned' ? 'the snapshot is unsigned, so no trusted signer vouches for it' : report.message;
      process.stderr.write(`triad: verify: ${printable(positionals[0])}: ${printable(why)}\n`);
    }
    return exitCode;
  },
};

const STATE_LABELS: Record<IntegrityState, string> = {
  verified: 'VERIFIED',
  signed: 'SIGNED (signers not checked against trusted keys)',
  untrusted: 'SIGNED BY UNTRUSTED KEY',
  unsigned: 'UNSIGNED',
  'invalid-signature': 'INVALID SIGNATURE',
  tampered: 'TAMPERED',
  'no-digest': 'NO DIGEST',
};

function toText(file: string, r: IntegrityReport): string {
  const lines = [
    `Snapshot  ${printable(file)}`,
    `Status    ${STATE_LABELS[r.state]}`,
    `Digest    ${r.computedDigest} (SHA-256, ${r.scheme ?? 'triad-content-1'}, recomputed)`,
    `Recorded  ${r.recordedDigest === null ? 'none' : printable(r.recordedDigest)}${r.recordedDigest === r.computedDigest ? ' (matches)' : r.recordedDigest === null ? '' : ' (DIFFERS)'}`,
  ];
  if (r.signatures.length === 0) lines.push('Signature none');
  for (const s of r.signatures) {
    const trust = !r.trustChecked ? '' : s.trustedAs ? `; trusted as ${printable(s.trustedAs)}` : '; NOT TRUSTED';
    const state = s.state === 'valid' ? 'valid' : s.state === 'other-content' ? 'valid, but for OTHER CONTENT' : 'INVALID';
    lines.push(`Signature ${state}: ${printable(s.signer)}, key ${s.fingerprint}, signed ${printable(s.signedAt)}${trust}`);
    if (s.problem) lines.push(`          ${printable(s.problem)}`);
  }
  lines.push('', printable(r.message));
  return lines.join('\n');
}
