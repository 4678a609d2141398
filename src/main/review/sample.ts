// Reproducible samples: N findings (one per resource × account × region) of a control, picked at random from a
// recorded seed. The picks follow only from the seed, the control id and the control's findings in id order,
// so anyone with the snapshot and the seed can re-draw the same sample.

import { createHash } from 'node:crypto';
import { openSnapshot } from '../snapshot';
import { ReviewFileError } from './file';
import { openDatabase } from '../snapshot/sqlite';

/** A uniform number in [0, 1) from SHA-256 of (seed, control, draw number): 48 bits. */
function draw(seed: string, controlId: string, index: number): number {
  const digest = createHash('sha256').update(`${seed}\u0000${controlId}\u0000${index}`).digest();
  return digest.readUIntBE(0, 6) / 2 ** 48;
}

/** Picks `size` of `population` positions without repeats: a Fisher–Yates shuffle stopped after `size` steps, kept sparse. */
export function pickPositions(population: number, size: number, seed: string, controlId: string): number[] {
  const swapped = new Map<number, number>();
  const at = (i: number) => swapped.get(i) ?? i;
  const picks: number[] = [];
  for (let i = 0; i < Math.min(size, population); i++) {
    const j = i + Math.floor(draw(seed, controlId, i) * (population - i));
    const chosen = at(j);
    swapped.set(j, at(i));
    picks.push(chosen);
  }
  return picks;
}

export function sampleControl(snapshotPath: string, controlId: string, size: number, seed: string): { population: number; findingIds: number[] } {
  if (!Number.isInteger(size) || size < 1) throw new ReviewFileError(`the sample size must be a whole number of at least 1, not ${size}`);
  const reader = openSnapshot(snapshotPath);
  const path = reader.path;
  const known = reader.control(controlId) !== null;
  reader.close();
  if (!known) throw new ReviewFileError(`${path} has no control ${controlId}`);
  const db = openDatabase(path, { readonly: true, fileMustExist: true });
  try {
    const ids = db.prepare('SELECT id FROM findings WHERE control_id = ? ORDER BY id').pluck().all(controlId) as number[];
    return { population: ids.length, findingIds: pickPositions(ids.length, size, seed, controlId).map((p) => ids[p]) };
  } finally {
    db.close();
  }
}
