// A fake ApiClient for renderer tests: canned handlers per method, a log of every call, and events that
// tests can emit. Handlers receive the params exactly as the renderer sent them.
import type { ApiClient, ApiEvent, ApiEvents, ApiMethod, ApiParams, ApiResult, ControlRow, FindingDetail, FindingRow, Overview, SnapshotInfo } from '../../../src/shared/api';
import { scoreOf, emptyCounts, type StatusCounts } from '../../../src/shared/scoring';

type Handlers = { [M in ApiMethod]?: (params: ApiParams<M>) => ApiResult<M> | Promise<ApiResult<M>> };

export interface FakeApi extends ApiClient {
  calls: { method: ApiMethod; params: unknown }[];
  emit<E extends ApiEvent>(event: E, payload: ApiEvents[E]): void;
}

export function fakeApi(handlers: Handlers): FakeApi {
  const calls: FakeApi['calls'] = [];
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const api = {
    calls,
    async call(method: ApiMethod, params?: unknown) {
      calls.push({ method, params });
      const handler = handlers[method] as ((p: unknown) => unknown) | undefined;
      if (!handler) throw new Error(`fake API: no handler for ${method}`);
      return handler(params);
    },
    on(event: string, listener: (payload: unknown) => void) {
      if (!listeners.has(event)) listeners.set(event, new Set());
      listeners.get(event)!.add(listener);
      return () => listeners.get(event)!.delete(listener);
    },
    emit(event: string, payload: unknown) {
      for (const listener of listeners.get(event) ?? []) listener(payload);
    },
  };
  return api as unknown as FakeApi;
}

export function counts(partial: Partial<StatusCounts>): StatusCounts {
  return { ...emptyCounts(), ...partial };
}

export const HOSTILE = '<img src=x onerror="window.__pwned=1">';
export const RTL = 'مرحبا \u202Eevil\u202C';

export function snapshotInfo(overrides: Partial<SnapshotInfo['meta']> = {}): SnapshotInfo {
  return {
    path: '/data/acme.triad',
    fileName: 'acme.triad',
    meta: {
      formatVersion: '1.0',
      title: 'Acme audit',
      createdAt: '2026-03-04T10:15:00.000Z',
      triadVersion: '0.1.0',
      collectedBy: { account: '111111111111', arn: 'arn:aws:sts::111111111111:assumed-role/Audit/alice', userId: 'AROA:alice' },
      scope: { mode: 'organization', description: 'o-abc123' },
      catalogVersion: '2026.1',
      overrides: null,
      isDemo: false,
      partial: false,
      digest: null,
      ...overrides,
    },
    counts: { findings: 3, controls: 2, accounts: 1, regions: 1, evidence: 2, errors: 0 },
  };
}

export function controlRow(id: string, title: string, nonCompliant: number): ControlRow {
  return {
    id,
    title,
    source: 'config-rule',
    pillar: 'confidentiality',
    principles: ['protect-data-in-transit-and-at-rest'],
    severity: 'high',
    score: scoreOf(counts({ COMPLIANT: 10, NON_COMPLIANT: nonCompliant })),
    failingAccounts: nonCompliant ? 1 : 0,
  };
}

export function findingRow(id: number, overrides: Partial<FindingRow> = {}): FindingRow {
  return {
    id,
    controlId: 'config-rule:S3_BUCKET_PUBLIC_READ_PROHIBITED',
    controlTitle: 'S3 buckets prohibit public read',
    accountId: '222222222222',
    accountName: 'prod-payments',
    region: 'eu-west-1',
    resourceType: 'AWS::S3::Bucket',
    resourceId: `bucket-${id}`,
    status: 'NON_COMPLIANT',
    annotation: 'Bucket policy allows public read',
    evaluatedAt: '2026-03-04T09:00:00.000Z',
    ...overrides,
  };
}

export function findingDetail(overrides: Partial<FindingRow> = {}): FindingDetail {
  const finding = findingRow(7, overrides);
  return {
    finding,
    control: {
      id: finding.controlId,
      source: 'config-rule',
      title: finding.controlTitle,
      description: 'Checks that buckets do not allow public read access.',
      sourceIdentifier: 'S3_BUCKET_PUBLIC_READ_PROHIBITED',
      classification: {
        pillar: 'confidentiality',
        secondaryPillars: [],
        principles: ['protect-data-in-transit-and-at-rest'],
        layer: 'customer-data',
        severity: 'high',
        rationale: 'Public buckets expose data.',
      },
      classificationOrigin: 'catalog',
    },
    account: { id: finding.accountId, name: finding.accountName, ouPath: 'Root/Prod' },
    evidence: {
      id: 3,
      kind: 'configuration-item',
      accountId: finding.accountId,
      region: finding.region,
      body: { resourceType: 'AWS::S3::Bucket', tags: { Owner: HOSTILE } },
      provenance: {
        service: 'config',
        operation: 'BatchGetResourceConfig',
        params: { resourceKeys: [{ resourceType: 'AWS::S3::Bucket', resourceId: finding.resourceId }] },
        accountId: finding.accountId,
        region: finding.region,
        retrievedAt: '2026-03-04T10:00:00.000Z',
      },
    },
    related: [findingRow(8, { controlTitle: HOSTILE, controlId: 'config-rule:custom:x' })],
  };
}

export function overview(): Overview {
  const score = scoreOf(counts({ COMPLIANT: 30, NON_COMPLIANT: 10, ERROR: 1 }));
  return {
    snapshot: snapshotInfo(),
    total: score,
    pillars: [
      { pillar: 'confidentiality', score, controls: 5, failingControls: 2 },
      { pillar: 'integrity', score: scoreOf(counts({ COMPLIANT: 5, NON_COMPLIANT: 5 })), controls: 3, failingControls: 1 },
      { pillar: 'availability', score: scoreOf(counts({})), controls: 0, failingControls: 0 },
      { pillar: 'unclassified', score: scoreOf(counts({})), controls: 0, failingControls: 0 },
    ],
    accounts: [],
    topFailing: [controlRow('config-rule:custom:evil', HOSTILE, 4)],
    coverage: {
      pairs: 4,
      collected: 3,
      gaps: [{ accountId: '333333333333', region: 'ap-south-1', state: 'failed', reason: `AccessDenied ${HOSTILE}` }],
      errorCount: 1,
      errors: [],
    },
  };
}
