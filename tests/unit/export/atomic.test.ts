// AtomicTextWriter: the bytes written are the UTF-8 of the pieces in order, whatever their sizes and characters
// (pieces that end a buffer, pieces larger than it, surrogate pairs), with their SHA-256 and size; nothing
// appears under the final name before commit, and abort leaves nothing behind. Large files are flushed to disk
// in the background as they are written, on a descriptor of their own that is closed once its flush ends.

import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AtomicTextWriter, BACKGROUND_SYNC_BYTES, WRITE_BUFFER_BYTES } from '../../../src/main/export/atomic';

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

  // The open descriptors are counted in /proc/self/fd, which only Linux has.
  it.skipIf(process.platform !== 'linux')('flushes a large file in the background and closes that descriptor once the flush ends (Linux: counts /proc/self/fd)', async () => {
    const descriptors = () => readdirSync('/proc/self/fd').length;
    const untilDescriptors = async (count: number) => {
      for (let waited = 0; descriptors() !== count && waited < 10_000; waited += 10) await new Promise((resolve) => setTimeout(resolve, 10));
      return descriptors();
    };
    const before = descriptors();
    const chunk = `${'0123456789abcdef'.repeat(4095)}é\n`;
    const path = join(dir, 'large.txt');
    const writer = new AtomicTextWriter(path);
    const hash = createHash('sha256');
    let bytes = 0;
    while (bytes <= 3 * BACKGROUND_SYNC_BYTES) {
      writer.write(chunk);
      hash.update(chunk, 'utf8');
      bytes += Buffer.byteLength(chunk);
    }
    // The file's own descriptor and the one its background flushes use.
    expect(descriptors()).toBe(before + 2);
    expect(writer.commit()).toEqual({ bytes, sha256: hash.digest('hex') });
    expect(await untilDescriptors(before)).toBe(before);
    expect(createHash('sha256').update(readFileSync(path)).digest('hex')).toBe(createHash('sha256').update(chunk.repeat(bytes / Buffer.byteLength(chunk))).digest('hex'));

    const aborted = new AtomicTextWriter(join(dir, 'large-aborted.txt'));
    for (let written = 0; written <= BACKGROUND_SYNC_BYTES; written += Buffer.byteLength(chunk)) aborted.write(chunk);
    aborted.abort();
    expect(await untilDescriptors(before)).toBe(before);
    expect(readdirSync(dir).filter((name) => name.includes('large-aborted'))).toEqual([]);
  });

  it('leaves nothing behind when aborted', () => {
    const path = join(dir, 'aborted.txt');
    const writer = new AtomicTextWriter(path);
    writer.write('z'.repeat(2 << 20));
    writer.abort();
    expect(readdirSync(dir).filter((name) => name.includes('aborted'))).toEqual([]);
  });
});
