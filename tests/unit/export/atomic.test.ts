// AtomicTextWriter: the bytes written are the UTF-8 of the pieces in order, whatever their sizes and characters
// (pieces that end a buffer, pieces larger than it, surrogate pairs), with their SHA-256 and size; nothing
// appears under the final name before commit, and abort leaves nothing behind.

import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AtomicTextWriter, WRITE_BUFFER_BYTES } from '../../../src/main/export/atomic';

const dir = mkdtempSync(join(tmpdir(), 'triad-atomic-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('AtomicTextWriter', () => {
  it('writes the UTF-8 of every piece in order, across buffer ends and pieces larger than the buffer', () => {
    const pieces: string[] = [];
    const samples = ['plain,ascii\r\n', 'é中𝄞🔒', '"quoted ""text"""', '\u0000\u2028', 'x'.repeat(300_001), '🔒'.repeat(200_000)];
    for (let i = 0; i < 4_000; i++) pieces.push(samples[i % samples.length].slice(0, 1 + (i % 700) * 3) + String(i));
    pieces.push('y'.repeat(3 << 20), '末');
    const path = join(dir, 'mixed.txt');
    const writer = new AtomicTextWriter(path);
    for (const piece of pieces) writer.write(piece);
    expect(existsSync(path)).toBe(false);
    const result = writer.commit();
    const expected = Buffer.from(pieces.join(''), 'utf8');
    const actual = readFileSync(path);
    expect(actual.equals(expected)).toBe(true);
    expect(result).toEqual({ bytes: expected.length, sha256: createHash('sha256').update(expected).digest('hex') });
  });

  it('keeps whole every character that reaches the end of the buffer', () => {
    for (let room = 0; room <= 4; room++) {
      const path = join(dir, `end-${room}.txt`);
      const writer = new AtomicTextWriter(path);
      // One character per piece, so the buffer fills to exactly `room` bytes short of its end.
      for (let i = 0; i < WRITE_BUFFER_BYTES - room; i++) writer.write('a');
      writer.write('中');
      writer.write('𝄞');
      writer.commit();
      expect(readFileSync(path).equals(Buffer.from(`${'a'.repeat(WRITE_BUFFER_BYTES - room)}中𝄞`, 'utf8'))).toBe(true);
    }
  });

  it('leaves nothing behind when aborted', () => {
    const path = join(dir, 'aborted.txt');
    const writer = new AtomicTextWriter(path);
    writer.write('z'.repeat(2 << 20));
    writer.abort();
    expect(readdirSync(dir).filter((name) => name.includes('aborted'))).toEqual([]);
  });
});
