// A stand-in for the 'electron' module (the binary cannot run here): records what the shell asks of it and lets
// tests play the part of Chromium (emit navigation events, invoke IPC from chosen frames, request permissions).

import { EventEmitter } from 'node:events';
import type { ElectronModule } from '../../../src/main/shell/app';

export interface FakeFrame {
  url: string;
  parent: FakeFrame | null;
  processId: number;
  routingId: number;
}

export class FakeWebContents extends EventEmitter {
  mainFrame: FakeFrame = { url: 'triad://app/index.html', parent: null, processId: 4, routingId: 1 };
  sent: unknown[][] = [];
  /** What the page answers to executeJavaScript (the print route's readiness probe). */
  pageState = 'ready';
  printed: unknown[] = [];
  executeJavaScript() {
    return Promise.resolve(this.pageState);
  }
  printToPDF(options: unknown) {
    this.printed.push(options);
    return Promise.resolve(Buffer.from('%PDF-1.7 fake'));
  }
  windowOpenHandler?: (details: { url: string }) => { action: string };
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.windowOpenHandler = handler;
  }
  send(...args: unknown[]) {
    this.sent.push(args);
  }
  /** Emits a navigation event the way Electron does and tells whether the shell cancelled it. */
  navigate(event: 'will-navigate' | 'will-redirect' | 'will-frame-navigate', url: string): boolean {
    let prevented = false;
    this.emit(event, { url, preventDefault: () => (prevented = true) }, url);
    return prevented;
  }
}

type WindowOptions = { webPreferences: Record<string, unknown> } & Record<string, unknown>;

export interface FakeWindow extends EventEmitter {
  readonly options: WindowOptions;
  webContents: FakeWebContents;
  loadedUrl?: string;
  shown: boolean;
  destroyed: boolean;
}

export function createFakeElectron() {
  const calls = {
    sandboxEnabled: false,
    privilegedSchemes: [] as unknown[],
    protocolHandlers: new Map<string, (request: Request) => Promise<Response>>(),
    windows: [] as FakeWindow[],
    ipcHandlers: new Map<string, (event: unknown, ...args: unknown[]) => Promise<unknown>>(),
    externalOpened: [] as string[],
    messageBoxes: [] as { title?: string; message: string; detail?: string }[],
    errorBoxes: [] as string[],
    menuTemplate: undefined as unknown,
    permissionRequestHandler: undefined as undefined | ((wc: unknown, permission: string, cb: (granted: boolean) => void, details: unknown) => void),
    permissionCheckHandler: undefined as undefined | ((wc: unknown, permission: string, origin: string, details: unknown) => boolean),
    beforeRequest: undefined as undefined | ((details: { url: string }, cb: (r: { cancel?: boolean }) => void) => void),
    headersReceived: undefined as
      | undefined
      | ((details: { url: string; responseHeaders?: Record<string, string[]> }, cb: (r: { responseHeaders?: Record<string, string[]> }) => void) => void),
    openDialogResult: { canceled: true, filePaths: [] as string[] },
    saveDialogResult: { canceled: true, filePath: '' },
    saveDialogs: [] as unknown[],
    pathsOpened: [] as string[],
    userData: '/nonexistent/triad-user-data',
    quit: 0,
  };

  const app = Object.assign(new EventEmitter(), {
    isPackaged: false,
    enableSandbox: () => {
      calls.sandboxEnabled = true;
    },
    requestSingleInstanceLock: () => true,
    whenReady: () => Promise.resolve(),
    quit: () => {
      calls.quit++;
    },
    exit: () => undefined,
    getPath: (name: string) => (name === 'userData' ? calls.userData : `/nonexistent/${name}`),
  });

  class FakeBrowserWindow extends EventEmitter implements FakeWindow {
    webContents = new FakeWebContents();
    loadedUrl?: string;
    shown = false;
    destroyed = false;
    constructor(readonly options: WindowOptions) {
      super();
      calls.windows.push(this);
      app.emit('web-contents-created', {}, this.webContents);
    }
    loadURL(url: string) {
      this.loadedUrl = url;
      this.webContents.mainFrame.url = url;
      return Promise.resolve();
    }
    show() {
      this.shown = true;
    }
    isVisible() {
      return this.shown;
    }
    isDestroyed() {
      return this.destroyed;
    }
    destroy() {
      this.destroyed = true;
    }
    isMinimized() {
      return false;
    }
    restore() {}
    focus() {}
  }

  const electron = {
    app,
    BrowserWindow: FakeBrowserWindow,
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => calls.privilegedSchemes.push(...schemes),
      handle: (scheme: string, handler: (request: Request) => Promise<Response>) => calls.protocolHandlers.set(scheme, handler),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (h: typeof calls.permissionRequestHandler) => (calls.permissionRequestHandler = h),
        setPermissionCheckHandler: (h: typeof calls.permissionCheckHandler) => (calls.permissionCheckHandler = h),
        webRequest: {
          onBeforeRequest: (h: typeof calls.beforeRequest) => (calls.beforeRequest = h),
          onHeadersReceived: (h: typeof calls.headersReceived) => (calls.headersReceived = h),
        },
      },
    },
    ipcMain: {
      handle: (channel: string, handler: (event: unknown, ...args: unknown[]) => Promise<unknown>) => calls.ipcHandlers.set(channel, handler),
      removeHandler: (channel: string) => calls.ipcHandlers.delete(channel),
    },
    dialog: {
      showOpenDialog: async () => calls.openDialogResult,
      showSaveDialog: async (...args: unknown[]) => {
        calls.saveDialogs.push(args[args.length - 1]);
        return calls.saveDialogResult;
      },
      showMessageBox: async (...args: unknown[]) => {
        calls.messageBoxes.push(args[args.length - 1] as { message: string });
        return { response: 0 };
      },
      showErrorBox: (title: string, content: string) => calls.errorBoxes.push(`${title}: ${content}`),
    },
    shell: {
      openExternal: async (url: string) => {
        calls.externalOpened.push(url);
      },
      openPath: async (path: string) => {
        calls.pathsOpened.push(path);
        return '';
      },
    },
    // Reversible and never plain text, like the keychain; enough for the shell's wiring.
    safeStorage: {
      isEncryptionAvailable: () => true,
      encryptString: (text: string) => Buffer.from(text, 'utf8').map((byte) => byte ^ 0x5a),
      decryptString: (data: Buffer) => Buffer.from(data.map((byte) => byte ^ 0x5a)).toString('utf8'),
    },
    Menu: {
      buildFromTemplate: (template: unknown) => template,
      setApplicationMenu: (menu: unknown) => (calls.menuTemplate = menu),
    },
  };

  // The fake implements only what the shell calls; the cast stands for "this is the electron module" in tests.
  const FakeWindowClass: new (options: WindowOptions) => FakeWindow = FakeBrowserWindow;
  return { electron: electron as unknown as ElectronModule, calls, FakeBrowserWindow: FakeWindowClass };
}

export type FakeElectron = ReturnType<typeof createFakeElectron>;

/** Lets the promise chain after app.whenReady() run. */
export const settle = () => new Promise((resolve) => setImmediate(resolve));
