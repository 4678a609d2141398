// `triad diff A B [--json] [--limit N]`: what changed between two snapshots of the same scope, finding by
// finding, with coverage changes beside it so "resolved" never hides "no longer collected".

import { once } from 'node:events';
import { DIFF_CATEGORIES, DIFF_CATEGORY_LABELS, type DiffChange, type DiffCounts, type DiffSummary } from '../../../shared/diff';
import { diffSnapshots } from '../../diff';
import { CliError, parseCommandArgs, printable, table, type Command } from '../command';

const HELP = `Usage: npm run triad -- diff <base.triad> <current.triad> [--json] [--limit N]

Compares two snapshots of the same scope. Every finding key (control × account × region × resource) falls in
one category:
${DIFF_CATEGORIES.map((c) => `  ${c.padEnd(20)} ${DIFF_CATEGORY_LABELS[c]}`).join('\n')}
A finding missing from the current snapshot counts as "no-longer-collected" (never "resolved") when the current
snapshot did not fully collect its account × region pair or no longer has its control. Accounts, regions and
controls that appear or disappear, and coverage that changed, are listed too.

Options:
  --json        Machine-readable: { "format": "triad-diff", "version": 1, "summary": {...}, "changes": [...] }
                with every changed finding (still-failing included).
  --limit N     Changed findings listed in the text output (default 50; still-failing ones are only counted).
  -h, --help    This help.`;

export const diffCommand: Command = {
  name: 'diff',
  help: HELP,
  async run(args) {
    const { values, positionals } = parseCommandArgs('diff', args, { json: { type: 'boolean' }, limit: { type: 'string' } });
    if (positionals.length !== 2) throw new CliError('diff: give two snapshot files, the base (earlier) then the current one (see triad diff --help)');
    const limit = values.limit === undefined ? 50 : Number(values.limit);
    if (!Number.isInteger(limit) || limit < 0) throw new CliError(`diff: --limit must be a whole number, not "${values.limit}"`);
    const diff = diffSnapshots(positionals[0], positionals[1]);
    try {
      if (values.json) await writeJson(diff.summary, diff.allChanges());
      else process.stdout.write(`${toText(diff.summary, firstChanges(diff.allChanges(), limit))}\n`);
      return 0;
    } finally {
      diff.close();
    }
  },
};

/** The first `limit` changes other than still-failing ones (those are counted, not listed, in the text output). */
function firstChanges(changes: IterableIterator<DiffChange>, limit: number): DiffChange[] {
  const listed: DiffChange[] = [];
  if (limit === 0) return listed;
  for (const change of changes) {
    if (change.category === 'still-failing') continue;
    listed.push(change);
    if (listed.length === limit) break;
  }
  return listed;
}

/** Streams the changes, so a diff of millions of changes never becomes one string. */
async function writeJson(summary: DiffSummary, changes: IterableIterator<DiffChange>): Promise<void> {
  const out = process.stdout;
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  await write(`{"format":"triad-diff","version":1,"summary":${JSON.stringify(summary)},"changes":[`);
  let first = true;
  for (const change of changes) {
    await write(`${first ? '\n' : ',\n'}${JSON.stringify(change)}`);
    first = false;
  }
  await write('\n]}\n');
}

const countsLine = (c: DiffCounts) =>
  DIFF_CATEGORIES.filter((k) => c[k] > 0)
    .map((k) => `${c[k]} ${DIFF_CATEGORY_LABELS[k].toLowerCase()}`)
    .join(', ') || 'no changes';

function toText(s: DiffSummary, listed: DiffChange[]): string {
  const side = (label: string, info: DiffSummary['base']) =>
    `${label} ${printable(info.meta.title)} (${printable(info.fileName)}), taken ${printable(info.meta.createdAt)}`;
  const lines = [side('Base   ', s.base), side('Current', s.current)];
  for (const warning of s.warnings) lines.push(`WARNING: ${printable(warning)}`);
  lines.push('', `Findings: ${countsLine(s.totals)}; ${s.totals.unchanged} unchanged`, `Evidence changed: ${s.evidenceChanged} finding${s.evidenceChanged === 1 ? '' : 's'}`);
  const list = (label: string, added: string[], removed: string[]) => {
    if (added.length || removed.length) {
      lines.push(`${label}: ${[...added.map((x) => `+${printable(x)}`), ...removed.map((x) => `-${printable(x)}`)].join(' ')}`);
    }
  };
  list('Accounts', s.accounts.added, s.accounts.removed);
  list('Regions', s.regions.added, s.regions.removed);
  list('Controls', s.controlsAdded, s.controlsRemoved);
  if (s.coverage.length) {
    lines.push('', 'Coverage changes (account × region: base → current):');
    for (const c of s.coverage) lines.push(`  ${printable(c.accountId)} ${printable(c.region)}: ${c.base ?? 'not in scope'} → ${c.current ?? 'not in scope'}`);
  }
  if (s.controls.length) {
    const shown = DIFF_CATEGORIES.filter((k) => s.totals[k] > 0);
    lines.push(
      '',
      table(
        [['Control', ...shown.map((k) => DIFF_CATEGORY_LABELS[k])], ...s.controls.map((c) => [printable(c.title), ...shown.map((k) => String(c.counts[k]))])],
        [false, ...shown.map(() => true)],
      ),
    );
  }
  if (listed.length) {
    lines.push('', 'Changed findings:');
    for (const r of listed) {
      const statuses = `${r.baseStatus ?? '—'} → ${r.currentStatus ?? '—'}${r.evidenceChanged ? ' (evidence changed)' : ''}`;
      lines.push(`  ${DIFF_CATEGORY_LABELS[r.category].padEnd(19)} ${printable(r.controlId)}  ${printable(r.accountId)} ${printable(r.region)}  ${printable(r.resourceType)} ${printable(r.resourceId)}  ${statuses}`);
    }
    const total = DIFF_CATEGORIES.reduce((n, k) => n + (k === 'still-failing' ? 0 : s.totals[k]), 0);
    if (total > listed.length) lines.push(`  … ${total - listed.length} more (use --limit N, or --json for every change)`);
  }
  lines.push('', `Compared in ${(s.elapsedMs / 1000).toFixed(1)} s.`);
  return lines.join('\n');
}
