// Files Triad writes are written atomically: into a temporary file in the same folder, flushed to disk, then
// renamed over the final name. A failure (or a crash) never leaves a partial file under the final name.

import { createHash, randomBytes, type Hash } from 'node:crypto';
import { closeSync, fchmodSync, fdatasync, fsyncSync, openSync, readSync, renameSync, rmSync, statSync, writeSync, accessSync, constants } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** A path that cannot be written: the message names it and says why. */
export class OutputPathError extends Error {
  override name = 'OutputPathError';
}

/** Fails early, naming the folder, when `path` cannot be written. */
export function checkWritable(path: string): void {
  const folder = dirname(path);
  let isFolder: boolean;
  try {
    isFolder = statSync(folder).isDirectory();
  } catch {
    throw new OutputPathError(`cannot write ${path}: the folder ${folder} does not exist`);
  }
  if (!isFolder) throw new OutputPathError(`cannot write ${path}: ${folder} is not a folder`);
  try {
    accessSync(folder, constants.W_OK);
  } catch {
    throw new OutputPathError(`cannot write ${path}: no permission to write in ${folder}`);
  }
  try {
    if (statSync(path).isDirectory()) throw new OutputPathError(`cannot write ${path}: it is a folder`);
  } catch (error) {
    if (error instanceof OutputPathError) throw error;
  }
}

/** A hidden file name beside `path`, unique to this write. */
export function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
}

/** The write buffer: text is encoded into it as it comes and written out when the next piece might not fit. */
export const WRITE_BUFFER_BYTES = 1 << 20;
/** A UTF-16 code unit takes at most 3 bytes in UTF-8 (a surrogate pair, two units, takes 4). */
const MAX_UTF8_BYTES_PER_UNIT = 3;
/** Bytes written between background flushes to disk (see AtomicTextWriter.writeBytes). */
export const BACKGROUND_SYNC_BYTES = 32 << 20;

/**
 * A text file written in one pass, buffered, with its SHA-256 computed on the way. Nothing appears under the
 * final name until commit(); abort() (or a failed commit) removes the temporary file.
 */
export class AtomicTextWriter {
  readonly tempPath: string;
  private fd: number;
  // Encoded straight into one reused buffer: joining the pieces and encoding the result took twice as long.
  private buffer = Buffer.allocUnsafe(WRITE_BUFFER_BYTES);
  private used = 0;
  private hash: Hash = createHash('sha256');
  private written = 0;
  private done = false;
  /** A second descriptor of the temporary file, for background flushes; closed only once none is in flight. */
  private syncFd: number | null = null;
  private syncing = false;
  private closeSyncFdWhenIdle = false;
  private writtenSinceSync = 0;

  /**
   * `scratch`: a file only read back by this process (a part another writer appends, see export/csv.ts): written
   * in place under `path` and never synced to disk, as the file it ends up in is.
   */
  constructor(
    readonly path: string,
    private readonly options: { scratch?: boolean } = {},
  ) {
    checkWritable(path);
    this.tempPath = options.scratch ? path : tempPathFor(path);
    try {
      this.fd = openSync(this.tempPath, 'wx');
    } catch (error) {
      throw new OutputPathError(`cannot write ${path}: ${(error as Error).message}`);
    }
  }

  write(text: string): void {
    const atMost = text.length * MAX_UTF8_BYTES_PER_UNIT;
    if (this.used + atMost > this.buffer.length) {
      this.flush();
      if (atMost > this.buffer.length) {
        this.writeBytes(Buffer.from(text, 'utf8'));
        return;
      }
    }
    this.used += this.buffer.write(text, this.used, 'utf8');
  }

  /** Appends the bytes of a file as they are: a part of this text another thread wrote (see export/csv.ts). */
  appendFile(path: string): void {
    this.flush();
    const fd = openSync(path, 'r');
    try {
      for (let read = readSync(fd, this.buffer, 0, this.buffer.length, null); read > 0; read = readSync(fd, this.buffer, 0, this.buffer.length, null)) {
        this.writeBytes(this.buffer.subarray(0, read));
      }
    } finally {
      closeSync(fd);
    }
  }

  private flush(): void {
    if (this.used === 0) return;
    this.writeBytes(this.buffer.subarray(0, this.used));
    this.used = 0;
  }

  private writeBytes(bytes: Buffer): void {
    this.hash.update(bytes);
    let offset = 0;
    while (offset < bytes.length) offset += writeSync(this.fd, bytes, offset);
    this.written += bytes.length;
    this.writtenSinceSync += bytes.length;
    if (this.writtenSinceSync >= BACKGROUND_SYNC_BYTES && !this.syncing && !this.options.scratch) this.syncInBackground();
  }

  /**
   * Flushes what is written so far to disk on libuv's thread pool while this thread goes on producing the rest, so
   * commit()'s fsync has little left to wait for (about a second less on a 500 MB export). Only a hint: commit()
   * syncs everything itself, and a failure here is left for that sync to report. It uses its own descriptor, which
   * stays open until the flush ends, so no flush ever runs on a descriptor number closed and reused meanwhile.
   */
  private syncInBackground(): void {
    try {
      this.syncFd ??= openSync(this.tempPath, 'r+');
    } catch {
      return;
    }
    this.syncing = true;
    this.writtenSinceSync = 0;
    fdatasync(this.syncFd, () => {
      this.syncing = false;
      if (this.closeSyncFdWhenIdle) this.closeSyncFd();
    });
  }

  private closeSyncFd(): void {
    if (this.syncFd === null) return;
    if (this.syncing) {
      this.closeSyncFdWhenIdle = true;
      return;
    }
    try {
      closeSync(this.syncFd);
    } catch {
      // Already closed.
    }
    this.syncFd = null;
  }

  /** Flushes, syncs and renames into place; returns the file's size and SHA-256. */
  commit(): { bytes: number; sha256: string } {
    try {
      this.flush();
      if (!this.options.scratch) fsyncSync(this.fd);
      closeSync(this.fd);
      this.done = true;
      this.closeSyncFd();
      if (this.tempPath !== this.path) renameSync(this.tempPath, this.path);
    } catch (error) {
      this.abort();
      throw new OutputPathError(`cannot write ${this.path}: ${(error as Error).message}`);
    }
    return { bytes: this.written, sha256: this.hash.digest('hex') };
  }

  abort(): void {
    this.closeSyncFd();
    if (!this.done) {
      this.done = true;
      try {
        closeSync(this.fd);
      } catch {
        // Already closed: only the temporary file remains to remove.
      }
    }
    rmSync(this.tempPath, { force: true });
  }
}

/** `mode` sets the file's permissions exactly (e.g. 0o600 for a private key), whatever the umask. */
export function writeFileAtomically(path: string, data: Uint8Array, mode?: number): void {
  checkWritable(path);
  const temp = tempPathFor(path);
  try {
    const fd = openSync(temp, 'wx', mode);
    if (mode !== undefined) fchmodSync(fd, mode);
    try {
      let offset = 0;
      while (offset < data.length) offset += writeSync(fd, data, offset);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw new OutputPathError(`cannot write ${path}: ${(error as Error).message}`);
  }
}
