// Aggregator mode: one account's AWS Config aggregator answers for many source accounts and regions, with
// no role assumption. Each source account × region is still a pair of its own (coverage, resume), but
// every call goes to the aggregator's account and region, whose quotas the token buckets follow.

import {
  BatchGetAggregateResourceConfigCommand,
  ConfigServiceClient,
  DescribeAggregateComplianceByConfigRulesCommand,
  DescribeConfigurationAggregatorsCommand,
  GetAggregateComplianceDetailsByConfigRuleCommand,
  type AggregateResourceIdentifier,
  type ConfigurationAggregator,
} from '@aws-sdk/client-config-service';
import { uniqueResourceKeys, type ResourceKey } from './config-items';
import { fetchConfigurationItems, PAGE, ruleLevelStatus, statusOf } from './config-pair';
import { PairRun, PairStopped, type PairDeps, type PairOutcome, type RefreshableTarget } from './pair-run';
import { mapConcurrent } from './rate-limit';

const Config = ConfigServiceClient;
/** DescribeAggregateComplianceByConfigRules' largest page (GroupByAPILimit). */
const COMPLIANCE_PAGE = 1000;

export interface AggregatedRule {
  ruleName: string;
  compliance?: string;
}

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
  return { aggregator, pairs };
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
    await mapConcurrent(rules, deps.innerConcurrency, async (rule) => {
      const identity = deps.controls.identify(rule.ruleName);
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
          const q = r.EvaluationResultIdentifier?.EvaluationResultQualifier;
          if (!q?.ResourceType || !q.ResourceId) continue;
          hasResults = true;
          keys.push({ resourceType: q.ResourceType, resourceId: q.ResourceId });
          run.addFinding({
            rule: identity,
            resourceType: q.ResourceType,
            resourceId: q.ResourceId,
            status: statusOf(r.ComplianceType),
            annotation: r.Annotation,
            evaluatedAt: r.EvaluationResultIdentifier?.OrderingTimestamp,
            recordedAt: r.ResultRecordedTime,
            invokedAt: r.ConfigRuleInvokedTime,
          });
        }
        token = page.output.NextToken;
      }
      const level = ruleLevelStatus({ hasResults, fetchFailed, summary: rule.compliance });
      if (level) run.addFinding({ rule: identity, resourceType: 'AWS::Config::ConfigRule', resourceId: rule.ruleName, status: level.status, annotation: level.annotation });
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
