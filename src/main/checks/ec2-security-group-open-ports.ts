import type { Check, Grade } from './types';
import { Findings, eachRegion, itemEvidence, itemTarget, itemsOf, num, str } from './support/findings';

const id = 'ec2-security-group-open-ports';

/** Trusted Advisor "Security Groups - Specific Ports Unrestricted": the highest-risk ports. */
export const RED_PORTS: readonly number[] = [20, 21, 1433, 1434, 3306, 3389, 4333, 5432, 5500];
/** Ports Trusted Advisor accepts open to the world: typically web and mail. */
export const GREEN_PORTS: readonly number[] = [25, 80, 443, 465];
const WORLD = new Set(['0.0.0.0/0', '::/0']);
const RANK: Record<Grade, number> = { green: 0, yellow: 1, red: 2 };

/**
 * Trusted Advisor's grade for a rule open to the world: red when the range includes a red port (all traffic and
 * full ranges do), green when every port in it is a green port, yellow otherwise (including ICMP).
 */
export function gradePortRange(protocol: string, fromPort?: number | null, toPort?: number | null): Grade {
  const proto = protocol.toLowerCase();
  if (proto === '-1' || proto === 'all') return 'red';
  if (!['tcp', 'udp', '6', '17'].includes(proto)) return 'yellow';
  const from = fromPort === null || fromPort === undefined || fromPort < 0 ? 0 : fromPort;
  const to = toPort === null || toPort === undefined || toPort < 0 ? 65535 : toPort;
  if (RED_PORTS.some((p) => p >= from && p <= to)) return 'red';
  if (to - from < GREEN_PORTS.length && Array.from({ length: to - from + 1 }, (_, i) => from + i).every((p) => GREEN_PORTS.includes(p))) return 'green';
  return 'yellow';
}

interface Permission {
  ipProtocol?: string;
  fromPort?: number;
  toPort?: number;
  ipv4Ranges?: { cidrIp?: string }[];
  ipRanges?: (string | { cidrIp?: string })[];
  ipv6Ranges?: { cidrIpv6?: string }[];
}

function worldSources(permission: Permission): string[] {
  const sources: string[] = [];
  const add = (cidr: string | undefined) => {
    if (cidr && WORLD.has(cidr) && !sources.includes(cidr)) sources.push(cidr);
  };
  for (const range of permission.ipv4Ranges ?? []) add(range.cidrIp);
  for (const range of permission.ipRanges ?? []) add(typeof range === 'string' ? range : range.cidrIp);
  for (const range of permission.ipv6Ranges ?? []) add(range.cidrIpv6);
  return sources;
}

function describePorts(protocol: string, from: number | null, to: number | null): string {
  if (protocol === '-1') return 'All traffic';
  if (from === null || from < 0 || (from === 0 && to === 65535)) return `All ${protocol} ports`;
  return from === to ? `Port ${from} (${protocol})` : `Ports ${from}-${to} (${protocol})`;
}

export const check: Check = {
  meta: {
    id,
    title: 'Security groups: specific ports not open to the world',
    description:
      'Checks each security group for inbound rules open to 0.0.0.0/0 or ::/0 and grades the ports with Trusted Advisor\'s criteria. Triad also grades IPv6 ::/0 rules, which Trusted Advisor does not.',
    classification: {
      pillar: 'confidentiality',
      secondaryPillars: ['integrity', 'availability'],
      principles: ['security-at-all-layers'],
      layer: 'os-network-firewall',
      severity: 'high',
      rationale: 'Database, remote desktop and file transfer ports open to the internet invite brute force, exploitation and data theft.',
    },
    trustedAdvisor: { name: 'Security Groups - Specific Ports Unrestricted', checkId: 'HCP4007jGY' },
    configRule: 'RESTRICTED_INCOMING_TRAFFIC',
    grading: {
      red: `Access to port ${RED_PORTS.join(', ')} is unrestricted (including all-traffic rules and ranges covering these ports).`,
      yellow: 'Access to any other port is unrestricted.',
      green: `No port is unrestricted, or only ports ${GREEN_PORTS.join(', ')} are.`,
    },
    remediation: 'Restrict the rule to the addresses that need it (e.g. a /32, a prefix list or another security group) and delete the 0.0.0.0/0 and ::/0 rules; use Session Manager instead of opening SSH/RDP.',
    references: [
      'https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html',
      'https://docs.aws.amazon.com/awssupport/latest/user/security-checks.html',
    ],
  },
  inputs: ['configurationItems'],
  evaluate(inputs) {
    const out = new Findings(id, inputs.accountId);
    eachRegion(inputs, ['configurationItems'], out, ({ configurationItems }, provenance) => {
      for (const group of itemsOf(configurationItems, 'AWS::EC2::SecurityGroup')) {
        const permissions = (group.configuration.ipPermissions ?? []) as Permission[];
        let grade: Grade = 'green';
        const open: { grade: Grade; text: string }[] = [];
        for (const permission of permissions) {
          const sources = worldSources(permission);
          if (sources.length === 0) continue;
          const protocol = str(permission.ipProtocol) || '-1';
          const from = num(permission.fromPort);
          const to = num(permission.toPort);
          const ruleGrade = gradePortRange(protocol, from, to);
          open.push({ grade: ruleGrade, text: `${describePorts(protocol, from, to)} open to ${sources.join(' and ')}` });
          if (RANK[ruleGrade] > RANK[grade]) grade = ruleGrade;
        }
        const name = str(group.configuration.groupName) || group.resourceName || group.resourceId;
        const target = { ...itemTarget(group), resourceName: name };
        const evidence = itemEvidence(group, provenance.configurationItems);
        open.sort((a, b) => RANK[b.grade] - RANK[a.grade]);
        if (open.length === 0) out.pass(target, 'No inbound rule is open to 0.0.0.0/0 or ::/0.', evidence);
        else out.graded(grade, target, `${open.map((o) => `${o.text} [${o.grade}]`).join('; ')}.`, evidence);
      }
    });
    return out.list;
  },
};
