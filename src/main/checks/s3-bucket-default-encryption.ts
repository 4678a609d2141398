import type { Check } from './types';
import { Findings, eachRegion, itemEvidence, itemTarget, itemsOf } from './support/findings';

const id = 's3-bucket-default-encryption';

interface EncryptionRule {
  applyServerSideEncryptionByDefault?: { sseAlgorithm?: string; kmsMasterKeyID?: string };
}

export const check: Check = {
  meta: {
    id,
    title: 'S3 buckets have default encryption',
    description: 'Checks each bucket configuration item for a default server-side encryption rule (SSE-S3, SSE-KMS or DSSE-KMS).',
    classification: {
      pillar: 'confidentiality',
      secondaryPillars: [],
      principles: ['protect-data-in-transit-and-at-rest'],
      layer: 'server-side-encryption',
      severity: 'medium',
      rationale: 'Default encryption guarantees every new object is encrypted at rest, whatever the uploader sets.',
    },
    configRule: 'S3_BUCKET_SERVER_SIDE_ENCRYPTION_ENABLED',
    grading: {
      yellow: 'The bucket configuration item records no default encryption rule.',
      green: 'The bucket has a default encryption rule; the algorithm is named in the annotation.',
    },
    remediation: 'Set default encryption on the bucket (SSE-KMS with a customer managed key where you need key-level access control and audit).',
    references: [
      'https://docs.aws.amazon.com/AmazonS3/latest/userguide/default-bucket-encryption.html',
      'https://docs.aws.amazon.com/config/latest/developerguide/s3-bucket-server-side-encryption-enabled.html',
    ],
  },
  inputs: ['configurationItems'],
  evaluate(inputs) {
    const out = new Findings(id, inputs.accountId);
    eachRegion(inputs, ['configurationItems'], out, ({ configurationItems }, provenance) => {
      for (const bucket of itemsOf(configurationItems, 'AWS::S3::Bucket')) {
        const sse = bucket.supplementaryConfiguration?.ServerSideEncryptionConfiguration as { rules?: EncryptionRule[] } | undefined;
        const algorithms = (sse?.rules ?? []).map((r) => r.applyServerSideEncryptionByDefault?.sseAlgorithm).filter((a): a is string => !!a);
        const evidence = itemEvidence(bucket, provenance.configurationItems);
        if (algorithms.length) out.pass(itemTarget(bucket), `Default encryption: ${algorithms.join(', ')}.`, evidence);
        else out.fail('yellow', itemTarget(bucket), `Bucket "${bucket.resourceName ?? bucket.resourceId}" has no default encryption rule recorded.`, evidence);
      }
    });
    return out.list;
  },
};
