import type { Check } from './types';
import { Findings, apiEvidence, eachRegion } from './support/findings';

const id = 'rds-public-snapshots';

export const check: Check = {
  meta: {
    id,
    title: 'RDS snapshots not public',
    description: 'Checks the "restore" attribute of each manual RDS DB snapshot for the value "all".',
    classification: {
      pillar: 'confidentiality',
      secondaryPillars: [],
      principles: ['keep-people-away-from-data'],
      layer: 'customer-data',
      severity: 'critical',
      rationale: 'A public DB snapshot lets every AWS account restore a full copy of the database.',
    },
    trustedAdvisor: { name: 'Amazon RDS Public Snapshots', checkId: 'rSs93HQwa1' },
    configRule: 'RDS_SNAPSHOTS_PUBLIC_PROHIBITED',
    grading: {
      red: 'The RDS snapshot is marked as public (restore attribute contains "all"), as in Trusted Advisor.',
      green: 'The snapshot is private.',
    },
    remediation: 'Remove "all" from the snapshot restore attribute (aws rds modify-db-snapshot-attribute --attribute-name restore --values-to-remove all).',
    references: [
      'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ShareSnapshot.html',
      'https://docs.aws.amazon.com/config/latest/developerguide/rds-snapshots-public-prohibited.html',
    ],
  },
  inputs: ['rdsSnapshotAttributes'],
  evaluate(inputs) {
    const out = new Findings(id, inputs.accountId);
    eachRegion(inputs, ['rdsSnapshotAttributes'], out, ({ rdsSnapshotAttributes }, provenance, region) => {
      for (const result of rdsSnapshotAttributes) {
        const target = { region, resourceType: 'AWS::RDS::DBSnapshot', resourceId: result.DBSnapshotIdentifier, resourceName: result.DBSnapshotIdentifier };
        const evidence = apiEvidence(result, provenance.rdsSnapshotAttributes);
        const restore = result.DBSnapshotAttributes.find((a) => a.AttributeName === 'restore');
        if (restore?.AttributeValues.includes('all')) out.fail('red', target, `DB snapshot "${result.DBSnapshotIdentifier}" is public: any AWS account can restore it.`, evidence);
        else out.pass(target, 'The DB snapshot is not public.', evidence);
      }
    });
    return out.list;
  },
};
