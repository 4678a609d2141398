import type { CheckFixture } from './types';
import { FIXTURE_ACCOUNT, ci, inRegion, items, notCollected } from './support/fixture-kit';

const sg = (groupId: string, ipPermissions: object[]) => ci('AWS::EC2::SecurityGroup', groupId, { groupId, groupName: `name-${groupId}`, vpcId: 'vpc-1', ipPermissions, ipPermissionsEgress: [] });
const tcp = (port: number, cidr: string) => ({ ipProtocol: 'tcp', fromPort: port, toPort: port, ipv4Ranges: cidr.includes(':') ? [] : [{ cidrIp: cidr }], ipv6Ranges: cidr.includes(':') ? [{ cidrIpv6: cidr }] : [] });

export const fixtures: CheckFixture[] = [
  {
    name: 'web ports open, SSH from the office only',
    kind: 'pass',
    inputs: inRegion({ configurationItems: items([sg('sg-web', [tcp(443, '0.0.0.0/0'), tcp(80, '::/0'), tcp(22, '203.0.113.10/32')]), sg('sg-none', [])]) }),
    expected: [
      { resourceId: 'sg-web', status: 'COMPLIANT', grade: 'green', annotationIncludes: 'Port 443 (tcp) open to 0.0.0.0/0' },
      { resourceId: 'sg-none', status: 'COMPLIANT', grade: 'green' },
    ],
  },
  {
    name: 'RDP open to the world, 8080 open over IPv6, all traffic',
    kind: 'fail',
    inputs: inRegion({
      configurationItems: items([
        sg('sg-rdp', [tcp(3389, '0.0.0.0/0')]),
        sg('sg-alt', [tcp(8080, '::/0')]),
        sg('sg-all', [{ ipProtocol: '-1', ipRanges: ['0.0.0.0/0'] }]),
      ]),
    }),
    expected: [
      { resourceId: 'sg-rdp', status: 'NON_COMPLIANT', grade: 'red', annotationIncludes: 'Port 3389 (tcp) open to 0.0.0.0/0' },
      { resourceId: 'sg-alt', status: 'NON_COMPLIANT', grade: 'yellow', annotationIncludes: '::/0' },
      { resourceId: 'sg-all', status: 'NON_COMPLIANT', grade: 'red', annotationIncludes: 'All traffic' },
    ],
  },
  { name: 'not collected', kind: 'not-evaluated', inputs: inRegion({ configurationItems: notCollected('recorder off') }), expected: [{ resourceId: FIXTURE_ACCOUNT, status: 'NOT_EVALUATED', grade: null }] },
];
