import type { Check } from './types';
import { Findings, eachRegion, itemEvidence, itemTarget, itemsOf, withAccountInputs } from './support/findings';
import { bucketExposure } from './support/s3';

const id = 's3-bucket-public-access';

export const check: Check = {
  meta: {
    id,
    title: 'S3 buckets not publicly accessible',
    description:
      'Checks each bucket ACL for grants to Everyone or Any Authenticated AWS User and each bucket policy for statements open to Principal "*", after applying bucket- and account-level Block Public Access.',
    classification: {
      pillar: 'confidentiality',
      secondaryPillars: ['integrity'],
      principles: ['keep-people-away-from-data', 'protect-data-in-transit-and-at-rest'],
      layer: 'customer-data',
      severity: 'critical',
      rationale: 'A public bucket exposes its data to anyone on the internet, and public write lets anyone alter or plant content.',
    },
    trustedAdvisor: { name: 'Amazon S3 Bucket Permissions', checkId: 'Pfx0RwqBli' },
    configRule: 'S3_BUCKET_PUBLIC_READ_PROHIBITED',
    grading: {
      red: 'The bucket ACL allows Upload/Delete (Write, WriteAcp or FullControl) for Everyone or Any Authenticated AWS User (Trusted Advisor red).',
      yellow: 'The bucket ACL allows List/Read for Everyone or Any Authenticated AWS User, or the bucket policy allows open access (Trusted Advisor yellow).',
      green: 'No public grant or statement is in effect (grants neutralized by Block Public Access are listed in the annotation).',
    },
    remediation: 'Remove public ACL grants and public policy statements, then turn on Block Public Access for the bucket and the account; serve public content through CloudFront with origin access control.',
    references: [
      'https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html',
      'https://docs.aws.amazon.com/awssupport/latest/user/security-checks.html',
    ],
  },
  inputs: ['configurationItems', 's3AccountPublicAccessBlock'],
  evaluate(inputs) {
    const out = new Findings(id, inputs.accountId);
    withAccountInputs(inputs, ['s3AccountPublicAccessBlock'], out, ({ s3AccountPublicAccessBlock: account }) => {
      eachRegion(inputs, ['configurationItems'], out, ({ configurationItems }, provenance) => {
        for (const bucket of itemsOf(configurationItems, 'AWS::S3::Bucket')) {
          const exposure = bucketExposure(bucket, account);
          const evidence = { ...itemEvidence(bucket, provenance.configurationItems), body: { bucket, accountPublicAccessBlock: account } };
          const neutralized = exposure.neutralized.length ? ` Neutralized by Block Public Access: ${exposure.neutralized.join('; ')}.` : '';
          if (exposure.grade !== 'green') {
            out.fail(exposure.grade, itemTarget(bucket), `Bucket "${bucket.resourceName ?? bucket.resourceId}" is public: ${exposure.reasons.join('; ')}.${neutralized}`, evidence);
          } else if (exposure.policyError) {
            out.notEvaluated(itemTarget(bucket), `Not evaluated. ${exposure.policyError}.`, evidence);
          } else {
            out.pass(itemTarget(bucket), `No public ACL grant or policy statement is in effect.${neutralized}`, evidence);
          }
        }
      });
    });
    return out.list;
  },
};

