// The browser host: the built renderer and the same typed API over loopback HTTP, for end-to-end tests and for
// reviewers without Electron. Bound to 127.0.0.1 only; every API call needs the per-run token printed in the
// URL, and the Host header must name this server (DNS-rebinding defense). See the BRIEF's "HTTP transport".

import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { ApiErrorCode, ApiResponse } from '../../shared/ipc';
import { SECURITY_HEADERS } from '../security/csp';
import { mimeTypeFor, resolveRendererFile } from '../security/renderer-files';
import { dispatch } from '../services/dispatch';
import type { Platform, TriadService } from '../services/platform';
import type { PreparedReportModel } from '../services/report-handlers';
import { createTriadService } from '../services/triad-service';
import type { ReportInputs } from '../report/inputs';
import { HostError } from './errors';
import { createTestSigningKeyStore } from './test-signing-key-store';

export const MAX_BODY_BYTES = 1024 * 1024;
const KEEPALIVE_MS = 20_000;

export interface HostOptions {
  /** The built renderer (out/renderer). */
  rendererDir: string;
  /** Opened before the server listens; a snapshot that cannot be opened makes startHost fail. */
  snapshotPath?: string;
  /** 0 or absent: a random free port. */
  port?: number;
  /** The services behind the API; tests may pass their own. */
  createService?: (platform: Platform) => TriadService;
  /** The files reports may use besides the snapshot (the report CLI's --exceptions, --review and --since). */
  reportInputs?: ReportInputs;
  /** The report model the CLI built, served to the print route it opens. */
  preparedReport?: PreparedReportModel;
  /** Exports are saved here under the name the user gives (the browser has no save dialog); absent: no exports. */
  outputDir?: string;
  /** The trusted-keys list the signing view manages and verification applies. */
  trustedKeysPath?: string;
  /** Tests only: a folder for a plain-PEM signing key (see test-signing-key-store.ts). */
  testSigningKeyDir?: string;
}

export interface RunningHost {
  /** http://127.0.0.1:<port>/?token=<token> */
  url: string;
  token: string;
  port: number;
  service: TriadService;
  close(): Promise<void>;
}

class HttpFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

function apiMethodName(pathname: string): string {
  try {
    return decodeURIComponent(pathname.slice('/api/call/'.length));
  } catch {
    throw new HttpFailure(400, 'bad-request', 'The method name in the URL is not valid percent-encoding');
  }
}

const BASE_HEADERS = { ...SECURITY_HEADERS, 'Cache-Control': 'no-store' };

function sendJson(res: ServerResponse, status: number, body: ApiResponse<unknown>, extra: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...BASE_HEADERS, ...extra, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

function sendText(res: ServerResponse, status: number, text: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, { ...BASE_HEADERS, ...extra, 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  // Too large: answered with 413 and the connection closed, without reading (or buffering) the rest.
  const tooLarge = () => new HttpFailure(413, 'bad-request', `Request body is larger than ${MAX_BODY_BYTES} bytes`, { Connection: 'close' });
  return new Promise((resolve, reject) => {
    if (Number(req.headers['content-length']) > MAX_BODY_BYTES) {
      reject(tooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) {
        chunks.push(chunk);
        return;
      }
      req.off('data', onData);
      req.pause();
      reject(tooLarge());
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export async function startHost(options: HostOptions): Promise<RunningHost> {
  const indexHtml = join(options.rendererDir, 'index.html');
  if (!existsSync(indexHtml)) {
    throw new HostError(`The built renderer is missing (${indexHtml} not found): run \`npm run build\` first.`);
  }

  const token = randomBytes(32).toString('base64url');
  const tokenDigest = createHash('sha256').update(token).digest();
  const hasToken = (given: string | null | undefined) =>
    typeof given === 'string' && timingSafeEqual(createHash('sha256').update(given).digest(), tokenDigest);

  const eventStreams = new Set<ServerResponse>();
  let selfUrl = '';
  const { outputDir } = options;
  if (outputDir !== undefined && !existsSync(outputDir)) throw new HostError(`--output-dir ${outputDir}: folder not found`);
  const platform: Platform = {
    host: 'browser',
    emit(event, payload) {
      const frame = `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`;
      for (const stream of eventStreams) stream.write(frame);
    },
    ...(outputDir === undefined
      ? {}
      : {
          // The name was validated as a plain file name by the service; the folder is the one given at start.
          pickSavePath: ({ defaultName }) => Promise.resolve(join(outputDir, defaultName)),
          // Chromium prints this host's own report route, as the CLI prints through its host.
          printReport: async (request) => {
            const { printReportPage } = await import('../report/pdf');
            return printReportPage(selfUrl, request);
          },
        }),
    ...(options.testSigningKeyDir === undefined
      ? {}
      : { signingKeys: createTestSigningKeyStore(options.testSigningKeyDir), signingKeysKind: 'test-only' as const }),
    trustedKeysPath: options.trustedKeysPath,
  };
  const service = options.createService ? options.createService(platform) : createTriadService(platform, { reportInputs: options.reportInputs, preparedReport: options.preparedReport });
  if (options.snapshotPath !== undefined) {
    try {
      service.open(options.snapshotPath);
    } catch (error) {
      service.close();
      throw error;
    }
  }

  let origin = '';
  let expectedHost = '';

  async function handleApiCall(req: IncomingMessage, res: ServerResponse, method: string): Promise<void> {
    if (req.method !== 'POST') throw new HttpFailure(405, 'bad-request', 'API calls use POST', { Allow: 'POST' });
    const authorization = req.headers.authorization ?? '';
    if (!authorization.startsWith('Bearer ') || !hasToken(authorization.slice('Bearer '.length))) {
      throw new HttpFailure(401, 'bad-request', 'Missing or wrong token: open the URL the host printed');
    }
    if (req.headers.origin !== undefined && req.headers.origin !== origin) {
      throw new HttpFailure(403, 'bad-request', 'Cross-origin API calls are refused');
    }
    const contentType = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (contentType !== 'application/json') throw new HttpFailure(415, 'bad-request', 'API calls must send Content-Type: application/json');
    const raw = await readBody(req);
    let body: unknown;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      throw new HttpFailure(400, 'bad-request', 'The request body is not valid JSON');
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw new HttpFailure(400, 'bad-request', 'The request body must be {"params": ...}');
    }
    sendJson(res, 200, await dispatch(service.handlers, method, (body as { params?: unknown }).params ?? null));
  }

  function handleEvents(req: IncomingMessage, res: ServerResponse, url: URL): void {
    if (req.method !== 'GET') throw new HttpFailure(405, 'bad-request', 'The event stream uses GET', { Allow: 'GET' });
    if (!hasToken(url.searchParams.get('token'))) throw new HttpFailure(401, 'bad-request', 'Missing or wrong token: open the URL the host printed');
    res.writeHead(200, { ...BASE_HEADERS, 'Content-Type': 'text/event-stream; charset=utf-8', Connection: 'keep-alive' });
    res.write(': connected\n\n');
    eventStreams.add(res);
    const keepalive = setInterval(() => res.write(': keepalive\n\n'), KEEPALIVE_MS);
    keepalive.unref();
    res.on('close', () => {
      clearInterval(keepalive);
      eventStreams.delete(res);
    });
  }

  async function serveStatic(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendText(res, 405, 'Method not allowed', { Allow: 'GET, HEAD' });
      return;
    }
    const file = resolveRendererFile(options.rendererDir, url.pathname);
    if (!file) {
      sendText(res, 404, 'Not found');
      return;
    }
    const content = await readFile(file);
    res.writeHead(200, { ...BASE_HEADERS, 'Cache-Control': 'no-cache', 'Content-Type': mimeTypeFor(file), 'Content-Length': content.length });
    res.end(req.method === 'HEAD' ? undefined : content);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.headers.host !== expectedHost) {
      sendText(res, 421, `Misdirected request: this server answers only to ${expectedHost}`);
      return;
    }
    try {
      const url = new URL(req.url ?? '/', origin);
      if (url.pathname.startsWith('/api/call/')) await handleApiCall(req, res, apiMethodName(url.pathname));
      else if (url.pathname === '/api/events') handleEvents(req, res, url);
      else if (url.pathname.startsWith('/api/')) throw new HttpFailure(404, 'not-found', `No such API endpoint: ${url.pathname.slice(0, 100)}`);
      else await serveStatic(req, res, url);
    } catch (error) {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (error instanceof HttpFailure) {
        sendJson(res, error.status, { ok: false, error: { code: error.code, message: error.message } }, error.headers);
      } else {
        console.error('[triad host] request failed:', error);
        sendJson(res, 500, { ok: false, error: { code: 'internal', message: 'Internal error' } });
      }
    }
  }

  const server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      service.close();
      reject(
        error.code === 'EADDRINUSE'
          ? new HostError(`Port ${options.port} on 127.0.0.1 is already in use: choose another with --port or omit it`)
          : error,
      );
    });
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  expectedHost = `127.0.0.1:${port}`;
  origin = `http://${expectedHost}`;
  selfUrl = `${origin}/?token=${token}`;

  let closing: Promise<void> | undefined;
  return {
    url: selfUrl,
    token,
    port,
    service,
    close() {
      closing ??= new Promise<void>((resolve) => {
        for (const stream of eventStreams) stream.end();
        server.close(() => resolve());
        server.closeAllConnections();
      }).finally(() => service.close());
      return closing;
    },
  };
}
