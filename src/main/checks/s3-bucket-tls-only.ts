import type { Check } from './types';
import { Findings, eachRegion, itemEvidence, itemTarget, itemsOf } from './support/findings';
import { bucketPolicy, deniesInsecureTransport } from './support/s3';

const id = 's3-bucket-tls-only';

export const check: Check = {
  meta: {
    id,
    title: 'S3 buckets refuse requests without TLS',
    description: 'Checks each bucket policy for a Deny statement on all S3 actions for Principal "*" when aws:SecureTransport is false.',
    classification: {
      pillar: 'confidentiality',
      secondaryPillars: ['integrity'],
      principles: ['protect-data-in-transit-and-at-rest'],
      layer: 'network-traffic-protection',
      severity: 'medium',
      rationale: 'Without the deny, clients may read and write objects over plain HTTP, open to interception and tampering.',
    },
    configRule: 'S3_BUCKET_SSL_REQUESTS_ONLY',
    grading: {
      yellow: 'The bucket has no policy, or its policy has no Deny of "s3:*" (or "*") for Principal "*" with Bool aws:SecureTransport "false".',
      green: 'The bucket policy denies requests made without TLS.',
    },
    remediation:
      'Add to the bucket policy: {"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":["arn:aws:s3:::BUCKET","arn:aws:s3:::BUCKET/*"],"Condition":{"Bool":{"aws:SecureTransport":"false"}}}.',
    references: [
      'https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html',
      'https://docs.aws.amazon.com/config/latest/developerguide/s3-bucket-ssl-requests-only.html',
    ],
  },
  inputs: ['configurationItems'],
  evaluate(inputs) {
    const out = new Findings(id, inputs.accountId);
    eachRegion(inputs, ['configurationItems'], out, ({ configurationItems }, provenance) => {
      for (const bucket of itemsOf(configurationItems, 'AWS::S3::Bucket')) {
        const policy = bucketPolicy(bucket);
        const evidence = itemEvidence(bucket, provenance.configurationItems);
        const name = bucket.resourceName ?? bucket.resourceId;
        if (!policy.present) out.fail('yellow', itemTarget(bucket), `Bucket "${name}" has no bucket policy, so requests over plain HTTP are not refused.`, evidence);
        else if ('error' in policy) out.notEvaluated(itemTarget(bucket), `Not evaluated. Bucket policy could not be read: ${policy.error}.`, evidence);
        else if (policy.statements.some(deniesInsecureTransport)) out.pass(itemTarget(bucket), 'The bucket policy denies requests without TLS (aws:SecureTransport false).', evidence);
        else out.fail('yellow', itemTarget(bucket), `The policy of bucket "${name}" does not deny requests without TLS.`, evidence);
      }
    });
    return out.list;
  },
};
