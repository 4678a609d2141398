// The ipcMain side of the contract: one invoke channel, generic over ApiHandlers. Every call is checked to come
// from the main frame of our window showing the app, before dispatch() validates the method and parameters.
// The hidden window that prints a report (report-pdf.ts) is admitted while it prints, and may only read.

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

/** What the report print route and the app's start-up read; nothing that changes a file or the open snapshot. */
const PRINT_WINDOW_READS = new Set(['app.info', 'snapshot.current', 'snapshot.verify', 'filters.options']);

export function printWindowMayCall(method: unknown): boolean {
  return typeof method === 'string' && (method.startsWith('report.') || PRINT_WINDOW_READS.has(method));
}

export interface IpcBinding {
  /** Accepts calls from `printWindow` (its main frame, on the app, reads only) until the returned function runs. */
  admitPrintWindow(printWindow: BrowserWindow): () => void;
  dispose(): void;
}

export function bindIpc(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  win: BrowserWindow,
  handlers: ApiHandlers,
  origins: AppOrigins,
  log: (message: string) => void = (message) => console.warn(message),
): IpcBinding {
  const printWindows = new Set<BrowserWindow>();
  const problemOf = (event: IpcMainInvokeEvent, method: unknown): string | null => {
    const printWindow = [...printWindows].find((w) => !w.isDestroyed() && event.sender === w.webContents);
    if (!printWindow) return senderProblem(event.sender, event.senderFrame, win, origins);
    return (
      senderProblem(event.sender, event.senderFrame, printWindow, origins) ??
      (printWindowMayCall(method) ? null : 'the report print window may only read the report')
    );
  };
  ipcMain.handle(IPC_INVOKE_CHANNEL, async (event, method: unknown, params: unknown): Promise<ApiResponse<unknown>> => {
    const problem = problemOf(event, method);
    if (problem) {
      log(`[triad] refused IPC call ${String(method).slice(0, 80)}: ${problem}`);
      return { ok: false, error: { code: 'bad-request', message: `Refused ${String(method).slice(0, 80)}: ${problem}.` } };
    }
    return dispatch(handlers, method, params);
  });
  return {
    admitPrintWindow(printWindow) {
      printWindows.add(printWindow);
      return () => printWindows.delete(printWindow);
    },
    dispose: () => ipcMain.removeHandler(IPC_INVOKE_CHANNEL),
  };
}

/** Pushes one contract event to the window's page, if it is still open. */
export function sendEvent(win: BrowserWindow | null, name: string, payload: unknown): void {
  if (win && !win.isDestroyed()) win.webContents.send(IPC_EVENT_CHANNEL, name, payload);
}
