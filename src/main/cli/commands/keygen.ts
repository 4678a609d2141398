// `triad keygen --out key.pem --name "Jane Auditor"`: a new Ed25519 signing key.

import { KeyError, writeKeyFiles } from '../../integrity';
import { CliError, parseCommandArgs, printable, type Command } from '../command';

const HELP = `Usage: npm run triad -- keygen --out key.pem --name "Jane Auditor"

Generates an Ed25519 signing key. Writes the private key to the --out file, readable by you only (mode 0600),
and the public key beside it (key.pem → key.pub.pem) to give to whoever verifies your snapshots (as a
"publicKeyPem" entry of their trusted-keys list). Both files carry the signer name; neither file is ever
overwritten. Keep the private key secret: anyone holding it can sign as you.

Options:
  --out FILE    Where to write the private key PEM.
  --name NAME   The signer name recorded in every signature made with this key.
  -h, --help    This help.`;

export const keygenCommand: Command = {
  name: 'keygen',
  help: HELP,
  run(args) {
    const { values, positionals } = parseCommandArgs('keygen', args, { out: { type: 'string' }, name: { type: 'string' } });
    if (positionals.length) throw new CliError('keygen: takes no positional arguments (see triad keygen --help)');
    if (!values.out) throw new CliError('keygen: --out is required (the private key file to write)');
    if (values.name === undefined) throw new CliError('keygen: --name is required (the signer name signatures will show)');
    try {
      const written = writeKeyFiles(values.out, values.name);
      process.stdout.write(
        [
          `Private key  ${printable(written.privatePath)} (mode 0600: keep it secret)`,
          `Public key   ${printable(written.publicPath)}`,
          `Signer       ${printable(written.name)}`,
          `Fingerprint  ${written.fingerprint}`,
        ].join('\n') + '\n',
      );
      return 0;
    } catch (error) {
      if (error instanceof KeyError) throw new CliError(`keygen: ${error.message}`);
      throw error;
    }
  },
};
