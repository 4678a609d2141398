import type { Check } from './types';
import { Findings, bool, eachRegion, itemEvidence, itemTarget, itemsOf, str } from './support/findings';

const id = 'rds-public-instance';

export const check: Check = {
  meta: {
    id,
    title: 'RDS instances not publicly accessible',
    description: 'Checks each RDS DB instance configuration item for PubliclyAccessible.',
    classification: {
      pillar: 'confidentiality',
      secondaryPillars: ['integrity', 'availability'],
      principles: ['security-at-all-layers', 'keep-people-away-from-data'],
      layer: 'os-network-firewall',
      severity: 'high',
      rationale: 'A publicly accessible database endpoint resolves to a public address, leaving only security groups and passwords between it and the internet.',
    },
    configRule: 'RDS_INSTANCE_PUBLIC_ACCESS_CHECK',
    grading: {
      red: 'The DB instance is publicly accessible.',
      green: 'The DB instance is not publicly accessible.',
    },
    remediation: 'Modify the instance to turn off public accessibility, place it in private subnets and reach it through the application tier, a bastion or Session Manager port forwarding.',
    references: [
      'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_VPC.WorkingWithRDSInstanceinaVPC.html#USER_VPC.Hiding',
      'https://docs.aws.amazon.com/config/latest/developerguide/rds-instance-public-access-check.html',
    ],
  },
  inputs: ['configurationItems'],
  evaluate(inputs) {
    const out = new Findings(id, inputs.accountId);
    eachRegion(inputs, ['configurationItems'], out, ({ configurationItems }, provenance) => {
      for (const db of itemsOf(configurationItems, 'AWS::RDS::DBInstance')) {
        const evidence = itemEvidence(db, provenance.configurationItems);
        const name = str(db.configuration.dBInstanceIdentifier) || db.resourceName || db.resourceId;
        if (bool(db.configuration.publiclyAccessible)) out.fail('red', itemTarget(db), `DB instance "${name}" is publicly accessible.`, evidence);
        else out.pass(itemTarget(db), 'The DB instance is not publicly accessible.', evidence);
      }
    });
    return out.list;
  },
};
