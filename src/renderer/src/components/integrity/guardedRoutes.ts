/** Views that show the open snapshot's content: a tampered snapshot's warning must be acknowledged before them. */
const SNAPSHOT_VIEWS = new Set(['overview', 'pillar', 'control', 'finding', 'accounts', 'review']);

export const showsSnapshot = (routeName: unknown): boolean => SNAPSHOT_VIEWS.has(String(routeName));
