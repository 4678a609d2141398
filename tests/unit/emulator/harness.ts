// Real SDK clients pointed at the emulator, with a request handler that keeps a copy of every raw response so
// tests can validate the exact bytes the SDK parsed.
import { Readable } from 'node:stream';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { representativeScenario } from '../../emulator/scenarios/representative';
import { startEmulator, type Emulator } from '../../emulator/server';

export interface Exchange {
  target?: string;
  action?: string;
  path: string;
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export class RecordingHandler {
  readonly exchanges: Exchange[] = [];
  private readonly inner = new NodeHttpHandler();

  async handle(request: Parameters<NodeHttpHandler['handle']>[0], options?: Parameters<NodeHttpHandler['handle']>[1]): ReturnType<NodeHttpHandler['handle']> {
    const { response } = await this.inner.handle(request, options);
    const chunks: Buffer[] = [];
    for await (const chunk of response.body as Readable) chunks.push(Buffer.from(chunk as Buffer));
    const body = Buffer.concat(chunks);
    const requestBody = typeof request.body === 'string' ? request.body : '';
    this.exchanges.push({
      target: request.headers['x-amz-target'],
      action: new URLSearchParams(requestBody).get('Action') ?? undefined,
      path: request.path,
      status: response.statusCode,
      headers: Object.fromEntries(Object.entries(response.headers).map(([key, value]) => [key.toLowerCase(), String(value)])),
      body: body.toString('utf8'),
    });
    response.body = Readable.from([body]);
    return { response };
  }

  updateHttpClientConfig(): void {}

  httpHandlerConfigs(): Record<string, never> {
    return {};
  }

  destroy(): void {
    this.inner.destroy();
  }

  last(): Exchange {
    const exchange = this.exchanges[this.exchanges.length - 1];
    if (!exchange) throw new Error('no request was sent');
    return exchange;
  }
}

/** Client configuration for the emulator: static fake credentials, one attempt (tests see faults as they come). */
export function emulatorClientConfig(url: string, credentials: Credentials, region = 'us-east-1', requestHandler?: RecordingHandler) {
  return { endpoint: url, region, credentials, maxAttempts: 1, ...(requestHandler ? { requestHandler } : {}) };
}

/**
 * The representative scenario's emulator for one test file: started before its tests, its faults and call log
 * cleared after each, stopped after all. Read it through the getter once the file's tests run.
 */
export function representativeEmulatorPerFile(): () => Emulator {
  let emulator: Emulator | undefined;
  beforeAll(async () => {
    emulator = await startEmulator({ scenario: representativeScenario() });
  });
  afterEach(() => {
    emulator?.setFaults({});
    emulator?.clearCalls();
  });
  afterAll(async () => {
    await emulator?.stop();
  });
  return () => {
    if (!emulator) throw new Error('the emulator starts in beforeAll; read it inside a test');
    return emulator;
  };
}

/** The error a call failed with, as the SDK raised it; throws when the call succeeded. */
export async function failureOf(promise: Promise<unknown>): Promise<{ name: string; message: string; status?: number }> {
  try {
    await promise;
  } catch (error) {
    const typed = error as Error & { $metadata?: { httpStatusCode?: number } };
    return { name: typed.name, message: typed.message, status: typed.$metadata?.httpStatusCode };
  }
  throw new Error('expected the call to fail');
}
