import type { Check } from './types';
import { Findings, bool, eachRegion, itemEvidence, itemTarget, itemsOf, str } from './support/findings';

const id = 'ebs-volume-encryption';

export const check: Check = {
  meta: {
    id,
    title: 'EBS volumes encrypted',
    description: 'Checks each EBS volume configuration item for encryption at rest.',
    classification: {
      pillar: 'confidentiality',
      secondaryPillars: [],
      principles: ['protect-data-in-transit-and-at-rest'],
      layer: 'server-side-encryption',
      severity: 'medium',
      rationale: 'Unencrypted volumes, their snapshots and the data moving to the instance are readable by anyone who obtains a copy.',
    },
    configRule: 'ENCRYPTED_VOLUMES',
    grading: {
      yellow: 'The volume is not encrypted.',
      green: 'The volume is encrypted (KMS key named in the annotation).',
    },
    remediation: 'Snapshot the volume, copy the snapshot with encryption, create a volume from it and swap it in; turn on EBS encryption by default in every region.',
    references: [
      'https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html',
      'https://docs.aws.amazon.com/config/latest/developerguide/encrypted-volumes.html',
    ],
  },
  inputs: ['configurationItems'],
  evaluate(inputs) {
    const out = new Findings(id, inputs.accountId);
    eachRegion(inputs, ['configurationItems'], out, ({ configurationItems }, provenance) => {
      for (const volume of itemsOf(configurationItems, 'AWS::EC2::Volume')) {
        const evidence = itemEvidence(volume, provenance.configurationItems);
        if (bool(volume.configuration.encrypted)) out.pass(itemTarget(volume), `Encrypted with ${str(volume.configuration.kmsKeyId) || 'the default EBS key'}.`, evidence);
        else out.fail('yellow', itemTarget(volume), `Volume ${volume.resourceId} is not encrypted.`, evidence);
      }
    });
    return out.list;
  },
};
