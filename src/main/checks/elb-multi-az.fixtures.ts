import type { CheckFixture } from './types';
import { FIXTURE_ACCOUNT, ci, inRegion, items, notCollected } from './support/fixture-kit';

const alb = (name: string, zones: string[]) =>
  ci('AWS::ElasticLoadBalancingV2::LoadBalancer', `arn:aws:elasticloadbalancing:us-east-1:${FIXTURE_ACCOUNT}:loadbalancer/app/${name}/1`, { loadBalancerName: name, type: 'application', availabilityZones: zones.map((zoneName) => ({ zoneName, subnetId: `subnet-${zoneName}` })) }, { resourceName: name });
const clb = (name: string, zones: string[]) => ci('AWS::ElasticLoadBalancing::LoadBalancer', name, { loadBalancerName: name, availabilityZones: zones }, { resourceName: name });

export const fixtures: CheckFixture[] = [
  {
    name: 'ALB in two zones, classic in three',
    kind: 'pass',
    inputs: inRegion({ configurationItems: items([alb('web', ['us-east-1a', 'us-east-1b']), clb('legacy', ['us-east-1a', 'us-east-1b', 'us-east-1c'])]) }),
    expected: [
      { resourceId: `arn:aws:elasticloadbalancing:us-east-1:${FIXTURE_ACCOUNT}:loadbalancer/app/web/1`, status: 'COMPLIANT', grade: 'green' },
      { resourceId: 'legacy', status: 'COMPLIANT', grade: 'green' },
    ],
  },
  { name: 'classic in one zone', kind: 'fail', inputs: inRegion({ configurationItems: items([clb('solo', ['us-east-1a'])]) }), expected: [{ resourceId: 'solo', status: 'NON_COMPLIANT', grade: 'yellow', annotationIncludes: 'only us-east-1a' }] },
  { name: 'not collected', kind: 'not-evaluated', inputs: inRegion({ configurationItems: notCollected('recorder off') }), expected: [{ resourceId: FIXTURE_ACCOUNT, status: 'NOT_EVALUATED', grade: null }] },
];
