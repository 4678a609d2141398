// JSON export of findings, streamed (a million findings are never held at once). The shape, version 1, is
// documented in JSON_EXPORT_SHAPE (also printed by `triad export --help`); fields are only ever added.

import type { Classification, ClassificationOrigin, ControlSource, SnapshotMeta } from '../../shared/domain';
import type { Filters } from '../../shared/filters';
import type { ReportDigest } from '../../shared/report';
import type { ReportSource } from '../report/source';
import { AtomicTextWriter } from './atomic';
import { eachExportFinding, type ExportProgress, type ExportResult, type ExportScope } from './findings';

export const JSON_EXPORT_SHAPE = `  {
    "format": "triad-findings", "version": 1,
    "snapshot": { "fileName", "title", "createdAt", "triadVersion", "formatVersion", "catalogVersion",
                  "scope": { "mode", "description" }, "isDemo", "partial",
                  "digest": { "algorithm": "SHA-256", "value", "basis": "content" | "file" } },
    "exportedAt", "filters": { "accounts"?, "ous"?, "regions"?, "statuses"?, "severities"?, "sources"? },
    "controls": { "<control id>": { "title", "source", "sourceIdentifier", "conformancePack"?,
                  "classification": { "pillar", "secondaryPillars", "principles", "layer", "severity", "rationale" } | null,
                  "classificationOrigin": "catalog" | "override" | "unclassified", "remediation"?, "references" } },
    "accounts": { "<account id>": { "name", "ouPath" } },
    "findings": [ { "id", "controlId", "accountId", "region", "resourceType", "resourceId", "resourceName",
                    "ruleName", "status", "annotation", "evaluatedAt", "recordedAt", "invokedAt",
                    "pillar": "<pillar>" | "unclassified", "severity" | null,
                    "evidence": { "id", "snapshot": "<snapshot file name>" } | null } ],
    "count": <number of findings>
  }
  Absent values are null. Evidence bodies stay in the snapshot: each reference names the evidence item by id
  (open it with the app's evidence view or the snapshot's evidence table).`;

interface ControlEntry {
  title: string;
  source: ControlSource;
  sourceIdentifier: string;
  conformancePack?: string;
  classification: Classification | null;
  classificationOrigin: ClassificationOrigin;
  remediation?: string;
  references: string[];
}

export interface JsonOptions extends ExportScope {
  outPath: string;
  digest: ReportDigest;
  exportedAt: string;
  progress?: ExportProgress;
}

function snapshotHeader(fileName: string, meta: SnapshotMeta, digest: ReportDigest) {
  return {
    fileName,
    title: meta.title,
    createdAt: meta.createdAt,
    triadVersion: meta.triadVersion,
    formatVersion: meta.formatVersion,
    catalogVersion: meta.catalogVersion,
    scope: meta.scope,
    isDemo: meta.isDemo,
    partial: meta.partial,
    digest,
  };
}

export async function writeFindingsJson(source: ReportSource, options: JsonOptions): Promise<ExportResult> {
  const info = source.reader.info();
  const scope = source.resolve(options.filters);
  const controls: Record<string, ControlEntry> = {};
  for (const c of source.controls()) {
    if (scope.controls && !scope.controls.has(c.id)) continue;
    controls[c.id] = {
      title: c.title,
      source: c.source,
      sourceIdentifier: c.sourceIdentifier,
      ...(c.conformancePack !== undefined ? { conformancePack: c.conformancePack } : {}),
      classification: c.classification,
      classificationOrigin: c.classificationOrigin,
      ...(c.remediation !== undefined ? { remediation: c.remediation } : {}),
      references: c.references ?? [],
    };
  }
  const accounts: Record<string, { name: string; ouPath: string }> = {};
  for (const a of source.accounts().values()) if (!scope.accounts || scope.accounts.has(a.id)) accounts[a.id] = { name: a.name, ouPath: a.ouPath };
  const filters: Filters = options.filters;

  const out = new AtomicTextWriter(options.outPath);
  let rows: number;
  try {
    const head = JSON.stringify({
      format: 'triad-findings',
      version: 1,
      snapshot: snapshotHeader(info.fileName, info.meta, options.digest),
      exportedAt: options.exportedAt,
      filters,
      controls,
      accounts,
    });
    out.write(`${head.slice(0, -1)},\n"findings":[`);
    let separator = '';
    rows = await eachExportFinding(
      source,
      options,
      (f) => {
        const row = {
          id: f.id,
          controlId: f.controlId,
          accountId: f.accountId,
          region: f.region,
          resourceType: f.resourceType,
          resourceId: f.resourceId,
          resourceName: f.resourceName,
          ruleName: f.ruleName,
          status: f.status,
          annotation: f.annotation,
          evaluatedAt: f.evaluatedAt,
          recordedAt: f.recordedAt,
          invokedAt: f.invokedAt,
          pillar: f.control.classification?.pillar ?? 'unclassified',
          severity: f.control.classification?.severity ?? null,
          evidence: f.evidenceId === null ? null : { id: f.evidenceId, snapshot: info.fileName },
        };
        out.write(`${separator}\n${JSON.stringify(row)}`);
        separator = ',';
      },
      options.progress,
    );
    out.write(`\n],\n"count":${rows}}\n`);
  } catch (error) {
    out.abort();
    throw error;
  }
  const { bytes, sha256 } = out.commit();
  return { path: options.outPath, rows, bytes, sha256 };
}
