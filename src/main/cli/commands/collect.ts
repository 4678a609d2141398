// `triad collect`: collects AWS Config compliance and evidence into a snapshot, with a progress bar on a
// terminal and a plain log otherwise. `triad resume` (resume.ts) continues an interrupted run through the
// same runner.

import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { resolve } from 'node:path';
import type { CollectionProgress } from '../../../shared/api';
import { collect, CollectionControl, NothingCollectedError, requestProblems, type CollectOptions, type CollectResult } from '../../collect';
import { createSnapshotWriter, openSnapshot, workPathFor } from '../../snapshot';
import { CliError, parseCommandArgs, printable, type Command } from '../command';

/** Exit code when the collection stopped with its work file kept for `triad resume` (EX_TEMPFAIL). */
export const EXIT_RESUMABLE = 75;

const HELP = `Usage: npm run triad -- collect [--profile P] [--self] [--accounts a,b | --org | --aggregator NAME]
         [--role R] [--external-id X] [--mfa-serial S --mfa-code C] [--regions r1,r2|all] --out F

Collects AWS Config rule and conformance-pack compliance, with the configuration item behind every result,
into the snapshot F, then runs Triad's built-in checks in each account (reading the IAM credential report,
account summary, password policy and authorization details, S3 account Block Public Access, GuardDuty and
IAM Access Analyzer) and reads real Trusted Advisor results where the support plan allows. Read-only: Triad
calls only Describe/Get/List/BatchGet operations, plus iam:GenerateCredentialReport (see
resources/iam/triad-auditor-policy.json for the permissions the role needs).

Credentials come from the AWS default chain or the named profile (static keys, IAM Identity Center/SSO,
credential_process, role profiles). Triad never asks for, stores or prints a secret.

Scopes (combinable; --self is the default when none is given):
  --self                 The account of the credentials.
  --accounts a,b         These accounts, assuming --role in each.
  --org                  Every ACTIVE account of the organization (from the management account or a delegated
                         administrator), assuming --role in each; suspended accounts are reported as skipped.
  --aggregator NAME      An AWS Config aggregator of the credentials' account (no role assumption).

Options:
  --profile P            AWS profile (default: the default credential chain).
  --role R               Role name (or path/name, or ARN) to assume in each account.
  --external-id X        ExternalId the role's trust policy requires.
  --mfa-serial S         MFA device ARN when the role requires MFA, with --mfa-code.
  --mfa-code C           The current 6-digit MFA code.
  --session-duration N   Role session length in seconds (900-43200; default the role's default).
  --regions r1,r2|all    Regions to collect, or all regions enabled in each account.
  --home-region R        Region for STS, Organizations and the aggregator (default: profile region, us-east-1).
  --endpoint URL         Send every call to this endpoint (AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_<SERVICE>
                         are honoured without it).
  --concurrency N        Account × region pairs collected at the same time (default 32).
  --rate N               Requests per second per account × region × AWS Config API (default 8).
  --title T              Snapshot title.
  --out F                The snapshot to write. Until it finishes, the work is in F.partial.
  -h, --help             This help.

Exit status: 0 when a snapshot was written, even a partial one (Ctrl+C finishes a partial snapshot); 1 when
nothing could be collected; ${EXIT_RESUMABLE} when an expired SSO session stopped a non-interactive run: log in, then
run \`npm run triad -- resume F\`. On a terminal, an expired SSO session pauses the run until you press Enter.`;

export const collectCommand: Command = {
  name: 'collect',
  help: HELP,
  async run(args) {
    const { values, positionals } = parseCommandArgs('collect', args, {
      profile: { type: 'string' },
      self: { type: 'boolean' },
      accounts: { type: 'string' },
      org: { type: 'boolean' },
      aggregator: { type: 'string' },
      role: { type: 'string' },
      'external-id': { type: 'string' },
      'mfa-serial': { type: 'string' },
      'mfa-code': { type: 'string' },
      'session-duration': { type: 'string' },
      regions: { type: 'string' },
      'home-region': { type: 'string' },
      endpoint: { type: 'string' },
      concurrency: { type: 'string' },
      rate: { type: 'string' },
      title: { type: 'string' },
      out: { type: 'string' },
    });
    if (positionals.length) throw new CliError(`collect: unexpected argument "${positionals[0]}" (see triad collect --help)`);
    if (!values.out) throw new CliError('collect: --out <file.triad> is required (see triad collect --help)');
    const list = (text: string | undefined) => text?.split(',').map((s) => s.trim()).filter(Boolean);
    const regions = list(values.regions);
    const allRegions = regions?.length === 1 && regions[0] === 'all';
    const options: CollectOptions = {
      outPath: resolve(values.out),
      profile: values.profile,
      self: values.self ?? !(values.accounts || values.org || values.aggregator),
      accounts: list(values.accounts),
      organization: values.org,
      aggregator: values.aggregator,
      role: values.role,
      externalId: values['external-id'],
      mfaSerial: values['mfa-serial'],
      mfaCode: values['mfa-code'],
      sessionDurationSeconds: positiveInt(values['session-duration'], 'session-duration'),
      regions: allRegions ? undefined : regions,
      allRegions: allRegions || undefined,
      homeRegion: values['home-region'],
      endpoint: values.endpoint,
      concurrency: positiveInt(values.concurrency, 'concurrency'),
      ratePerSecond: positiveInt(values.rate, 'rate'),
      title: values.title,
    };
    const problems = requestProblems(options);
    if (problems.length) throw new CliError(`collect: ${problems[0]} (see triad collect --help)`);
    if (existsSync(workPathFor(options.outPath))) {
      throw new CliError(`collect: ${workPathFor(options.outPath)} holds an interrupted collection: run \`npm run triad -- resume ${values.out}\`, or delete it to start again`);
    }
    return runCollection(options, false);
  },
};

function positiveInt(text: string | undefined, name: string): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 1) throw new CliError(`collect: --${name} must be a positive whole number (got "${text}")`);
  return value;
}

/** The request a resumed run needs, stored beside the work file; the MFA code is single-use and never kept. */
export const requestPathFor = (outPath: string): string => `${workPathFor(outPath)}.request.json`;

type StoredRequest = Omit<CollectOptions, 'mfaCode'>;

function storeRequest(options: CollectOptions): void {
  const { mfaCode: _mfaCode, ...stored } = options;
  const path = requestPathFor(options.outPath);
  writeFileSync(`${path}.tmp`, `${JSON.stringify(stored satisfies StoredRequest, null, 2)}\n`, { mode: 0o600 });
  renameSync(`${path}.tmp`, path);
}

export function loadStoredRequest(outPath: string): StoredRequest {
  const path = requestPathFor(outPath);
  if (!existsSync(workPathFor(outPath))) throw new CliError(`resume: there is no interrupted collection for ${outPath} (${workPathFor(outPath)} does not exist)`);
  if (!existsSync(path)) throw new CliError(`resume: ${path} is missing, so the collection's scope is unknown; start again with \`triad collect\``);
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as StoredRequest;
  } catch (error) {
    throw new CliError(`resume: ${path} is not valid JSON (${(error as Error).message}); start again with \`triad collect\``);
  }
}

/** Runs a collection to its end on the terminal; shared by `collect` and `resume`. */
export async function runCollection(options: CollectOptions, resume: boolean): Promise<number> {
  // The SDK's notice about future Node versions is not the user's concern here; it would break the one-line output.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const writer = createSnapshotWriter(options.outPath, { resume, writerThread: true });
  if (!resume) storeRequest(options);
  const control = new CollectionControl();
  const cancel = new AbortController();
  const view = process.stderr.isTTY ? new ProgressBar() : new PlainLog();
  let paused: Promise<void> | null = null;
  const onSigint = () => {
    if (cancel.signal.aborted) return;
    view.line('Cancelling: finishing a partial snapshot with what was collected...');
    cancel.abort();
  };
  process.on('SIGINT', onSigint);
  const onProgress = (p: CollectionProgress) => {
    view.progress(p);
    if (p.state === 'paused' && p.message && !paused) {
      paused = waitForUser(p.message, control, view).finally(() => (paused = null));
    }
  };

  let result: CollectResult;
  try {
    result = await collect(options, { writer, signal: cancel.signal, control, onProgress });
  } catch (error) {
    if (error instanceof NothingCollectedError) {
      discardWork(options.outPath);
      throw new CliError(`collect: nothing could be collected: ${error.message}`);
    }
    throw error;
  } finally {
    process.off('SIGINT', onSigint);
    view.end();
  }
  if (result.interrupted) {
    process.stderr.write(`triad: collection stopped; the work is kept in ${workPathFor(options.outPath)}. Continue with: npm run triad -- resume ${options.outPath}\n`);
    return EXIT_RESUMABLE;
  }
  rmSync(requestPathFor(options.outPath), { force: true });
  const summary = summarize(result, options.outPath);
  process.stdout.write(`${summary.line}\n`);
  if (summary.pairsWithData === 0) {
    process.stderr.write(`triad: collect: nothing could be collected (every account × region failed; the errors are in ${options.outPath})\n`);
    return 1;
  }
  return 0;
}

/** The whole snapshot's coverage (a resumed run included), read back from the file just written. */
export function summarize(result: CollectResult, outPath: string): { line: string; pairsWithData: number } {
  const reader = openSnapshot(outPath);
  try {
    const { coverage, snapshot } = reader.overview();
    const byState = new Map<string, number>();
    for (const gap of coverage.gaps) byState.set(gap.state, (byState.get(gap.state) ?? 0) + 1);
    const gaps = [...byState].map(([state, n]) => `${n} ${state}`).join(', ');
    const pairsWithData = coverage.pairs - (byState.get('failed') ?? 0) - (byState.get('skipped') ?? 0);
    const line =
      `Coverage: ${coverage.collected} of ${coverage.pairs} account × region pairs fully collected` +
      (gaps ? ` (${gaps})` : '') +
      `; ${snapshot.counts.findings} findings, ${coverage.errorCount} errors; this run: ${result.calls} calls, ${result.throttles} throttles. ` +
      `Wrote ${outPath}${result.partial ? ' (partial: cancelled)' : ''}`;
    return { line, pairsWithData };
  } finally {
    reader.close();
  }
}

function discardWork(outPath: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${workPathFor(outPath)}${suffix}`, { force: true });
  rmSync(requestPathFor(outPath), { force: true });
}

/** An expired SSO session: on a terminal wait for Enter, otherwise stop with the work file kept. */
async function waitForUser(message: string, control: CollectionControl, view: View): Promise<void> {
  if (!process.stdin.isTTY) {
    view.line(`${message}. Stopping; the work so far is kept.`);
    control.interrupt();
    return;
  }
  view.line(`${message}, then press Enter to continue (Ctrl+C finishes a partial snapshot).`);
  const rl = createInterface({ input: process.stdin });
  await new Promise<void>((done) => rl.once('line', () => done()));
  rl.close();
  control.resume();
}

interface View {
  progress(p: CollectionProgress): void;
  line(text: string): void;
  end(): void;
}

const duration = (seconds: number | null) =>
  seconds === null ? '--:--' : `${Math.floor(seconds / 60)}:${String(Math.round(seconds % 60)).padStart(2, '0')}`;

/** A one-line bar on stderr, redrawn in place; errors and pair gaps print above it. */
class ProgressBar implements View {
  private last = '';

  progress(p: CollectionProgress): void {
    if (p.lastError) this.line(`error: ${p.lastError.accountId} ${p.lastError.region} ${p.lastError.operation}: ${printable(p.lastError.code)}: ${printable(p.lastError.message)}`);
    const width = 24;
    const filled = p.pairsTotal ? Math.round((p.pairsDone / p.pairsTotal) * width) : 0;
    this.last =
      `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${p.pairsDone}/${p.pairsTotal} pairs  ${p.calls} calls  ` +
      `${p.throttles} throttles  ${p.retries} retries  ${p.errors} errors  ETA ${duration(p.etaSeconds)}${p.state === 'paused' ? '  PAUSED' : ''}`;
    process.stderr.write(`\r\u001b[2K${this.last}`);
  }

  line(text: string): void {
    process.stderr.write(`\r\u001b[2K${text}\n${this.last}`);
  }

  end(): void {
    process.stderr.write('\r\u001b[2K');
  }
}

/** One line per finished pair and per error, for logs and CI. */
class PlainLog implements View {
  progress(p: CollectionProgress): void {
    if (p.lastError) this.line(`error ${p.lastError.accountId} ${p.lastError.region} ${p.lastError.operation} ${printable(p.lastError.code)}: ${printable(p.lastError.message)}`);
    if (p.lastPair) {
      const reason = p.lastPair.reason ? ` (${printable(p.lastPair.reason)})` : '';
      this.line(`pair ${p.pairsDone}/${p.pairsTotal} ${p.lastPair.accountId} ${p.lastPair.region} ${p.lastPair.state}${reason}`);
    }
  }

  line(text: string): void {
    process.stdout.write(`${text}\n`);
  }

  end(): void {}
}
