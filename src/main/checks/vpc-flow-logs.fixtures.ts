import type { CheckFixture } from './types';
import { FIXTURE_ACCOUNT, ci, collected, inRegion, items, notCollected } from './support/fixture-kit';

const vpc = (vpcId: string) => ci('AWS::EC2::VPC', vpcId, { vpcId, isDefault: false });
const flowLog = (vpcId: string) => ({ FlowLogId: `fl-${vpcId}`, ResourceId: vpcId, FlowLogStatus: 'ACTIVE', TrafficType: 'ALL' });

export const fixtures: CheckFixture[] = [
  { name: 'VPC with flow log', kind: 'pass', inputs: inRegion({ configurationItems: items([vpc('vpc-a')]), flowLogs: collected([flowLog('vpc-a')]) }), expected: [{ resourceId: 'vpc-a', status: 'COMPLIANT', grade: 'green' }] },
  { name: 'VPC without flow log', kind: 'fail', inputs: inRegion({ configurationItems: items([vpc('vpc-b')]), flowLogs: collected([flowLog('vpc-a')]) }), expected: [{ resourceId: 'vpc-b', status: 'NON_COMPLIANT', grade: 'yellow' }] },
  {
    name: 'flow logs not described',
    kind: 'not-evaluated',
    inputs: inRegion({ configurationItems: items([vpc('vpc-a')]), flowLogs: notCollected('AccessDenied on ec2:DescribeFlowLogs') }),
    expected: [{ resourceId: FIXTURE_ACCOUNT, status: 'NOT_EVALUATED', grade: null, annotationIncludes: 'VPC flow logs not collected' }],
  },
];
