// API handlers for regrouping the overview (by pillar, design principle, responsibility layer or source) and for
// the metadata of built-in checks. Groups are computed from the snapshot's summary cube through the reader's
// per-pillar control rows; nothing here reads findings.

import type { ApiHandlers, CheckMetadata, ControlRow, GroupBy, OverviewGroup, OverviewGroups } from '../../shared/api';
import { ApiError } from '../../shared/api';
import {
  CONTROL_SOURCES,
  CONTROL_SOURCE_LABELS,
  LAYERS,
  LAYER_LABELS,
  PILLARS,
  PILLAR_LABELS,
  PRINCIPLES,
  PRINCIPLE_LABELS,
  type Layer,
  type PillarKey,
} from '../../shared/domain';
import type { Filters } from '../../shared/filters';
import { addCounts, emptyCounts, scoreOf } from '../../shared/scoring';
import { findCheck } from '../checks';
import { INPUT_LABELS } from '../checks/support/findings';
import { builtInCounterpart } from '../checks-collect/trusted-advisor';
import { SnapshotError, type SnapshotReader } from '../snapshot';
import type { SnapshotSession } from './snapshot-handlers';

const TOP_CONTROLS = 10;
const UNCLASSIFIED = 'unclassified';

export type CheckHandlers = Pick<ApiHandlers, 'overview.groups' | 'control.checkMetadata'>;

const byFailures = (a: ControlRow, b: ControlRow): number =>
  b.score.counts.NON_COMPLIANT - a.score.counts.NON_COMPLIANT || a.title.localeCompare(b.title) || a.id.localeCompare(b.id);

/** Every control row in the filter scope, with each control's layer (the rows do not carry it). */
function controlRows(reader: SnapshotReader, filters?: Filters): { row: ControlRow; layer: Layer | null }[] {
  const keys: PillarKey[] = [...PILLARS, UNCLASSIFIED];
  return keys.flatMap((pillar) =>
    reader.pillar(pillar, filters).controls.map((row) => ({ row, layer: reader.control(row.id)?.control.classification?.layer ?? null })),
  );
}

export function overviewGroups(reader: SnapshotReader, groupBy: GroupBy, filters?: Filters): OverviewGroups {
  const rows = controlRows(reader, filters);
  const keysOf = (entry: (typeof rows)[number]): string[] => {
    const { row, layer } = entry;
    switch (groupBy) {
      case 'pillar':
        return [row.pillar];
      case 'principle':
        return row.principles.length ? row.principles : [UNCLASSIFIED];
      case 'layer':
        return [layer ?? UNCLASSIFIED];
      case 'source':
        return [row.source];
    }
  };
  const order: { key: string; label: string }[] =
    groupBy === 'pillar'
      ? PILLARS.map((p) => ({ key: p, label: PILLAR_LABELS[p] }))
      : groupBy === 'principle'
        ? PRINCIPLES.map((p) => ({ key: p, label: PRINCIPLE_LABELS[p] }))
        : groupBy === 'layer'
          ? LAYERS.map((l) => ({ key: l, label: LAYER_LABELS[l] }))
          : CONTROL_SOURCES.map((s) => ({ key: s, label: CONTROL_SOURCE_LABELS[s] }));
  if (groupBy !== 'source') order.push({ key: UNCLASSIFIED, label: 'Unclassified' });

  const members = new Map<string, ControlRow[]>(order.map((g) => [g.key, []]));
  for (const entry of rows) for (const key of keysOf(entry)) members.get(key)?.push(entry.row);
  const groups: OverviewGroup[] = order
    .map(({ key, label }) => {
      const list = members.get(key) ?? [];
      const counts = emptyCounts();
      for (const row of list) addCounts(counts, row.score.counts);
      return {
        key,
        label,
        score: scoreOf(counts),
        controls: list.length,
        failingControls: list.filter((row) => row.score.counts.NON_COMPLIANT > 0).length,
        topControls: [...list].sort(byFailures).slice(0, TOP_CONTROLS),
      };
    })
    // The unclassified group is shown only when it holds something, as on the pillar cards.
    .filter((g) => g.key !== UNCLASSIFIED || g.controls > 0);
  return { groupBy, overlapping: groupBy === 'principle', groups };
}

export function checkMetadata(reader: SnapshotReader, controlId: string): CheckMetadata | null {
  const control = reader.control(controlId)?.control;
  if (!control) throw new ApiError('not-found', `Control ${controlId} is not in this snapshot.`);
  const check =
    control.source === 'built-in' ? findCheck(control.sourceIdentifier) : control.source === 'trusted-advisor' ? builtInCounterpart(control.sourceIdentifier) : undefined;
  if (!check) return null;
  const { meta } = check;
  const taControlId = meta.trustedAdvisor ? `trusted-advisor:${meta.trustedAdvisor.checkId}` : null;
  const configControlId = meta.configRule ? `config-rule:${meta.configRule}` : null;
  return {
    checkId: meta.id,
    controlId: `built-in:${meta.id}`,
    title: meta.title,
    grading: { ...meta.grading },
    trustedAdvisor:
      meta.trustedAdvisor && taControlId ? { ...meta.trustedAdvisor, controlId: taControlId, inSnapshot: reader.control(taControlId) !== null } : null,
    configRule: meta.configRule && configControlId ? { identifier: meta.configRule, controlId: configControlId, inSnapshot: reader.control(configControlId) !== null } : null,
    remediation: meta.remediation,
    references: [...meta.references],
    inputs: check.inputs.map((kind) => INPUT_LABELS[kind]),
  };
}

export function checkHandlers(session: SnapshotSession): CheckHandlers {
  const withSnapshot = <T>(read: (snapshot: SnapshotReader) => T): T => {
    const snapshot = session.current();
    if (!snapshot) throw new ApiError('no-snapshot', 'No snapshot is open. Open a .triad file first.');
    try {
      return read(snapshot);
    } catch (error) {
      throw error instanceof SnapshotError ? new ApiError('snapshot-invalid', error.message) : error;
    }
  };
  return {
    'overview.groups': ({ groupBy, filters }) => withSnapshot((s) => overviewGroups(s, groupBy, filters)),
    'control.checkMetadata': ({ controlId }) => withSnapshot((s) => checkMetadata(s, controlId)),
  };
}
