// AWS Config: recorders, rules, compliance, conformance packs, configuration items and aggregators,
// with each API's own page sizes and errors.
import { AwsError, pageSize, paginate, stableId, type Handler, type HandlerContext } from '../context';
import type {
  AccountScenario,
  AggregatorScenario,
  ComplianceType,
  ConfigRuleScenario,
  ConfigurationItemScenario,
  EvaluationScenario,
  RegionConfigScenario,
} from '../scenario';
import { runSelect, type SelectableItem } from './config-select';

const DEFAULT_ACTIVATION = '2024-01-01T00:00:00Z';
const EMPTY_REGION: RegionConfigScenario = { rules: [], resources: [], evaluations: [] };

function regionConfigOf(context: HandlerContext, account: AccountScenario, region: string): RegionConfigScenario {
  if (context.state.faults.isConfigDisabled(account.accountId, region)) return EMPTY_REGION;
  return account.config[region] ?? EMPTY_REGION;
}

const localConfig = (context: HandlerContext) => regionConfigOf(context, context.account, context.region);

function invalidToken(): AwsError {
  return new AwsError('InvalidNextTokenException', 'The nextToken provided is invalid');
}

function ruleId(accountId: string, region: string, rule: ConfigRuleScenario): string {
  return rule.id ?? `config-rule-${stableId(`${accountId}/${region}/${rule.name}`, 6)}`;
}

function ruleArn(accountId: string, region: string, rule: ConfigRuleScenario): string {
  return `arn:aws:config:${region}:${accountId}:config-rule/${ruleId(accountId, region, rule)}`;
}

function isStuck(context: HandlerContext, accountId: string, region: string, rule: ConfigRuleScenario): boolean {
  return rule.stuckInEvaluation === true || context.state.faults.isRuleStuck(accountId, region, rule.name);
}

function findRule(config: RegionConfigScenario, name: string): ConfigRuleScenario {
  const rule = config.rules.find((candidate) => candidate.name === name);
  if (!rule) throw new AwsError('NoSuchConfigRuleException', `The ConfigRule '${name}' provided in the request is invalid. Please check the configRule name.`);
  return rule;
}

function selectedRules(config: RegionConfigScenario, names: unknown): ConfigRuleScenario[] {
  if (!Array.isArray(names) || names.length === 0) return config.rules;
  return names.map((name) => findRule(config, String(name)));
}

// Indexes built once per region config, so large scenarios (hundreds of thousands of evaluations) stay fast.
const evaluationIndex = new WeakMap<RegionConfigScenario, Map<string, EvaluationScenario[]>>();
const resourceIndex = new WeakMap<RegionConfigScenario, Map<string, ConfigurationItemScenario>>();

function evaluationsOf(context: HandlerContext, accountId: string, region: string, config: RegionConfigScenario, rule: ConfigRuleScenario): EvaluationScenario[] {
  if (isStuck(context, accountId, region, rule)) return [];
  let byRule = evaluationIndex.get(config);
  if (!byRule) {
    byRule = new Map();
    for (const evaluation of config.evaluations) {
      const list = byRule.get(evaluation.ruleName);
      if (list) list.push(evaluation);
      else byRule.set(evaluation.ruleName, [evaluation]);
    }
    evaluationIndex.set(config, byRule);
  }
  return byRule.get(rule.name) ?? [];
}

function findResource(config: RegionConfigScenario, resourceType: string, resourceId: string): ConfigurationItemScenario | undefined {
  let byKey = resourceIndex.get(config);
  if (!byKey) {
    byKey = new Map(config.resources.map((item) => [`${item.resourceType}|${item.resourceId}`, item]));
    resourceIndex.set(config, byKey);
  }
  return byKey.get(`${resourceType}|${resourceId}`);
}

/** Rule-level compliance as DescribeComplianceByConfigRule reports it. */
function ruleCompliance(evaluations: EvaluationScenario[]) {
  const nonCompliant = evaluations.filter((evaluation) => evaluation.complianceType === 'NON_COMPLIANT').length;
  if (nonCompliant > 0) {
    return { ComplianceType: 'NON_COMPLIANT', ComplianceContributorCount: { CappedCount: Math.min(nonCompliant, 100), CapExceeded: nonCompliant > 100 } };
  }
  if (evaluations.some((evaluation) => evaluation.complianceType === 'COMPLIANT')) return { ComplianceType: 'COMPLIANT' };
  return { ComplianceType: 'INSUFFICIENT_DATA' };
}

function evaluationIdentifier(evaluation: EvaluationScenario) {
  return {
    EvaluationResultQualifier: {
      ConfigRuleName: evaluation.ruleName,
      ResourceType: evaluation.resourceType,
      ResourceId: evaluation.resourceId,
      EvaluationMode: 'DETECTIVE',
    },
    OrderingTimestamp: evaluation.orderingTimestamp ?? evaluation.configRuleInvokedTime,
  };
}

function evaluationResult(evaluation: EvaluationScenario) {
  return {
    EvaluationResultIdentifier: evaluationIdentifier(evaluation),
    ComplianceType: evaluation.complianceType,
    ResultRecordedTime: evaluation.resultRecordedTime,
    ConfigRuleInvokedTime: evaluation.configRuleInvokedTime,
    Annotation: evaluation.annotation,
  };
}

function complianceTypesFilter(value: unknown, allowed: ComplianceType[], defaults: ComplianceType[]): ComplianceType[] {
  if (!Array.isArray(value) || value.length === 0) return defaults;
  for (const type of value) {
    if (!allowed.includes(type as ComplianceType)) {
      throw new AwsError('InvalidParameterValueException', `The ComplianceType '${String(type)}' is not valid for this request. Valid values: ${allowed.join(', ')}.`);
    }
  }
  return value as ComplianceType[];
}

function ruleView(accountId: string, region: string, rule: ConfigRuleScenario) {
  return {
    ConfigRuleName: rule.name,
    ConfigRuleArn: ruleArn(accountId, region, rule),
    ConfigRuleId: ruleId(accountId, region, rule),
    Description: rule.description,
    Scope: rule.scope
      ? {
          ComplianceResourceTypes: rule.scope.complianceResourceTypes,
          TagKey: rule.scope.tagKey,
          TagValue: rule.scope.tagValue,
          ComplianceResourceId: rule.scope.complianceResourceId,
        }
      : undefined,
    Source: {
      Owner: rule.owner,
      SourceIdentifier: rule.sourceIdentifier,
      SourceDetails: rule.owner === 'AWS' ? undefined : [{ EventSource: 'aws.config', MessageType: 'ConfigurationItemChangeNotification' }],
    },
    InputParameters: rule.inputParameters ? JSON.stringify(rule.inputParameters) : '{}',
    MaximumExecutionFrequency: rule.maximumExecutionFrequency,
    ConfigRuleState: rule.state ?? 'ACTIVE',
    CreatedBy: rule.conformancePack ? 'config-conforms.amazonaws.com' : undefined,
    EvaluationModes: [{ Mode: 'DETECTIVE' }],
  };
}

function configurationItemView(accountId: string, region: string, item: ConfigurationItemScenario) {
  return {
    version: '1.3',
    accountId,
    configurationItemCaptureTime: item.configurationItemCaptureTime,
    configurationItemStatus: item.configurationItemStatus ?? 'OK',
    configurationStateId: item.configurationStateId ?? String(Date.parse(item.configurationItemCaptureTime)),
    arn: item.arn,
    resourceType: item.resourceType,
    resourceId: item.resourceId,
    resourceName: item.resourceName,
    awsRegion: region,
    availabilityZone: item.availabilityZone ?? 'Not Applicable',
    resourceCreationTime: item.resourceCreationTime,
    configuration: JSON.stringify(item.configuration),
    supplementaryConfiguration: Object.fromEntries(Object.entries(item.supplementaryConfiguration ?? {}).map(([key, value]) => [key, JSON.stringify(value)])),
  };
}

function packOf(config: RegionConfigScenario, name: unknown) {
  const pack = (config.conformancePacks ?? []).find((candidate) => candidate.name === name);
  if (!pack) throw new AwsError('NoSuchConformancePackException', `Conformance pack '${String(name)}' does not exist.`);
  return pack;
}

function packRules(config: RegionConfigScenario, packName: string, names: unknown): ConfigRuleScenario[] {
  const rules = config.rules.filter((rule) => rule.conformancePack === packName);
  if (!Array.isArray(names) || names.length === 0) return rules;
  return names.map((name) => {
    const rule = rules.find((candidate) => candidate.name === name);
    if (!rule) throw new AwsError('NoSuchConfigRuleInConformancePackException', `Config rule '${String(name)}' is not in conformance pack '${packName}'.`);
    return rule;
  });
}

/** Conformance packs report only COMPLIANT / NON_COMPLIANT results, and INSUFFICIENT_DATA for a rule without them. */
function packRuleCompliance(evaluations: EvaluationScenario[]): 'COMPLIANT' | 'NON_COMPLIANT' | 'INSUFFICIENT_DATA' {
  const compliance = ruleCompliance(evaluations).ComplianceType;
  return compliance === 'NON_COMPLIANT' || compliance === 'COMPLIANT' ? compliance : 'INSUFFICIENT_DATA';
}

function batchLimit(context: HandlerContext, total: number): number {
  return Math.min(total, context.state.faults.batchProcessLimit({ ...context, accountId: context.account.accountId }) ?? total);
}

// ---- aggregators ----

function aggregatorOf(context: HandlerContext, name: unknown): AggregatorScenario {
  const aggregator = (context.state.scenario.aggregators ?? []).find(
    (candidate) => candidate.name === name && candidate.accountId === context.account.accountId && candidate.region === context.region,
  );
  if (!aggregator) throw new AwsError('NoSuchConfigurationAggregatorException', `The configuration aggregator '${String(name)}' does not exist.`);
  return aggregator;
}

function aggregatorArn(aggregator: AggregatorScenario): string {
  return `arn:aws:config:${aggregator.region}:${aggregator.accountId}:config-aggregator/config-aggregator-${stableId(`${aggregator.accountId}/${aggregator.name}`, 8)}`;
}

interface SourcePair {
  account: AccountScenario;
  region: string;
  config: RegionConfigScenario;
}

function aggregatedSources(context: HandlerContext, aggregator: AggregatorScenario): SourcePair[] {
  const accounts =
    aggregator.kind === 'ORGANIZATION'
      ? context.state.scenario.accounts.filter((account) => account.parentId !== undefined && account.status === 'ACTIVE')
      : (aggregator.sourceAccountIds ?? []).flatMap((id) => context.state.accounts.get(id) ?? []);
  const pairs: SourcePair[] = [];
  for (const account of accounts) {
    const enabled = account.regions.filter((region) => region.optInStatus !== 'not-opted-in').map((region) => region.name);
    const regions = aggregator.sourceRegions === 'ALL' ? enabled : aggregator.sourceRegions.filter((region) => enabled.includes(region));
    for (const region of regions) pairs.push({ account, region, config: regionConfigOf(context, account, region) });
  }
  return pairs;
}

function sourcePair(context: HandlerContext, aggregator: AggregatorScenario, accountId: unknown, region: unknown): SourcePair | undefined {
  return aggregatedSources(context, aggregator).find((pair) => pair.account.accountId === accountId && pair.region === region);
}

function conformancePackId(accountId: string, region: string, pack: { name: string; id?: string }): string {
  return pack.id ?? `conformance-pack-${stableId(`${accountId}/${region}/${pack.name}`, 14)}`;
}

/**
 * The AWS::Config::ConformancePackCompliance configuration items Config records for each conformance pack: the
 * pack's id and name, and the compliance of each of its rules (the only per-rule link an aggregator exposes).
 */
function conformancePackComplianceItems(context: HandlerContext, accountId: string, region: string, config: RegionConfigScenario): SelectableItem[] {
  return (config.conformancePacks ?? []).map((pack) => {
    const configRuleList = packRules(config, pack.name, undefined).map((rule) => ({
      configRuleName: rule.name,
      complianceType: packRuleCompliance(evaluationsOf(context, accountId, region, config, rule)),
      controls: [],
    }));
    const id = conformancePackId(accountId, region, pack);
    return {
      accountId,
      awsRegion: region,
      resourceId: id,
      resourceType: 'AWS::Config::ConformancePackCompliance',
      resourceName: pack.name,
      arn: `arn:aws:config:${region}:${accountId}:conformance-pack/${pack.name}/${id}`,
      availabilityZone: 'Not Applicable',
      configurationItemCaptureTime: pack.lastUpdateRequestedTime ?? DEFAULT_ACTIVATION,
      configurationItemStatus: 'OK',
      version: '1.3',
      tags: [],
      configuration: {
        compliancePackName: pack.name,
        configRuleList,
        totalRuleCount: configRuleList.length,
        complianceType: configRuleList.some((rule) => rule.complianceType === 'NON_COMPLIANT') ? 'NON_COMPLIANT' : configRuleList.every((rule) => rule.complianceType === 'COMPLIANT') ? 'COMPLIANT' : 'INSUFFICIENT_DATA',
      },
      supplementaryConfiguration: {},
    };
  });
}

function selectableItems(context: HandlerContext, accountId: string, region: string, config: RegionConfigScenario): SelectableItem[] {
  return [...config.resources.map((item) => ({
    accountId,
    awsRegion: region,
    resourceId: item.resourceId,
    resourceType: item.resourceType,
    resourceName: item.resourceName,
    arn: item.arn,
    availabilityZone: item.availabilityZone ?? 'Not Applicable',
    configurationItemCaptureTime: item.configurationItemCaptureTime,
    configurationItemStatus: item.configurationItemStatus ?? 'OK',
    configurationStateId: item.configurationStateId,
    resourceCreationTime: item.resourceCreationTime,
    version: '1.3',
    tags: Object.entries(item.tags ?? {}).map(([key, value]) => ({ key, value, tag: `${key}=${value}` })),
    configuration: item.configuration,
    supplementaryConfiguration: item.supplementaryConfiguration ?? {},
  })), ...conformancePackComplianceItems(context, accountId, region, config)];
}

function selectPage(context: HandlerContext, items: SelectableItem[], input: Record<string, unknown>) {
  const { fields, rows } = runSelect(String(input.Expression), items);
  const limit = input.Limit ?? input.MaxResults;
  const { page, nextToken } = paginate(rows, {
    operation: context.operation,
    query: { expression: input.Expression, aggregator: input.ConfigurationAggregatorName },
    token: input.NextToken,
    pageSize: pageSize(limit, 100),
    invalidToken,
  });
  return { Results: page.map((row) => JSON.stringify(row)), QueryInfo: { SelectFields: fields.map((name) => ({ Name: name })) }, NextToken: nextToken };
}

export const configHandlers: Record<string, Handler> = {
  DescribeConfigurationRecorders: (context, input) => {
    const recorder = localConfig(context).recorder;
    const names = (input.ConfigurationRecorderNames as string[] | undefined) ?? [];
    const missing = names.find((name) => name !== recorder?.name);
    if (missing !== undefined) throw new AwsError('NoSuchConfigurationRecorderException', `Cannot find configuration recorder with the specified name '${missing}'.`);
    if (!recorder) return { ConfigurationRecorders: [] };
    return {
      ConfigurationRecorders: [
        {
          arn: `arn:aws:config:${context.region}:${context.account.accountId}:configuration-recorder/${recorder.name}/${stableId(recorder.name, 16)}`,
          name: recorder.name,
          roleARN: recorder.roleARN,
          recordingGroup: {
            allSupported: recorder.allSupported ?? true,
            includeGlobalResourceTypes: recorder.includeGlobalResourceTypes ?? false,
            resourceTypes: recorder.resourceTypes ?? [],
            exclusionByResourceTypes: { resourceTypes: [] },
            recordingStrategy: { useOnly: recorder.allSupported === false ? 'INCLUSION_BY_RESOURCE_TYPES' : 'ALL_SUPPORTED_RESOURCE_TYPES' },
          },
          recordingMode: { recordingFrequency: 'CONTINUOUS', recordingModeOverrides: [] },
          recordingScope: 'PAID',
        },
      ],
    };
  },

  DescribeConfigurationRecorderStatus: (context, input) => {
    const recorder = localConfig(context).recorder;
    const names = (input.ConfigurationRecorderNames as string[] | undefined) ?? [];
    const missing = names.find((name) => name !== recorder?.name);
    if (missing !== undefined) throw new AwsError('NoSuchConfigurationRecorderException', `Cannot find configuration recorder with the specified name '${missing}'.`);
    if (!recorder) return { ConfigurationRecordersStatus: [] };
    return {
      ConfigurationRecordersStatus: [
        {
          arn: `arn:aws:config:${context.region}:${context.account.accountId}:configuration-recorder/${recorder.name}/${stableId(recorder.name, 16)}`,
          name: recorder.name,
          lastStartTime: recorder.lastStartTime ?? DEFAULT_ACTIVATION,
          lastStopTime: recorder.recording ? undefined : (recorder.lastStopTime ?? DEFAULT_ACTIVATION),
          recording: recorder.recording,
          lastStatus: recorder.lastStatus ?? (recorder.recording ? 'Success' : 'Pending'),
          lastErrorCode: recorder.lastErrorCode,
          lastErrorMessage: recorder.lastErrorMessage,
          lastStatusChangeTime: recorder.lastStartTime ?? DEFAULT_ACTIVATION,
        },
      ],
    };
  },

  DescribeDeliveryChannels: (context, input) => {
    const channel = localConfig(context).deliveryChannel;
    const names = (input.DeliveryChannelNames as string[] | undefined) ?? [];
    const missing = names.find((name) => name !== channel?.name);
    if (missing !== undefined) throw new AwsError('NoSuchDeliveryChannelException', `Cannot find delivery channel with specified name '${missing}'.`);
    if (!channel) return { DeliveryChannels: [] };
    return {
      DeliveryChannels: [
        {
          name: channel.name,
          s3BucketName: channel.s3BucketName,
          s3KeyPrefix: channel.s3KeyPrefix,
          snsTopicARN: channel.snsTopicARN,
          configSnapshotDeliveryProperties: channel.deliveryFrequency ? { deliveryFrequency: channel.deliveryFrequency } : undefined,
        },
      ],
    };
  },

  DescribeDeliveryChannelStatus: (context, input) => {
    const channel = localConfig(context).deliveryChannel;
    const names = (input.DeliveryChannelNames as string[] | undefined) ?? [];
    const missing = names.find((name) => name !== channel?.name);
    if (missing !== undefined) throw new AwsError('NoSuchDeliveryChannelException', `Cannot find delivery channel with specified name '${missing}'.`);
    if (!channel) return { DeliveryChannelsStatus: [] };
    const status = channel.lastStatus ?? 'Success';
    const attempt = context.state.now().toISOString();
    const info = {
      lastStatus: status,
      lastAttemptTime: attempt,
      lastSuccessfulTime: status === 'Success' ? attempt : undefined,
      lastErrorCode: status === 'Failure' ? 'AccessDenied' : undefined,
      lastErrorMessage: status === 'Failure' ? 'Access Denied' : undefined,
    };
    return {
      DeliveryChannelsStatus: [{ name: channel.name, configSnapshotDeliveryInfo: info, configHistoryDeliveryInfo: info, configStreamDeliveryInfo: { lastStatus: 'Not_Applicable' } }],
    };
  },

  DescribeConfigRules: (context, input) => {
    const rules = selectedRules(localConfig(context), input.ConfigRuleNames);
    const { page, nextToken } = paginate(rules, { operation: context.operation, query: input.ConfigRuleNames ?? null, token: input.NextToken, pageSize: 25, invalidToken });
    return { ConfigRules: page.map((rule) => ruleView(context.account.accountId, context.region, rule)), NextToken: nextToken };
  },

  DescribeConfigRuleEvaluationStatus: (context, input) => {
    const config = localConfig(context);
    const rules = selectedRules(config, input.ConfigRuleNames);
    const { page, nextToken } = paginate(rules, {
      operation: context.operation,
      query: input.ConfigRuleNames ?? null,
      token: input.NextToken,
      pageSize: pageSize(input.Limit, 50),
      invalidToken,
    });
    const { accountId } = context.account;
    return {
      ConfigRulesEvaluationStatus: page.map((rule) => {
        const firstActivated = rule.firstActivatedTime ?? DEFAULT_ACTIVATION;
        const base = { ConfigRuleName: rule.name, ConfigRuleArn: ruleArn(accountId, context.region, rule), ConfigRuleId: ruleId(accountId, context.region, rule), FirstActivatedTime: firstActivated, FirstEvaluationStarted: true };
        if (isStuck(context, accountId, context.region, rule)) return base;
        const invoked = evaluationsOf(context, accountId, context.region, config, rule).map((evaluation) => evaluation.configRuleInvokedTime).sort();
        const lastSuccess = rule.lastSuccessfulInvocationTime ?? invoked[invoked.length - 1] ?? firstActivated;
        return { ...base, LastSuccessfulInvocationTime: lastSuccess, LastSuccessfulEvaluationTime: lastSuccess };
      }),
      NextToken: nextToken,
    };
  },

  DescribeComplianceByConfigRule: (context, input) => {
    const config = localConfig(context);
    const types = complianceTypesFilter(input.ComplianceTypes, ['COMPLIANT', 'NON_COMPLIANT', 'INSUFFICIENT_DATA'], ['COMPLIANT', 'NON_COMPLIANT', 'INSUFFICIENT_DATA']);
    const rows = selectedRules(config, input.ConfigRuleNames)
      .map((rule) => ({ ConfigRuleName: rule.name, Compliance: ruleCompliance(evaluationsOf(context, context.account.accountId, context.region, config, rule)) }))
      .filter((row) => types.includes(row.Compliance.ComplianceType as ComplianceType));
    const { page, nextToken } = paginate(rows, { operation: context.operation, query: [input.ConfigRuleNames ?? null, types], token: input.NextToken, pageSize: 25, invalidToken });
    return { ComplianceByConfigRules: page, NextToken: nextToken };
  },

  GetComplianceDetailsByConfigRule: (context, input) => {
    const config = localConfig(context);
    const rule = findRule(config, String(input.ConfigRuleName));
    const types = complianceTypesFilter(input.ComplianceTypes, ['COMPLIANT', 'NON_COMPLIANT', 'NOT_APPLICABLE'], ['COMPLIANT', 'NON_COMPLIANT', 'NOT_APPLICABLE']);
    const results = evaluationsOf(context, context.account.accountId, context.region, config, rule).filter((evaluation) => types.includes(evaluation.complianceType));
    const { page, nextToken } = paginate(results, { operation: context.operation, query: [rule.name, types], token: input.NextToken, pageSize: pageSize(input.Limit, 10), invalidToken });
    return { EvaluationResults: page.map(evaluationResult), NextToken: nextToken };
  },

  DescribeConformancePacks: (context, input) => {
    const config = localConfig(context);
    const names = input.ConformancePackNames as string[] | undefined;
    const packs = names && names.length > 0 ? names.map((name) => packOf(config, name)) : (config.conformancePacks ?? []);
    const { page, nextToken } = paginate(packs, { operation: context.operation, query: names ?? null, token: input.NextToken, pageSize: pageSize(input.Limit, 20), invalidToken });
    const { accountId } = context.account;
    return {
      ConformancePackDetails: page.map((pack) => {
        const id = conformancePackId(accountId, context.region, pack);
        return {
          ConformancePackName: pack.name,
          ConformancePackArn: `arn:aws:config:${context.region}:${accountId}:conformance-pack/${pack.name}/${id}`,
          ConformancePackId: id,
          DeliveryS3Bucket: pack.deliveryS3Bucket,
          ConformancePackInputParameters: Object.entries(pack.inputParameters ?? {}).map(([ParameterName, ParameterValue]) => ({ ParameterName, ParameterValue })),
          LastUpdateRequestedTime: pack.lastUpdateRequestedTime ?? DEFAULT_ACTIVATION,
        };
      }),
      NextToken: nextToken,
    };
  },

  DescribeConformancePackCompliance: (context, input) => {
    const config = localConfig(context);
    const pack = packOf(config, input.ConformancePackName);
    const filters = (input.Filters ?? {}) as { ConfigRuleNames?: string[]; ComplianceType?: string };
    const rows = packRules(config, pack.name, filters.ConfigRuleNames)
      .map((rule) => ({
        ConfigRuleName: rule.name,
        ComplianceType: packRuleCompliance(evaluationsOf(context, context.account.accountId, context.region, config, rule)),
        Controls: [],
      }))
      .filter((row) => filters.ComplianceType === undefined || row.ComplianceType === filters.ComplianceType);
    const { page, nextToken } = paginate(rows, { operation: context.operation, query: [pack.name, filters], token: input.NextToken, pageSize: pageSize(input.Limit, 1000), invalidToken });
    return { ConformancePackName: pack.name, ConformancePackRuleComplianceList: page, NextToken: nextToken };
  },

  GetConformancePackComplianceDetails: (context, input) => {
    const config = localConfig(context);
    const pack = packOf(config, input.ConformancePackName);
    const filters = (input.Filters ?? {}) as { ConfigRuleNames?: string[]; ComplianceType?: string; ResourceType?: string; ResourceIds?: string[] };
    const results = packRules(config, pack.name, filters.ConfigRuleNames)
      .flatMap((rule) => evaluationsOf(context, context.account.accountId, context.region, config, rule))
      .filter((evaluation) => evaluation.complianceType === 'COMPLIANT' || evaluation.complianceType === 'NON_COMPLIANT')
      .filter((evaluation) => filters.ComplianceType === undefined || evaluation.complianceType === filters.ComplianceType)
      .filter((evaluation) => filters.ResourceType === undefined || evaluation.resourceType === filters.ResourceType)
      .filter((evaluation) => !filters.ResourceIds?.length || filters.ResourceIds.includes(evaluation.resourceId));
    const { page, nextToken } = paginate(results, { operation: context.operation, query: [pack.name, filters], token: input.NextToken, pageSize: pageSize(input.Limit, 100), invalidToken });
    return {
      ConformancePackName: pack.name,
      ConformancePackRuleEvaluationResults: page.map((evaluation) => ({
        ComplianceType: evaluation.complianceType,
        EvaluationResultIdentifier: evaluationIdentifier(evaluation),
        ConfigRuleInvokedTime: evaluation.configRuleInvokedTime,
        ResultRecordedTime: evaluation.resultRecordedTime,
        Annotation: evaluation.annotation,
      })),
      NextToken: nextToken,
    };
  },

  BatchGetResourceConfig: (context, input) => {
    const config = localConfig(context);
    if (!config.recorder) throw new AwsError('NoAvailableConfigurationRecorderException', 'There are no configuration recorders available to provide the role needed to describe your resources. Create a configuration recorder.');
    const keys = input.resourceKeys as { resourceType: string; resourceId: string }[];
    const processed = batchLimit(context, keys.length);
    const items = keys.slice(0, processed).flatMap((key) => {
      const item = findResource(config, key.resourceType, key.resourceId);
      return item ? [configurationItemView(context.account.accountId, context.region, item)] : [];
    });
    return { baseConfigurationItems: items, unprocessedResourceKeys: keys.slice(processed) };
  },

  SelectResourceConfig: (context, input) => selectPage(context, selectableItems(context, context.account.accountId, context.region, localConfig(context)), input),

  DescribeConfigurationAggregators: (context, input) => {
    const names = input.ConfigurationAggregatorNames as string[] | undefined;
    const owned = (context.state.scenario.aggregators ?? []).filter((aggregator) => aggregator.accountId === context.account.accountId && aggregator.region === context.region);
    const aggregators = names && names.length > 0 ? names.map((name) => aggregatorOf(context, name)) : owned;
    const { page, nextToken } = paginate(aggregators, { operation: context.operation, query: names ?? null, token: input.NextToken, pageSize: pageSize(input.Limit, 100), invalidToken });
    return {
      ConfigurationAggregators: page.map((aggregator) => {
        const allRegions = aggregator.sourceRegions === 'ALL';
        const regions = allRegions ? undefined : (aggregator.sourceRegions as string[]);
        return {
          ConfigurationAggregatorName: aggregator.name,
          ConfigurationAggregatorArn: aggregatorArn(aggregator),
          AccountAggregationSources:
            aggregator.kind === 'ACCOUNTS' ? [{ AccountIds: aggregator.sourceAccountIds ?? [], AllAwsRegions: allRegions, AwsRegions: regions }] : undefined,
          OrganizationAggregationSource:
            aggregator.kind === 'ORGANIZATION'
              ? { RoleArn: `arn:aws:iam::${aggregator.accountId}:role/service-role/AWSConfigRoleForOrganizations`, AllAwsRegions: allRegions, AwsRegions: regions }
              : undefined,
          CreationTime: aggregator.creationTime ?? DEFAULT_ACTIVATION,
          LastUpdatedTime: aggregator.creationTime ?? DEFAULT_ACTIVATION,
        };
      }),
      NextToken: nextToken,
    };
  },

  DescribeAggregateComplianceByConfigRules: (context, input) => {
    const aggregator = aggregatorOf(context, input.ConfigurationAggregatorName);
    const filters = (input.Filters ?? {}) as { ConfigRuleName?: string; ComplianceType?: string; AccountId?: string; AwsRegion?: string };
    if (filters.ComplianceType !== undefined && filters.ComplianceType !== 'COMPLIANT' && filters.ComplianceType !== 'NON_COMPLIANT') {
      throw new AwsError('ValidationException', `ComplianceType ${filters.ComplianceType} is not supported by this filter. Supported values: COMPLIANT, NON_COMPLIANT.`);
    }
    const rows = aggregatedSources(context, aggregator)
      .filter((pair) => (filters.AccountId === undefined || pair.account.accountId === filters.AccountId) && (filters.AwsRegion === undefined || pair.region === filters.AwsRegion))
      .flatMap((pair) =>
        pair.config.rules
          .filter((rule) => filters.ConfigRuleName === undefined || rule.name === filters.ConfigRuleName)
          .map((rule) => ({
            ConfigRuleName: rule.name,
            Compliance: ruleCompliance(evaluationsOf(context, pair.account.accountId, pair.region, pair.config, rule)),
            AccountId: pair.account.accountId,
            AwsRegion: pair.region,
          })),
      )
      .filter((row) => filters.ComplianceType === undefined || row.Compliance.ComplianceType === filters.ComplianceType);
    const { page, nextToken } = paginate(rows, { operation: context.operation, query: [aggregator.name, filters], token: input.NextToken, pageSize: pageSize(input.Limit, 1000), invalidToken });
    return { AggregateComplianceByConfigRules: page, NextToken: nextToken };
  },

  GetAggregateComplianceDetailsByConfigRule: (context, input) => {
    const aggregator = aggregatorOf(context, input.ConfigurationAggregatorName);
    const pair = sourcePair(context, aggregator, input.AccountId, input.AwsRegion);
    const rule = pair?.config.rules.find((candidate) => candidate.name === input.ConfigRuleName);
    const evaluations = pair && rule ? evaluationsOf(context, pair.account.accountId, pair.region, pair.config, rule) : [];
    const results = evaluations.filter((evaluation) => input.ComplianceType === undefined || evaluation.complianceType === input.ComplianceType);
    const { page, nextToken } = paginate(results, {
      operation: context.operation,
      query: [aggregator.name, input.ConfigRuleName, input.AccountId, input.AwsRegion, input.ComplianceType ?? null],
      token: input.NextToken,
      pageSize: pageSize(input.Limit, 50),
      invalidToken,
    });
    return {
      AggregateEvaluationResults: page.map((evaluation) => ({ ...evaluationResult(evaluation), AccountId: String(input.AccountId), AwsRegion: String(input.AwsRegion) })),
      NextToken: nextToken,
    };
  },

  BatchGetAggregateResourceConfig: (context, input) => {
    const aggregator = aggregatorOf(context, input.ConfigurationAggregatorName);
    const identifiers = input.ResourceIdentifiers as { SourceAccountId: string; SourceRegion: string; ResourceId: string; ResourceType: string; ResourceName?: string }[];
    const processed = batchLimit(context, identifiers.length);
    const items = identifiers.slice(0, processed).flatMap((identifier) => {
      const pair = sourcePair(context, aggregator, identifier.SourceAccountId, identifier.SourceRegion);
      const item = pair ? findResource(pair.config, identifier.ResourceType, identifier.ResourceId) : undefined;
      return pair && item ? [configurationItemView(pair.account.accountId, pair.region, item)] : [];
    });
    return { BaseConfigurationItems: items, UnprocessedResourceIdentifiers: identifiers.slice(processed) };
  },

  SelectAggregateResourceConfig: (context, input) => {
    const aggregator = aggregatorOf(context, input.ConfigurationAggregatorName);
    const items = aggregatedSources(context, aggregator).flatMap((pair) => selectableItems(context, pair.account.accountId, pair.region, pair.config));
    return selectPage(context, items, input);
  },
};
