// Words and symbols for a running collection: pair states, run states, durations and the coverage line.
import type { CollectionState } from '../../../../shared/api';
import type { CoverageState } from '../../../../shared/domain';
import { formatCount } from '../../format';

/** A pair not reported yet is pending (waiting or in flight); the others are the collector's coverage states. */
export type PairState = 'pending' | CoverageState;

/** Label and symbol for each pair state, so state never depends on colour alone. */
export const PAIR_STATES: Record<PairState, { label: string; symbol: string }> = {
  pending: { label: 'Pending', symbol: '○' },
  collected: { label: 'Done', symbol: '✓' },
  partial: { label: 'Partly collected', symbol: '◐' },
  failed: { label: 'Failed', symbol: '✗' },
  'not-enabled': { label: 'AWS Config not enabled', symbol: '–' },
  skipped: { label: 'Skipped', symbol: '↷' },
};

export const RUN_STATE_LABELS: Record<CollectionState, string> = {
  running: 'Collecting',
  paused: 'Paused',
  finished: 'Finished',
  cancelled: 'Cancelled: partial snapshot written',
  failed: 'Failed',
};

/** The collector reports an account none of whose regions it could reach with this region. */
export const ALL_REGIONS = '*';

export function regionLabel(region: string): string {
  return region === ALL_REGIONS ? 'all regions' : region;
}

/** "45 s", "3 min 05 s", "2 h 04 min". */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
}

export function formatEta(etaSeconds: number | null): string {
  return etaSeconds === null ? 'estimating…' : `about ${formatDuration(etaSeconds)}`;
}

/** The same sentence as the overview's coverage panel. */
export function coverageLine(collected: number, pairs: number, errors: number): string {
  return `${formatCount(collected)} of ${formatCount(pairs)} account × region pairs collected, ${formatCount(errors)} ${errors === 1 ? 'error' : 'errors'}`;
}

/** The `aws sso login …` command inside the collector's pause or failure message, if there is one. */
export function ssoLoginCommand(message: string | undefined): string | null {
  const match = message?.match(/aws sso login(?: --profile [\w+=,.@/-]+)?/);
  return match ? match[0] : null;
}
