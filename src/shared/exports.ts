// Exporting from the app: the audit report (PDF) and the findings (CSV, JSON, OCSF), each written where the
// user chose in a save dialog, with progress pushed as `export.progress` events. Pure types.

import type { Filters } from './filters';

export const DATA_FORMATS = ['csv', 'json', 'ocsf'] as const;
export type DataFormat = (typeof DATA_FORMATS)[number];

/** The file extension each export is saved with. */
export const EXPORT_EXTENSIONS = { pdf: 'pdf', csv: 'csv', json: 'json', ocsf: 'jsonl' } as const;

export interface DataExportOptions {
  format: DataFormat;
  filters: Filters;
  /** CSV only: start with a UTF-8 byte order mark so Excel reads the text as UTF-8. */
  bom: boolean;
}

export type ExportKind = 'report' | 'data';

export type ExportPhase = 'preparing' | 'listing' | 'printing' | 'writing' | 'opening' | 'done' | 'failed';

/** Pushed while an export runs (event export.progress). */
export interface ExportProgress {
  kind: ExportKind;
  phase: ExportPhase;
  /** Findings written so far (data exports and the complete list beside a capped report). */
  rows: number;
  message: string;
}

export interface ExportOutcome {
  kind: ExportKind;
  path: string;
  fileName: string;
  bytes: number;
  /** SHA-256 of the written file. */
  sha256: string;
  /** Findings written (data exports); null for a report. */
  rows: number | null;
  /** The complete list of failing findings written beside a capped report. */
  fullList: { path: string; rows: number } | null;
  /** Whether the file was handed to the system's default application ("open when done"). */
  opened: boolean;
  /** Why it could not be opened, when asked to. */
  openProblem: string | null;
}

/** The suggested file name the save dialog starts from: letters, digits, spaces, dot, dash, underscore only. */
export const SAFE_FILE_NAME = /^[\w][\w .-]{0,150}$/;
