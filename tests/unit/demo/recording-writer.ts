// An in-memory SnapshotWriter that records every call, for asserting on exactly what the generator writes.
// Evidence is deduplicated by content, like the SQLite store does.

import { createHash } from 'node:crypto';
import type { Account, CollectionError, Control, CoverageCell, SnapshotMeta } from '../../../src/shared/domain';
import type { CallStats, NewEvidence, NewFinding, SnapshotWriter } from '../../../src/main/snapshot/writer-contract';

export interface Recording {
  meta: Partial<SnapshotMeta>;
  accounts: Account[];
  controls: Control[];
  coverage: CoverageCell[];
  errors: CollectionError[];
  evidence: (NewEvidence & { id: number })[];
  findings: (NewFinding & { id: number })[];
  callStats: CallStats[];
  donePairs: { accountId: string; region: string }[];
  finished: { partial: boolean } | null;
  /** How many addEvidence calls returned an id stored earlier. */
  evidenceReuses: number;
}

export function recordingWriter(): { writer: SnapshotWriter; recording: Recording } {
  const recording: Recording = {
    meta: {}, accounts: [], controls: [], coverage: [], errors: [], evidence: [], findings: [], callStats: [],
    donePairs: [], finished: null, evidenceReuses: 0,
  };
  const evidenceByHash = new Map<string, number>();
  const writer: SnapshotWriter = {
    setMeta: (meta) => void Object.assign(recording.meta, meta),
    upsertAccount: (account) => void recording.accounts.push(account),
    upsertControl: (control) => void recording.controls.push(control),
    setCoverage: (cell) => void recording.coverage.push(cell),
    addError: (error) => void recording.errors.push(error),
    addEvidence(evidence) {
      const { provenance: _provenance, ...content } = evidence;
      const hash = createHash('sha256').update(JSON.stringify(content)).digest('hex');
      const known = evidenceByHash.get(hash);
      if (known !== undefined) {
        recording.evidenceReuses++;
        return known;
      }
      const id = recording.evidence.length + 1;
      evidenceByHash.set(hash, id);
      recording.evidence.push({ ...evidence, id });
      return id;
    },
    addFinding(finding) {
      const id = recording.findings.length + 1;
      recording.findings.push({ ...finding, id });
      return id;
    },
    addCallStats: (stats) => void recording.callStats.push(stats),
    markPairDone: (accountId, region) => void recording.donePairs.push({ accountId, region }),
    committed: () => Promise.resolve(),
    donePairs: () => recording.donePairs,
    finish(options) {
      recording.finished = options;
    },
    close() {},
  };
  return { writer, recording };
}

/** SHA-256 of everything written, in order: equal digests mean equal logical content. */
export function digestOf(recording: Recording): string {
  return createHash('sha256').update(JSON.stringify(recording)).digest('hex');
}
