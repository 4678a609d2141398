// AWS Config for one account × region: recorder and delivery channel, rules, conformance packs, every
// evaluation result, and the configuration item behind each evaluated resource.

import {
  BatchGetResourceConfigCommand,
  ConfigServiceClient,
  DescribeComplianceByConfigRuleCommand,
  DescribeConfigRuleEvaluationStatusCommand,
  DescribeConfigRulesCommand,
  DescribeConfigurationRecordersCommand,
  DescribeConfigurationRecorderStatusCommand,
  DescribeConformancePackComplianceCommand,
  DescribeConformancePacksCommand,
  DescribeDeliveryChannelsCommand,
  DescribeDeliveryChannelStatusCommand,
  GetComplianceDetailsByConfigRuleCommand,
  GetConformancePackComplianceDetailsCommand,
  type BaseConfigurationItem,
  type ConfigRule,
  type ConfigRuleEvaluationStatus,
  type ResourceKey as SdkResourceKey,
} from '@aws-sdk/client-config-service';
import type { ComplianceStatus, Provenance } from '../../shared/domain';
import { chunk, parseConfigurationItem, resourceKeyId, uniqueResourceKeys, type ResourceKey } from './config-items';
import type { RuleIdentity } from './controls';
import { PairRun, PairStopped, type PairDeps, type PairOutcome, type PendingFinding, type RefreshableTarget } from './pair-run';
import { fullJitterDelay, mapConcurrent, sleep } from './rate-limit';

/** The largest page each API allows (service-2.json). */
export const PAGE = { details: 100, packs: 20, packCompliance: 1000, packDetails: 100, evaluationStatus: 50, batchKeys: 100 } as const;
/** Statuses GetComplianceDetailsByConfigRule can filter on (at most 3; INSUFFICIENT_DATA is not a filter value). */
const DETAIL_STATUSES = ['COMPLIANT', 'NON_COMPLIANT', 'NOT_APPLICABLE'] as const;
const UNPROCESSED_RETRIES = 4;

const Config = ConfigServiceClient;

/** Config's compliance types are Triad's statuses; anything else AWS may add later is shown as an error. */
export function statusOf(complianceType: string | undefined): ComplianceStatus {
  switch (complianceType) {
    case 'COMPLIANT':
    case 'NON_COMPLIANT':
    case 'NOT_APPLICABLE':
    case 'INSUFFICIENT_DATA':
      return complianceType;
    default:
      return 'ERROR';
  }
}

/** One evaluated resource as AWS Config reports it, for a rule and, with the rule's name, for a conformance pack. */
interface EvaluationResultLike {
  EvaluationResultIdentifier?: { EvaluationResultQualifier?: { ResourceType?: string; ResourceId?: string }; OrderingTimestamp?: Date };
  ComplianceType?: string;
  Annotation?: string;
  ResultRecordedTime?: Date;
  ConfigRuleInvokedTime?: Date;
}

type EvaluatedResource = Omit<PendingFinding, 'rule' | 'conformancePack'>;

/** The resource, status, annotation and times of a finding from an evaluation result; null when it names no resource. */
export function evaluatedResource(r: EvaluationResultLike): EvaluatedResource | null {
  const q = r.EvaluationResultIdentifier?.EvaluationResultQualifier;
  if (!q?.ResourceType || !q.ResourceId) return null;
  return {
    resourceType: q.ResourceType,
    resourceId: q.ResourceId,
    status: statusOf(r.ComplianceType),
    annotation: r.Annotation,
    evaluatedAt: r.EvaluationResultIdentifier?.OrderingTimestamp,
    recordedAt: r.ResultRecordedTime,
    invokedAt: r.ConfigRuleInvokedTime,
  };
}

type RuleInfo = RuleIdentity & { description?: string };

function ruleInfo(rule: ConfigRule): RuleInfo {
  return { ruleName: rule.ConfigRuleName ?? '', owner: rule.Source?.Owner, sourceIdentifier: rule.Source?.SourceIdentifier, description: rule.Description };
}

/**
 * What a rule without per-resource results contributes:
 * - its last evaluation failed → one ERROR row carrying AWS's error, and an error record;
 * - it never completed an evaluation ("stuck") → one NOT_EVALUATED row, an error record and a coverage reason;
 * - its results could not be fetched → one NOT_EVALUATED row (the fetch error is already recorded);
 * - AWS reports INSUFFICIENT_DATA or NOT_APPLICABLE → one row with that status;
 * - anything else → one NOT_EVALUATED row saying AWS returned no results.
 * A rule whose last evaluation failed keeps its older results and also gets the ERROR row.
 */
export function ruleLevelStatus(input: {
  hasResults: boolean;
  fetchFailed: boolean;
  summary?: string;
  evaluation?: ConfigRuleEvaluationStatus;
}): { status: ComplianceStatus; annotation: string; problem?: 'evaluation-error' | 'never-evaluated' } | null {
  const e = input.evaluation;
  const lastSuccess = Math.max(e?.LastSuccessfulEvaluationTime?.getTime() ?? 0, e?.LastSuccessfulInvocationTime?.getTime() ?? 0);
  const lastFailure = Math.max(e?.LastFailedEvaluationTime?.getTime() ?? 0, e?.LastFailedInvocationTime?.getTime() ?? 0);
  if (e?.LastErrorCode && lastFailure >= lastSuccess) {
    return { status: 'ERROR', annotation: `${e.LastErrorCode}: ${e.LastErrorMessage ?? ''}`.trim(), problem: 'evaluation-error' };
  }
  if (input.hasResults) return null;
  if (input.fetchFailed) return { status: 'NOT_EVALUATED', annotation: 'Evaluation results could not be collected (see errors)' };
  if (e && lastSuccess === 0) {
    const since = e.FirstActivatedTime ? ` since ${e.FirstActivatedTime.toISOString()}` : '';
    return { status: 'NOT_EVALUATED', annotation: `The rule has not completed an evaluation${since}`, problem: 'never-evaluated' };
  }
  if (input.summary === 'INSUFFICIENT_DATA' || input.summary === 'NOT_APPLICABLE') {
    return { status: input.summary, annotation: `AWS Config reports ${input.summary} for the rule and returned no per-resource results` };
  }
  return { status: 'NOT_EVALUATED', annotation: `AWS Config returned no evaluation results${input.summary ? ` (rule compliance ${input.summary})` : ''}` };
}

export async function collectConfigPair(deps: PairDeps, target: RefreshableTarget): Promise<PairOutcome> {
  const run = new PairRun(deps, target);
  try {
    await collectInto(run);
  } catch (error) {
    if (!(error instanceof PairStopped)) throw error;
    run.stop(error);
  }
  return run.flush();
}

async function collectInto(run: PairRun): Promise<void> {
  const { innerConcurrency } = run.deps;
  await collectRecorder(run);

  // Conformance packs first: their rules are reported under the pack's controls, not as plain rules.
  const packs: string[] = [];
  const packOfRule = new Map<string, string>();
  const packRuleCompliance = new Map<string, string>();
  for (let token: string | undefined, first = true; first || token; first = false) {
    const page = await run.tryCall(Config, new DescribeConformancePacksCommand({ Limit: PAGE.packs, NextToken: token }), 'Conformance packs not collected');
    if (!page) break;
    run.addApiEvidence('AWS::Config::ConformancePack', 'conformance-packs', page.output.ConformancePackDetails ?? [], page.provenance);
    for (const pack of page.output.ConformancePackDetails ?? []) if (pack.ConformancePackName) packs.push(pack.ConformancePackName);
    token = page.output.NextToken;
  }
  await mapConcurrent(packs, innerConcurrency, async (pack) => {
    for (let token: string | undefined, first = true; first || token; first = false) {
      const page = await run.tryCall(
        Config,
        new DescribeConformancePackComplianceCommand({ ConformancePackName: pack, Limit: PAGE.packCompliance, NextToken: token }),
        `Rule compliance of conformance pack ${pack} not collected`,
      );
      if (!page) break;
      for (const rule of page.output.ConformancePackRuleComplianceList ?? []) {
        if (!rule.ConfigRuleName) continue;
        packOfRule.set(rule.ConfigRuleName, pack);
        if (rule.ComplianceType) packRuleCompliance.set(rule.ConfigRuleName, rule.ComplianceType);
      }
      token = page.output.NextToken;
    }
  });

  const rules: ConfigRule[] = [];
  for (let token: string | undefined, first = true; first || token; first = false) {
    const page = await run.tryCall(Config, new DescribeConfigRulesCommand({ NextToken: token }), 'Config rules not collected');
    if (!page) break;
    for (const rule of page.output.ConfigRules ?? []) {
      rules.push(rule);
      run.addApiEvidence('AWS::Config::ConfigRule', rule.ConfigRuleName ?? '', rule, page.provenance);
    }
    token = page.output.NextToken;
  }
  const summary = new Map(packRuleCompliance);
  for (let token: string | undefined, first = true; first || token; first = false) {
    const page = await run.tryCall(Config, new DescribeComplianceByConfigRuleCommand({ NextToken: token }), 'Rule compliance summary not collected');
    if (!page) break;
    for (const c of page.output.ComplianceByConfigRules ?? []) {
      if (c.ConfigRuleName && c.Compliance?.ComplianceType) summary.set(c.ConfigRuleName, c.Compliance.ComplianceType);
    }
    token = page.output.NextToken;
  }
  const evaluation = new Map<string, ConfigRuleEvaluationStatus>();
  for (let token: string | undefined, first = true; first || token; first = false) {
    const page = await run.tryCall(
      Config,
      new DescribeConfigRuleEvaluationStatusCommand({ Limit: PAGE.evaluationStatus, NextToken: token }),
      'Rule evaluation status not collected',
    );
    if (!page) break;
    for (const s of page.output.ConfigRulesEvaluationStatus ?? []) if (s.ConfigRuleName) evaluation.set(s.ConfigRuleName, s);
    token = page.output.NextToken;
  }

  const infoByName = new Map(rules.map((r) => [r.ConfigRuleName ?? '', ruleInfo(r)]));
  const info = (name: string): RuleInfo => infoByName.get(name) ?? { ruleName: name };
  const hasResults = new Set<string>();
  const fetchFailed = new Set<string>();
  const keys: ResourceKey[] = [];

  const plainRules = rules.map((r) => r.ConfigRuleName ?? '').filter((name) => name && !packOfRule.has(name));
  type Task = { kind: 'rule'; name: string } | { kind: 'pack'; name: string };
  const tasks: Task[] = [...packs.map((name): Task => ({ kind: 'pack', name })), ...plainRules.map((name): Task => ({ kind: 'rule', name }))];
  await mapConcurrent(tasks, innerConcurrency, async (task) => {
    if (task.kind === 'rule') {
      for (let token: string | undefined, first = true; first || token; first = false) {
        const page = await run.tryCall(
          Config,
          new GetComplianceDetailsByConfigRuleCommand({ ConfigRuleName: task.name, ComplianceTypes: [...DETAIL_STATUSES], Limit: PAGE.details, NextToken: token }),
          `Evaluation results of rule ${task.name} not collected`,
        );
        if (!page) {
          fetchFailed.add(task.name);
          break;
        }
        for (const r of page.output.EvaluationResults ?? []) {
          const resource = evaluatedResource(r);
          if (!resource) continue;
          hasResults.add(task.name);
          keys.push({ resourceType: resource.resourceType, resourceId: resource.resourceId });
          run.addFinding({ rule: info(task.name), ...resource });
        }
        token = page.output.NextToken;
      }
      return;
    }
    for (let token: string | undefined, first = true; first || token; first = false) {
      const page = await run.tryCall(
        Config,
        new GetConformancePackComplianceDetailsCommand({ ConformancePackName: task.name, Limit: PAGE.packDetails, NextToken: token }),
        `Evaluation results of conformance pack ${task.name} not collected`,
      );
      if (!page) {
        for (const [rule, pack] of packOfRule) if (pack === task.name) fetchFailed.add(rule);
        break;
      }
      for (const r of page.output.ConformancePackRuleEvaluationResults ?? []) {
        const ruleName = r.EvaluationResultIdentifier?.EvaluationResultQualifier?.ConfigRuleName;
        const resource = evaluatedResource(r);
        if (!ruleName || !resource) continue;
        hasResults.add(ruleName);
        keys.push({ resourceType: resource.resourceType, resourceId: resource.resourceId });
        run.addFinding({ rule: info(ruleName), conformancePack: task.name, ...resource });
      }
      token = page.output.NextToken;
    }
  });

  const ruleNames = new Set([...rules.map((r) => r.ConfigRuleName ?? ''), ...packOfRule.keys()].filter(Boolean));
  for (const name of ruleNames) {
    const level = ruleLevelStatus({ hasResults: hasResults.has(name), fetchFailed: fetchFailed.has(name), summary: summary.get(name), evaluation: evaluation.get(name) });
    if (!level) continue;
    run.addFinding({
      rule: info(name),
      conformancePack: packOfRule.get(name),
      resourceType: 'AWS::Config::ConfigRule',
      resourceId: name,
      status: level.status,
      annotation: level.annotation,
      invokedAt: evaluation.get(name)?.LastFailedInvocationTime,
    });
    if (level.problem === 'evaluation-error') {
      run.recordError('DescribeConfigRuleEvaluationStatus', { code: evaluation.get(name)?.LastErrorCode ?? 'RuleEvaluationError', message: `Rule ${name}: ${level.annotation}` });
    } else if (level.problem === 'never-evaluated') {
      run.recordError('DescribeConfigRuleEvaluationStatus', { code: 'RuleNotEvaluated', message: `Rule ${name}: ${level.annotation}` });
      run.addReason(`Rule ${name} has not completed an evaluation`);
    }
  }

  await collectConfigurationItems(run, uniqueResourceKeys(keys));
}

async function collectRecorder(run: PairRun): Promise<void> {
  // The first call also proves the pair is reachable: AccessDenied or an opt-in region stops the pair here.
  const recorders = await run.call(Config, new DescribeConfigurationRecordersCommand({}));
  run.addApiEvidence('AWS::Config::ConfigurationRecorder', 'recorders', recorders.output.ConfigurationRecorders ?? [], recorders.provenance);
  const status = await run.tryCall(Config, new DescribeConfigurationRecorderStatusCommand({}), 'Configuration recorder status not collected');
  if (status) run.addApiEvidence('AWS::Config::ConfigurationRecorder', 'recorder-status', status.output.ConfigurationRecordersStatus ?? [], status.provenance);
  const channels = await run.tryCall(Config, new DescribeDeliveryChannelsCommand({}), 'Delivery channels not collected');
  if (channels) run.addApiEvidence('AWS::Config::DeliveryChannel', 'delivery-channels', channels.output.DeliveryChannels ?? [], channels.provenance);
  const channelStatus = await run.tryCall(Config, new DescribeDeliveryChannelStatusCommand({}), 'Delivery channel status not collected');
  if (channelStatus) run.addApiEvidence('AWS::Config::DeliveryChannel', 'delivery-channel-status', channelStatus.output.DeliveryChannelsStatus ?? [], channelStatus.provenance);

  let problem: string | null = null;
  if ((recorders.output.ConfigurationRecorders ?? []).length === 0) {
    problem = 'AWS Config is not enabled: no configuration recorder in this region';
  } else if (status && !(status.output.ConfigurationRecordersStatus ?? []).some((s) => s.recording)) {
    const names = (status.output.ConfigurationRecordersStatus ?? []).map((s) => `${s.name ?? '?'} (${s.lastStatus ?? 'no status'})`).join(', ');
    problem = `AWS Config is not recording: recorder ${names || 'has no status'} is stopped`;
  } else if (channels && (channels.output.DeliveryChannels ?? []).length === 0) {
    problem = 'AWS Config has no delivery channel in this region, so it is not recording';
  }
  if (problem) {
    run.markNotEnabled(problem);
    run.recordError('DescribeConfigurationRecorderStatus', { code: 'ConfigNotRecording', message: problem });
  }
}

/**
 * BatchGetResourceConfig rather than SelectResourceConfig: both return at most 100 items per call (Select's Limit is
 * at most 100), so a query per resource type can never take fewer calls than batches of the evaluated keys, and it
 * would also fetch every unevaluated resource of those types. Select pays where no key is known in advance: the
 * built-in checks' read of the resources no rule evaluated (check-inputs/direct.ts), and an aggregator's conformance
 * packs (aggregator.ts).
 */
async function collectConfigurationItems(run: PairRun, keys: ResourceKey[]): Promise<void> {
  await fetchConfigurationItems(run, keys, 'BatchGetResourceConfig', async (batch) => {
    const resourceKeys = batch.map((k): SdkResourceKey => ({ resourceType: k.resourceType as SdkResourceKey['resourceType'], resourceId: k.resourceId }));
    const page = await run.tryCall(Config, new BatchGetResourceConfigCommand({ resourceKeys }), 'Some configuration items not collected');
    if (!page) return undefined;
    const unprocessed = (page.output.unprocessedResourceKeys ?? []).map((k) => ({ resourceType: k.resourceType ?? '', resourceId: k.resourceId ?? '' }));
    return { items: page.output.baseConfigurationItems ?? [], unprocessed, provenance: page.provenance };
  });
}

/**
 * Fetches configuration items in batches of 100 keys, retrying unprocessed keys while AWS keeps making
 * progress, and buffers each item as evidence keyed by its resource.
 */
export async function fetchConfigurationItems(
  run: PairRun,
  keys: ResourceKey[],
  operation: string,
  fetchBatch: (batch: ResourceKey[]) => Promise<{ items: BaseConfigurationItem[]; unprocessed: ResourceKey[]; provenance: Provenance } | undefined>,
): Promise<void> {
  const { pair } = run;
  await mapConcurrent(chunk(keys, PAGE.batchKeys), run.deps.innerConcurrency, async (batch) => {
    let pending = batch;
    for (let stalled = 0; pending.length > 0; ) {
      const page = await fetchBatch(pending);
      if (!page) return;
      for (const item of page.items) {
        if (!item.resourceType || !item.resourceId) continue;
        const parsed = parseConfigurationItem(item);
        const key = { resourceType: item.resourceType, resourceId: item.resourceId };
        run.addItemEvidence(
          resourceKeyId(key),
          {
            kind: 'configuration-item',
            resourceType: item.resourceType,
            resourceId: item.resourceId,
            accountId: pair.accountId,
            region: pair.region,
            capturedAt: parsed.configurationItemCaptureTime,
            body: parsed,
            // Recorded with the key that fetched this item, so identical items stay identical evidence.
            provenance: { ...page.provenance, params: { ...page.provenance.params, ...keyParams(page.provenance.params, key) } },
          },
          item.resourceName,
        );
      }
      // Retry while AWS keeps making progress; give up after a few answers that processed nothing.
      stalled = page.unprocessed.length < pending.length ? 0 : stalled + 1;
      pending = page.unprocessed;
      if (pending.length === 0) return;
      if (stalled > UNPROCESSED_RETRIES) {
        run.recordError(operation, {
          code: 'UnprocessedResourceKeys',
          message: `${pending.length} configuration items stayed unprocessed after ${UNPROCESSED_RETRIES + 1} answers without progress`,
        });
        run.addReason(`Some configuration items not collected (unprocessed by ${operation})`);
        return;
      }
      await sleep(fullJitterDelay(stalled, 200, 5000), run.deps.signal);
    }
  });
}

/** The batch parameter narrowed to the one key that fetched the item. */
function keyParams(params: Record<string, unknown>, key: ResourceKey): Record<string, unknown> {
  if ('resourceKeys' in params) return { resourceKeys: [key] };
  const identifiers = params.ResourceIdentifiers;
  if (Array.isArray(identifiers)) {
    const match = identifiers.find((i: { ResourceType?: string; ResourceId?: string }) => i.ResourceType === key.resourceType && i.ResourceId === key.resourceId);
    return { ResourceIdentifiers: match ? [match] : [] };
  }
  return {};
}
