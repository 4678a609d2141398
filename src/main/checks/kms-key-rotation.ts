import type { Check } from './types';
import { Findings, bool, eachRegion, itemEvidence, itemTarget, itemsOf, str } from './support/findings';

const id = 'kms-key-rotation';

export const check: Check = {
  meta: {
    id,
    title: 'KMS customer managed keys rotate automatically',
    description: 'Checks enabled, symmetric, customer managed KMS keys with AWS-generated key material for automatic key rotation.',
    classification: {
      pillar: 'confidentiality',
      secondaryPillars: ['integrity'],
      principles: ['protect-data-in-transit-and-at-rest'],
      layer: 'server-side-encryption',
      severity: 'medium',
      rationale: 'Rotation limits how much data one key version protects and how long compromised key material stays useful.',
    },
    configRule: 'CMK_BACKING_KEY_ROTATION_ENABLED',
    grading: {
      yellow: 'Automatic rotation is off for an enabled symmetric customer managed key.',
      green: 'Automatic rotation is on. AWS managed keys are skipped; asymmetric, HMAC, imported or disabled keys are not applicable.',
    },
    remediation: 'Enable automatic rotation on the key (KMS console → key → Key rotation, or aws kms enable-key-rotation).',
    references: [
      'https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html',
      'https://docs.aws.amazon.com/config/latest/developerguide/cmk-backing-key-rotation-enabled.html',
    ],
  },
  inputs: ['configurationItems'],
  evaluate(inputs) {
    const out = new Findings(id, inputs.accountId);
    eachRegion(inputs, ['configurationItems'], out, ({ configurationItems }, provenance) => {
      for (const key of itemsOf(configurationItems, 'AWS::KMS::Key')) {
        const c = key.configuration;
        if (str(c.keyManager) === 'AWS') continue; // AWS managed keys rotate on AWS's schedule
        const evidence = itemEvidence(key, provenance.configurationItems);
        const spec = str(c.keySpec) || str(c.customerMasterKeySpec) || 'SYMMETRIC_DEFAULT';
        const origin = str(c.origin) || 'AWS_KMS';
        const state = str(c.keyState) || 'Enabled';
        if (spec !== 'SYMMETRIC_DEFAULT' || origin !== 'AWS_KMS' || state !== 'Enabled') {
          out.notApplicable(itemTarget(key), `Automatic rotation does not apply (spec ${spec}, origin ${origin}, state ${state}).`, evidence);
        } else if (bool(key.supplementaryConfiguration?.KeyRotationStatus)) {
          out.pass(itemTarget(key), 'Automatic key rotation is on.', evidence);
        } else {
          out.fail('yellow', itemTarget(key), `Automatic rotation is off for key ${key.resourceId}.`, evidence);
        }
      }
    });
    return out.list;
  },
};
