// Runs one API call from an untrusted caller (renderer over IPC, or the browser host over HTTP):
// checks the method exists, validates its parameters against the contract, and wraps the outcome.

import { API, ApiError, type ApiHandlers, type ApiMethod, type ApiResponse } from '../../shared/api';
import { ValidationError } from '../../shared/validate';

export async function dispatch(handlers: ApiHandlers, method: unknown, params: unknown): Promise<ApiResponse<unknown>> {
  if (typeof method !== 'string' || !Object.hasOwn(API, method)) {
    return { ok: false, error: { code: 'bad-request', message: `Unknown API method: ${String(method).slice(0, 80)}` } };
  }
  const name = method as ApiMethod;
  try {
    const validated = API[name].params(params, 'params');
    const handler = handlers[name] as (p: unknown) => unknown;
    return { ok: true, value: await handler(validated) };
  } catch (error) {
    if (error instanceof ValidationError) return { ok: false, error: { code: 'bad-request', message: `${name}: ${error.message}` } };
    if (error instanceof ApiError) return { ok: false, error: { code: error.code, message: error.message } };
    console.error(`[triad] ${name} failed:`, error);
    return { ok: false, error: { code: 'internal', message: error instanceof Error ? error.message : String(error) } };
  }
}
