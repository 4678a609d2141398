// `triad review <init|note|sample|sign-off|show> …`: the reviewer's file beside a snapshot (docs/review.md).
// Every subcommand names the snapshot, and a review file made for another snapshot is refused.

import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { REVIEW_STATUSES, REVIEW_STATUS_LABELS, type ReviewFileContent, type ReviewStatus, type ReviewTarget } from '../../../shared/review';
import { ReviewFileError, addSample, loadReview, newReview, sampleControl, saveReview, signOff, updateItem } from '../../review';
import { openSnapshot } from '../../snapshot';
import { CliError, parseCommandArgs, printable, type Command } from '../command';

const HELP = `Usage: npm run triad -- review <subcommand> <review.json> <snapshot.triad> [options]

The review file holds, per finding or control, a status (${REVIEW_STATUSES.join(', ')}), a note and a sample
mark; reproducible samples; and a sign-off. It is tied to the snapshot by its content digest: a review file
made for another snapshot is refused. Every change is written atomically.

Subcommands:
  init R F                                  Create R for snapshot F (R must not exist).
  note R F (--finding ID | --control C) [--status S] [--note TEXT]
                                            Set the status and/or note of a finding or control.
  sample R F --control C --size N [--seed S]
                                            Pick N findings of control C at random and mark them sampled;
                                            the seed (random when not given) is recorded, so the same seed
                                            always picks the same findings.
  sign-off R F --name NAME [--date YYYY-MM-DD]
                                            Record the reviewer's sign-off (date: today).
  show R F [--json]                         Print the notes, samples and sign-off.`;

const SUBCOMMANDS = ['init', 'note', 'sample', 'sign-off', 'show'] as const;

export const reviewCommand: Command = {
  name: 'review',
  help: HELP,
  run(args) {
    const [sub, ...rest] = args;
    if (!(SUBCOMMANDS as readonly string[]).includes(sub ?? '')) throw new CliError(`review: give a subcommand: ${SUBCOMMANDS.join(', ')} (see triad review --help)`);
    const { values, positionals } = parseCommandArgs(`review ${sub}`, rest, {
      finding: { type: 'string' },
      control: { type: 'string' },
      status: { type: 'string' },
      note: { type: 'string' },
      size: { type: 'string' },
      seed: { type: 'string' },
      name: { type: 'string' },
      date: { type: 'string' },
      json: { type: 'boolean' },
    });
    if (positionals.length !== 2) throw new CliError(`review ${sub}: give the review file and the snapshot file (see triad review --help)`);
    const [reviewPath, snapshotPath] = positionals;
    const reader = openSnapshot(snapshotPath);
    const info = reader.info();
    const now = new Date().toISOString();
    try {
      if (sub === 'init') {
        if (existsSync(reviewPath)) throw new CliError(`review init: ${reviewPath} already exists; it is never overwritten`);
        saveReview(reviewPath, newReview(info));
        process.stdout.write(`Review ${printable(reviewPath)} created for ${printable(info.fileName)} (digest ${info.meta.digest})\n`);
        return 0;
      }
      const review = loadReview(reviewPath, info);
      if (sub === 'show') {
        process.stdout.write(values.json ? `${JSON.stringify(review, null, 2)}\n` : `${toText(review)}\n`);
        return 0;
      }
      if (sub === 'note') {
        const target = targetOf(values.finding, values.control);
        if (target.kind === 'finding' && !reader.finding(target.findingId)) throw new CliError(`review note: ${info.fileName} has no finding ${target.findingId}`);
        if (target.kind === 'control' && !reader.control(target.controlId)) throw new CliError(`review note: ${info.fileName} has no control ${target.controlId}`);
        if (values.status !== undefined && !(REVIEW_STATUSES as readonly string[]).includes(values.status)) {
          throw new CliError(`review note: --status must be one of ${REVIEW_STATUSES.join(', ')}, not "${values.status}"`);
        }
        if (values.status === undefined && values.note === undefined) throw new CliError('review note: give --status, --note or both');
        const item = updateItem(review, target, { status: values.status as ReviewStatus | undefined, note: values.note }, now);
        saveReview(reviewPath, review);
        process.stdout.write(`${describe(item.target)}: ${REVIEW_STATUS_LABELS[item.status]}${item.note ? ` — ${printable(item.note)}` : ''}\n`);
        return 0;
      }
      if (sub === 'sample') {
        if (!values.control) throw new CliError('review sample: --control is required');
        const size = Number(values.size);
        if (!Number.isInteger(size) || size < 1) throw new CliError(`review sample: --size must be a whole number of at least 1, not "${values.size ?? ''}"`);
        const seed = values.seed ?? randomBytes(8).toString('hex');
        const picked = sampleControl(reader.path, values.control, size, seed);
        addSample(review, { controlId: values.control, seed, size, population: picked.population, findingIds: picked.findingIds, createdAt: now });
        saveReview(reviewPath, review);
        process.stdout.write(`Sampled ${picked.findingIds.length} of ${picked.population} findings of ${printable(values.control)} with seed ${printable(seed)}: ${picked.findingIds.join(', ')}\n`);
        return 0;
      }
      if (!values.name) throw new CliError('review sign-off: --name is required');
      const date = values.date ?? now.slice(0, 10);
      if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new CliError(`review sign-off: --date must be YYYY-MM-DD, not "${date}"`);
      signOff(review, values.name, date);
      saveReview(reviewPath, review);
      process.stdout.write(`Signed off by ${printable(values.name)} on ${date}\n`);
      return 0;
    } catch (error) {
      if (error instanceof ReviewFileError) throw new CliError(`review ${sub}: ${error.message}`);
      throw error;
    } finally {
      reader.close();
    }
  },
};

function targetOf(finding: string | undefined, control: string | undefined): ReviewTarget {
  if ((finding === undefined) === (control === undefined)) throw new CliError('review note: give exactly one of --finding ID or --control C');
  if (control !== undefined) return { kind: 'control', controlId: control };
  const id = Number(finding);
  if (!Number.isInteger(id) || id < 1) throw new CliError(`review note: --finding must be a finding id (a whole number), not "${finding}"`);
  return { kind: 'finding', findingId: id };
}

const describe = (t: ReviewTarget) => (t.kind === 'finding' ? `finding ${t.findingId}` : `control ${printable(t.controlId)}`);

function toText(review: ReviewFileContent): string {
  const lines = [`Review of ${printable(review.snapshot.title)} (${printable(review.snapshot.fileName)}, digest ${review.snapshot.digest})`];
  lines.push(review.signOff ? `Signed off by ${printable(review.signOff.name)} on ${printable(review.signOff.date)}` : 'Not signed off');
  for (const s of review.samples) lines.push(`Sample of ${printable(s.controlId)}: ${s.findingIds.length} of ${s.population} (seed ${printable(s.seed)}): ${s.findingIds.join(', ')}`);
  for (const item of review.items) {
    lines.push(`${describe(item.target)}: ${REVIEW_STATUS_LABELS[item.status]}${item.sampled ? ' [sampled]' : ''}${item.note ? ` — ${printable(item.note)}` : ''}`);
  }
  return lines.join('\n');
}
