// The one way Triad opens an SQLite file. Under Electron, better-sqlite3 must load an addon built for
// Electron's ABI, which `npm start` builds beside the Node one and passes as TRIAD_SQLITE_BINDING.
import Database from 'better-sqlite3';

export function openDatabase(file: string, options: Database.Options = {}): Database.Database {
  const nativeBinding = process.env.TRIAD_SQLITE_BINDING;
  return new Database(file, nativeBinding ? { ...options, nativeBinding } : options);
}
