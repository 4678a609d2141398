// The wire between renderer and main: two fixed channels, one response envelope, one bridge object.
// Kept apart from api.ts so the sandboxed preload bundles only these few lines.

/** What crosses the wire: never an exception object, so messages stay clean and nothing internal leaks. */
export type ApiResponse<T> = { ok: true; value: T } | { ok: false; error: { code: ApiErrorCode; message: string } };
export type ApiErrorCode = 'bad-request' | 'no-snapshot' | 'not-found' | 'snapshot-invalid' | 'unavailable' | 'internal';

/** The only object the preload exposes to the page (window.triad). */
export interface PreloadBridge {
  invoke(method: string, params: unknown): Promise<ApiResponse<unknown>>;
  on(event: string, listener: (payload: unknown) => void): () => void;
  /** Path of a dropped file (Electron's webUtils); the page gets no other file system access. */
  pathForFile(file: File): string;
}

export const IPC_INVOKE_CHANNEL = 'triad:invoke';
export const IPC_EVENT_CHANNEL = 'triad:event';
