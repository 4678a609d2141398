import type { CheckFixture } from './types';
import { FIXTURE_ACCOUNT, ci, inRegion, items, notCollected } from './support/fixture-kit';

const group = (groupId: string, ingress: object[], egress: object[], enis: string[]) =>
  ci('AWS::EC2::SecurityGroup', groupId, { groupId, groupName: 'default', vpcId: 'vpc-1', ipPermissions: ingress, ipPermissionsEgress: egress }, {
    relationships: enis.map((eni) => ({ resourceType: 'AWS::EC2::NetworkInterface', resourceId: eni, relationshipName: 'Is associated with NetworkInterface' })),
  });
const allOut = { ipProtocol: '-1', ipv4Ranges: [{ cidrIp: '0.0.0.0/0' }] };

export const fixtures: CheckFixture[] = [
  {
    name: 'closed and unused',
    kind: 'pass',
    inputs: inRegion({ configurationItems: items([group('sg-d1', [], [], []), ci('AWS::EC2::SecurityGroup', 'sg-app', { groupId: 'sg-app', groupName: 'app', ipPermissions: [allOut] })]) }),
    expected: [{ resourceId: 'sg-d1', status: 'COMPLIANT', grade: 'green' }],
  },
  {
    name: 'AWS defaults in use; rules but unused',
    kind: 'fail',
    inputs: inRegion({ configurationItems: items([group('sg-d2', [{ ipProtocol: '-1', userIdGroupPairs: [{ groupId: 'sg-d2' }] }], [allOut], ['eni-1']), group('sg-d3', [], [allOut], [])]) }),
    expected: [
      { resourceId: 'sg-d2', status: 'NON_COMPLIANT', grade: 'red', annotationIncludes: 'eni-1' },
      { resourceId: 'sg-d3', status: 'NON_COMPLIANT', grade: 'yellow' },
    ],
  },
  { name: 'not collected', kind: 'not-evaluated', inputs: inRegion({ configurationItems: notCollected('recorder off') }), expected: [{ resourceId: FIXTURE_ACCOUNT, status: 'NOT_EVALUATED', grade: null }] },
];
