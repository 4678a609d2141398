// The `.triad` snapshot store: producers write through createSnapshotWriter, everything else reads through
// openSnapshot. The file format is documented in schema.ts.

export { SnapshotError } from './errors';
export { FORMAT_VERSION } from './schema';
export { createSnapshotWriter, workPathFor, type SnapshotCounts, type SnapshotWriterOptions } from './writer';
export { openSnapshot, type FindingQuery, type SnapshotReader } from './reader';
export type { CallStats, NewEvidence, NewFinding, SnapshotWriter } from './writer-contract';
