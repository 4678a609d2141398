// The library of snapshots in a folder, grouped by scope for trends.

export { LibraryError, scanLibrary } from './scan';
