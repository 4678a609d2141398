// What a host (the Electron shell or the browser host) gives the services. Everything host-specific
// reaches the services through this interface, so the services run identically under both.

import type { ApiEvent, ApiEvents, ApiHandlers, SnapshotInfo } from '../../shared/api';
import type { ReportOptions } from '../../shared/report';
import type { SigningKey } from '../integrity';

/** What a save dialog is asked for: a title, the suggested file name (already validated) and its extension. */
export interface SaveRequest {
  title: string;
  defaultName: string;
  extension: string;
  filterName: string;
}

/** What to print: the print route of these options, which the service serves the model it prepared for them. */
export interface PrintRequest {
  options: ReportOptions;
  outPath: string;
}

/** The app's signing key: created and kept by the host (the system keychain in the app). */
export interface SigningKeyStore {
  exists(): boolean;
  /** Generates a new key for `name`; refuses when one exists unless `replace` is set. */
  create(name: string, options?: { replace?: boolean }): { fingerprint: string; publicPem: string };
  load(): SigningKey;
  publicPem(): string;
}

export interface Platform {
  host: 'electron' | 'browser';
  /** Native "open snapshot" dialog; absent in the browser host, where snapshot.openDialog is 'unavailable'. */
  pickSnapshotFile?: () => Promise<string | null>;
  /** Opens an already allowlisted https URL in the user's browser; absent in the browser host. */
  openExternal?: (url: string) => Promise<void>;
  /** Asks where to save a file; null when the user cancels. Absent where the host cannot save files. */
  pickSavePath?: (request: SaveRequest) => Promise<string | null>;
  /** Prints the report route into a PDF at `outPath`, written atomically. */
  printReport?: (request: PrintRequest) => Promise<{ bytes: number }>;
  /** Opens a file Triad has just written with the system's default application. */
  openPath?: (path: string) => Promise<void>;
  /** The app's signing key; `signingKeysKind` says how it is protected. */
  signingKeys?: SigningKeyStore;
  signingKeysKind?: 'keychain' | 'test-only';
  /** The trusted-keys list the user manages here, used when verifying the open snapshot. */
  trustedKeysPath?: string;
  /** Pushes an event to the renderer(s). */
  emit<E extends ApiEvent>(event: E, payload: ApiEvents[E]): void;
}

export interface TriadService {
  handlers: ApiHandlers;
  /** Opens a snapshot read-only (replacing the current one) and emits snapshot.changed. */
  open(path: string): SnapshotInfo;
  close(): void;
}
