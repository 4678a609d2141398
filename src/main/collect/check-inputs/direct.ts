// The few direct read APIs the built-in checks need where AWS Config does not record the answer: IAM's credential
// report, account summary, password policy and authorization details; S3's account-level Block Public Access;
// GuardDuty detectors and IAM Access Analyzer analyzers per region; CloudTrail trails, flow logs, snapshots and
// backup plans (inventory.ts). Each response is kept as 'api-response' evidence with its provenance, so the snapshot proves what the checks read and `evaluate` can re-run them.
// A failed call is a recorded error and a missing input (the checks then say NOT_EVALUATED), never a pass.

import { AccessAnalyzerClient, ListAnalyzersCommand, type AnalyzerSummary } from '@aws-sdk/client-accessanalyzer';
import { ConfigServiceClient, SelectResourceConfigCommand } from '@aws-sdk/client-config-service';
import { GetDetectorCommand, GuardDutyClient, ListDetectorsCommand } from '@aws-sdk/client-guardduty';
import {
  GenerateCredentialReportCommand,
  GetAccountAuthorizationDetailsCommand,
  GetAccountPasswordPolicyCommand,
  GetAccountSummaryCommand,
  GetCredentialReportCommand,
  IAMClient,
  type GetAccountAuthorizationDetailsCommandOutput,
} from '@aws-sdk/client-iam';
import { GetPublicAccessBlockCommand, S3ControlClient as S3ControlSdkClient } from '@aws-sdk/client-s3-control';
import type { GetOutputType } from '@smithy/types';
import type { CollectionError, Provenance } from '../../../shared/domain';
import { GLOBAL, INPUT_EVIDENCE, type CredentialReportBody, type InputEvidenceKind, type PasswordPolicyBody, type PublicAccessBlockBody } from '../../checks-collect/inputs';
import type { NewEvidence } from '../../snapshot/writer-contract';
import { classifyError, type ClassifiedError } from '../errors';
import { CredentialsNeedUser, type RefreshableTarget } from '../pair-run';
import { AbortedError, sleep } from '../rate-limit';
import type { AnyCommand, ClientConfig, ClientConstructor, SdkClient, Target } from '../runtime';
import { collectRegionInventory, collectTrails, type InputRecorder } from './inventory';

export type Send = <C extends AnyCommand>(
  target: Target,
  Ctor: ClientConstructor<SdkClient>,
  command: C,
) => Promise<{ output: GetOutputType<C>; provenance: Provenance }>;

export interface DirectInputContext {
  send: Send;
  /** The explicit endpoint the runtime uses (tests); S3 Control then needs it as a whole URL, see s3ControlClientFor. */
  endpoint?: string;
  signal?: AbortSignal;
  /** Wait between credential report polls (default: 0.5 s doubling up to 5 s). */
  reportPollMs?: number;
  /** Snapshot attributes read per region and snapshot kind (default ATTRIBUTE_READS_PER_REGION). */
  attributeReadLimit?: number;
}

export interface DirectInputs {
  evidence: NewEvidence[];
  errors: CollectionError[];
}

/** IAM and S3 Control are global for these calls; their requests are signed for us-east-1. */
const GLOBAL_API_REGION = 'us-east-1';

/**
 * Asks IAM to start generating the account's credential report and forgets the answer. IAM takes seconds to
 * minutes per account: asked when the account's role is assumed, the report is ready by the time its checks run,
 * after its pairs, instead of being waited for then. collectAccountInputs asks again and reads it, and records
 * any failure; this asking records none.
 */
export function requestCredentialReport(send: Send, target: Target): void {
  send({ ...target, region: GLOBAL_API_REGION }, IAMClient, new GenerateCredentialReportCommand({})).catch(() => undefined);
}

/** IAM keeps generating for a few seconds on large accounts; after this many polls the input is not collected. */
const REPORT_POLLS = 15;
const REPORT_NOT_READY = /ReportInProgress|ReportNotPresent|ReportExpired|CredentialReportNot(Present|Ready)|CredentialReportExpired/;

/** Calls outside a pair: renews expired role credentials once; other failures become a ClassifiedError. */
async function attempt<T>(target: RefreshableTarget, run: () => Promise<T>, signal?: AbortSignal): Promise<{ ok: true; value: T } | { ok: false; error: ClassifiedError }> {
  for (let renewed = false; ; renewed = true) {
    try {
      return { ok: true, value: await run() };
    } catch (error) {
      if (error instanceof AbortedError || signal?.aborted) throw new AbortedError();
      if (error instanceof CredentialsNeedUser) throw error;
      const classified = classifyError(error);
      if (classified.kind === 'aborted') throw new AbortedError();
      if (classified.kind === 'expired-credentials' && !renewed && target.refresh) {
        await target.refresh();
        continue;
      }
      return { ok: false, error: classified };
    }
  }
}

/**
 * S3 Control's endpoint rules put the account id in the host name; an explicit endpoint (the --endpoint option, or
 * AWS_ENDPOINT_URL_S3_CONTROL / AWS_ENDPOINT_URL for an AWS-compatible service) is used as given instead.
 */
export function s3ControlClientFor(explicit: string | undefined): ClientConstructor<SdkClient> {
  const endpoint = explicit ?? process.env.AWS_ENDPOINT_URL_S3_CONTROL ?? process.env.AWS_ENDPOINT_URL;
  if (!endpoint) return S3ControlSdkClient;
  const url = new URL(endpoint);
  // The class keeps the SDK's name: the allowlist and the statistics key operations by client name.
  return class S3ControlClient extends S3ControlSdkClient {
    constructor(config: ClientConfig) {
      super({ ...config, endpointProvider: () => ({ url }) });
    }
  };
}

/**
 * Resource types the built-in checks judge. AWS Config fetches items only for resources a rule evaluated, so the
 * checks also ask Config for every recorded resource of these types (SelectResourceConfig). Trails are not among
 * them: Config does not record whether a trail logs, so they come from CloudTrail itself (inventory.ts).
 */
export const CHECKED_RESOURCE_TYPES = [
  'AWS::DynamoDB::Table',
  'AWS::EC2::Instance',
  'AWS::EC2::NetworkInterface',
  'AWS::EC2::SecurityGroup',
  'AWS::EC2::VPC',
  'AWS::EC2::Volume',
  'AWS::EFS::FileSystem',
  'AWS::ElasticLoadBalancing::LoadBalancer',
  'AWS::ElasticLoadBalancingV2::LoadBalancer',
  'AWS::FSx::FileSystem',
  'AWS::KMS::Key',
  'AWS::RDS::DBCluster',
  'AWS::RDS::DBInstance',
  'AWS::RDS::DBSnapshot',
  'AWS::S3::Bucket',
] as const;

const SELECT_FIELDS = [
  'accountId', 'awsRegion', 'resourceType', 'resourceId', 'resourceName', 'arn', 'availabilityZone',
  'configurationItemCaptureTime', 'configurationItemStatus', 'resourceCreationTime', 'configuration', 'supplementaryConfiguration',
];
/** The SelectResourceConfig query for every recorded resource of the checked types. */
export const CHECKED_RESOURCES_QUERY = `SELECT ${SELECT_FIELDS.join(', ')} WHERE resourceType IN (${CHECKED_RESOURCE_TYPES.map((t) => `'${t}'`).join(', ')})`;

/** Select results carry nested objects, but AWS still encodes some supplementary values as JSON text. */
function decoded(value: unknown): unknown {
  if (typeof value !== 'string' || !/^\s*[[{]/.test(value)) return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

export async function collectAccountInputs(
  ctx: DirectInputContext,
  target: RefreshableTarget,
  regions: readonly string[],
  /** Regions where AWS Config was collected: their recorded resources of the checked types are fetched too. */
  configRegions: readonly string[] = [],
): Promise<DirectInputs> {
  const out: DirectInputs = { evidence: [], errors: [] };
  const { accountId } = target;
  const globalTarget: RefreshableTarget = { ...target, region: GLOBAL_API_REGION };
  const keep = (kind: InputEvidenceKind, region: string, body: unknown, provenance: Provenance) => {
    out.evidence.push({
      kind: 'api-response',
      resourceType: INPUT_EVIDENCE[kind].resourceType,
      resourceId: INPUT_EVIDENCE[kind].resourceId,
      accountId,
      region,
      body,
      provenance: { ...provenance, accountId },
    });
  };
  const fail = (region: string, service: string, operation: string, error: Pick<ClassifiedError, 'code' | 'message'>) => {
    out.errors.push({ accountId, region, service, operation, code: error.code, message: error.message, at: new Date().toISOString() });
  };
  const call = <C extends AnyCommand>(t: RefreshableTarget, Ctor: ClientConstructor<SdkClient>, command: C) => attempt(t, () => ctx.send(t, Ctor, command), ctx.signal);
  const recorder: InputRecorder = { keep, fail, call };

  // IAM credential report: generate, poll until complete (bounded), then read.
  await (async () => {
    for (let poll = 0; poll < REPORT_POLLS; poll++) {
      const generated = await call(globalTarget, IAMClient, new GenerateCredentialReportCommand({}));
      if (!generated.ok) return fail(GLOBAL, 'iam', 'GenerateCredentialReport', generated.error);
      if (generated.value.output.State === 'COMPLETE') {
        const report = await call(globalTarget, IAMClient, new GetCredentialReportCommand({}));
        if (report.ok) {
          const body: CredentialReportBody = {
            Content: new TextDecoder().decode(report.value.output.Content ?? new Uint8Array()),
            ...(report.value.output.ReportFormat ? { ReportFormat: report.value.output.ReportFormat } : {}),
            ...(report.value.output.GeneratedTime ? { GeneratedTime: report.value.output.GeneratedTime.toISOString() } : {}),
          };
          return keep('credentialReport', GLOBAL, body, report.value.provenance);
        }
        if (!REPORT_NOT_READY.test(report.error.code)) return fail(GLOBAL, 'iam', 'GetCredentialReport', report.error);
      }
      // IAM usually finishes within seconds: poll quickly at first, then every few seconds.
      await sleep(ctx.reportPollMs ?? Math.min(500 * 2 ** poll, 5000), ctx.signal);
    }
    fail(GLOBAL, 'iam', 'GetCredentialReport', { code: 'CredentialReportNotReady', message: `IAM was still generating the credential report after ${REPORT_POLLS} polls` });
  })();

  const summary = await call(globalTarget, IAMClient, new GetAccountSummaryCommand({}));
  if (summary.ok) keep('accountSummary', GLOBAL, summary.value.output.SummaryMap ?? {}, summary.value.provenance);
  else fail(GLOBAL, 'iam', 'GetAccountSummary', summary.error);

  const policy = await call(globalTarget, IAMClient, new GetAccountPasswordPolicyCommand({}));
  if (policy.ok) {
    const body: PasswordPolicyBody = { PasswordPolicy: policy.value.output.PasswordPolicy ?? null };
    keep('passwordPolicy', GLOBAL, body, policy.value.provenance);
  } else if (policy.error.code === 'NoSuchEntity' || policy.error.code === 'NoSuchEntityException') {
    // IAM's answer for "this account has no password policy": that answer is the evidence.
    const body: PasswordPolicyBody = { PasswordPolicy: null, ErrorCode: policy.error.code, Message: policy.error.message };
    keep('passwordPolicy', GLOBAL, body, provenanceOf(globalTarget, 'iam', 'GetAccountPasswordPolicy', {}));
  } else fail(GLOBAL, 'iam', 'GetAccountPasswordPolicy', policy.error);

  await (async () => {
    const merged = { UserDetailList: [] as unknown[], GroupDetailList: [] as unknown[], RoleDetailList: [] as unknown[], Policies: [] as unknown[] };
    let provenance: Provenance | undefined;
    for (let marker: string | undefined, first = true; first || marker; first = false) {
      const page = await call(globalTarget, IAMClient, new GetAccountAuthorizationDetailsCommand({ MaxItems: 1000, Marker: marker }));
      if (!page.ok) return fail(GLOBAL, 'iam', 'GetAccountAuthorizationDetails', page.error);
      const output: GetAccountAuthorizationDetailsCommandOutput = page.value.output;
      merged.UserDetailList.push(...(output.UserDetailList ?? []));
      merged.GroupDetailList.push(...(output.GroupDetailList ?? []));
      merged.RoleDetailList.push(...(output.RoleDetailList ?? []));
      merged.Policies.push(...(output.Policies ?? []));
      provenance ??= page.value.provenance;
      marker = output.IsTruncated ? output.Marker : undefined;
    }
    // JSON round trip: dates become ISO strings, as the snapshot stores them.
    const details = JSON.parse(JSON.stringify(merged)) as typeof merged;
    for (const role of details.RoleDetailList as { AssumeRolePolicyDocument?: string }[]) {
      if (role.AssumeRolePolicyDocument) role.AssumeRolePolicyDocument = redactExternalIds(role.AssumeRolePolicyDocument);
    }
    keep('authorizationDetails', GLOBAL, details, provenance!);
  })();

  const block = await call(globalTarget, s3ControlClientFor(ctx.endpoint), new GetPublicAccessBlockCommand({ AccountId: accountId }));
  if (block.ok) {
    const body: PublicAccessBlockBody = { PublicAccessBlockConfiguration: block.value.output.PublicAccessBlockConfiguration ?? null };
    keep('s3AccountPublicAccessBlock', GLOBAL, body, block.value.provenance);
  } else if (block.error.code === 'NoSuchPublicAccessBlockConfiguration') {
    const body: PublicAccessBlockBody = { PublicAccessBlockConfiguration: null, ErrorCode: block.error.code, Message: block.error.message };
    keep('s3AccountPublicAccessBlock', GLOBAL, body, provenanceOf(globalTarget, 's3', 'GetPublicAccessBlock', { AccountId: accountId }));
  } else fail(GLOBAL, 's3', 'GetPublicAccessBlock', block.error);

  for (const region of configRegions) {
    const regional: RefreshableTarget = { ...target, region };
    for (let token: string | undefined, first = true; first || token; first = false) {
      const page = await call(regional, ConfigServiceClient, new SelectResourceConfigCommand({ Expression: CHECKED_RESOURCES_QUERY, Limit: 100, NextToken: token }));
      if (!page.ok) {
        fail(region, 'config', 'SelectResourceConfig', page.error);
        break;
      }
      for (const text of page.value.output.Results ?? []) {
        let item: Record<string, unknown>;
        try {
          item = JSON.parse(text) as Record<string, unknown>;
        } catch {
          continue;
        }
        if (typeof item.resourceType !== 'string' || typeof item.resourceId !== 'string') continue;
        const supplementary = item.supplementaryConfiguration;
        const body = {
          ...item,
          configuration: decoded(item.configuration) ?? {},
          supplementaryConfiguration:
            supplementary && typeof supplementary === 'object' ? Object.fromEntries(Object.entries(supplementary).map(([key, value]) => [key, decoded(value)])) : {},
        };
        out.evidence.push({
          kind: 'configuration-item',
          resourceType: item.resourceType,
          resourceId: item.resourceId,
          accountId,
          region,
          ...(typeof item.configurationItemCaptureTime === 'string' ? { capturedAt: item.configurationItemCaptureTime } : {}),
          body,
          provenance: { ...page.value.provenance, accountId },
        });
      }
      token = page.value.output.NextToken;
    }
  }

  for (const region of regions) {
    const regional: RefreshableTarget = { ...target, region };
    await (async () => {
      const ids: string[] = [];
      let listed: Provenance | undefined;
      for (let token: string | undefined, first = true; first || token; first = false) {
        const page = await call(regional, GuardDutyClient, new ListDetectorsCommand({ MaxResults: 50, NextToken: token }));
        if (!page.ok) return fail(region, 'guardduty', 'ListDetectors', page.error);
        ids.push(...(page.value.output.DetectorIds ?? []));
        listed ??= page.value.provenance;
        token = page.value.output.NextToken;
      }
      const detectors: unknown[] = [];
      for (const id of ids) {
        const detail = await call(regional, GuardDutyClient, new GetDetectorCommand({ DetectorId: id }));
        if (!detail.ok) return fail(region, 'guardduty', 'GetDetector', detail.error);
        const d = detail.value.output;
        detectors.push({ DetectorId: id, Status: d.Status ?? 'UNKNOWN', ...(d.FindingPublishingFrequency ? { FindingPublishingFrequency: d.FindingPublishingFrequency } : {}) });
      }
      keep('guardDutyDetectors', region, detectors, listed!);
    })();

    await (async () => {
      const analyzers: AnalyzerSummary[] = [];
      let listed: Provenance | undefined;
      for (let token: string | undefined, first = true; first || token; first = false) {
        const page = await call(regional, AccessAnalyzerClient, new ListAnalyzersCommand({ maxResults: 100, nextToken: token }));
        if (!page.ok) return fail(region, 'access-analyzer', 'ListAnalyzers', page.error);
        analyzers.push(...(page.value.output.analyzers ?? []));
        listed ??= page.value.provenance;
        token = page.value.output.nextToken;
      }
      keep('accessAnalyzers', region, analyzers.map((a) => ({ arn: a.arn, name: a.name, type: a.type, status: a.status })), listed!);
    })();

    await collectRegionInventory(recorder, target, region, ctx.attributeReadLimit);
  }
  await collectTrails(recorder, target, regions);
  return out;
}

export const REDACTED_EXTERNAL_ID = 'REDACTED-BY-TRIAD';

/**
 * A trust policy's sts:ExternalId values are shared secrets between the role and its callers: the snapshot keeps
 * that the condition exists (what the checks judge), never its value. The document stays URL-encoded JSON.
 */
export function redactExternalIds(encoded: string): string {
  let document: unknown;
  try {
    document = JSON.parse(decodeURIComponent(encoded));
  } catch {
    // Not a policy Triad can read: keep nothing of it rather than a value that may hold a secret.
    return encodeURIComponent(JSON.stringify({ unreadable: 'the trust policy could not be parsed; Triad did not store it' }));
  }
  const walk = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(walk);
    if (value === null || typeof value !== 'object') return value;
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [key, /^sts:externalid$/i.test(key) ? (Array.isArray(inner) ? inner.map(() => REDACTED_EXTERNAL_ID) : REDACTED_EXTERNAL_ID) : walk(inner)]),
    );
  };
  return encodeURIComponent(JSON.stringify(walk(document)));
}

/** Provenance of an answer that came back as an error (NoSuchEntity): the call as it was made. */
function provenanceOf(target: Target, service: string, operation: string, params: Record<string, unknown>): Provenance {
  return { service, operation, params, accountId: target.accountId, region: target.region, retrievedAt: new Date().toISOString() };
}
