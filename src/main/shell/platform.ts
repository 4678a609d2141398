// The Platform the services get inside Electron: native open dialog, allowlisted external links, and events
// pushed to the window.

import type { BrowserWindow, Dialog, Shell } from 'electron';
import { ApiError } from '../../shared/api';
import { isAllowedExternalUrl } from '../security/external-links';
import type { Platform } from '../services/platform';
import { sendEvent } from './ipc';

export const SNAPSHOT_FILE_FILTERS = [{ name: 'Triad snapshot', extensions: ['triad'] }];

export async function pickSnapshotFile(dialog: Pick<Dialog, 'showOpenDialog'>, win: BrowserWindow | null): Promise<string | null> {
  const options = { title: 'Open snapshot', filters: SNAPSHOT_FILE_FILTERS, properties: ['openFile' as const] };
  const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
  return result.canceled || result.filePaths.length === 0 ? null : result.filePaths[0];
}

/** Opens a URL in the user's browser only if the allowlist accepts it; everything else is refused. */
export async function openAllowedExternal(shell: Pick<Shell, 'openExternal'>, url: string): Promise<void> {
  if (!isAllowedExternalUrl(url)) {
    throw new ApiError('bad-request', `Triad only opens https links to AWS documentation; refused ${url.slice(0, 200)}`);
  }
  await shell.openExternal(url);
}

export function createElectronPlatform(
  electron: { dialog: Pick<Dialog, 'showOpenDialog'>; shell: Pick<Shell, 'openExternal'> },
  getWindow: () => BrowserWindow | null,
): Platform {
  return {
    host: 'electron',
    pickSnapshotFile: () => pickSnapshotFile(electron.dialog, getWindow()),
    openExternal: (url) => openAllowedExternal(electron.shell, url),
    emit: (event, payload) => sendEvent(getWindow(), event, payload),
  };
}
