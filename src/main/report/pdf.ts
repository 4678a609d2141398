// Prints a report to PDF in the CLI and the tests: starts the browser host in this process on the snapshot,
// opens the print route in Playwright's Chromium, waits for it to signal it is laid out, prints, and writes
// the PDF atomically. The app prints the same route with a hidden window (src/main/shell/report-pdf.ts).

import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isDeepStrictEqual } from 'node:util';
import type * as Playwright from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import type { ReportIntegrity } from '../../shared/integrity';
import { REPORT_MARK_PREFIX, type PaperSize, type ReportModel, type ReportOptions } from '../../shared/report';
import { PAPER_FORMATS } from '../../shared/report-page';
import type { PreparedReportModel } from '../services/report-handlers';
import { writeFileAtomically } from '../export/atomic';
import type { ReportInputs } from './inputs';
import { printableViewport, reportRoute } from './print';

/**
 * Playwright is required as CommonJS when Chromium is first started: imported from an ES module, its bundle was
 * parsed once more for its export names, 0.13 s of the half second a report's start spent loading it.
 */
const playwright = (): typeof Playwright => createRequire(import.meta.url)('playwright-core') as typeof Playwright;

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  // Printing one page of our own needs no zygotes, GPU process or spare renderer, and no process boundaries:
  // Chromium runs as one process (browser, renderer, network, storage and print compositor), since a process
  // each would hold its own copy of Chromium's working set, a third of the job's memory on a 100,000-finding
  // report (tests/bench/report.bench.ts). It only ever loads the report route of Triad's own host on loopback.
  '--no-zygote',
  '--in-process-gpu',
  '--single-process',
  '--disable-features=SpareRendererForSitePerProcess',
  // The headless shell hints glyph outlines to whole pixels by default, which spaces letters unevenly on paper and
  // splits words when the PDF's text is read back; unhinted, it places glyphs as Chromium itself prints them (the
  // same pages, text and pixels). Chromium itself prints the same with it or without it.
  '--font-render-hinting=none',
];

/**
 * The Chromium builds that print reports, in order of preference. Debian's headless shell (package
 * chromium-headless-shell, what Playwright itself runs headless) is Chromium's printing engine without the
 * browser around it: it starts in a fifth of the time and uses about 1.5 s less CPU in the second after it starts,
 * which on two cores is time taken from laying out the report (tests/bench/report.bench.ts). Chromium prints the
 * same pages, text and pixels (tests/e2e/report.spec.ts compares them).
 */
export const REPORT_CHROMIUM_PATHS = ['/usr/bin/chromium-headless-shell', '/usr/bin/chromium'] as const;

/** CHROMIUM_PATH when set, else the first of REPORT_CHROMIUM_PATHS installed, else Chromium's usual path. */
export function reportChromiumPath(env: NodeJS.ProcessEnv = process.env, installed: (path: string) => boolean = existsSync): string {
  if (env.CHROMIUM_PATH) return env.CHROMIUM_PATH;
  return REPORT_CHROMIUM_PATHS.find(installed) ?? REPORT_CHROMIUM_PATHS[REPORT_CHROMIUM_PATHS.length - 1];
}

export interface PdfRequest {
  snapshotPath: string;
  rendererDir: string;
  options: ReportOptions;
  /** The model the CLI built: the print route is served it. */
  model: ReportModel;
  /** The snapshot's integrity as the CLI checks it: the print route is served it for the cover and page header. */
  integrity: Promise<ReportIntegrity>;
  /**
   * The integrity expected if the snapshot's content matches its recorded digest (prepare.ts). Given, the report
   * is printed with it at once, and laid out and printed again only if `integrity` turns out different.
   */
  expectedIntegrity?: ReportIntegrity | null;
  outPath: string;
  /** Longest wait for the print route to lay the report out. */
  timeoutMs?: number;
  /** The files the report's exceptions, review and since options use. */
  inputs?: ReportInputs;
}

export interface PdfResult {
  bytes: number;
  /** Where the time went, in milliseconds of wall time, in order (see reportTimings). */
  timings: ReportTiming[];
}

export interface ReportTiming {
  step: string;
  ms: number;
}


export class ReportRenderError extends Error {
  override name = 'ReportRenderError';
}

/** Waits for the print route to say it is laid out; throws the page's own error if it could not be made. */
async function untilLaidOut(page: Page): Promise<void> {
  // Polled on a timer: polling on animation frames would keep asking a page of many thousand lines for frames.
  const outcome = await page.waitForFunction(() => document.body.dataset.reportReady === 'true' || document.body.dataset.reportError !== undefined, undefined, {
    polling: 100,
  });
  await outcome.dispose();
  const failure = await page.evaluate(() => document.body.dataset.reportError ?? null);
  if (failure !== null) throw new ReportRenderError(`the report page failed: ${failure}`);
}

/** Paper, margins, header and footer come from the route's @page rule (src/shared/report-page.ts). */
function printPdf(page: Page, paper: PaperSize): Promise<Buffer> {
  return page.pdf({ format: PAPER_FORMATS[paper], preferCSSPageSize: true, printBackground: true, outline: true, tagged: true });
}

/** Chromium started for printing, with the page to print from open in it (laid out for the paper, print media). */
export interface ReportBrowser {
  browser: Browser;
  page: Page;
}

/** Starts Chromium for printing and opens its page; the CLI does this while the report is being prepared. */
export async function launchReportBrowser(paper: PaperSize): Promise<ReportBrowser> {
  let browser: Browser;
  const executablePath = reportChromiumPath();
  try {
    browser = await playwright().chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  } catch (error) {
    throw new ReportRenderError(
      `cannot start Chromium at ${executablePath} (${(error as Error).message.split('\n')[0]}); install chromium-headless-shell or chromium, or set CHROMIUM_PATH to a Chromium binary`,
    );
  }
  try {
    const page = await browser.newPage({ viewport: printableViewport(paper) });
    await page.emulateMedia({ media: 'print' });
    return { browser, page };
  } catch (error) {
    await browser.close().catch(() => undefined);
    throw error;
  }
}

/**
 * Ends the Chromium that printed a report. Its orderly shutdown tears the laid-out report down first, about a
 * second after a report of hundreds of pages; the PDF is already written and the profile is a temporary one that
 * Playwright removes when the process ends, so the process is killed instead. Falls back to the orderly close.
 */
async function endBrowser(browser: Browser): Promise<void> {
  try {
    const session = await browser.newBrowserCDPSession();
    const { processInfo } = await session.send('SystemInfo.getProcessInfo');
    // One process: Chromium runs with --single-process (CHROMIUM_ARGS).
    const pid = processInfo.find((p) => p.type === 'browser')?.id;
    if (pid !== undefined && processInfo.every((p) => p.id === pid)) process.kill(pid, 'SIGKILL');
  } catch {
    // Not told its process: the orderly close below ends it.
  }
  await browser.close();
}

/** `browser`: Chromium already starting (see launchReportBrowser); it is closed when the PDF is written. */
export async function renderReportPdf(request: PdfRequest, browser?: Promise<ReportBrowser>): Promise<PdfResult> {
  const expected = request.expectedIntegrity ?? null;
  // The host serves this object's integrity to the page: the expected one first, the checked one for a reprint.
  const prepared: PreparedReportModel = {
    snapshotPath: request.snapshotPath,
    options: request.options,
    model: request.model,
    integrity: expected ? Promise.resolve(expected) : request.integrity,
  };
  let host;
  try {
    // Loaded here, not with this module: the host and the service behind it load while Chromium starts.
    const { startHost } = await import('../host/server');
    host = await startHost({ rendererDir: request.rendererDir, snapshotPath: request.snapshotPath, reportInputs: request.inputs, preparedReport: prepared });
  } catch (error) {
    await browser?.then((b) => b.browser.close()).catch(() => undefined);
    throw error;
  }
  const printedRightIntegrity = async (): Promise<boolean> => {
    const checked = await request.integrity;
    if (isDeepStrictEqual(checked, expected)) return true;
    prepared.integrity = request.integrity;
    return false;
  };
  try {
    return await printReportPage(host.url, request, browser, expected ? printedRightIntegrity : undefined);
  } finally {
    await host.close();
  }
}

/**
 * Prints the report route of an already running browser host (`hostUrl` is its URL with the token), as the CLI
 * does through its own host and the browser host does for "Export report…".
 */
export async function printReportPage(
  hostUrl: string,
  request: Pick<PdfRequest, 'options' | 'outPath' | 'timeoutMs'>,
  launched?: Promise<ReportBrowser>,
  /**
   * Asked after the print when the page was served an expected integrity: true when it was the checked one, false
   * when the page is now served the checked one and must be laid out and printed again.
   */
  printedRightIntegrity?: () => Promise<boolean>,
): Promise<PdfResult> {
  let browser: Browser | undefined;
  const timings: ReportTiming[] = [];
  let lap = performance.now();
  const step = (name: string) => {
    const now = performance.now();
    timings.push({ step: name, ms: Math.round(now - lap) });
    lap = now;
  };
  try {
    const started = await (launched ?? launchReportBrowser(request.options.paper));
    browser = started.browser;
    const { page } = started;
    step(launched ? 'Chromium started and its page opened (while preparing)' : 'start Chromium and open a page');
    page.setDefaultTimeout(request.timeoutMs ?? 600_000);
    await page.goto(`${hostUrl}${reportRoute(request.options)}`);
    await untilLaidOut(page);
    const marks = await page.evaluate(
      (prefix) => performance.getEntriesByType('mark').filter((m) => m.name.startsWith(prefix)).map((m) => ({ name: m.name.slice(prefix.length), at: m.startTime })),
      REPORT_MARK_PREFIX,
    );
    // Marks are timed from the page's navigation start: each step is the time since the one before.
    let previous = 0;
    for (const mark of marks) {
      timings.push({ step: `page: ${mark.name}`, ms: Math.round(mark.at - previous) });
      previous = mark.at;
    }
    timings.push({ step: 'page: until seen ready', ms: Math.max(0, Math.round(performance.now() - lap - previous)) });
    lap = performance.now();
    let pdf = await printPdf(page, request.options.paper);
    step('print (page.pdf)');
    if (printedRightIntegrity) {
      const right = await printedRightIntegrity();
      step('integrity check, after the print');
      if (!right) {
        await page.reload();
        await untilLaidOut(page);
        pdf = await printPdf(page, request.options.paper);
        step('lay out and print again with the integrity the check found');
      }
    }
    writeFileAtomically(request.outPath, pdf);
    step('write the PDF');
    const closing = browser;
    browser = undefined;
    await endBrowser(closing);
    step('close Chromium');
    return { bytes: pdf.length, timings };
  } finally {
    await browser?.close();
  }
}
