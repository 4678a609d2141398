// Writes the demo organization through a SnapshotWriter. Deterministic: every random draw comes from streams
// keyed by the seed, and times are offsets from a creation time derived from the seed (or given by the
// caller), so the same seed and options always give the same rows. Streams one account × region at a time,
// so a million findings never sit in memory at once.

import type { Catalog } from '../catalog';
import { triadVersion } from '../paths';
import type { SnapshotWriter } from '../snapshot/writer-contract';
import type { ComplianceStatus, Control, CoverageCell } from '../../shared/domain';
import {
  HOSTILE_ANNOTATION,
  HOSTILE_BUCKET_TAGS,
  HOSTILE_ROLE_NAME,
  HOSTILE_SECURITY_GROUP_NAME,
  HOSTILE_SECURITY_GROUP_TAGS,
} from './hostile';
import {
  ACCESS_DENIED_ACCOUNT_ID,
  ACCOUNT_WEIGHT,
  CONFIG_NOT_ENABLED,
  DEMO_ACCOUNTS,
  DEMO_REGIONS,
  FAILURE_FACTOR,
  HOME_REGION,
  HOSTILE_CELL,
  MANAGEMENT_ACCOUNT_ID,
  REGION_WEIGHT,
  auditorSessionArn,
  type DemoAccount,
} from './organization';
import { Random, hash32 } from './random';
import {
  ACCOUNT_FACTS,
  GLOBAL_ACCOUNT_FACTS,
  RESOURCE_KINDS,
  type BuiltResource,
  type ResourceKind,
  type ResourceTypeName,
} from './resources';
import {
  CONFORMANCE_PACKS,
  CUSTOM_RULES,
  MANAGED_RULES,
  managedRuleName,
  ruleDocumentationUrl,
  type DemoRule,
  type ResourceTraits,
} from './rules';

export const DEFAULT_DEMO_SEED = 'triad-demo';
export const DEFAULT_DEMO_FINDINGS = 20_000;
/** Below this the organization's fixed account-level findings dominate and the scaling is meaningless. */
export const MIN_DEMO_FINDINGS = 1_000;
export const MAX_DEMO_FINDINGS = 10_000_000;

export interface DemoOptions {
  seed: string | number;
  /** Approximate number of findings to generate. */
  findings: number;
  /** Snapshot creation time; derived from the seed when absent. */
  now?: Date;
}

/** The classification catalog as the generator uses it. */
export type DemoCatalog = Pick<Catalog, 'version' | 'overrides' | 'classify'>;

export interface DemoResult {
  findings: number;
  resources: number;
  controls: number;
  accounts: number;
  createdAt: string;
}

/** A rule as deployed in one account: the control it reports to and the name it has there. */
interface DeployedRule {
  controlId: string;
  ruleName: string;
  resourceTypes: readonly ResourceTypeName[];
  fact: string;
  periodic: boolean;
  annotation?: string;
  appliesTo?: (traits: ResourceTraits) => boolean;
  /** How often a custom Lambda's evaluation fails; 0 for managed rules. */
  errorRate: number;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Demo snapshots are dated in a fixed window so the same seed always gives the same createdAt. */
const DEMO_EPOCH = Date.UTC(2026, 2, 2, 9, 0, 0);

export function demoCreatedAt(seed: string | number): Date {
  const minutes = hash32(`createdAt:${seed}`) % (180 * 24 * 60);
  return new Date(DEMO_EPOCH + minutes * 60_000);
}

function validateDemoOptions(options: DemoOptions): void {
  const { findings } = options;
  if (!Number.isInteger(findings) || findings < MIN_DEMO_FINDINGS || findings > MAX_DEMO_FINDINGS) {
    throw new RangeError(
      `the number of demo findings must be a whole number from ${MIN_DEMO_FINDINGS} to ${MAX_DEMO_FINDINGS} (got ${findings})`,
    );
  }
  if (options.now && Number.isNaN(options.now.getTime())) throw new RangeError('the demo creation time is not a valid date');
}

/** Generates the demo organization into the writer and finishes the snapshot. */
export function generateDemo(writer: SnapshotWriter, options: DemoOptions, catalog: DemoCatalog): DemoResult {
  validateDemoOptions(options);
  const seed = String(options.seed);
  const createdAtMs = (options.now ?? demoCreatedAt(seed)).getTime();
  const createdAt = new Date(createdAtMs).toISOString();

  writer.setMeta({
    title: 'Demo organization',
    createdAt,
    triadVersion: triadVersion(),
    collectedBy: {
      account: MANAGEMENT_ACCOUNT_ID,
      arn: auditorSessionArn(MANAGEMENT_ACCOUNT_ID),
      userId: `AROA${new Random(seed, 'caller').upperAlnum(17)}:triad-demo`,
    },
    scope: {
      mode: 'demo',
      description: `Fictional organization of ${DEMO_ACCOUNTS.length} accounts in ${DEMO_REGIONS.length} regions (seed "${seed}", about ${options.findings} findings)`,
    },
    catalogVersion: catalog.version,
    overrides: catalog.overrides,
    isDemo: true,
  });
  for (const { id, name, ouPath, email } of DEMO_ACCOUNTS) writer.upsertAccount({ id, name, ouPath, email });

  const { managed, controlCount } = writeControls(writer, catalog);
  const deployments = new Map(DEMO_ACCOUNTS.map((account) => [account.id, deployRules(seed, account, managed)]));
  const pairs = DEMO_ACCOUNTS.flatMap((account) => DEMO_REGIONS.map((region) => ({ account, region })));
  const scale = resourceScale(pairs, deployments, options.findings);

  let findings = 0;
  let resources = 0;
  pairs.forEach(({ account, region }, pairIndex) => {
    const retrievedAtMs = createdAtMs - (pairs.length - pairIndex) * 45_000;
    const coverage = coverageOf(account, region);
    writer.setCoverage(coverage);
    if (coverage.state !== 'collected') {
      writeCollectionError(writer, account, region, new Date(retrievedAtMs).toISOString());
    } else {
      const pair = new PairGenerator(writer, seed, account, region, deployments.get(account.id) ?? [], createdAtMs, retrievedAtMs);
      pair.run(scale);
      findings += pair.findings;
      resources += pair.resources;
    }
    writer.markPairDone(account.id, region);
  });

  writer.finish({ partial: false });
  return { findings, resources, controls: controlCount, accounts: DEMO_ACCOUNTS.length, createdAt };
}

/** Upserts every control; returns the managed rules the catalog classifies (by identifier) and the control count. */
function writeControls(writer: SnapshotWriter, catalog: DemoCatalog): { managed: Map<string, DemoRule>; controlCount: number } {
  const classified = new Map<string, DemoRule>();
  let controlCount = 0;
  const write = (control: Omit<Control, 'classification' | 'classificationOrigin'>): void => {
    const { classification, origin } = catalog.classify(control);
    writer.upsertControl({ ...control, classification, classificationOrigin: origin });
    controlCount++;
  };
  for (const rule of MANAGED_RULES) {
    // A managed rule the catalog does not know would only add noise to the unclassified group, which the
    // demo keeps for its custom rules.
    const { classification } = catalog.classify({ id: `config-rule:${rule.identifier}`, source: 'config-rule', sourceIdentifier: rule.identifier });
    if (!classification) continue;
    write(managedControl(rule));
    classified.set(rule.identifier, rule);
  }
  for (const pack of CONFORMANCE_PACKS) {
    for (const identifier of pack.identifiers) {
      const rule = classified.get(identifier);
      if (!rule) continue;
      write({
        ...managedControl(rule),
        id: `conformance-pack:${pack.name}:${identifier}`,
        source: 'conformance-pack',
        conformancePack: pack.name,
      });
    }
  }
  for (const custom of CUSTOM_RULES) {
    write({
      id: `config-rule:custom:${custom.ruleName}`,
      source: 'config-rule',
      title: custom.ruleName,
      description: custom.description,
      sourceIdentifier: `arn:aws:lambda:${HOME_REGION}:310000000101:function:${custom.functionName}`,
    });
  }
  return { managed: classified, controlCount };
}

function managedControl(rule: DemoRule): Omit<Control, 'classification' | 'classificationOrigin'> {
  return {
    id: `config-rule:${rule.identifier}`,
    source: 'config-rule',
    title: managedRuleName(rule.identifier),
    description: rule.description,
    sourceIdentifier: rule.identifier,
    references: [ruleDocumentationUrl(rule.identifier)],
  };
}

/** The rules evaluating one account: every managed rule, its conformance packs (with AWS's name suffix) and the custom rules. */
function deployRules(seed: string, account: DemoAccount, managed: Map<string, DemoRule>): DeployedRule[] {
  const deployed: DeployedRule[] = [];
  const fromManaged = (rule: DemoRule, controlId: string, ruleName: string): DeployedRule => ({
    controlId,
    ruleName,
    resourceTypes: rule.resourceTypes,
    fact: rule.fact,
    periodic: rule.periodic,
    annotation: rule.annotation,
    appliesTo: rule.appliesTo,
    errorRate: 0,
  });
  for (const rule of managed.values()) {
    deployed.push(fromManaged(rule, `config-rule:${rule.identifier}`, managedRuleName(rule.identifier)));
  }
  for (const pack of CONFORMANCE_PACKS) {
    if (!pack.deployedTo(account.environment)) continue;
    const suffix = new Random(seed, 'pack', pack.name, account.id).base36(9);
    for (const identifier of pack.identifiers) {
      const rule = managed.get(identifier);
      if (!rule) continue;
      const ruleName = `${managedRuleName(identifier)}-conformance-pack-${suffix}`;
      deployed.push(fromManaged(rule, `conformance-pack:${pack.name}:${identifier}`, ruleName));
    }
  }
  for (const custom of CUSTOM_RULES) {
    deployed.push({
      controlId: `config-rule:custom:${custom.ruleName}`,
      ruleName: custom.ruleName,
      resourceTypes: custom.resourceTypes,
      fact: custom.fact,
      periodic: false,
      annotation: custom.annotation,
      errorRate: custom.errorRate,
    });
  }
  return deployed;
}

function coverageOf(account: DemoAccount, region: string): CoverageCell {
  if (account.id === ACCESS_DENIED_ACCOUNT_ID) {
    return {
      accountId: account.id,
      region,
      state: 'failed',
      reason: 'AccessDeniedException: a service control policy denies config:DescribeConfigRules to the TriadAuditor role',
    };
  }
  if (account.id === CONFIG_NOT_ENABLED.accountId && region === CONFIG_NOT_ENABLED.region) {
    return { accountId: account.id, region, state: 'not-enabled', reason: 'AWS Config is not enabled: no configuration recorder in this region' };
  }
  return { accountId: account.id, region, state: 'collected', reason: '' };
}

function writeCollectionError(writer: SnapshotWriter, account: DemoAccount, region: string, at: string): void {
  if (account.id === ACCESS_DENIED_ACCOUNT_ID) {
    for (const operation of ['DescribeConfigRules', 'DescribeConformancePacks']) {
      writer.addError({
        accountId: account.id,
        region,
        service: 'config',
        operation,
        code: 'AccessDeniedException',
        message: `User: ${auditorSessionArn(account.id)} is not authorized to perform: config:${operation} with an explicit deny in a service control policy`,
        at,
      });
    }
    return;
  }
  writer.addError({
    accountId: account.id,
    region,
    service: 'config',
    operation: 'DescribeConfigurationRecorderStatus',
    code: 'NoSuchConfigurationRecorderException',
    message: "Cannot find configuration recorder with the specified name 'default'.",
    at,
  });
}

const kindResourceCount = (kind: ResourceKind, account: DemoAccount, region: string): number =>
  kind.homeRegionOnly && region !== HOME_REGION
    ? 0
    : kind.weight * ACCOUNT_WEIGHT[account.environment] * REGION_WEIGHT[region as (typeof DEMO_REGIONS)[number]];

const rulesFor = (rules: readonly DeployedRule[], type: ResourceTypeName): DeployedRule[] =>
  rules.filter((rule) => rule.resourceTypes.includes(type));

/** Resources per unit of weight so that the expected number of findings is the requested one. */
function resourceScale(
  pairs: readonly { account: DemoAccount; region: string }[],
  deployments: Map<string, DeployedRule[]>,
  requested: number,
): number {
  let fixed = 0;
  let perUnit = 0;
  for (const { account, region } of pairs) {
    if (coverageOf(account, region).state !== 'collected') continue;
    const rules = deployments.get(account.id) ?? [];
    const isHostileCell = account.id === HOSTILE_CELL.accountId && region === HOSTILE_CELL.region;
    fixed += rulesFor(rules, 'AWS::::Account').length;
    for (const kind of RESOURCE_KINDS) {
      const ruleCount = rulesFor(rules, kind.type).length;
      if (isHostileCell) fixed += hostileMinimum(kind.type) * ruleCount;
      perUnit += kindResourceCount(kind, account, region) * ruleCount;
    }
  }
  return Math.max(0, requested - fixed) / perUnit;
}

/** Generates the resources and findings of one collected account × region. */
class PairGenerator {
  findings = 0;
  resources = 0;
  private readonly rng: Random;
  private readonly failureFactor: number;
  private readonly periodicRunMs = new Map<string, number>();
  private readonly retrievedAt: string;
  private readonly isHostileCell: boolean;
  private configHistoryCalls = 0;

  constructor(
    private readonly writer: SnapshotWriter,
    private readonly seed: string,
    private readonly account: DemoAccount,
    private readonly region: string,
    private readonly rules: readonly DeployedRule[],
    private readonly createdAtMs: number,
    retrievedAtMs: number,
  ) {
    this.rng = new Random(seed, 'pair', account.id, region);
    this.failureFactor = FAILURE_FACTOR[account.environment];
    this.retrievedAt = new Date(retrievedAtMs).toISOString();
    this.isHostileCell = account.id === HOSTILE_CELL.accountId && region === HOSTILE_CELL.region;
  }

  run(scale: number): void {
    this.writeAccountFindings();
    for (const kind of RESOURCE_KINDS) {
      const rules = rulesFor(this.rules, kind.type);
      const planted = this.isHostileCell ? hostileMinimum(kind.type) : 0;
      const count = planted + this.rng.roundStochastic(kindResourceCount(kind, this.account, this.region) * scale);
      for (let index = 0; index < count; index++) this.writeResource(kind, index, rules);
    }
    this.writeCallStats();
  }

  private failingFacts(facts: Readonly<Record<string, number>>, rng: Random, forced: readonly string[] = []): Set<string> {
    const failing = new Set(forced);
    for (const [fact, baseRate] of Object.entries(facts)) {
      if (rng.chance(Math.min(0.97, baseRate * this.failureFactor))) failing.add(fact);
    }
    return failing;
  }

  private writeResource(kind: ResourceKind, index: number, rules: readonly DeployedRule[]): void {
    const rng = this.rng;
    const hostile = this.isHostileCell ? hostileOverrides(kind.type, index) : undefined;
    const failing = this.failingFacts(kind.facts, rng, hostile?.forcedFailures);
    for (const [cause, effect] of kind.implies ?? []) if (failing.has(cause)) failing.add(effect);

    const createdMs = this.createdAtMs - rng.int(30, 1_500) * DAY - rng.int(0, DAY);
    const capturedMs = Math.max(createdMs + HOUR, this.createdAtMs - rng.int(2 * HOUR, 60 * DAY));
    const resource = kind.build({
      rng,
      account: this.account,
      region: this.region,
      index,
      createdAt: new Date(createdMs).toISOString(),
      fails: (fact) => failing.has(fact),
      extraTags: hostile?.tags ?? {},
      hostileName: hostile?.name,
    });
    const capturedAt = new Date(capturedMs).toISOString();
    const evidenceId = this.writer.addEvidence({
      kind: 'configuration-item',
      resourceType: kind.type,
      resourceId: resource.resourceId,
      accountId: this.account.id,
      region: this.region,
      capturedAt,
      body: configurationItem(kind.type, this.account.id, resource, capturedMs, createdMs),
      provenance: {
        service: 'config',
        operation: 'GetResourceConfigHistory',
        params: { resourceType: kind.type, resourceId: resource.resourceId, limit: 1 },
        accountId: this.account.id,
        region: this.region,
        retrievedAt: this.retrievedAt,
      },
    });
    this.resources++;
    this.configHistoryCalls++;

    for (const rule of rules) {
      const planted = hostile?.annotation?.fact === rule.fact;
      const status = planted ? 'NON_COMPLIANT' : this.statusOf(rule, failing, resource.traits);
      const times = this.evaluationTimes(rule, capturedMs);
      this.writer.addFinding({
        controlId: rule.controlId,
        accountId: this.account.id,
        region: this.region,
        resourceType: kind.type,
        resourceId: resource.resourceId,
        resourceName: resource.resourceName,
        ruleName: rule.ruleName,
        status,
        annotation: planted ? hostile?.annotation?.text : this.annotationOf(rule, status),
        ...times,
        evidenceId,
      });
      this.findings++;
    }
  }

  /** Account-level rules (AWS::::Account): the evidence is the rule's evaluation result itself. */
  private writeAccountFindings(): void {
    const accountRng = new Random(this.seed, 'account-facts', this.account.id);
    const globalFailing = this.failingFacts(ACCOUNT_FACTS, accountRng);
    const regionalFailing = this.failingFacts(ACCOUNT_FACTS, this.rng);
    const failing = new Set(
      Object.keys(ACCOUNT_FACTS).filter((fact) =>
        GLOBAL_ACCOUNT_FACTS.has(fact) ? globalFailing.has(fact) : regionalFailing.has(fact),
      ),
    );
    for (const rule of rulesFor(this.rules, 'AWS::::Account')) {
      const status = this.statusOf(rule, failing, {});
      const times = this.evaluationTimes(rule, this.createdAtMs);
      const annotation = this.annotationOf(rule, status);
      const evidenceId = this.writer.addEvidence({
        kind: 'api-response',
        resourceType: 'AWS::::Account',
        resourceId: this.account.id,
        accountId: this.account.id,
        region: this.region,
        capturedAt: times.recordedAt,
        body: {
          EvaluationResultIdentifier: {
            EvaluationResultQualifier: {
              ConfigRuleName: rule.ruleName,
              ResourceType: 'AWS::::Account',
              ResourceId: this.account.id,
              EvaluationMode: 'DETECTIVE',
            },
            OrderingTimestamp: times.evaluatedAt,
            ResourceEvaluationId: null,
          },
          ComplianceType: status,
          ResultRecordedTime: times.recordedAt,
          ConfigRuleInvokedTime: times.invokedAt,
          ...(annotation === undefined ? {} : { Annotation: annotation }),
        },
        provenance: {
          service: 'config',
          operation: 'GetComplianceDetailsByConfigRule',
          params: { ConfigRuleName: rule.ruleName },
          accountId: this.account.id,
          region: this.region,
          retrievedAt: this.retrievedAt,
        },
      });
      this.writer.addFinding({
        controlId: rule.controlId,
        accountId: this.account.id,
        region: this.region,
        resourceType: 'AWS::::Account',
        resourceId: this.account.id,
        ruleName: rule.ruleName,
        status,
        annotation,
        ...times,
        evidenceId,
      });
      this.findings++;
    }
  }

  private statusOf(rule: DeployedRule, failing: ReadonlySet<string>, traits: ResourceTraits): ComplianceStatus {
    const rng = this.rng;
    if (rule.appliesTo && !rule.appliesTo(traits)) return 'NOT_APPLICABLE';
    if (rule.errorRate > 0 && rng.chance(rule.errorRate * this.failureFactor)) return 'ERROR';
    if (rule.periodic && rng.chance(0.012 * this.failureFactor)) return 'INSUFFICIENT_DATA';
    if (rng.chance(0.0015)) return 'NOT_EVALUATED';
    return failing.has(rule.fact) ? 'NON_COMPLIANT' : 'COMPLIANT';
  }

  private annotationOf(rule: DeployedRule, status: ComplianceStatus): string | undefined {
    if (status === 'ERROR') return 'Lambda function returned an error: Task timed out after 60.00 seconds';
    if (status === 'INSUFFICIENT_DATA') return 'The rule could not retrieve the data it needs for this resource yet.';
    return status === 'NON_COMPLIANT' ? rule.annotation : undefined;
  }

  /** Periodic rules run at one time per account × region; change-triggered ones right after the capture. */
  private evaluationTimes(rule: DeployedRule, capturedMs: number): { evaluatedAt: string; recordedAt: string; invokedAt: string } {
    const rng = this.rng;
    let invokedMs: number;
    let orderingMs: number;
    if (rule.periodic) {
      let runMs = this.periodicRunMs.get(rule.ruleName);
      if (runMs === undefined) {
        runMs = this.createdAtMs - rng.int(HOUR, 24 * HOUR);
        this.periodicRunMs.set(rule.ruleName, runMs);
      }
      invokedMs = runMs;
      orderingMs = runMs;
    } else {
      orderingMs = capturedMs;
      invokedMs = capturedMs + rng.int(5_000, 90_000);
    }
    return {
      evaluatedAt: new Date(orderingMs).toISOString(),
      invokedAt: new Date(invokedMs).toISOString(),
      recordedAt: new Date(invokedMs + rng.int(1_000, 8_000)).toISOString(),
    };
  }

  private writeCallStats(): void {
    const rng = this.rng;
    const ruleCalls = this.rules.length;
    const stats: [string, number][] = [
      ['DescribeConfigRules', 1 + Math.floor(ruleCalls / 25)],
      ['GetComplianceDetailsByConfigRule', ruleCalls + Math.floor(this.findings / 100)],
      ['GetResourceConfigHistory', this.configHistoryCalls],
    ];
    for (const [operation, calls] of stats) {
      const throttles = rng.chance(0.3) ? rng.int(1, Math.max(1, Math.floor(calls / 50))) : 0;
      this.writer.addCallStats({
        accountId: this.account.id,
        region: this.region,
        service: 'config',
        operation,
        calls,
        throttles,
        retries: throttles,
        errors: 0,
        totalMs: calls * rng.int(60, 180) + throttles * 400,
      });
    }
  }
}

/** The hostile account × region has these resources on top of its share, whatever the requested size. */
function hostileMinimum(type: ResourceTypeName): number {
  if (type === 'AWS::S3::Bucket' || type === 'AWS::IAM::Role') return 1;
  if (type === 'AWS::EC2::SecurityGroup') return 2;
  return 0;
}

interface HostileOverrides {
  tags: Record<string, string>;
  name?: string;
  forcedFailures?: readonly string[];
  /** An annotation planted on the NON_COMPLIANT result of the rules deciding on this fact. */
  annotation?: { fact: string; text: string };
}

function hostileOverrides(type: ResourceTypeName, index: number): HostileOverrides | undefined {
  if (index !== (type === 'AWS::EC2::SecurityGroup' ? 1 : 0)) return undefined;
  switch (type) {
    case 'AWS::S3::Bucket':
      return { tags: { ...HOSTILE_BUCKET_TAGS } };
    case 'AWS::EC2::SecurityGroup':
      return {
        tags: { ...HOSTILE_SECURITY_GROUP_TAGS },
        name: HOSTILE_SECURITY_GROUP_NAME,
        forcedFailures: ['openSsh', 'noChangeTicket'],
        annotation: { fact: 'noChangeTicket', text: HOSTILE_ANNOTATION },
      };
    case 'AWS::IAM::Role':
      return { tags: {}, name: HOSTILE_ROLE_NAME };
    default:
      return undefined;
  }
}

/** The configuration item as GetResourceConfigHistory returns it, with configuration already parsed from JSON. */
function configurationItem(
  type: ResourceTypeName,
  accountId: string,
  resource: BuiltResource,
  capturedMs: number,
  createdMs: number,
): Record<string, unknown> {
  return {
    version: '1.3',
    accountId,
    configurationItemCaptureTime: new Date(capturedMs).toISOString(),
    configurationItemStatus: capturedMs - createdMs < 2 * HOUR ? 'ResourceDiscovered' : 'OK',
    configurationStateId: String(capturedMs),
    configurationItemMD5Hash: '',
    arn: resource.arn,
    resourceType: type,
    resourceId: resource.resourceId,
    resourceName: resource.resourceName ?? null,
    awsRegion: resource.awsRegion,
    availabilityZone: resource.availabilityZone,
    resourceCreationTime: new Date(createdMs).toISOString(),
    tags: resource.tags,
    relatedEvents: [],
    relationships: resource.relationships,
    configuration: resource.configuration,
    supplementaryConfiguration: resource.supplementaryConfiguration,
    recordingFrequency: 'CONTINUOUS',
    configurationItemDeliveryTime: new Date(capturedMs + 60_000).toISOString(),
  };
}
