import type { Check } from './types';
import { Findings, eachRegion, itemTarget, itemsOf, str } from './support/findings';

const id = 'vpc-flow-logs';

export const check: Check = {
  meta: {
    id,
    title: 'VPC flow logs enabled',
    description: 'Checks that each VPC recorded by AWS Config has at least one active flow log.',
    classification: {
      pillar: 'integrity',
      secondaryPillars: ['confidentiality'],
      principles: ['traceability', 'prepare-for-security-events'],
      layer: 'network-traffic-protection',
      severity: 'medium',
      rationale: 'Flow logs are the network record needed to investigate exfiltration, scanning and lateral movement.',
    },
    configRule: 'VPC_FLOW_LOGS_ENABLED',
    grading: {
      yellow: 'The VPC has no active flow log.',
      green: 'The VPC has an active flow log (traffic type named in the annotation).',
    },
    remediation: 'Create a flow log for the VPC capturing ALL (or at least REJECT) traffic to CloudWatch Logs or S3.',
    references: [
      'https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs.html',
      'https://docs.aws.amazon.com/config/latest/developerguide/vpc-flow-logs-enabled.html',
    ],
  },
  inputs: ['configurationItems', 'flowLogs'],
  evaluate(inputs) {
    const out = new Findings(id, inputs.accountId);
    eachRegion(inputs, ['configurationItems', 'flowLogs'], out, ({ configurationItems, flowLogs }, provenance) => {
      const byVpc = new Map<string, typeof flowLogs>();
      for (const log of flowLogs) if ((log.FlowLogStatus ?? 'ACTIVE') === 'ACTIVE') byVpc.set(log.ResourceId, [...(byVpc.get(log.ResourceId) ?? []), log]);
      for (const vpc of itemsOf(configurationItems, 'AWS::EC2::VPC')) {
        const vpcId = str(vpc.configuration.vpcId) || vpc.resourceId;
        const logs = byVpc.get(vpcId) ?? [];
        const evidence = { kind: 'configuration-item' as const, body: { vpc, flowLogs: logs }, provenance: provenance.configurationItems };
        if (logs.length) out.pass(itemTarget(vpc), `Active flow log(s): ${logs.map((l) => `${l.FlowLogId} (${l.TrafficType ?? 'ALL'})`).join(', ')}.`, evidence);
        else out.fail('yellow', itemTarget(vpc), `VPC ${vpcId} has no active flow log.`, evidence);
      }
    });
    return out.list;
  },
};
