import type { Check } from './types';
import { Findings, bool, eachRegion, itemEvidence, itemTarget, itemsOf, str } from './support/findings';

const id = 'rds-storage-encryption';

export const check: Check = {
  meta: {
    id,
    title: 'RDS instances encrypted at rest',
    description: 'Checks each RDS DB instance configuration item for storage encryption.',
    classification: {
      pillar: 'confidentiality',
      secondaryPillars: [],
      principles: ['protect-data-in-transit-and-at-rest'],
      layer: 'server-side-encryption',
      severity: 'high',
      rationale: 'Database storage, automated backups, replicas and snapshots of an unencrypted instance are all unencrypted.',
    },
    configRule: 'RDS_STORAGE_ENCRYPTED',
    grading: {
      red: 'The DB instance storage is not encrypted (storageEncrypted false).',
      green: 'The DB instance storage is encrypted.',
    },
    remediation: 'Encryption cannot be turned on in place: snapshot the instance, copy the snapshot with a KMS key, restore from it and switch clients over.',
    references: [
      'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.Encryption.html',
      'https://docs.aws.amazon.com/config/latest/developerguide/rds-storage-encrypted.html',
    ],
  },
  inputs: ['configurationItems'],
  evaluate(inputs) {
    const out = new Findings(id, inputs.accountId);
    eachRegion(inputs, ['configurationItems'], out, ({ configurationItems }, provenance) => {
      for (const db of itemsOf(configurationItems, 'AWS::RDS::DBInstance')) {
        const evidence = itemEvidence(db, provenance.configurationItems);
        const name = str(db.configuration.dBInstanceIdentifier) || db.resourceName || db.resourceId;
        if (bool(db.configuration.storageEncrypted)) out.pass(itemTarget(db), `Storage encrypted with ${str(db.configuration.kmsKeyId) || 'a KMS key'}.`, evidence);
        else out.fail('red', itemTarget(db), `DB instance "${name}" stores data unencrypted.`, evidence);
      }
    });
    return out.list;
  },
};
