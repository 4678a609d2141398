import type { Check } from './types';
import { Findings, apiEvidence, bool, eachRegion, itemEvidence, itemTarget, itemsOf } from './support/findings';

const id = 'snapshot-encryption';

export const check: Check = {
  meta: {
    id,
    title: 'EBS and RDS snapshots encrypted',
    description:
      'Checks EBS snapshots owned by the account (DescribeSnapshots), RDS DB snapshots (configuration items) and manual Aurora cluster snapshots (DescribeDBClusterSnapshots) for encryption at rest.',
    classification: {
      pillar: 'confidentiality',
      secondaryPillars: [],
      principles: ['protect-data-in-transit-and-at-rest'],
      layer: 'server-side-encryption',
      severity: 'medium',
      rationale: 'Snapshots are full copies of the data; unencrypted ones are readable wherever they are shared or copied.',
    },
    configRule: 'RDS_SNAPSHOT_ENCRYPTED',
    grading: {
      yellow: 'The snapshot is not encrypted.',
      green: 'The snapshot is encrypted.',
    },
    remediation: 'Copy the snapshot with encryption enabled (choose a KMS key), then delete the unencrypted copy; encrypt the source volume or instance so new snapshots are encrypted.',
    references: [
      'https://docs.aws.amazon.com/ebs/latest/userguide/ebs-copy-snapshot.html',
      'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_CopySnapshot.html',
    ],
  },
  inputs: ['ebsSnapshots', 'configurationItems', 'rdsClusterSnapshotAttributes'],
  evaluate(inputs) {
    const out = new Findings(id, inputs.accountId);
    eachRegion(inputs, ['ebsSnapshots'], out, ({ ebsSnapshots }, provenance, region) => {
      for (const snapshot of ebsSnapshots) {
        const target = { region, resourceType: 'AWS::EC2::Snapshot', resourceId: snapshot.SnapshotId };
        const evidence = apiEvidence(snapshot, provenance.ebsSnapshots);
        if (snapshot.Encrypted) out.pass(target, 'EBS snapshot is encrypted.', evidence);
        else out.fail('yellow', target, `EBS snapshot ${snapshot.SnapshotId} (of ${snapshot.VolumeId ?? 'an unknown volume'}) is not encrypted.`, evidence);
      }
    });
    eachRegion(inputs, ['configurationItems'], out, ({ configurationItems }, provenance) => {
      for (const snapshot of itemsOf(configurationItems, 'AWS::RDS::DBSnapshot')) {
        const evidence = itemEvidence(snapshot, provenance.configurationItems);
        if (bool(snapshot.configuration.encrypted)) out.pass(itemTarget(snapshot), 'RDS snapshot is encrypted.', evidence);
        else out.fail('yellow', itemTarget(snapshot), `RDS snapshot ${snapshot.resourceName ?? snapshot.resourceId} is not encrypted.`, evidence);
      }
    });
    eachRegion(inputs, ['rdsClusterSnapshotAttributes'], out, ({ rdsClusterSnapshotAttributes }, provenance, region) => {
      for (const snapshot of rdsClusterSnapshotAttributes) {
        if (snapshot.StorageEncrypted === undefined) continue;
        const name = snapshot.DBClusterSnapshotIdentifier;
        const target = { region, resourceType: 'AWS::RDS::DBClusterSnapshot', resourceId: name, resourceName: name };
        const evidence = apiEvidence(snapshot, provenance.rdsClusterSnapshotAttributes);
        if (snapshot.StorageEncrypted) out.pass(target, 'Aurora cluster snapshot is encrypted.', evidence);
        else out.fail('yellow', target, `Aurora cluster snapshot ${name} is not encrypted.`, evidence);
      }
    });
    return out.list;
  },
};
