// The content digest of a `.triad` snapshot: SHA-256 over a canonical text serialization of what the snapshot
// says (docs/integrity.md is the normative description; keep the two in step). It depends only on the rows'
// values, never on how SQLite laid them out in pages, so a VACUUM or a copy keeps the digest while a change to
// any single stored value changes it. Rows are streamed, so a snapshot of millions of findings is digested in
// constant memory.

import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';

/** The serialization's name and version; it is also the first line of the serialized text. */
export const DIGEST_SCHEME = 'triad-content-1';

/** Meta keys left out of the serialization: the digest cannot cover itself. */
export const META_KEYS_EXCLUDED = ['digest', 'digestScheme'] as const;

/**
 * Every table the digest covers, in serialization order, with its columns (in order) and the row order.
 * Each ORDER BY is a primary key, so the order is total. Tables not listed (signatures, pairs_done,
 * SQLite's statistics) are bookkeeping, not content.
 */
export const DIGEST_TABLES: readonly { table: string; columns: readonly string[]; orderBy: string; where?: string }[] = [
  { table: 'meta', columns: ['key', 'value'], orderBy: 'key', where: `key NOT IN (${META_KEYS_EXCLUDED.map((k) => `'${k}'`).join(', ')})` },
  { table: 'accounts', columns: ['id', 'name', 'ou_path', 'email'], orderBy: 'id' },
  { table: 'coverage', columns: ['account_id', 'region', 'state', 'reason'], orderBy: 'account_id, region' },
  {
    table: 'controls',
    columns: [
      'id', 'source', 'title', 'description', 'source_identifier', 'conformance_pack', 'pillar', 'secondary_pillars',
      'principles', 'layer', 'severity', 'rationale', 'origin', 'remediation', 'reference_urls',
    ],
    orderBy: 'id',
  },
  { table: 'provenance', columns: ['id', 'service', 'operation', 'params', 'account_id', 'region', 'retrieved_at'], orderBy: 'id' },
  {
    table: 'evidence',
    columns: ['id', 'sha256', 'kind', 'resource_type', 'resource_id', 'account_id', 'region', 'captured_at', 'body', 'provenance_id'],
    orderBy: 'id',
  },
  {
    table: 'findings',
    columns: [
      'id', 'control_id', 'account_id', 'region', 'resource_type', 'resource_id', 'resource_name', 'rule_name', 'status',
      'annotation', 'evaluated_at', 'recorded_at', 'invoked_at', 'evidence_id',
    ],
    orderBy: 'id',
  },
  { table: 'errors', columns: ['id', 'account_id', 'region', 'service', 'operation', 'code', 'message', 'at'], orderBy: 'id' },
  {
    table: 'call_stats',
    columns: ['account_id', 'region', 'service', 'operation', 'calls', 'throttles', 'retries', 'errors', 'total_ms'],
    orderBy: 'account_id, region, service, operation',
  },
  { table: 'summary', columns: ['control_id', 'account_id', 'region', 'status', 'count'], orderBy: 'control_id, account_id, region, status' },
];

/** Hashed in chunks of about this many characters: fewer native calls than one update per row. */
const CHUNK_CHARS = 1 << 20;
/** The asynchronous digest yields to the event loop after this many rows. */
const ROWS_PER_SLICE = 20_000;

/**
 * One stored value in canonical form. Types are kept apart, so changing a value's SQLite type is a change:
 * TEXT → JSON string; INTEGER → decimal digits; REAL → {"real":"<shortest round-trip decimal>"};
 * BLOB → {"blob":"<base64>"}; NULL → null.
 */
export function canonicalValue(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') return `{"real":"${String(value)}"}`;
  if (Buffer.isBuffer(value)) return `{"blob":"${value.toString('base64')}"}`;
  throw new Error(`unexpected SQLite value of type ${typeof value}`);
}

/** The serialized lines of the snapshot open on `db`, one per row, each without its terminating newline. */
export function* contentLines(db: Database.Database): Generator<string> {
  yield DIGEST_SCHEME;
  for (const { table, columns, orderBy, where } of DIGEST_TABLES) {
    const sql = `SELECT ${columns.map((c) => `"${c}"`).join(', ')} FROM "${table}"${where ? ` WHERE ${where}` : ''} ORDER BY ${orderBy}`;
    const rows = db.prepare(sql).raw(true).safeIntegers(true).iterate() as Iterable<unknown[]>;
    const prefix = `[${JSON.stringify(table)}`;
    for (const row of rows) {
      let line = prefix;
      for (const value of row) line += `,${canonicalValue(value)}`;
      yield `${line}]`;
    }
  }
}

/** Feeds lines to the hash in large chunks, each line terminated by "\n". */
function chunkedHash(): { add(line: string): void; hex(): string } {
  const hash = createHash('sha256');
  let pending: string[] = [];
  let size = 0;
  const flush = () => {
    if (pending.length) hash.update(pending.join(''), 'utf8');
    pending = [];
    size = 0;
  };
  return {
    add(line: string) {
      pending.push(line, '\n');
      size += line.length + 1;
      if (size >= CHUNK_CHARS) flush();
    },
    hex() {
      flush();
      return hash.digest('hex');
    },
  };
}

/** The content digest (lower-case hex SHA-256) of the snapshot open on `db`, computed in one go. */
export function computeContentDigest(db: Database.Database): string {
  const digest = chunkedHash();
  for (const line of contentLines(db)) digest.add(line);
  return digest.hex();
}

/**
 * The same digest, computed in slices that yield to the event loop, so a host stays responsive while it checks
 * a large snapshot. `db` must stay open and unwritten until the promise settles.
 */
export async function computeContentDigestAsync(db: Database.Database): Promise<string> {
  const digest = chunkedHash();
  let rows = 0;
  for (const line of contentLines(db)) {
    digest.add(line);
    if (++rows % ROWS_PER_SLICE === 0) await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return digest.hex();
}

/**
 * Records the scheme and the digest in `meta` of a snapshot being written (the writer calls this last, inside
 * its closing transaction, so the digest covers exactly the rows that are renamed into place).
 */
export function recordContentDigest(db: Database.Database): string {
  const put = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
  put.run('digestScheme', JSON.stringify(DIGEST_SCHEME));
  const digest = computeContentDigest(db);
  put.run('digest', JSON.stringify(digest));
  return digest;
}
