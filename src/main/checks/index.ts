// The registry of Triad's built-in checks and the one entry point that runs them over an account's inputs.

import type { Check, CheckFinding, CheckInputs } from './types';
import { ACCOUNT_RESOURCE_TYPE, GLOBAL_REGION } from './support/findings';
import { check as backupPlans } from './backup-plans';
import { check as cloudtrailBucketNotPublic } from './cloudtrail-bucket-not-public';
import { check as cloudtrailMultiRegion } from './cloudtrail-multi-region';
import { check as configRecording } from './config-recording';
import { check as ebsPublicSnapshots } from './ebs-public-snapshots';
import { check as ebsRecentSnapshots } from './ebs-recent-snapshots';
import { check as ebsVolumeEncryption } from './ebs-volume-encryption';
import { check as ec2DefaultSecurityGroup } from './ec2-default-security-group';
import { check as ec2SecurityGroupOpenPorts } from './ec2-security-group-open-ports';
import { check as elbMultiAz } from './elb-multi-az';
import { check as guarddutyEnabled } from './guardduty-enabled';
import { check as iamAccessAnalyzerEnabled } from './iam-access-analyzer-enabled';
import { check as iamAccessKeyRotation } from './iam-access-key-rotation';
import { check as iamConsoleUserMfa } from './iam-console-user-mfa';
import { check as iamCrossAccountTrustExternalId } from './iam-cross-account-trust-external-id';
import { check as iamPasswordPolicy } from './iam-password-policy';
import { check as iamPolicyFullAdmin } from './iam-policy-full-admin';
import { check as iamRootAccessKeys } from './iam-root-access-keys';
import { check as iamRootMfa } from './iam-root-mfa';
import { check as iamRootRecentUse } from './iam-root-recent-use';
import { check as iamUnusedCredentials } from './iam-unused-credentials';
import { check as iamUserAttachedPolicies } from './iam-user-attached-policies';
import { check as kmsKeyRotation } from './kms-key-rotation';
import { check as rdsBackups } from './rds-backups';
import { check as rdsMultiAz } from './rds-multi-az';
import { check as rdsPublicInstance } from './rds-public-instance';
import { check as rdsPublicSnapshots } from './rds-public-snapshots';
import { check as rdsStorageEncryption } from './rds-storage-encryption';
import { check as s3AccountPublicAccessBlock } from './s3-account-public-access-block';
import { check as s3BucketDefaultEncryption } from './s3-bucket-default-encryption';
import { check as s3BucketPublicAccess } from './s3-bucket-public-access';
import { check as s3BucketTlsOnly } from './s3-bucket-tls-only';
import { check as snapshotEncryption } from './snapshot-encryption';
import { check as vpcFlowLogs } from './vpc-flow-logs';

/** Every built-in check, grouped as the issue lists them: identity, data protection, attack surface, traceability, availability. */
export const ALL_CHECKS: readonly Check[] = [
  iamRootMfa,
  iamRootAccessKeys,
  iamRootRecentUse,
  iamPasswordPolicy,
  iamConsoleUserMfa,
  iamAccessKeyRotation,
  iamUnusedCredentials,
  iamUserAttachedPolicies,
  iamPolicyFullAdmin,
  iamCrossAccountTrustExternalId,
  iamAccessAnalyzerEnabled,
  s3AccountPublicAccessBlock,
  s3BucketPublicAccess,
  s3BucketDefaultEncryption,
  s3BucketTlsOnly,
  ebsVolumeEncryption,
  rdsStorageEncryption,
  snapshotEncryption,
  ebsPublicSnapshots,
  rdsPublicSnapshots,
  kmsKeyRotation,
  ec2SecurityGroupOpenPorts,
  ec2DefaultSecurityGroup,
  rdsPublicInstance,
  cloudtrailMultiRegion,
  cloudtrailBucketNotPublic,
  configRecording,
  vpcFlowLogs,
  guarddutyEnabled,
  rdsMultiAz,
  rdsBackups,
  ebsRecentSnapshots,
  backupPlans,
  elbMultiAz,
];

export function findCheck(id: string): Check | undefined {
  return ALL_CHECKS.find((check) => check.meta.id === id);
}

/**
 * Runs the checks over one account's inputs. A check that throws on input it did not expect yields one ERROR
 * finding naming the problem instead of aborting the others: the rest of the evaluation stays usable.
 */
export function runChecks(inputs: CheckInputs, checks: readonly Check[] = ALL_CHECKS): CheckFinding[] {
  const findings: CheckFinding[] = [];
  for (const check of checks) {
    let produced: CheckFinding[];
    try {
      produced = check.evaluate(inputs);
    } catch (error) {
      produced = [
        {
          checkId: check.meta.id,
          accountId: inputs.accountId,
          region: GLOBAL_REGION,
          resourceType: ACCOUNT_RESOURCE_TYPE,
          resourceId: inputs.accountId,
          status: 'ERROR',
          grade: null,
          annotation: `Check "${check.meta.id}" failed on account ${inputs.accountId}: ${error instanceof Error ? error.message : String(error)}. Other checks are unaffected; report this with the snapshot.`,
          evidence: null,
        },
      ];
    }
    for (const finding of produced) findings.push(finding);
  }
  return findings;
}
