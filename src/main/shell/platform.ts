// The Platform the services get inside Electron: native open and save dialogs, allowlisted external links,
// opening a file Triad just wrote, report printing, the keychain-protected signing key, and events pushed to the
// window.

import { statSync } from 'node:fs';
import { extname, isAbsolute, join } from 'node:path';
import type { App, BrowserWindow, Dialog, SafeStorage, Shell } from 'electron';
import { ApiError } from '../../shared/api';
import { EXPORT_EXTENSIONS } from '../../shared/exports';
import { isAllowedExternalUrl } from '../security/external-links';
import type { Platform, PrintRequest, SaveRequest } from '../services/platform';
import { sendEvent } from './ipc';
import { createSigningKeyStore } from './signing-key-store';

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

export async function pickSavePath(dialog: Pick<Dialog, 'showSaveDialog'>, win: BrowserWindow | null, request: SaveRequest): Promise<string | null> {
  const options = {
    title: request.title,
    defaultPath: request.defaultName,
    filters: [{ name: request.filterName, extensions: [request.extension] }],
    properties: ['createDirectory' as const, 'showOverwriteConfirmation' as const],
  };
  const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
  return result.canceled || !result.filePath ? null : result.filePath;
}

/** Only the kinds of file Triad exports are handed to the system, so "open when done" can never launch a program. */
const OPENABLE_EXTENSIONS = new Set<string>(Object.values(EXPORT_EXTENSIONS).map((ext) => `.${ext}`));

/** Opens a file Triad has just written (the service passes exactly that path) with the system's default application. */
export async function openWrittenFile(shell: Pick<Shell, 'openPath'>, path: string): Promise<void> {
  if (!isAbsolute(path) || !OPENABLE_EXTENSIONS.has(extname(path).toLowerCase())) throw new Error(`Triad does not open ${path}`);
  let isFile = false;
  try {
    isFile = statSync(path).isFile();
  } catch {
    // Reported below as not found.
  }
  if (!isFile) throw new Error(`${path} is not there any more`);
  const problem = await shell.openPath(path);
  if (problem) throw new Error(`The system could not open ${path}: ${problem}`);
}

export interface ElectronPlatformDeps {
  getWindow: () => BrowserWindow | null;
  /** Prints the report in a hidden window (report-pdf.ts), admitted to the IPC binding while it prints. */
  printReport: (request: PrintRequest) => Promise<{ bytes: number }>;
}

export function createElectronPlatform(
  electron: {
    app: Pick<App, 'getPath'>;
    dialog: Pick<Dialog, 'showOpenDialog' | 'showSaveDialog'>;
    shell: Pick<Shell, 'openExternal' | 'openPath'>;
    safeStorage: Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString'>;
  },
  deps: ElectronPlatformDeps,
): Platform {
  const userData = electron.app.getPath('userData');
  return {
    host: 'electron',
    pickSnapshotFile: () => pickSnapshotFile(electron.dialog, deps.getWindow()),
    pickSavePath: (request) => pickSavePath(electron.dialog, deps.getWindow(), request),
    printReport: deps.printReport,
    openPath: (path) => openWrittenFile(electron.shell, path),
    openExternal: (url) => openAllowedExternal(electron.shell, url),
    signingKeys: createSigningKeyStore(electron.safeStorage, userData),
    signingKeysKind: 'keychain',
    trustedKeysPath: join(userData, 'trusted-keys.json'),
    emit: (event, payload) => sendEvent(deps.getWindow(), event, payload),
  };
}
