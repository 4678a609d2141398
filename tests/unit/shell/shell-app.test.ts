// The Electron shell's wiring, exercised through a fake 'electron' module: what a user or a hostile page can
// and cannot do in the real app follows from these settings and handlers.

import type { EventEmitter } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../src/main/security/csp';
import { startShell } from '../../../src/main/shell/app';
import { devServerUrlFrom } from '../../../src/main/shell/origins';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from '../../../src/shared/ipc';
import { createFakeElectron, settle, type FakeElectron } from './fake-electron';
import { createFakeService, FAKE_SNAPSHOT_MARKER, type FakeService } from './fake-service';
import type { Platform } from '../../../src/main/services/platform';
import { defaultReportOptions } from '../../../src/shared/report';

let dir: string;
let fake: FakeElectron;
let service: FakeService | undefined;
let platform: Platform;
let warnings: MockInstance<typeof console.warn>;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'triad-shell-'));
  mkdirSync(join(dir, 'renderer'));
  writeFileSync(join(dir, 'renderer', 'index.html'), '<!doctype html><title>Triad</title>');
  writeFileSync(join(dir, 'demo.triad'), `${FAKE_SNAPSHOT_MARKER} demo`);
  writeFileSync(join(dir, 'other.triad'), `${FAKE_SNAPSHOT_MARKER} other`);
  writeFileSync(join(dir, 'corrupt.triad'), 'not a snapshot');
  fake = createFakeElectron();
  service = undefined;
  warnings = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(() => {
  warnings.mockRestore();
  rmSync(dir, { recursive: true, force: true });
});

async function start(argv: string[] = [], devServerUrl?: string) {
  startShell(fake.electron, {
    argv: ['electron', 'out/main/index.js', ...argv],
    rendererDir: join(dir, 'renderer'),
    preloadPath: '/app/out/preload/index.cjs',
    demoSnapshotPath: join(dir, 'demo.triad'),
    devServerUrl,
    createService: (given) => {
      platform = given;
      return (service = createFakeService(given));
    },
  });
  await settle();
  const win = fake.calls.windows[0];
  return { win, invoke: fake.calls.ipcHandlers.get(IPC_INVOKE_CHANNEL)! };
}

describe('start-up', () => {
  it('enables the sandbox for all renderers and registers triad:// as a privileged scheme without bypassCSP', async () => {
    await start();
    expect(fake.calls.sandboxEnabled).toBe(true);
    expect(fake.calls.privilegedSchemes).toEqual([
      { scheme: 'triad', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
    expect(fake.calls.protocolHandlers.has('triad')).toBe(true);
  });

  it('creates one hidden window with the secure webPreferences, shown once ready', async () => {
    const { win } = await start();
    expect(fake.calls.windows).toHaveLength(1);
    expect(win.options.show).toBe(false);
    expect(win.options.webPreferences).toEqual({
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
      preload: '/app/out/preload/index.cjs',
    });
    expect(win.loadedUrl).toBe('triad://app/index.html');
    expect(win.shown).toBe(false);
    win.emit('ready-to-show');
    expect(win.shown).toBe(true);
  });

  it('opens the bundled demo when no --snapshot is given', async () => {
    await start();
    const current = await fake.calls.ipcHandlers.get(IPC_INVOKE_CHANNEL)!(fakeEventFrom(fake.calls.windows[0]), 'snapshot.current', null);
    expect(current).toMatchObject({ ok: true, value: { path: join(dir, 'demo.triad') } });
  });

  it('opens the file named by --snapshot instead of the demo', async () => {
    const { win, invoke } = await start(['--snapshot', join(dir, 'other.triad')]);
    expect(await invoke(fakeEventFrom(win), 'snapshot.current', null)).toMatchObject({ ok: true, value: { fileName: 'other.triad' } });
  });

  it('shows a dialog and the welcome screen (no snapshot) when the snapshot cannot be opened', async () => {
    const { win, invoke } = await start([`--snapshot=${join(dir, 'corrupt.triad')}`]);
    expect(fake.calls.messageBoxes).toEqual([]);
    win.emit('ready-to-show');
    expect(fake.calls.messageBoxes).toHaveLength(1);
    expect(fake.calls.messageBoxes[0].message).toContain('corrupt.triad');
    expect(fake.calls.messageBoxes[0].detail).toContain('is not a Triad snapshot');
    expect(await invoke(fakeEventFrom(win), 'snapshot.current', null)).toEqual({ ok: true, value: null });
  });

  it('a second launch with --snapshot opens that file in the running window', async () => {
    const { win, invoke } = await start();
    fake.electron.app.emit('second-instance', {}, ['electron', '.', '--snapshot', 'other.triad'], dir);
    expect(await invoke(fakeEventFrom(win), 'snapshot.current', null)).toMatchObject({ ok: true, value: { path: join(dir, 'other.triad') } });
  });

  it('a start-up failure shows an error dialog and exits non-zero instead of leaving a blank window', async () => {
    let exitCode: number | undefined;
    Object.assign(fake.electron.app, { exit: (code: number) => (exitCode = code) });
    Object.assign(fake.electron.protocol, {
      handle: () => {
        throw new Error('scheme triad is already handled');
      },
    });
    await start();
    expect(fake.calls.errorBoxes).toEqual(['Triad could not start: scheme triad is already handled']);
    expect(exitCode).toBe(1);
    expect(fake.calls.windows).toHaveLength(0);
  });

  it('closes the service when the app quits', async () => {
    await start();
    fake.electron.app.emit('will-quit');
    expect(service?.closed).toBe(1);
  });
});

function fakeEventFrom(win: FakeElectron['calls']['windows'][number], frame: unknown = win.webContents.mainFrame) {
  return { sender: win.webContents, senderFrame: frame };
}

describe('IPC', () => {
  it('answers calls from the main frame of the window through the API contract', async () => {
    const { win, invoke } = await start();
    expect(await invoke(fakeEventFrom(win), 'app.info', null)).toEqual({
      ok: true,
      value: { version: '0.1.0', host: 'electron', nativeDialogs: true, canSave: true, canOpenFiles: true, signingKeys: 'keychain' },
    });
    expect(await invoke(fakeEventFrom(win), 'no.such.method', null)).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await invoke(fakeEventFrom(win), 'snapshot.open', { path: 42 })).toEqual({
      ok: false,
      error: { code: 'bad-request', message: 'snapshot.open: params.path must be a string' },
    });
  });

  it.each([
    ['a subframe', (main: { processId: number; routingId: number; url: string }) => ({ ...main, routingId: 9, parent: main })],
    ['a frame on another page', (main: { processId: number; routingId: number }) => ({ ...main, url: 'https://evil.example/', parent: null })],
    ['a file:// page', (main: { processId: number; routingId: number }) => ({ ...main, url: 'file:///etc/passwd', parent: null })],
    ['another triad host', (main: { processId: number; routingId: number }) => ({ ...main, url: 'triad://evil/index.html', parent: null })],
    ['a missing frame', () => null],
  ])('refuses a call from %s with an error, and logs it', async (_label, makeFrame) => {
    const { win, invoke } = await start();
    const frame = makeFrame({ ...win.webContents.mainFrame });
    const response = await invoke(fakeEventFrom(win, frame), 'snapshot.current', null);
    expect(response).toMatchObject({ ok: false, error: { code: 'bad-request', message: expect.stringMatching(/^Refused snapshot\.current: /) } });
    expect(warnings.mock.calls.flat().join('\n')).toContain('refused IPC call snapshot.current');
  });

  it('refuses a call from another webContents even if its frame looks like ours', async () => {
    const { win, invoke } = await start();
    const other = new fake.FakeBrowserWindow({ webPreferences: {} });
    expect(await invoke({ sender: other.webContents, senderFrame: win.webContents.mainFrame }, 'app.info', null)).toMatchObject({ ok: false });
  });

  it('pushes snapshot.changed to the page when a snapshot opens', async () => {
    const { win, invoke } = await start();
    win.webContents.sent.length = 0;
    await invoke(fakeEventFrom(win), 'snapshot.open', { path: join(dir, 'other.triad') });
    expect(win.webContents.sent).toEqual([[IPC_EVENT_CHANNEL, 'snapshot.changed', expect.objectContaining({ fileName: 'other.triad' })]]);
  });
});

describe('navigation, new windows and external links', () => {
  it('keeps the window on the app: remote navigations and redirects are cancelled, in-app ones allowed', async () => {
    const { win } = await start();
    expect(win.webContents.navigate('will-navigate', 'https://evil.example/')).toBe(true);
    expect(win.webContents.navigate('will-redirect', 'http://127.0.0.1:8080/')).toBe(true);
    expect(win.webContents.navigate('will-frame-navigate', 'file:///etc/passwd')).toBe(true);
    expect(win.webContents.navigate('will-navigate', 'triad://evil/index.html')).toBe(true);
    expect(win.webContents.navigate('will-navigate', 'triad://app/index.html')).toBe(false);
  });

  it('applies the same rules to every webContents created later, and never attaches a <webview>', async () => {
    await start();
    const later = new fake.FakeBrowserWindow({ webPreferences: {} });
    expect(later.webContents.navigate('will-navigate', 'https://evil.example/')).toBe(true);
    let prevented = false;
    later.webContents.emit('will-attach-webview', { preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
  });

  it('denies every window.open, handing only allowlisted https documentation links to the browser', async () => {
    const { win } = await start();
    const open = win.webContents.windowOpenHandler!;
    expect(open({ url: 'https://docs.aws.amazon.com/config/latest/developerguide/s3-bucket-public-read-prohibited.html' })).toEqual({ action: 'deny' });
    expect(open({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(open({ url: 'http://docs.aws.amazon.com/' })).toEqual({ action: 'deny' });
    expect(open({ url: 'triad://app/index.html' })).toEqual({ action: 'deny' });
    await settle();
    expect(fake.calls.externalOpened).toEqual(['https://docs.aws.amazon.com/config/latest/developerguide/s3-bucket-public-read-prohibited.html']);
  });

  it('app.openExternal opens allowlisted links and refuses the rest', async () => {
    const { win, invoke } = await start();
    expect(await invoke(fakeEventFrom(win), 'app.openExternal', { url: 'https://aws.amazon.com/compliance/shared-responsibility-model/' })).toEqual({
      ok: true,
      value: undefined,
    });
    expect(await invoke(fakeEventFrom(win), 'app.openExternal', { url: 'file:///bin/sh' })).toMatchObject({
      ok: false,
      error: { code: 'bad-request', message: expect.stringContaining('refused file:///bin/sh') },
    });
    expect(fake.calls.externalOpened).toEqual(['https://aws.amazon.com/compliance/shared-responsibility-model/']);
  });
});

describe('session', () => {
  it('denies every permission request', async () => {
    await start();
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read', 'fileSystem']) {
      let granted: boolean | undefined;
      fake.calls.permissionRequestHandler!({}, permission, (g) => (granted = g), {});
      expect(granted, permission).toBe(false);
    }
    expect(fake.calls.permissionCheckHandler!({}, 'media', 'triad://app', {})).toBe(false);
    expect(fake.calls.permissionCheckHandler!({}, 'clipboard-read', 'triad://app', {})).toBe(false);
    // Copying evidence JSON to the clipboard from a click is the one capability kept, for the app's own page only.
    expect(fake.calls.permissionCheckHandler!({}, 'clipboard-sanitized-write', 'triad://app', {})).toBe(true);
    expect(fake.calls.permissionCheckHandler!({}, 'clipboard-sanitized-write', 'https://evil.example', {})).toBe(false);
  });

  it('cancels every request that is not for the app (no remote content)', async () => {
    await start();
    const cancelled = (url: string) => {
      let result: boolean | undefined;
      fake.calls.beforeRequest!({ url }, (r) => (result = r.cancel));
      return result;
    };
    expect(cancelled('https://cdn.example/lib.js')).toBe(true);
    expect(cancelled('http://127.0.0.1:5173/')).toBe(true);
    expect(cancelled('file:///etc/passwd')).toBe(true);
    expect(cancelled('ws://evil.example/')).toBe(true);
    expect(cancelled('triad://app/assets/index.js')).toBe(false);
    expect(cancelled('devtools://devtools/bundled/devtools_app.html')).toBe(false);
  });

  it('sets the CSP on the app responses again, replacing any other', async () => {
    await start();
    let headers: Record<string, string[]> | undefined;
    fake.calls.headersReceived!({ url: 'triad://app/index.html', responseHeaders: { 'content-security-policy': ["default-src *"], 'X-Other': ['1'] } }, (r) => (headers = r.responseHeaders));
    expect(headers).toEqual({ 'X-Other': ['1'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
  });

  it('in development allows only the loopback dev server, with the dev CSP', async () => {
    const { win } = await start([], 'http://localhost:5173/');
    expect(win.loadedUrl).toBe('http://localhost:5173/');
    let cancel: boolean | undefined;
    fake.calls.beforeRequest!({ url: 'ws://localhost:5173/' }, (r) => (cancel = r.cancel));
    expect(cancel).toBe(false);
    let headers: Record<string, string[]> | undefined;
    fake.calls.headersReceived!({ url: 'http://localhost:5173/', responseHeaders: {} }, (r) => (headers = r.responseHeaders));
    expect(headers?.['Content-Security-Policy'][0]).toContain("connect-src 'self' http://localhost:5173 ws://localhost:5173");
  });
});

describe('menu', () => {
  type Item = { label?: string; role?: string; accelerator?: string; submenu?: Item[]; click?: () => void };
  const find = (items: Item[], label: string): Item => {
    for (const item of items) {
      if (item.label === label) return item;
      const inner = item.submenu && find(item.submenu, label);
      if (inner?.label === label) return inner;
    }
    return {};
  };

  it('File → Open Snapshot… (Cmd/Ctrl+O) opens the chosen .triad file', async () => {
    const { win, invoke } = await start();
    const item = find(fake.calls.menuTemplate as Item[], 'Open Snapshot…');
    expect(item.accelerator).toBe('CmdOrCtrl+O');
    fake.calls.openDialogResult = { canceled: false, filePaths: [join(dir, 'other.triad')] };
    item.click!();
    await settle();
    expect(await invoke(fakeEventFrom(win), 'snapshot.current', null)).toMatchObject({ ok: true, value: { fileName: 'other.triad' } });
  });

  it('Help links go through the allowlist to the browser', async () => {
    await start();
    const help = (fake.calls.menuTemplate as Item[]).find((item) => item.role === 'help')!;
    for (const link of help.submenu!) link.click!();
    await settle();
    expect(fake.calls.externalOpened).toHaveLength(help.submenu!.length);
    expect(fake.calls.externalOpened.every((url) => url.startsWith('https://'))).toBe(true);
  });
});

describe('ELECTRON_RENDERER_URL', () => {
  it('is honoured only for a loopback http dev server in an unpackaged app', () => {
    expect(devServerUrlFrom(undefined, false)).toBeUndefined();
    expect(devServerUrlFrom('http://localhost:5173', false)).toBe('http://localhost:5173/');
    expect(devServerUrlFrom('http://127.0.0.1:5173/', false)).toBe('http://127.0.0.1:5173/');
    expect(devServerUrlFrom('http://localhost:5173', true)).toBeUndefined();
    expect(() => devServerUrlFrom('https://evil.example/', false)).toThrow('ELECTRON_RENDERER_URL must be a loopback http URL');
    expect(() => devServerUrlFrom('http://localhost.evil.example/', false)).toThrow('ELECTRON_RENDERER_URL must be a loopback http URL');
  });
});

/** The fake app is an EventEmitter; tests listen on it as Chromium's events would reach the shell. */
const appEvents = () => fake.electron.app as unknown as EventEmitter;

describe('exporting: the report print window, save dialog and open when done', () => {
  const options = { ...defaultReportOptions('2026-11-27T00:00:00.000Z'), paper: 'letter' as const };

  it('admits the hidden print window for the report reads while it prints, then refuses it', async () => {
    const { invoke } = await start();
    const answers: Record<string, unknown> = {};
    let printWindow: FakeElectron['calls']['windows'][number] | undefined;
    appEvents().on('web-contents-created', (_event: unknown, contents: FakeElectron['calls']['windows'][number]['webContents']) => {
      contents.executeJavaScript = async () => {
        printWindow = fake.calls.windows.find((w) => w.webContents === contents);
        const from = { sender: contents, senderFrame: contents.mainFrame };
        answers.info = await invoke(from, 'app.info', null);
        answers.model = await invoke(from, 'report.model', { options });
        answers.open = await invoke(from, 'snapshot.open', { path: join(dir, 'other.triad') });
        answers.subframe = await invoke({ sender: contents, senderFrame: { ...contents.mainFrame, routingId: 9, parent: contents.mainFrame } }, 'report.model', { options });
        return 'ready';
      };
    });
    const outPath = join(dir, 'report.pdf');
    expect(await platform.printReport!({ options, outPath })).toEqual({ bytes: 13 });

    expect(answers.info).toMatchObject({ ok: true });
    // The fake service has no snapshot: the call reached it (no refusal) and it answered in the API's terms.
    expect(answers.model).toEqual({ ok: false, error: { code: 'no-snapshot', message: 'No snapshot is open' } });
    expect(answers.open).toEqual({ ok: false, error: { code: 'bad-request', message: 'Refused snapshot.open: the report print window may only read the report.' } });
    expect(answers.subframe).toMatchObject({ ok: false, error: { message: 'Refused report.model: it did not come from the main frame.' } });
    expect(readFileSync(outPath, 'utf8')).toBe('%PDF-1.7 fake');
    expect(printWindow!.options.show).toBe(false);
    expect(printWindow!.options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, preload: '/app/out/preload/index.cjs' });
    expect(printWindow!.loadedUrl).toMatch(/^triad:\/\/app\/index\.html#\/report\?/);
    // The paper, margins, header and footer are the print route's @page rule: no header template of HTML.
    expect(printWindow!.webContents.printed).toEqual([
      { pageSize: 'Letter', preferCSSPageSize: true, printBackground: true, generateTaggedPDF: true, generateDocumentOutline: true },
    ]);
    expect(printWindow!.destroyed).toBe(true);

    // Printed and gone: even a window showing the app with the same webContents is no longer admitted.
    printWindow!.destroyed = false;
    const late = await invoke({ sender: printWindow!.webContents, senderFrame: printWindow!.webContents.mainFrame }, 'report.model', { options });
    expect(late).toMatchObject({ ok: false, error: { message: 'Refused report.model: it did not come from the Triad window.' } });
  });

  it('a print route that fails leaves no PDF and destroys the window', async () => {
    await start();
    appEvents().on('web-contents-created', (_event: unknown, contents: { pageState: string }) => {
      contents.pageState = 'report.model: No snapshot is open';
    });
    const outPath = join(dir, 'failed.pdf');
    await expect(platform.printReport!({ options, outPath })).rejects.toThrow('the report page failed: report.model: No snapshot is open');
    expect(existsSync(outPath)).toBe(false);
    expect(fake.calls.windows.at(-1)!.destroyed).toBe(true);
  });

  it('asks where to save with the suggested name and type, and reports a cancel as null', async () => {
    await start();
    const request = { title: 'Export report', defaultName: 'org report.pdf', extension: 'pdf', filterName: 'PDF report' };
    expect(await platform.pickSavePath!(request)).toBeNull();
    fake.calls.saveDialogResult = { canceled: false, filePath: join(dir, 'chosen.pdf') };
    expect(await platform.pickSavePath!(request)).toBe(join(dir, 'chosen.pdf'));
    expect(fake.calls.saveDialogs[0]).toMatchObject({ title: 'Export report', defaultPath: 'org report.pdf', filters: [{ name: 'PDF report', extensions: ['pdf'] }] });
  });

  it('opens only an export file that exists, by its absolute path, with the system application', async () => {
    await start();
    const written = join(dir, 'findings.csv');
    writeFileSync(written, 'a,b\n');
    writeFileSync(join(dir, 'run.sh'), 'echo hi\n');
    await platform.openPath!(written);
    expect(fake.calls.pathsOpened).toEqual([written]);
    await expect(platform.openPath!('findings.csv')).rejects.toThrow('Triad does not open findings.csv');
    await expect(platform.openPath!(join(dir, 'run.sh'))).rejects.toThrow(`Triad does not open ${join(dir, 'run.sh')}`);
    await expect(platform.openPath!(join(dir, 'gone.pdf'))).rejects.toThrow('is not there any more');
    expect(fake.calls.pathsOpened).toEqual([written]);
  });

  it('keeps the signing key and the trusted-keys list in the user-data folder', async () => {
    fake.calls.userData = dir;
    await start();
    expect(platform.signingKeysKind).toBe('keychain');
    expect(platform.trustedKeysPath).toBe(join(dir, 'trusted-keys.json'));
    const created = platform.signingKeys!.create('Jane Auditor');
    expect(platform.signingKeys!.load().fingerprint).toBe(created.fingerprint);
    expect(readFileSync(join(dir, 'signing-key.enc'), 'latin1')).not.toContain('PRIVATE KEY');
  });
});
