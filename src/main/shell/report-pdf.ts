// Prints the report in the Electron app: the same print route and page options as the CLI's Playwright path
// (src/main/report/pdf.ts), in a hidden, sandboxed window with the app's preload, through printToPDF.
// The window's IPC calls reach the services only while the IPC binding admits it (onWindow; see ipc.ts), and
// then only the report's reads.

import type { BrowserWindow, BrowserWindowConstructorOptions } from 'electron';
import type { ReportOptions } from '../../shared/report';
import { PAPER_FORMATS } from '../../shared/report-page';
import { writeFileAtomically } from '../export/atomic';
import { reportRoute } from '../report/print';
import { APP_ENTRY_URL } from './origins';
import { SECURE_WEB_PREFERENCES } from './window';

type BrowserWindowClass = new (options: BrowserWindowConstructorOptions) => BrowserWindow;

const POLL_MS = 200;

export interface AppReportRequest {
  preloadPath: string;
  /** The renderer's base URL: the electron-vite dev server in `npm run dev`, else triad://app. */
  url?: string;
  options: ReportOptions;
  outPath: string;
  /** Lets the caller bind IPC for the window before it loads. */
  onWindow?: (win: BrowserWindow) => void;
  timeoutMs?: number;
}

export async function printReportToPdf(electron: { BrowserWindow: BrowserWindowClass }, request: AppReportRequest): Promise<number> {
  const win = new electron.BrowserWindow({ show: false, webPreferences: { ...SECURE_WEB_PREFERENCES, preload: request.preloadPath } });
  try {
    request.onWindow?.(win);
    await win.loadURL(`${request.url ?? APP_ENTRY_URL}${reportRoute(request.options)}`);
    const deadline = Date.now() + (request.timeoutMs ?? 600_000);
    for (;;) {
      const state = (await win.webContents.executeJavaScript(
        'document.body.dataset.reportReady === "true" ? "ready" : (document.body.dataset.reportError ?? "")',
      )) as string;
      if (state === 'ready') break;
      if (state) throw new Error(`the report page failed: ${state}`);
      if (Date.now() > deadline) throw new Error('the report page did not finish laying out in time');
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    // Paper, margins, header and footer come from the route's @page rule (src/shared/report-page.ts).
    const pdf = await win.webContents.printToPDF({
      pageSize: PAPER_FORMATS[request.options.paper],
      preferCSSPageSize: true,
      printBackground: true,
      generateTaggedPDF: true,
      generateDocumentOutline: true,
    });
    writeFileAtomically(request.outPath, pdf);
    return pdf.length;
  } finally {
    win.destroy();
  }
}
