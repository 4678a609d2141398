import type { Check, CheckEvidence } from './types';
import { Findings, apiEvidence, eachRegion, type Target } from './support/findings';

type SnapshotAttribute = { AttributeName: string; AttributeValues: string[] };

const id = 'rds-public-snapshots';

export const check: Check = {
  meta: {
    id,
    title: 'RDS snapshots not public',
    description: 'Checks the "restore" attribute of each manual RDS DB snapshot and Aurora DB cluster snapshot for the value "all".',
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
  inputs: ['rdsSnapshotAttributes', 'rdsClusterSnapshotAttributes'],
  evaluate(inputs) {
    const out = new Findings(id, inputs.accountId);
    const judge = (kind: 'DB snapshot' | 'DB cluster snapshot', target: Target, attributes: SnapshotAttribute[] | undefined, notRead: string | undefined, evidence: CheckEvidence) => {
      if (!attributes) out.notEvaluated(target, `Not evaluated. The restore attribute of this ${kind} was not read: ${notRead ?? 'no response is stored'}.`, evidence);
      else if (attributes.find((a) => a.AttributeName === 'restore')?.AttributeValues.includes('all')) out.fail('red', target, `${kind} "${target.resourceId}" is public: any AWS account can restore it.`, evidence);
      else out.pass(target, `The ${kind} is not public.`, evidence);
    };
    eachRegion(inputs, ['rdsSnapshotAttributes'], out, ({ rdsSnapshotAttributes }, provenance, region) => {
      for (const result of rdsSnapshotAttributes) {
        const target = { region, resourceType: 'AWS::RDS::DBSnapshot', resourceId: result.DBSnapshotIdentifier, resourceName: result.DBSnapshotIdentifier };
        judge('DB snapshot', target, result.DBSnapshotAttributes, result.NotReadReason, apiEvidence(result, provenance.rdsSnapshotAttributes));
      }
    });
    eachRegion(inputs, ['rdsClusterSnapshotAttributes'], out, ({ rdsClusterSnapshotAttributes }, provenance, region) => {
      for (const result of rdsClusterSnapshotAttributes) {
        const target = { region, resourceType: 'AWS::RDS::DBClusterSnapshot', resourceId: result.DBClusterSnapshotIdentifier, resourceName: result.DBClusterSnapshotIdentifier };
        judge('DB cluster snapshot', target, result.DBClusterSnapshotAttributes, result.NotReadReason, apiEvidence(result, provenance.rdsClusterSnapshotAttributes));
      }
    });
    return out.list;
  },
};
