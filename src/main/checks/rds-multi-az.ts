import type { Check } from './types';
import { Findings, bool, eachRegion, itemEvidence, itemTarget, itemsOf, str } from './support/findings';

const id = 'rds-multi-az';

export const check: Check = {
  meta: {
    id,
    title: 'RDS instances deployed Multi-AZ',
    description: 'Checks each RDS DB instance for a Multi-AZ deployment. Aurora instances are not applicable: their cluster provides the redundancy.',
    classification: {
      pillar: 'availability',
      secondaryPillars: [],
      principles: ['prepare-for-security-events'],
      layer: 'platform-applications-iam',
      severity: 'medium',
      rationale: 'A single-AZ database goes down with its Availability Zone and during some maintenance.',
    },
    trustedAdvisor: { name: 'Amazon RDS Multi-AZ', checkId: 'f2iK5R6Dep' },
    configRule: 'RDS_MULTI_AZ_SUPPORT',
    grading: {
      yellow: 'The DB instance is deployed in a single Availability Zone (Trusted Advisor yellow).',
      green: 'The DB instance is Multi-AZ.',
    },
    remediation: 'Modify the DB instance to enable Multi-AZ (a standby is created in another AZ; apply during a maintenance window).',
    references: [
      'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.MultiAZ.html',
      'https://docs.aws.amazon.com/config/latest/developerguide/rds-multi-az-support.html',
    ],
  },
  inputs: ['configurationItems'],
  evaluate(inputs) {
    const out = new Findings(id, inputs.accountId);
    eachRegion(inputs, ['configurationItems'], out, ({ configurationItems }, provenance) => {
      for (const db of itemsOf(configurationItems, 'AWS::RDS::DBInstance')) {
        const evidence = itemEvidence(db, provenance.configurationItems);
        const engine = str(db.configuration.engine);
        const name = str(db.configuration.dBInstanceIdentifier) || db.resourceName || db.resourceId;
        if (engine.startsWith('aurora')) out.notApplicable(itemTarget(db), `Aurora instance (${engine}): availability comes from the cluster's replicas.`, evidence);
        else if (bool(db.configuration.multiAZ)) out.pass(itemTarget(db), 'The DB instance is Multi-AZ.', evidence);
        else out.fail('yellow', itemTarget(db), `DB instance "${name}" runs in a single Availability Zone (${str(db.configuration.availabilityZone) || 'unknown AZ'}).`, evidence);
      }
    });
    return out.list;
  },
};
