// API handlers about the application itself rather than the open snapshot.

import { ApiError, type ApiHandlers } from '../../shared/api';
import { triadVersion } from '../paths';
import { isAllowedExternalUrl } from '../security/external-links';
import type { Platform } from './platform';

export type AppHandlers = Pick<ApiHandlers, 'app.info' | 'app.openExternal'>;

export function appHandlers(platform: Platform): AppHandlers {
  return {
    'app.info': () => ({
      version: triadVersion(),
      host: platform.host,
      nativeDialogs: Boolean(platform.pickSnapshotFile),
      canSave: Boolean(platform.pickSavePath),
      canOpenFiles: Boolean(platform.openPath),
      signingKeys: platform.signingKeys ? (platform.signingKeysKind ?? 'keychain') : null,
    }),
    'app.openExternal': async ({ url }) => {
      if (!platform.openExternal) throw new ApiError('unavailable', 'This host cannot open links; copy the address instead.');
      if (!isAllowedExternalUrl(url)) throw new ApiError('bad-request', `Triad does not open this address: ${url.slice(0, 200)}`);
      await platform.openExternal(url);
    },
  };
}
