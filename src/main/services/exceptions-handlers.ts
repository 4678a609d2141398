// exceptions.apply: applies an exceptions file to the open snapshot (validated as a whole: a bad file is an
// error naming its entries, never partly applied) and answers which exceptions are live or expired and every
// score without and with them. exceptions.save: adds or replaces one entry (the whole file is validated, then
// written atomically).

import { isAbsolute } from 'node:path';
import { ApiError, type ApiHandlers } from '../../shared/api';
import { ExceptionsFileError, applyExceptions, loadExceptions, saveException } from '../exceptions';
import { SnapshotError } from '../snapshot';
import type { SnapshotSession } from './snapshot-handlers';

export type ExceptionsHandlers = Pick<ApiHandlers, 'exceptions.apply' | 'exceptions.save'>;

export function exceptionsHandlers(session: Pick<SnapshotSession, 'current'>): ExceptionsHandlers {
  return {
    'exceptions.apply': ({ path, asOf }) => {
      const reader = session.current();
      if (!reader) throw new ApiError('no-snapshot', 'No snapshot is open. Open a .triad file first.');
      const day = asOf === undefined ? new Date() : new Date(`${asOf}T12:00:00Z`);
      if (Number.isNaN(day.getTime())) throw new ApiError('bad-request', `exceptions.apply: "${asOf}" is not a date YYYY-MM-DD`);
      try {
        return applyExceptions(reader.path, loadExceptions(path).exceptions, day);
      } catch (error) {
        if (error instanceof ExceptionsFileError) throw new ApiError('bad-request', error.message);
        if (error instanceof SnapshotError) throw new ApiError('snapshot-invalid', error.message);
        throw error;
      }
    },
    'exceptions.save': ({ path, entry }) => {
      // The path comes from the renderer: it may only ever write an exceptions file, never another kind of file.
      if (!isAbsolute(path) || !path.toLowerCase().endsWith('.json')) {
        throw new ApiError('bad-request', `An exceptions file is a .json file given by its full path; "${path.slice(0, 200)}" is not`);
      }
      try {
        return saveException(path, entry).exceptions;
      } catch (error) {
        if (error instanceof ExceptionsFileError) throw new ApiError('bad-request', error.message);
        throw error;
      }
    },
  };
}
