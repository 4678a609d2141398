// Prints a report to PDF in the CLI and the tests: starts the browser host in this process on the snapshot,
// opens the print route in Playwright's Chromium, waits for it to signal it is laid out, prints, and writes
// the PDF atomically. The app prints the same route with a hidden window (src/main/shell/report-pdf.ts).

import { chromium, type Browser } from 'playwright-core';
import type { ReportModel, ReportOptions } from '../../shared/report';
import { startHost } from '../host/server';
import { writeFileAtomically } from '../export/atomic';
import { MARGINS_MM, PAPER_FORMATS, pageTemplates, reportRoute } from './print';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

export interface PdfRequest {
  snapshotPath: string;
  rendererDir: string;
  options: ReportOptions;
  /** The model the CLI built (for the page header and footer); the print route builds the same one. */
  model: ReportModel;
  outPath: string;
  /** Longest wait for the print route to lay the report out. */
  timeoutMs?: number;
}

export interface PdfResult {
  bytes: number;
}

export class ReportRenderError extends Error {
  override name = 'ReportRenderError';
}

export async function renderReportPdf(request: PdfRequest): Promise<PdfResult> {
  const host = await startHost({ rendererDir: request.rendererDir, snapshotPath: request.snapshotPath });
  let browser: Browser | undefined;
  try {
    try {
      browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
    } catch (error) {
      throw new ReportRenderError(`cannot start Chromium (${(error as Error).message.split('\n')[0]}); set CHROMIUM_PATH to a Chromium binary`);
    }
    const page = await browser.newPage();
    page.setDefaultTimeout(request.timeoutMs ?? 600_000);
    await page.goto(`${host.url}${reportRoute(request.options)}`);
    const outcome = await page.waitForFunction(() => document.body.dataset.reportReady === 'true' || document.body.dataset.reportError !== undefined);
    await outcome.dispose();
    const failure = await page.evaluate(() => document.body.dataset.reportError ?? null);
    if (failure !== null) throw new ReportRenderError(`the report page failed: ${failure}`);
    const { headerTemplate, footerTemplate } = pageTemplates(request.model.cover.title, request.model.cover.digest.value, request.model.cover.isDemo);
    const pdf = await page.pdf({
      format: PAPER_FORMATS[request.options.paper],
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate,
      footerTemplate,
      margin: { top: `${MARGINS_MM.top}mm`, bottom: `${MARGINS_MM.bottom}mm`, left: `${MARGINS_MM.left}mm`, right: `${MARGINS_MM.right}mm` },
      outline: true,
      tagged: true,
    });
    writeFileAtomically(request.outPath, pdf);
    return { bytes: pdf.length };
  } finally {
    await browser?.close();
    await host.close();
  }
}
