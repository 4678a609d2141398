// The one application window. Its webPreferences are the Electron security checklist in code; the page gets
// nothing but the sandboxed preload's `window.triad` bridge.

import type { BrowserWindow, BrowserWindowConstructorOptions, WebPreferences } from 'electron';

export const SECURE_WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  spellcheck: false,
  navigateOnDragDrop: false,
  safeDialogs: true,
} as const satisfies WebPreferences;

export interface MainWindowOptions {
  preloadPath: string;
  url: string;
}

type BrowserWindowClass = new (options: BrowserWindowConstructorOptions) => BrowserWindow;

export function createMainWindow(electron: { BrowserWindow: BrowserWindowClass }, options: MainWindowOptions): BrowserWindow {
  const win = new electron.BrowserWindow({
    width: 1360,
    height: 880,
    minWidth: 900,
    minHeight: 600,
    title: 'Triad',
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: { ...SECURE_WEB_PREFERENCES, preload: options.preloadPath },
  });
  win.once('ready-to-show', () => win.show());
  win.loadURL(options.url).catch((error: unknown) => {
    console.error(`[triad] could not load ${options.url}:`, error);
  });
  return win;
}
