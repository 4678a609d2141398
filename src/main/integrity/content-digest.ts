// The content digest of a `.triad` snapshot: SHA-256 over a canonical text serialization of what the snapshot
// says (docs/integrity.md is the normative description; keep the two in step). It depends only on the rows'
// values, never on how SQLite laid them out in pages, so a VACUUM or a copy keeps the digest while a change to
// any single stored value changes it. Rows are streamed, so a snapshot of millions of findings is digested in
// constant memory.
//
// Speed: the large tables (those keyed by an integer id) are serialized by SQLite itself, a few thousand rows per
// call, and hashed as the bytes SQLite returns; JavaScript never sees their values one by one. That is exact
// because SQLite's json_array writes TEXT and INTEGER values byte for byte as JSON.stringify writes them after
// better-sqlite3 decodes them, for every valid UTF-8 text (tests/unit/integrity/digest-fast-path.test.ts checks
// every code point). A batch holding anything else (a REAL, a BLOB, text that is not valid UTF-8) is serialized
// again row by row in JavaScript, which is the definition.

import { isUtf8 } from 'node:buffer';
import { createHash, type Hash } from 'node:crypto';
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
export interface DigestTable {
  table: string;
  columns: readonly string[];
  orderBy: string;
  where?: string;
  /** Rows ordered by the INTEGER PRIMARY KEY `id`: serialized in batches by SQLite (see above). */
  integerId?: true;
}

export const DIGEST_TABLES: readonly DigestTable[] = [
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
  { table: 'provenance', columns: ['id', 'service', 'operation', 'params', 'account_id', 'region', 'retrieved_at'], orderBy: 'id', integerId: true },
  {
    table: 'evidence',
    columns: ['id', 'sha256', 'kind', 'resource_type', 'resource_id', 'account_id', 'region', 'captured_at', 'body', 'provenance_id'],
    orderBy: 'id',
    integerId: true,
  },
  {
    table: 'findings',
    columns: [
      'id', 'control_id', 'account_id', 'region', 'resource_type', 'resource_id', 'resource_name', 'rule_name', 'status',
      'annotation', 'evaluated_at', 'recorded_at', 'invoked_at', 'evidence_id',
    ],
    orderBy: 'id',
    integerId: true,
  },
  { table: 'errors', columns: ['id', 'account_id', 'region', 'service', 'operation', 'code', 'message', 'at'], orderBy: 'id', integerId: true },
  {
    table: 'call_stats',
    columns: ['account_id', 'region', 'service', 'operation', 'calls', 'throttles', 'retries', 'errors', 'total_ms'],
    orderBy: 'account_id, region, service, operation',
  },
  { table: 'summary', columns: ['control_id', 'account_id', 'region', 'status', 'count'], orderBy: 'control_id, account_id, region, status' },
];

/** Strings are hashed in chunks of about this many characters: fewer native calls than one update per row. */
const CHUNK_CHARS = 1 << 20;
/** Rows per batch that SQLite serializes in one call: per-call costs vanish, a batch stays a few megabytes. */
const BATCH_ROWS = 2048;
/** The asynchronous digest yields to the event loop after hashing about this many characters or bytes. */
const CHARS_PER_SLICE = 8 << 20;

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

const quoted = (column: string) => `"${column}"`;

function selectRows(db: Database.Database, { table, columns, orderBy, where }: DigestTable, idRange = ''): Iterable<unknown[]> {
  const conditions = [where, idRange].filter(Boolean).join(' AND ');
  const sql = `SELECT ${columns.map(quoted).join(', ')} FROM "${table}"${conditions ? ` WHERE ${conditions}` : ''} ORDER BY ${orderBy}`;
  return db.prepare(sql).raw(true).safeIntegers(true).iterate() as Iterable<unknown[]>;
}

function* lines(rows: Iterable<unknown[]>, table: string): Generator<string> {
  const prefix = `[${JSON.stringify(table)}`;
  for (const row of rows) {
    let line = prefix;
    for (const value of row) line += `,${canonicalValue(value)}`;
    yield `${line}]`;
  }
}

/**
 * The serialized lines of the snapshot open on `db`, one per row, each without its terminating newline, all
 * built in JavaScript: the definition, and what the batched digest falls back to.
 */
export function* contentLines(db: Database.Database): Generator<string> {
  yield DIGEST_SCHEME;
  for (const table of DIGEST_TABLES) yield* lines(selectRows(db, table), table.table);
}

/**
 * Whether `id` is the table's rowid (an INTEGER PRIMARY KEY of a rowid table): then ids are unique non-null
 * integers and batches split at "id > last" never skip a row. A file whose schema was edited fails this test
 * and is serialized row by row instead.
 */
function idIsRowid(db: Database.Database, table: string): boolean {
  const withoutRowid = db.prepare("SELECT wr FROM pragma_table_list WHERE schema = 'main' AND name = ?").pluck().get(table);
  const keyColumns = db.prepare('SELECT group_concat(name) FROM pragma_table_info(?) WHERE pk > 0').pluck().get(table);
  const keyIndexes = db.prepare("SELECT count(*) FROM pragma_index_list(?) WHERE origin = 'pk'").pluck().get(table);
  return withoutRowid === 0 && keyColumns === 'id' && keyIndexes === 0;
}

/**
 * The serialized text of one id-ordered table in pieces of whole lines (each ending in "\n"): mostly batches
 * serialized by SQLite, as UTF-8 bytes; a batch SQLite cannot serialize exactly as the definition says is redone
 * in JavaScript.
 *
 * The type of every value is tested in SQL for BLOBs only: testing it for REALs too took half the digest's time.
 * json_array writes a REAL as a bare number, which always has a decimal point (see mayHoldReal): a batch whose
 * bytes may hold one is serialized again with REALs tested too. A batch that holds a REAL or a BLOB is serialized
 * in JavaScript.
 */
function* batchedTable(db: Database.Database, table: DigestTable): Generator<string | Buffer> {
  const line = `json_array('${table.table}', ${table.columns.map(quoted).join(', ')})`;
  const batches = (excluded: string) => {
    const ordinary = table.columns.map((c) => `typeof(${quoted(c)}) NOT IN (${excluded})`).join(' AND ');
    const batch = (idRange: string) =>
      db
        .prepare(
          `SELECT CAST(group_concat(line, char(10)) AS BLOB), group_concat(id), count(line), count(*), max(id)
           FROM (SELECT id, CASE WHEN ${ordinary} THEN ${line} END AS line FROM "${table.table}" ${idRange} ORDER BY id LIMIT ${BATCH_ROWS})`,
        )
        .raw(true)
        .safeIntegers(true);
    const first = batch('');
    const next = batch('WHERE id > ?');
    return (last: bigint | null) => (last === null ? first.get() : next.get(last)) as [Buffer | null, string, bigint, bigint, bigint | null];
  };
  const withoutBlobs = batches(`'blob'`);
  const withoutBlobsOrReals = batches(`'real', 'blob'`);
  let last: bigint | null = null;
  for (;;) {
    let batch = withoutBlobs(last);
    if (batch[0] !== null && mayHoldReal(batch[0])) batch = withoutBlobsOrReals(last);
    const [text, ids, serialized, count, maxId] = batch;
    if (count === 0n || maxId === null) return;
    if (text !== null && serialized === count && ascending(ids) && isUtf8(text)) {
      yield text;
      yield '\n';
    } else {
      const range = last === null ? `id <= ${maxId}` : `id > ${last} AND id <= ${maxId}`;
      for (const row of lines(selectRows(db, table, range), table.table)) yield `${row}\n`;
    }
    last = maxId;
  }
}

const DOT = 0x2e;
const COMMA = 0x2c;
const MINUS = 0x2d;
const isDigit = (byte: number) => byte >= 0x30 && byte <= 0x39;

/**
 * Whether json_array's bytes may hold a REAL. SQLite writes a REAL with a decimal point always ("1.0", "1.0e+20",
 * "9.0e+999" for infinity; tests/unit/integrity/digest-fast-path.test.ts holds it to that), and every value but the
 * first (the table name, a string) follows a comma: so a REAL shows as a comma, an optional minus and digits
 * before a ".". Text may hold the same characters: that only costs its batch a second serialization, with
 * types tested. No REAL goes unnoticed.
 */
function mayHoldReal(bytes: Buffer): boolean {
  for (let dot = bytes.indexOf(DOT); dot !== -1; dot = bytes.indexOf(DOT, dot + 1)) {
    let before = dot - 1;
    while (before >= 0 && isDigit(bytes[before])) before--;
    if (before === dot - 1) continue;
    if (bytes[before] === MINUS) before--;
    if (bytes[before] === COMMA) return true;
  }
  return false;
}

/**
 * Whether the comma-separated integer ids are strictly ascending. group_concat promises no order, so each batch
 * proves that SQLite concatenated its lines in id order (the ids are concatenated in the same pass); sorting
 * inside the aggregate instead would cost more than all the rest.
 */
function ascending(ids: string): boolean {
  const texts = ids.split(',');
  // Up to 15 characters an id is below 2^53 and exact as a number; longer ids compare as BigInt.
  const small = texts.every((text) => text.length < 16);
  for (let k = 1; k < texts.length; k++) {
    if (small ? !(Number(texts[k]) > Number(texts[k - 1])) : BigInt(texts[k]) <= BigInt(texts[k - 1])) return false;
  }
  return true;
}

/** The whole serialized text, in pieces of whole lines. */
function* contentPieces(db: Database.Database): Generator<string | Buffer> {
  yield `${DIGEST_SCHEME}\n`;
  for (const table of DIGEST_TABLES) {
    if (table.integerId && !table.where && idIsRowid(db, table.table)) yield* batchedTable(db, table);
    else for (const line of lines(selectRows(db, table), table.table)) yield `${line}\n`;
  }
}

/** Feeds pieces to the hash: strings gathered into large chunks, byte batches as they are. */
function chunkedHash(): { add(piece: string | Buffer): number; hex(): string } {
  const hash: Hash = createHash('sha256');
  let pending = '';
  const flush = () => {
    if (pending) hash.update(pending, 'utf8');
    pending = '';
  };
  return {
    add(piece) {
      if (typeof piece === 'string') {
        pending += piece;
        if (pending.length >= CHUNK_CHARS) flush();
      } else {
        flush();
        hash.update(piece);
      }
      return piece.length;
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
  for (const piece of contentPieces(db)) digest.add(piece);
  return digest.hex();
}

/**
 * The same digest, computed in slices that yield to the event loop, so a host stays responsive while it checks
 * a large snapshot. `db` must stay open and unwritten until the promise settles.
 */
export async function computeContentDigestAsync(db: Database.Database): Promise<string> {
  const digest = chunkedHash();
  let sinceYield = 0;
  for (const piece of contentPieces(db)) {
    sinceYield += digest.add(piece);
    if (sinceYield >= CHARS_PER_SLICE) {
      sinceYield = 0;
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
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
