// The ipcMain side of the contract: one invoke channel, generic over ApiHandlers. Every call is checked to come
// from the main frame of our window showing the app, before dispatch() validates the method and parameters.

import type { BrowserWindow, IpcMain, IpcMainInvokeEvent, WebFrameMain } from 'electron';
import type { ApiHandlers } from '../../shared/api';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL, type ApiResponse } from '../../shared/ipc';
import { dispatch } from '../services/dispatch';
import { isAppUrl, type AppOrigins } from './origins';

type SenderFrame = Pick<WebFrameMain, 'url' | 'parent' | 'processId' | 'routingId'>;

/** Why a call must be refused, or null when it comes from the app's main frame in our window. */
export function senderProblem(
  sender: IpcMainInvokeEvent['sender'],
  frame: SenderFrame | null | undefined,
  win: BrowserWindow,
  origins: AppOrigins,
): string | null {
  if (win.isDestroyed() || sender !== win.webContents) return 'it did not come from the Triad window';
  if (!frame) return 'its sender frame is gone (navigated away or destroyed)';
  try {
    const main = win.webContents.mainFrame;
    if (frame.parent !== null || frame.processId !== main.processId || frame.routingId !== main.routingId) {
      return 'it did not come from the main frame';
    }
    if (!isAppUrl(frame.url, origins)) return `it came from a foreign page (${frame.url.slice(0, 100)})`;
  } catch {
    return 'its sender frame is gone';
  }
  return null;
}

export function bindIpc(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  win: BrowserWindow,
  handlers: ApiHandlers,
  origins: AppOrigins,
  log: (message: string) => void = (message) => console.warn(message),
): () => void {
  ipcMain.handle(IPC_INVOKE_CHANNEL, async (event, method: unknown, params: unknown): Promise<ApiResponse<unknown>> => {
    const problem = senderProblem(event.sender, event.senderFrame, win, origins);
    if (problem) {
      log(`[triad] refused IPC call ${String(method).slice(0, 80)}: ${problem}`);
      return { ok: false, error: { code: 'bad-request', message: `Refused ${String(method).slice(0, 80)}: ${problem}.` } };
    }
    return dispatch(handlers, method, params);
  });
  return () => ipcMain.removeHandler(IPC_INVOKE_CHANNEL);
}

/** Pushes one contract event to the window's page, if it is still open. */
export function sendEvent(win: BrowserWindow | null, name: string, payload: unknown): void {
  if (win && !win.isDestroyed()) win.webContents.send(IPC_EVENT_CHANNEL, name, payload);
}
