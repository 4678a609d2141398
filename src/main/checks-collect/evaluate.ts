// `evaluate F --out G`: re-runs the current built-in checks on a saved snapshot and writes a new snapshot G: F's
// content (accounts, coverage, errors, call statistics, evidence, Config and Trusted Advisor results) with the
// built-in controls and findings replaced, and every control re-classified with the current catalog and
// overrides. G is written through the snapshot writer (work file + atomic rename); F is only read.

import { resolve } from 'node:path';
import type Database from 'better-sqlite3';
import type { ComplianceStatus, Control, CoverageState, SnapshotMeta } from '../../shared/domain';
import type { Catalog } from '../catalog';
import { ALL_CHECKS } from '../checks';
import type { Check } from '../checks/types';
import { createSnapshotWriter, openSnapshot, SnapshotError, type SnapshotReader } from '../snapshot';
import { openEvidenceSource } from '../snapshot/evidence-source';
import { openDatabase } from '../snapshot/sqlite';
import type { SnapshotWriter } from '../snapshot/writer-contract';
import { CheckResultWriter } from './results';
import { builtInCounterpart } from './trusted-advisor';

export interface EvaluateResult {
  accounts: number;
  builtInFindings: number;
  /** Findings carried over from F (Config rules, conformance packs, Trusted Advisor). */
  keptFindings: number;
  reclassified: number;
}

/** Meta keys that describe F's file, not its content: G gets its own. */
const META_NOT_COPIED = new Set(['format_version', 'counts', 'digest', 'digestScheme']);

export function evaluateSnapshot(inPath: string, outPath: string, catalog: Catalog, options: { checks?: readonly Check[]; evaluatedAt?: string } = {}): EvaluateResult {
  const from = resolve(inPath);
  const to = resolve(outPath);
  if (from === to) throw new SnapshotError(to, 'is the snapshot being evaluated; write the result to another file (--out)');
  // Opening F with the reader first validates it completely (format, tables, summary) before anything is written.
  const reader = openSnapshot(from);
  const partial = reader.info().meta.partial;

  const checks = options.checks ?? ALL_CHECKS;
  const evaluatedAt = options.evaluatedAt ?? new Date().toISOString();
  let db: Database.Database | undefined;
  let source: ReturnType<typeof openEvidenceSource> | undefined;
  let writer: SnapshotWriter | undefined;
  try {
    db = openDatabase(from, { readonly: true, fileMustExist: true });
    source = openEvidenceSource(from);
    writer = createSnapshotWriter(to);
    const result = copyInto(db, reader, writer, catalog, checks);
    const results = new CheckResultWriter(writer, catalog, checks);
    results.writeBuiltInControls();
    const accounts = source.accounts();
    for (const accountId of accounts) {
      const records = source.account(accountId);
      if (records.coverage.length === 0 && records.evidence.length === 0) continue;
      result.builtInFindings += results.evaluateAccount(records, evaluatedAt);
      result.accounts++;
    }
    writer.setMeta({ catalogVersion: catalog.version, overrides: catalog.overrides });
    writer.finish({ partial });
    return result;
  } catch (error) {
    writer?.close();
    throw error;
  } finally {
    source?.close();
    db?.close();
    reader.close();
  }
}

function copyInto(db: Database.Database, reader: SnapshotReader, writer: SnapshotWriter, catalog: Catalog, checks: readonly Check[]): EvaluateResult {
  const result: EvaluateResult = { accounts: 0, builtInFindings: 0, keptFindings: 0, reclassified: 0 };
  const meta: Record<string, unknown> = {};
  for (const r of db.prepare('SELECT key, value FROM meta').all() as { key: string; value: string }[]) {
    if (!META_NOT_COPIED.has(r.key)) meta[r.key] = JSON.parse(r.value);
  }
  writer.setMeta(meta as Partial<SnapshotMeta>);
  for (const r of db.prepare('SELECT id, name, ou_path, email FROM accounts').iterate() as Iterable<Record<string, string | null>>) {
    writer.upsertAccount({ id: String(r.id), name: String(r.name), ouPath: String(r.ou_path), ...(r.email === null ? {} : { email: r.email }) });
  }
  for (const r of db.prepare('SELECT account_id, region, state, reason FROM coverage').iterate() as Iterable<Record<string, string>>) {
    writer.setCoverage({ accountId: r.account_id, region: r.region, state: r.state as CoverageState, reason: r.reason });
  }
  for (const r of db.prepare('SELECT * FROM errors ORDER BY id').iterate() as Iterable<Record<string, string>>) {
    writer.addError({ accountId: r.account_id, region: r.region, service: r.service, operation: r.operation, code: r.code, message: r.message, at: r.at });
  }
  for (const r of db.prepare('SELECT * FROM call_stats').iterate() as Iterable<Record<string, string | number>>) {
    writer.addCallStats({
      accountId: String(r.account_id),
      region: String(r.region),
      service: String(r.service),
      operation: String(r.operation),
      calls: Number(r.calls),
      throttles: Number(r.throttles),
      retries: Number(r.retries),
      errors: Number(r.errors),
      totalMs: Number(r.total_ms),
    });
  }

  // Evidence in F's order, so the rows the collector stored first (the configuration items) keep coming first.
  const evidenceIds = new Map<number, number>();
  const evidence = db.prepare(
    `SELECT e.id, e.kind, e.resource_type, e.resource_id, e.account_id, e.region, e.captured_at, e.body,
            p.service, p.operation, p.params, p.account_id AS p_account_id, p.region AS p_region, p.retrieved_at
     FROM evidence e JOIN provenance p ON p.id = e.provenance_id ORDER BY e.id`,
  );
  for (const r of evidence.iterate() as Iterable<Record<string, string | number | null>>) {
    evidenceIds.set(
      Number(r.id),
      writer.addEvidence({
        kind: r.kind === 'configuration-item' ? 'configuration-item' : 'api-response',
        ...(r.resource_type === null ? {} : { resourceType: String(r.resource_type) }),
        ...(r.resource_id === null ? {} : { resourceId: String(r.resource_id) }),
        accountId: String(r.account_id),
        region: String(r.region),
        ...(r.captured_at === null ? {} : { capturedAt: String(r.captured_at) }),
        body: JSON.parse(String(r.body)),
        provenance: {
          service: String(r.service),
          operation: String(r.operation),
          params: JSON.parse(String(r.params)) as Record<string, unknown>,
          accountId: String(r.p_account_id),
          region: String(r.p_region),
          retrievedAt: String(r.retrieved_at),
        },
      }),
    );
  }

  // Every control but the built-in ones, classified again with the current catalog and overrides.
  for (const id of db.prepare("SELECT id FROM controls WHERE source <> 'built-in'").pluck().iterate() as Iterable<string>) {
    const control = reader.control(id)?.control;
    if (!control) continue;
    const own = control.source === 'trusted-advisor' ? (builtInCounterpart(control.sourceIdentifier, checks)?.meta.classification ?? null) : null;
    const { classification, origin } = catalog.classify({ id: control.id, source: control.source, sourceIdentifier: control.sourceIdentifier, classification: own });
    const next: Control = { ...control, classification, classificationOrigin: origin };
    if (JSON.stringify(next.classification) !== JSON.stringify(control.classification) || next.classificationOrigin !== control.classificationOrigin) result.reclassified++;
    writer.upsertControl(next);
  }

  const findings = db.prepare(
    "SELECT f.* FROM findings f JOIN controls c ON c.id = f.control_id WHERE c.source <> 'built-in' ORDER BY f.id",
  );
  for (const r of findings.iterate() as Iterable<Record<string, string | number | null>>) {
    const text = (value: string | number | null) => (value === null ? {} : { value: String(value) });
    const optional = {
      resourceName: text(r.resource_name),
      ruleName: text(r.rule_name),
      annotation: text(r.annotation),
      evaluatedAt: text(r.evaluated_at),
      recordedAt: text(r.recorded_at),
      invokedAt: text(r.invoked_at),
    };
    const finding = {
      controlId: String(r.control_id),
      accountId: String(r.account_id),
      region: String(r.region),
      resourceType: String(r.resource_type),
      resourceId: String(r.resource_id),
      status: String(r.status) as ComplianceStatus,
    };
    for (const [key, value] of Object.entries(optional)) if ('value' in value) Object.assign(finding, { [key]: value.value });
    const evidenceId = r.evidence_id === null ? undefined : evidenceIds.get(Number(r.evidence_id));
    writer.addFinding(evidenceId === undefined ? finding : { ...finding, evidenceId });
    result.keptFindings++;
  }
  for (const r of db.prepare('SELECT account_id, region FROM pairs_done').iterate() as Iterable<Record<string, string>>) {
    writer.markPairDone(r.account_id, r.region);
  }
  return result;
}
