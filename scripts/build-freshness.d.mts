/** Whether out/ holds a build at least as new as every source under `root`. */
export function isBuildFresh(root: string): boolean;
