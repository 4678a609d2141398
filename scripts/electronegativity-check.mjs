#!/usr/bin/env node
// Runs Electronegativity over the app sources and fails on any HIGH-severity finding that is not justified
// in .electronegativity.json ({ "justified": [{ "issue", "file"?, "reason" }] }). Every justification must
// still match a finding, so a stale one is reported too.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const electronVersion = JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')).version;
// Optional arguments (used by the gate's own test): the folder to scan and the justification file.
const [inputDir = join(root, 'src'), configPath = join(root, '.electronegativity.json')] = process.argv.slice(2);
const config = JSON.parse(readFileSync(configPath, 'utf8'));
const work = mkdtempSync(join(tmpdir(), 'triad-en-'));
const csvPath = join(work, 'findings.csv');

const run = spawnSync(
  process.execPath,
  [join(root, 'node_modules/@doyensec/electronegativity/dist/index.js'), '-i', inputDir, '-o', csvPath, '-r', '-v', 'false', '-e', electronVersion],
  { encoding: 'utf8' },
);
let csv;
try {
  csv = readFileSync(csvPath, 'utf8');
} catch {
  console.error(`electronegativity: produced no report (exit ${run.status})\n${run.stderr}`);
  process.exit(2);
} finally {
  rmSync(work, { recursive: true, force: true });
}

function parseCsv(text) {
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  const endCell = () => {
    row.push(cell.trim());
    cell = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') endCell();
    else if (c === '\n') {
      endCell();
      rows.push(row);
      row = [];
    } else if (c !== '\r') cell += c;
  }
  if (cell || row.length) {
    endCell();
    rows.push(row);
  }
  return rows;
}

const [header, ...rows] = parseCsv(csv);
const col = (name) => header.indexOf(name);
const findings = rows
  .filter((r) => r.length >= header.length)
  .map((r) => ({ issue: r[col('issue')], severity: r[col('severity')], file: r[col('filename')], location: r[col('location')], description: r[col('description')] }));

const isJustified = (f) => config.justified.find((j) => j.issue === f.issue && (!j.file || j.file === f.file));
const high = findings.filter((f) => f.severity === 'HIGH');
const unjustified = high.filter((f) => !isJustified(f));
const stale = config.justified.filter((j) => !findings.some((f) => f.issue === j.issue && (!j.file || j.file === f.file)));

for (const f of findings) {
  const why = isJustified(f);
  console.log(`${f.severity.padEnd(6)} ${f.issue} ${f.file}:${f.location}${why ? `  (justified: ${why.reason})` : ''}`);
}
for (const j of stale) console.log(`STALE  justification for ${j.issue} ${j.file ?? ''} matches no finding: remove it`);
console.log(`electronegativity: ${findings.length} findings, ${high.length} high, ${unjustified.length} unjustified high, ${stale.length} stale justifications`);
process.exit(unjustified.length || stale.length ? 1 : 0);
