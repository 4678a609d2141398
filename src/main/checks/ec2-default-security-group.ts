import type { Check } from './types';
import { Findings, eachRegion, itemEvidence, itemTarget, itemsOf, str } from './support/findings';

const id = 'ec2-default-security-group';
const ATTACHABLE = new Set(['AWS::EC2::NetworkInterface', 'AWS::EC2::Instance']);

export const check: Check = {
  meta: {
    id,
    title: 'Default security groups closed and unused',
    description: 'Checks each VPC default security group for inbound or outbound rules and for network interfaces or instances using it.',
    classification: {
      pillar: 'confidentiality',
      secondaryPillars: ['integrity'],
      principles: ['security-at-all-layers'],
      layer: 'os-network-firewall',
      severity: 'medium',
      rationale: 'Resources launched without an explicit group land in the default group; its permissive defaults silently connect them.',
    },
    configRule: 'VPC_DEFAULT_SECURITY_GROUP_CLOSED',
    grading: {
      red: 'The default security group has rules and resources use it.',
      yellow: 'The default security group has rules but no resource uses it, or resources use it although it has no rules.',
      green: 'The default security group has no rules and nothing uses it.',
    },
    remediation: 'Move resources to purpose-built security groups, then delete every inbound and outbound rule of the default group.',
    references: [
      'https://docs.aws.amazon.com/vpc/latest/userguide/default-security-group.html',
      'https://docs.aws.amazon.com/config/latest/developerguide/vpc-default-security-group-closed.html',
    ],
  },
  inputs: ['configurationItems'],
  evaluate(inputs) {
    const out = new Findings(id, inputs.accountId);
    eachRegion(inputs, ['configurationItems'], out, ({ configurationItems }, provenance) => {
      for (const group of itemsOf(configurationItems, 'AWS::EC2::SecurityGroup')) {
        if (str(group.configuration.groupName) !== 'default') continue;
        const rules = ((group.configuration.ipPermissions as unknown[]) ?? []).length + ((group.configuration.ipPermissionsEgress as unknown[]) ?? []).length;
        const users = (group.relationships ?? []).filter((r) => ATTACHABLE.has(r.resourceType ?? '')).map((r) => r.resourceId ?? '');
        const target = { ...itemTarget(group), resourceName: `default (${str(group.configuration.vpcId) || 'no VPC'})` };
        const evidence = itemEvidence(group, provenance.configurationItems);
        const usedBy = users.length ? `used by ${users.slice(0, 5).join(', ')}${users.length > 5 ? ` and ${users.length - 5} more` : ''}` : 'not used';
        if (rules && users.length) out.fail('red', target, `Default security group has ${rules} rule(s) and is ${usedBy}.`, evidence);
        else if (rules || users.length) out.fail('yellow', target, `Default security group has ${rules} rule(s) and is ${usedBy}.`, evidence);
        else out.pass(target, 'Default security group has no rules and is not used.', evidence);
      }
    });
    return out.list;
  },
};
