// The reviewer's work on one snapshot (docs/review.md): notes, statuses and sample marks per finding or
// control, reproducible samples, and a sign-off. Kept in a JSON file beside the snapshot, tied to it by the
// snapshot's content digest. Pure types.

export const REVIEW_STATUSES = ['to-review', 'reviewed-ok', 'issue-raised'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

export const REVIEW_STATUS_LABELS: Record<ReviewStatus, string> = {
  'to-review': 'To review',
  'reviewed-ok': 'Reviewed OK',
  'issue-raised': 'Issue raised',
};

export type ReviewTarget = { kind: 'finding'; findingId: number } | { kind: 'control'; controlId: string };

export interface ReviewItem {
  target: ReviewTarget;
  status: ReviewStatus;
  note: string;
  /** Whether the finding was picked by a sample. */
  sampled: boolean;
  updatedAt: string;
}

export interface ReviewSample {
  controlId: string;
  /** The seed the picks follow from: the same seed, control and snapshot always give the same sample. */
  seed: string;
  size: number;
  /** How many findings (resources) the control had to pick from. */
  population: number;
  findingIds: number[];
  createdAt: string;
}

export interface ReviewFileContent {
  format: 'triad-review';
  version: 1;
  snapshot: { digest: string; fileName: string; title: string };
  items: ReviewItem[];
  samples: ReviewSample[];
  signOff: { name: string; date: string } | null;
}
