import type { Check } from './types';
import { Findings, apiEvidence, eachRegion } from './support/findings';

const id = 'ebs-public-snapshots';

export const check: Check = {
  meta: {
    id,
    title: 'EBS snapshots not public',
    description: 'Checks the createVolumePermission attribute of each EBS snapshot owned by the account for the group "all".',
    classification: {
      pillar: 'confidentiality',
      secondaryPillars: [],
      principles: ['keep-people-away-from-data'],
      layer: 'customer-data',
      severity: 'critical',
      rationale: 'A public snapshot lets every AWS account create a volume holding a full copy of the data.',
    },
    trustedAdvisor: { name: 'Amazon EBS Public Snapshots', checkId: 'ePs02jT06w' },
    configRule: 'EBS_SNAPSHOT_PUBLIC_RESTORABLE_CHECK',
    grading: {
      red: 'The EBS volume snapshot is marked as public (createVolumePermission group "all"), as in Trusted Advisor.',
      green: 'The snapshot is private (it may still be shared with named accounts, listed in the evidence).',
    },
    remediation: 'Remove the public permission (aws ec2 modify-snapshot-attribute --attribute createVolumePermission --operation-type remove --group-names all) and enable EBS snapshot Block Public Access.',
    references: [
      'https://docs.aws.amazon.com/ebs/latest/userguide/ebs-modifying-snapshot-permissions.html',
      'https://docs.aws.amazon.com/awssupport/latest/user/security-checks.html',
    ],
  },
  inputs: ['ebsSnapshots'],
  evaluate(inputs) {
    const out = new Findings(id, inputs.accountId);
    eachRegion(inputs, ['ebsSnapshots'], out, ({ ebsSnapshots }, provenance, region) => {
      for (const snapshot of ebsSnapshots) {
        const target = { region, resourceType: 'AWS::EC2::Snapshot', resourceId: snapshot.SnapshotId };
        const evidence = apiEvidence({ SnapshotId: snapshot.SnapshotId, VolumeId: snapshot.VolumeId, CreateVolumePermissions: snapshot.CreateVolumePermissions ?? null }, provenance.ebsSnapshots);
        if (snapshot.CreateVolumePermissions === undefined) {
          out.notEvaluated(target, `Not evaluated. The createVolumePermission attribute of this snapshot was not read${snapshot.CreateVolumePermissionsNotRead ? `: ${snapshot.CreateVolumePermissionsNotRead}` : ''}.`, evidence);
        } else if (snapshot.CreateVolumePermissions.some((p) => p.Group === 'all')) {
          out.fail('red', target, `Snapshot ${snapshot.SnapshotId} is public: any AWS account can create a volume from it.`, evidence);
        } else {
          out.pass(target, 'The snapshot is not public.', evidence);
        }
      }
    });
    return out.list;
  },
};
