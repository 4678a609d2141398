// What a host (the Electron shell or the browser host) gives the services. Everything host-specific
// reaches the services through this interface, so the services run identically under both.

import type { ApiEvent, ApiEvents, ApiHandlers, SnapshotInfo } from '../../shared/api';

export interface Platform {
  host: 'electron' | 'browser';
  /** Native "open snapshot" dialog; absent in the browser host, where snapshot.openDialog is 'unavailable'. */
  pickSnapshotFile?: () => Promise<string | null>;
  /** Opens an already allowlisted https URL in the user's browser; absent in the browser host. */
  openExternal?: (url: string) => Promise<void>;
  /** Pushes an event to the renderer(s). */
  emit<E extends ApiEvent>(event: E, payload: ApiEvents[E]): void;
}

export interface TriadService {
  handlers: ApiHandlers;
  /** Opens a snapshot read-only (replacing the current one) and emits snapshot.changed. */
  open(path: string): SnapshotInfo;
  close(): void;
}
