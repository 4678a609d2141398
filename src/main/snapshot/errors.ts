/** A snapshot that cannot be written or read as asked; the message names the file and the problem. */
export class SnapshotError extends Error {
  constructor(
    readonly file: string,
    readonly problem: string,
  ) {
    super(`${file}: ${problem}`);
    this.name = 'SnapshotError';
  }
}
