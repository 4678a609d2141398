// Wires the Electron app: security switches before ready, then the session guards, the triad:// protocol,
// the window, the IPC binding and the menu; and opens the snapshot named on the command line (or the bundled
// demo). Takes the electron module as a parameter so the wiring is unit-tested against a fake.

import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type * as Electron from 'electron';
import type { Platform, TriadService } from '../services/platform';
import { bindIpc, type IpcBinding } from './ipc';
import { buildMenuTemplate } from './menu';
import { hardenAllWebContents } from './navigation';
import { APP_ENTRY_URL, type AppOrigins } from './origins';
import { createElectronPlatform, openAllowedExternal, pickSnapshotFile, type ElectronPlatformDeps } from './platform';
import { registerAppProtocol, registerAppSchemePrivileged } from './protocol';
import { printReportToPdf } from './report-pdf';
import { hardenSession } from './session';
import { createMainWindow } from './window';

export type ElectronModule = Pick<
  typeof Electron,
  'app' | 'BrowserWindow' | 'dialog' | 'ipcMain' | 'Menu' | 'protocol' | 'safeStorage' | 'session' | 'shell'
>;

export interface ShellConfig {
  argv: string[];
  rendererDir: string;
  preloadPath: string;
  demoSnapshotPath: string;
  /** ELECTRON_RENDERER_URL, set by `electron-vite dev` only (see devServerUrlFrom). */
  devServerUrl?: string;
  createService(platform: Platform): TriadService;
}

/** The value of `--snapshot F` or `--snapshot=F`, if given. */
export function snapshotArgument(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--snapshot' && i + 1 < argv.length) return argv[i + 1];
    if (argv[i].startsWith('--snapshot=')) return argv[i].slice('--snapshot='.length);
  }
  return undefined;
}

const errorMessage = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function startShell(electron: ElectronModule, config: ShellConfig): void {
  const { app, dialog } = electron;
  app.enableSandbox();
  registerAppSchemePrivileged(electron.protocol);
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }

  const origins: AppOrigins = { devServerUrl: config.devServerUrl };
  let win: Electron.BrowserWindow | null = null;
  const openExternal = (url: string) => {
    openAllowedExternal(electron.shell, url).catch((error: unknown) => console.warn(`[triad] ${errorMessage(error)}`));
  };
  let ipc: IpcBinding | null = null;
  const printReport: ElectronPlatformDeps['printReport'] = async (request) => {
    const binding = ipc;
    if (!binding) throw new Error('Triad is still starting; try again in a moment.');
    let release: () => void = () => undefined;
    try {
      const bytes = await printReportToPdf(electron, {
        preloadPath: config.preloadPath,
        url: config.devServerUrl,
        ...request,
        onWindow: (printWindow) => (release = binding.admitPrintWindow(printWindow)),
      });
      return { bytes };
    } finally {
      release();
    }
  };
  const service = config.createService(createElectronPlatform(electron, { getWindow: () => win, printReport }));

  const showOpenError = (path: string, error: unknown) => {
    const options = {
      type: 'error' as const,
      title: 'Could not open snapshot',
      message: `Could not open ${path}`,
      detail: `${errorMessage(error)}\n\nUse File → Open Snapshot… to choose another file.`,
    };
    const current = win;
    if (!current) void dialog.showMessageBox(options);
    // At start-up the window is still hidden: the dialog waits for it, so it is attached to a visible window.
    else if (current.isVisible()) void dialog.showMessageBox(current, options);
    else current.once('ready-to-show', () => void dialog.showMessageBox(current, options));
  };
  /** A snapshot that fails to open leaves the welcome screen and a dialog, never a crash. */
  const openSnapshot = (path: string) => {
    try {
      service.open(path);
    } catch (error) {
      showOpenError(path, error);
    }
  };
  const openSnapshotFromDialog = async () => {
    const path = await pickSnapshotFile(dialog, win);
    if (path) openSnapshot(path);
  };

  hardenAllWebContents(app, { origins, openExternal });

  // `triad --snapshot F` while Triad runs: the running window opens F (relative to where that command ran).
  app.on('second-instance', (_event, argv, workingDirectory) => {
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.focus();
    const path = snapshotArgument(argv);
    if (path) openSnapshot(resolve(workingDirectory, path));
  });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => service.close());

  app
    .whenReady()
    .then(() => {
      hardenSession(electron.session.defaultSession, origins);
      registerAppProtocol(electron.protocol, config.rendererDir);
      electron.Menu.setApplicationMenu(
        electron.Menu.buildFromTemplate(
          buildMenuTemplate({
            isMac: process.platform === 'darwin',
            devTools: config.devServerUrl !== undefined,
            openSnapshot: () => void openSnapshotFromDialog().catch((error: unknown) => showOpenError('the snapshot', error)),
            openExternal,
          }),
        ),
      );
      win = createMainWindow(electron, { preloadPath: config.preloadPath, url: config.devServerUrl ?? APP_ENTRY_URL });
      win.on('closed', () => {
        win = null;
      });
      ipc = bindIpc(electron.ipcMain, win, service.handlers, origins);

      const requested = snapshotArgument(config.argv);
      if (requested) openSnapshot(resolve(requested));
      else if (existsSync(config.demoSnapshotPath)) openSnapshot(config.demoSnapshotPath);
    })
    .catch((error: unknown) => {
      dialog.showErrorBox('Triad could not start', errorMessage(error));
      app.exit(1);
    });
}
