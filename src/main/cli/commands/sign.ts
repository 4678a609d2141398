// `triad sign F --key key.pem [--out G]`: adds the key holder's signature to a snapshot, writing the signed
// file atomically (G, or F replaced by rename).

import { KeyError, readSigningKeyFile, signSnapshotFile } from '../../integrity';
import { CliError, parseCommandArgs, printable, type Command } from '../command';

const HELP = `Usage: npm run triad -- sign <snapshot.triad> --key key.pem [--out signed.triad]

Verifies the snapshot, then signs its content digest with the Ed25519 private key (made by \`triad keygen\`).
The signature, the signer's name and key fingerprint and the public key travel inside the snapshot; the
content digest does not change. A snapshot that fails verification is not signed.

Options:
  --key FILE    The private key PEM.
  --out FILE    Write the signed snapshot here (must not exist). Without it the snapshot is replaced by its
                signed copy (atomically: written beside it, then renamed). Signing again with the same key
                replaces that key's earlier signature.
  -h, --help    This help.`;

export const signCommand: Command = {
  name: 'sign',
  help: HELP,
  run(args) {
    const { values, positionals } = parseCommandArgs('sign', args, { key: { type: 'string' }, out: { type: 'string' } });
    if (positionals.length !== 1) throw new CliError('sign: give exactly one snapshot file (see triad sign --help)');
    if (!values.key) throw new CliError('sign: --key is required (make a key with: npm run triad -- keygen --out key.pem --name "Your Name")');
    try {
      const key = readSigningKeyFile(values.key);
      const result = signSnapshotFile(positionals[0], key, { outPath: values.out });
      process.stdout.write(
        [
          `Signed    ${printable(result.path)}`,
          `Digest    ${result.digest}`,
          `Signer    ${printable(result.signer)}`,
          `Key       ${result.fingerprint}`,
          `Signed at ${result.signedAt}`,
        ].join('\n') + '\n',
      );
      return 0;
    } catch (error) {
      if (error instanceof KeyError) throw new CliError(`sign: ${error.message}`);
      throw error;
    }
  },
};
