// Aggregator mode: one account's AWS Config aggregator answers for many source accounts and regions, with
// no role assumption. Each source account × region is still a pair of its own (coverage, resume), but
// every call goes to the aggregator's account and region, whose quotas the token buckets follow.

import {
  BatchGetAggregateResourceConfigCommand,
  ConfigServiceClient,
  DescribeAggregateComplianceByConfigRulesCommand,
  DescribeConfigurationAggregatorsCommand,
  GetAggregateComplianceDetailsByConfigRuleCommand,
  SelectAggregateResourceConfigCommand,
  type AggregateResourceIdentifier,
  type ConfigurationAggregator,
} from '@aws-sdk/client-config-service';
import type { Provenance } from '../../shared/domain';
import { uniqueResourceKeys, type ResourceKey } from './config-items';
import { evaluatedResource, fetchConfigurationItems, PAGE, ruleLevelStatus } from './config-pair';
import { PairRun, PairStopped, type PairDeps, type PairOutcome, type RefreshableTarget } from './pair-run';
import { mapConcurrent } from './rate-limit';

const Config = ConfigServiceClient;
/** DescribeAggregateComplianceByConfigRules' largest page (GroupByAPILimit). */
const COMPLIANCE_PAGE = 1000;

export interface AggregatedRule {
  ruleName: string;
  compliance?: string;
  /** The conformance pack that deployed the rule, with the configuration item that says so. */
  conformancePack?: { name: string; resourceId: string; item: unknown; provenance: Provenance };
  /** Why a rule named like a conformance pack's could not be attributed to its pack. */
  unattributedPack?: string;
}

/** Config names a conformance pack's rules `<rule>-conformance-pack-<id>`, where `conformance-pack-<id>` is the pack's id. */
const PACK_RULE_SUFFIX = /-(conformance-pack-[a-z0-9]+)$/;
const PACK_COMPLIANCE_TYPE = 'AWS::Config::ConformancePackCompliance';
/** SelectAggregateResourceConfig's largest page (Limit). */
const SELECT_PAGE = 100;

export interface AggregatorPlan {
  aggregator: ConfigurationAggregator;
  /** Source account → region → rules. */
  pairs: Map<string, Map<string, AggregatedRule[]>>;
}

/** Finds the aggregator and lists every rule × source account × region it reports. Throws PairStopped. */
export async function planAggregator(run: PairRun, name: string): Promise<AggregatorPlan> {
  const described = await run.call(Config, new DescribeConfigurationAggregatorsCommand({ ConfigurationAggregatorNames: [name] }));
  const aggregator = described.output.ConfigurationAggregators?.[0];
  if (!aggregator) {
    throw new PairStopped({ kind: 'not-found', code: 'NoSuchConfigurationAggregatorException', message: `No aggregator named ${name}` }, 'DescribeConfigurationAggregators');
  }
  const pairs = new Map<string, Map<string, AggregatedRule[]>>();
  for (let token: string | undefined, first = true; first || token; first = false) {
    const page = await run.call(
      Config,
      new DescribeAggregateComplianceByConfigRulesCommand({ ConfigurationAggregatorName: name, Limit: COMPLIANCE_PAGE, NextToken: token }),
    );
    for (const entry of page.output.AggregateComplianceByConfigRules ?? []) {
      if (!entry.AccountId || !entry.AwsRegion || !entry.ConfigRuleName) continue;
      const regions = pairs.get(entry.AccountId) ?? new Map<string, AggregatedRule[]>();
      pairs.set(entry.AccountId, regions);
      const rules = regions.get(entry.AwsRegion) ?? [];
      regions.set(entry.AwsRegion, rules);
      rules.push({ ruleName: entry.ConfigRuleName, compliance: entry.Compliance?.ComplianceType });
    }
    token = page.output.NextToken;
  }
  await attributeConformancePacks(run, name, pairs);
  return { aggregator, pairs };
}

/**
 * The aggregate compliance APIs name rules, not the conformance packs that deployed them. Config records each pack
 * as an AWS::Config::ConformancePackCompliance item (resourceId: the pack's id, resourceName: its name, configuration:
 * its rules), so one paginated SelectAggregateResourceConfig query links every pack rule of every source to its pack,
 * as DescribeConformancePackCompliance does outside an aggregator. Runs only when some rule is named like a pack's.
 */
async function attributeConformancePacks(run: PairRun, aggregatorName: string, pairs: AggregatorPlan['pairs']): Promise<void> {
  const packRules = [...pairs.values()].flatMap((regions) => [...regions.values()].flat()).filter((rule) => PACK_RULE_SUFFIX.test(rule.ruleName));
  if (packRules.length === 0) return;
  const packs = new Map<string, NonNullable<AggregatedRule['conformancePack']>>();
  const byRule = new Map<string, NonNullable<AggregatedRule['conformancePack']>>();
  const key = (accountId: unknown, region: unknown, id: unknown) => `${String(accountId)}\u0000${String(region)}\u0000${String(id)}`;
  let failure: string | undefined;
  try {
    const expression = `SELECT accountId, awsRegion, resourceId, resourceName, configuration WHERE resourceType = '${PACK_COMPLIANCE_TYPE}'`;
    for (let token: string | undefined, first = true; first || token; first = false) {
      const page = await run.call(Config, new SelectAggregateResourceConfigCommand({ ConfigurationAggregatorName: aggregatorName, Expression: expression, Limit: SELECT_PAGE, NextToken: token }));
      for (const text of page.output.Results ?? []) {
        let item: { accountId?: string; awsRegion?: string; resourceId?: string; resourceName?: string; configuration?: { compliancePackName?: string; configRuleList?: { configRuleName?: string }[] } };
        try {
          item = JSON.parse(text) as typeof item;
        } catch {
          continue;
        }
        const packName = item.resourceName ?? item.configuration?.compliancePackName;
        if (!item.accountId || !item.awsRegion || !item.resourceId || !packName) continue;
        const pack = { name: packName, resourceId: item.resourceId, item, provenance: { ...page.provenance, accountId: item.accountId, region: item.awsRegion } };
        packs.set(key(item.accountId, item.awsRegion, item.resourceId), pack);
        for (const rule of item.configuration?.configRuleList ?? []) if (rule.configRuleName) byRule.set(key(item.accountId, item.awsRegion, rule.configRuleName), pack);
      }
      token = page.output.NextToken;
    }
  } catch (error) {
    if (!(error instanceof PairStopped)) throw error;
    failure = `${error.operation}: ${error.error.code}`;
  }
  for (const [accountId, regions] of pairs) {
    for (const [region, rules] of regions) {
      for (const rule of rules) {
        const suffix = PACK_RULE_SUFFIX.exec(rule.ruleName);
        if (!suffix) continue;
        const pack = byRule.get(key(accountId, region, rule.ruleName)) ?? packs.get(key(accountId, region, suffix[1]));
        if (pack) rule.conformancePack = pack;
        else rule.unattributedPack = failure ?? `no ${PACK_COMPLIANCE_TYPE} item names it`;
      }
    }
  }
}

export async function collectAggregatorPair(
  deps: PairDeps,
  aggregatorTarget: RefreshableTarget,
  aggregatorName: string,
  pair: { accountId: string; region: string },
  rules: AggregatedRule[],
): Promise<PairOutcome> {
  const run = new PairRun(deps, aggregatorTarget, pair);
  try {
    const keys: ResourceKey[] = [];
    const packItems = new Set<string>();
    for (const rule of rules) {
      const pack = rule.conformancePack;
      if (pack && !packItems.has(pack.resourceId)) {
        packItems.add(pack.resourceId);
        run.addApiEvidence(PACK_COMPLIANCE_TYPE, pack.resourceId, pack.item, pack.provenance);
      }
      if (rule.unattributedPack) run.addReason(`Rule ${rule.ruleName} is shown as a plain rule: its conformance pack is unknown (${rule.unattributedPack})`);
    }
    await mapConcurrent(rules, deps.innerConcurrency, async (rule) => {
      const identity = deps.controls.identify(rule.ruleName);
      const conformancePack = rule.conformancePack?.name;
      let hasResults = false;
      let fetchFailed = false;
      for (let token: string | undefined, first = true; first || token; first = false) {
        // No ComplianceType filter: one paginated pass returns every status.
        const page = await run.tryCall(
          Config,
          new GetAggregateComplianceDetailsByConfigRuleCommand({
            ConfigurationAggregatorName: aggregatorName,
            ConfigRuleName: rule.ruleName,
            AccountId: pair.accountId,
            AwsRegion: pair.region,
            Limit: PAGE.details,
            NextToken: token,
          }),
          `Evaluation results of rule ${rule.ruleName} not collected`,
        );
        if (!page) {
          fetchFailed = true;
          break;
        }
        for (const r of page.output.AggregateEvaluationResults ?? []) {
          const resource = evaluatedResource(r);
          if (!resource) continue;
          hasResults = true;
          keys.push({ resourceType: resource.resourceType, resourceId: resource.resourceId });
          run.addFinding({ rule: identity, conformancePack, ...resource });
        }
        token = page.output.NextToken;
      }
      const level = ruleLevelStatus({ hasResults, fetchFailed, summary: rule.compliance });
      if (level) run.addFinding({ rule: identity, conformancePack, resourceType: 'AWS::Config::ConfigRule', resourceId: rule.ruleName, status: level.status, annotation: level.annotation });
    });

    await fetchConfigurationItems(run, uniqueResourceKeys(keys), 'BatchGetAggregateResourceConfig', async (batch) => {
      const identifiers = batch.map(
        (k): AggregateResourceIdentifier => ({
          SourceAccountId: pair.accountId,
          SourceRegion: pair.region,
          ResourceType: k.resourceType as AggregateResourceIdentifier['ResourceType'],
          ResourceId: k.resourceId,
        }),
      );
      const page = await run.tryCall(
        Config,
        new BatchGetAggregateResourceConfigCommand({ ConfigurationAggregatorName: aggregatorName, ResourceIdentifiers: identifiers }),
        'Some configuration items not collected',
      );
      if (!page) return undefined;
      const unprocessed = (page.output.UnprocessedResourceIdentifiers ?? []).map((i) => ({ resourceType: i.ResourceType ?? '', resourceId: i.ResourceId ?? '' }));
      return { items: page.output.BaseConfigurationItems ?? [], unprocessed, provenance: page.provenance };
    });
  } catch (error) {
    if (!(error instanceof PairStopped)) throw error;
    run.stop(error);
  }
  return run.flush();
}
