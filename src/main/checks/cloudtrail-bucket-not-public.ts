import type { Check, ConfigurationItem } from './types';
import { Findings, GLOBAL_REGION, apiEvidence, itemsOf, withAccountInputs } from './support/findings';
import { bucketExposure } from './support/s3';

const id = 'cloudtrail-bucket-not-public';

export const check: Check = {
  meta: {
    id,
    title: 'CloudTrail log buckets not public',
    description: 'For each trail, finds its S3 bucket among the collected configuration items and checks that its ACL and policy do not make it public.',
    classification: {
      pillar: 'confidentiality',
      secondaryPillars: ['integrity'],
      principles: ['traceability', 'keep-people-away-from-data'],
      layer: 'customer-data',
      severity: 'critical',
      rationale: 'Public trail logs reveal the account\'s activity and architecture, and public write lets anyone tamper with the audit record.',
    },
    configRule: 'CLOUDTRAIL_S3_BUCKET_PUBLIC_ACCESS_PROHIBITED',
    grading: {
      red: 'The trail bucket ACL allows Upload/Delete to Everyone or Any Authenticated AWS User.',
      yellow: 'The trail bucket ACL allows List/Read publicly, or its policy allows open access.',
      green: 'The trail bucket is not public.',
    },
    remediation: 'Remove public grants and statements from the trail bucket, turn on Block Public Access, and restrict the policy to CloudTrail\'s service principal with aws:SourceArn.',
    references: [
      'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-s3-bucket-policy-for-cloudtrail.html',
      'https://docs.aws.amazon.com/config/latest/developerguide/cloudtrail-s3-bucket-public-access-prohibited.html',
    ],
  },
  inputs: ['cloudTrailTrails', 's3AccountPublicAccessBlock', 'configurationItems'],
  evaluate(inputs) {
    const out = new Findings(id, inputs.accountId);
    withAccountInputs(inputs, ['cloudTrailTrails', 's3AccountPublicAccessBlock'], out, ({ cloudTrailTrails, s3AccountPublicAccessBlock }, provenance) => {
      const buckets = new Map<string, ConfigurationItem>();
      const unreadRegions: string[] = [];
      for (const region of inputs.regions) {
        if (region.configurationItems.state !== 'collected') unreadRegions.push(`${region.region} (${region.configurationItems.reason})`);
        else for (const bucket of itemsOf(region.configurationItems.data, 'AWS::S3::Bucket')) buckets.set(bucket.resourceName ?? bucket.resourceId, bucket);
      }
      for (const trail of cloudTrailTrails) {
        if (!trail.S3BucketName) continue;
        const target = { region: trail.HomeRegion || GLOBAL_REGION, resourceType: 'AWS::CloudTrail::Trail', resourceId: trail.TrailARN, resourceName: trail.Name };
        const bucket = buckets.get(trail.S3BucketName);
        if (!bucket) {
          const why = unreadRegions.length ? `AWS Config configuration items were not collected in ${unreadRegions.join(', ')}` : 'it is not recorded in this account (it may belong to a central logging account)';
          out.notEvaluated(target, `Not evaluated. Bucket "${trail.S3BucketName}" of trail "${trail.Name}" could not be inspected: ${why}.`, apiEvidence({ trail }, provenance.cloudTrailTrails));
          continue;
        }
        const exposure = bucketExposure(bucket, s3AccountPublicAccessBlock);
        const evidence = apiEvidence({ trail, bucket, accountPublicAccessBlock: s3AccountPublicAccessBlock }, provenance.cloudTrailTrails);
        if (exposure.grade !== 'green') out.fail(exposure.grade, target, `Trail bucket "${trail.S3BucketName}" is public: ${exposure.reasons.join('; ')}.`, evidence);
        else if (exposure.policyError) out.notEvaluated(target, `Not evaluated. ${exposure.policyError}.`, evidence);
        else out.pass(target, `Trail bucket "${trail.S3BucketName}" is not public.`, evidence);
      }
    });
    return out.list;
  },
};
