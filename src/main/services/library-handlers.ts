// library.scan: the snapshots in a user-chosen folder, for the library view and its trends.

import { ApiError, type ApiHandlers } from '../../shared/api';
import { LibraryError, scanLibrary } from '../library';

export type LibraryHandlers = Pick<ApiHandlers, 'library.scan'>;

export function libraryHandlers(): LibraryHandlers {
  return {
    'library.scan': async ({ folder, verify }) => {
      try {
        return await scanLibrary(folder, { verify: verify === true });
      } catch (error) {
        throw error instanceof LibraryError ? new ApiError('bad-request', error.message) : error;
      }
    },
  };
}
