// Comparing two snapshots finding by finding (engine.ts), and the evidence fields that changed (json-changes.ts).

export { categoryOfPair, diffSnapshots, emptyDiffCounts, type ChangeQuery, type SnapshotDiff } from './engine';
export { changedJsonPaths } from './json-changes';
export { compareKeys } from './keys';
