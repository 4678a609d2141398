// Building blocks every check uses: a finding collector bound to one check and account, and the gates that turn
// an input that was not collected into NOT_EVALUATED findings (never into a pass).

import type { Provenance } from '../../../shared/domain';
import type {
  AccountInputKind,
  CheckEvidence,
  CheckFinding,
  CheckInputs,
  ConfigurationItem,
  ConfigurationItemsByType,
  Grade,
  Input,
  InputKind,
  RegionInputKind,
  RegionInputs,
} from '../types';

/** The resource type used for account-wide results (the same pseudo type AWS Config uses). */
export const ACCOUNT_RESOURCE_TYPE = 'AWS::::Account';
/** The region of account-wide IAM results. */
export const GLOBAL_REGION = 'global';

export const INPUT_LABELS: Record<InputKind, string> = {
  credentialReport: 'IAM credential report',
  accountSummary: 'IAM account summary',
  passwordPolicy: 'IAM account password policy',
  authorizationDetails: 'IAM account authorization details',
  s3AccountPublicAccessBlock: 'S3 account-level Block Public Access',
  cloudTrailTrails: 'CloudTrail trails',
  configurationItems: 'AWS Config configuration items',
  guardDutyDetectors: 'GuardDuty detectors',
  accessAnalyzers: 'IAM Access Analyzer analyzers',
  configRecorders: 'AWS Config recorder status',
  flowLogs: 'VPC flow logs',
  ebsSnapshots: 'EBS snapshots',
  rdsSnapshotAttributes: 'RDS snapshot attributes',
  rdsClusterSnapshotAttributes: 'RDS cluster snapshot attributes',
  backupPlans: 'AWS Backup plans',
};

export interface Target {
  region: string;
  resourceType: string;
  resourceId: string;
  resourceName?: string;
}

export class Findings {
  readonly list: CheckFinding[] = [];

  constructor(
    private readonly checkId: string,
    private readonly accountId: string,
  ) {}

  pass(target: Target, annotation: string, evidence: CheckEvidence): void {
    this.push(target, 'COMPLIANT', 'green', annotation, evidence);
  }

  fail(grade: Exclude<Grade, 'green'>, target: Target, annotation: string, evidence: CheckEvidence): void {
    this.push(target, 'NON_COMPLIANT', grade, annotation, evidence);
  }

  /** COMPLIANT when green, NON_COMPLIANT otherwise: for checks that compute a grade first. */
  graded(grade: Grade, target: Target, annotation: string, evidence: CheckEvidence): void {
    this.push(target, grade === 'green' ? 'COMPLIANT' : 'NON_COMPLIANT', grade, annotation, evidence);
  }

  notApplicable(target: Target, annotation: string, evidence: CheckEvidence): void {
    this.push(target, 'NOT_APPLICABLE', null, annotation, evidence);
  }

  notEvaluated(target: Target, annotation: string, evidence: CheckEvidence | null = null): void {
    this.push(target, 'NOT_EVALUATED', null, annotation, evidence);
  }

  /** The account itself in a region: the target of account-wide results and of "input not collected". */
  account(region: string): Target {
    return { region, resourceType: ACCOUNT_RESOURCE_TYPE, resourceId: this.accountId };
  }

  private push(
    target: Target,
    status: CheckFinding['status'],
    grade: Grade | null,
    annotation: string,
    evidence: CheckEvidence | null,
  ): void {
    const finding: CheckFinding = {
      checkId: this.checkId,
      accountId: this.accountId,
      region: target.region,
      resourceType: target.resourceType,
      resourceId: target.resourceId,
      status,
      grade,
      annotation,
      evidence,
    };
    if (target.resourceName !== undefined) finding.resourceName = target.resourceName;
    this.list.push(finding);
  }
}

type DataOf<I> = Extract<I, { state: 'collected' }> extends { data: infer T } ? T : never;
type AccountData<K extends AccountInputKind> = { [P in K]: DataOf<CheckInputs[P]> };
type RegionData<K extends RegionInputKind> = { [P in K]: DataOf<RegionInputs[P]> };

function missingReason(kinds: readonly InputKind[], inputs: readonly Input<unknown>[], where: string): string | null {
  const missing = kinds
    .map((kind, i) => ({ kind, input: inputs[i] }))
    .filter((entry): entry is { kind: InputKind; input: { state: 'not-collected'; reason: string } } => entry.input.state !== 'collected')
    .map(({ kind, input }) => `${INPUT_LABELS[kind]} not collected${where}: ${input.reason}`);
  return missing.length ? `Not evaluated. ${missing.join('; ')}` : null;
}

/**
 * Runs `evaluate` with the account-level inputs when all of them were collected; otherwise records one
 * NOT_EVALUATED finding for the account naming what is missing and why.
 */
export function withAccountInputs<K extends AccountInputKind>(
  inputs: CheckInputs,
  kinds: readonly K[],
  out: Findings,
  evaluate: (data: AccountData<K>, provenance: Record<K, Provenance>) => void,
): void {
  const collected = kinds.map((kind) => inputs[kind] as Input<unknown>);
  const reason = missingReason(kinds, collected, '');
  if (reason) {
    out.notEvaluated(out.account(GLOBAL_REGION), reason);
    return;
  }
  const data = {} as AccountData<K>;
  const provenance = {} as Record<K, Provenance>;
  kinds.forEach((kind, i) => {
    const input = collected[i] as Extract<Input<unknown>, { state: 'collected' }>;
    (data as Record<K, unknown>)[kind] = input.data;
    provenance[kind] = input.provenance;
  });
  evaluate(data, provenance);
}

/**
 * Runs `evaluate` once per region whose listed inputs were all collected; every other region gets one
 * NOT_EVALUATED finding naming what is missing there and why.
 */
export function eachRegion<K extends RegionInputKind>(
  inputs: CheckInputs,
  kinds: readonly K[],
  out: Findings,
  evaluate: (data: RegionData<K>, provenance: Record<K, Provenance>, region: string) => void,
): void {
  for (const regionInputs of inputs.regions) {
    const collected = kinds.map((kind) => regionInputs[kind] as Input<unknown>);
    const reason = missingReason(kinds, collected, ` in ${regionInputs.region}`);
    if (reason) {
      out.notEvaluated(out.account(regionInputs.region), reason);
      continue;
    }
    const data = {} as RegionData<K>;
    const provenance = {} as Record<K, Provenance>;
    kinds.forEach((kind, i) => {
      const input = collected[i] as Extract<Input<unknown>, { state: 'collected' }>;
      (data as Record<K, unknown>)[kind] = input.data;
      provenance[kind] = input.provenance;
    });
    evaluate(data, provenance, regionInputs.region);
  }
}

export function itemsOf(byType: ConfigurationItemsByType, resourceType: string): ConfigurationItem[] {
  return byType[resourceType] ?? [];
}

export function itemTarget(item: ConfigurationItem): Target {
  const target: Target = { region: item.awsRegion, resourceType: item.resourceType, resourceId: item.resourceId };
  if (item.resourceName !== undefined) target.resourceName = item.resourceName;
  return target;
}

export function itemEvidence(item: ConfigurationItem, provenance: Provenance): CheckEvidence {
  return { kind: 'configuration-item', body: item, provenance };
}

export function apiEvidence(body: unknown, provenance: Provenance): CheckEvidence {
  return { kind: 'api-response', body, provenance };
}

/** Reads a configuration field as a string ('' when absent or not a string). */
export function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** AWS Config sometimes records booleans as strings ("true"); both mean true here. */
export function bool(value: unknown): boolean {
  return value === true || value === 'true';
}

export function num(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return null;
}

export function asArray<T>(value: T | T[] | undefined | null): T[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

export const DAY_MS = 86_400_000;

let cachedNow = '';
let cachedNowMs = 0;

/** Whole days from `then` to `now`; null when `then` is not a date (IAM writes 'N/A', 'no_information', ...). */
export function daysSince(then: string | undefined, now: string): number | null {
  if (!then) return null;
  const t = Date.parse(then);
  if (Number.isNaN(t)) return null;
  if (now !== cachedNow) {
    cachedNow = now;
    cachedNowMs = Date.parse(now);
  }
  return Math.floor((cachedNowMs - t) / DAY_MS);
}
