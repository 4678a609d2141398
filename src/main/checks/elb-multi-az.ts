import type { Check } from './types';
import { Findings, eachRegion, itemEvidence, itemTarget, itemsOf, str } from './support/findings';

const id = 'elb-multi-az';

function zonesOf(configuration: Record<string, unknown>): string[] {
  const zones = (configuration.availabilityZones ?? []) as (string | { zoneName?: string })[];
  return [...new Set(zones.map((z) => (typeof z === 'string' ? z : str(z.zoneName))).filter(Boolean))];
}

export const check: Check = {
  meta: {
    id,
    title: 'Load balancers span at least two Availability Zones',
    description: 'Checks each Application, Network, Gateway and Classic Load Balancer for at least two enabled Availability Zones.',
    classification: {
      pillar: 'availability',
      secondaryPillars: [],
      principles: ['security-at-all-layers'],
      layer: 'platform-applications-iam',
      severity: 'medium',
      rationale: 'A load balancer in one Availability Zone fails with that zone, taking the application down.',
    },
    trustedAdvisor: { name: 'Load Balancer Optimization', checkId: 'iqdCTZKCUp' },
    configRule: 'ELBV2_MULTIPLE_AZ',
    grading: {
      yellow: 'The load balancer is enabled for a single Availability Zone (Trusted Advisor yellow).',
      green: 'The load balancer is enabled in two or more Availability Zones.',
    },
    remediation: 'Add subnets in at least one more Availability Zone to the load balancer, with targets registered in each zone.',
    references: [
      'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-subnets.html',
      'https://docs.aws.amazon.com/config/latest/developerguide/elbv2-multiple-az.html',
    ],
  },
  inputs: ['configurationItems'],
  evaluate(inputs) {
    const out = new Findings(id, inputs.accountId);
    eachRegion(inputs, ['configurationItems'], out, ({ configurationItems }, provenance) => {
      const balancers = [
        ...itemsOf(configurationItems, 'AWS::ElasticLoadBalancingV2::LoadBalancer'),
        ...itemsOf(configurationItems, 'AWS::ElasticLoadBalancing::LoadBalancer'),
      ];
      for (const lb of balancers) {
        const zones = zonesOf(lb.configuration);
        const name = str(lb.configuration.loadBalancerName) || lb.resourceName || lb.resourceId;
        const evidence = itemEvidence(lb, provenance.configurationItems);
        if (zones.length >= 2) out.pass(itemTarget(lb), `Enabled in ${zones.join(', ')}.`, evidence);
        else out.fail('yellow', itemTarget(lb), `Load balancer "${name}" is enabled in ${zones.length ? `only ${zones[0]}` : 'no recorded Availability Zone'}.`, evidence);
      }
    });
    return out.list;
  },
};
