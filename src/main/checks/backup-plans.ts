import type { Check } from './types';
import { Findings, apiEvidence, eachRegion, itemsOf } from './support/findings';

const id = 'backup-plans';
/** Resource types AWS Backup protects that Config records: a region holding any of them needs a plan. */
const BACKUP_ELIGIBLE = [
  'AWS::EC2::Volume',
  'AWS::EC2::Instance',
  'AWS::RDS::DBInstance',
  'AWS::RDS::DBCluster',
  'AWS::DynamoDB::Table',
  'AWS::EFS::FileSystem',
  'AWS::FSx::FileSystem',
];

export const check: Check = {
  meta: {
    id,
    title: 'AWS Backup plans exist where data lives',
    description: 'Checks each region holding backup-eligible resources (EBS, EC2, RDS, DynamoDB, EFS, FSx) for at least one AWS Backup plan.',
    classification: {
      pillar: 'availability',
      secondaryPillars: ['integrity'],
      principles: ['prepare-for-security-events', 'automate-security-best-practices'],
      layer: 'customer-data',
      severity: 'medium',
      rationale: 'A central backup plan makes recovery repeatable and keeps copies out of reach of a single compromised resource.',
    },
    grading: {
      yellow: 'The region holds backup-eligible resources but has no AWS Backup plan.',
      green: 'The region has at least one AWS Backup plan. Regions without eligible resources are not applicable.',
    },
    remediation: 'Create a backup plan (daily/weekly rules, retention matching your recovery objectives, a vault with a vault lock) and assign resources by tag or type.',
    references: [
      'https://docs.aws.amazon.com/aws-backup/latest/devguide/creating-a-backup-plan.html',
      'https://docs.aws.amazon.com/aws-backup/latest/devguide/whatisbackup.html',
    ],
  },
  inputs: ['backupPlans', 'configurationItems'],
  evaluate(inputs) {
    const out = new Findings(id, inputs.accountId);
    eachRegion(inputs, ['backupPlans', 'configurationItems'], out, ({ backupPlans, configurationItems }, provenance, region) => {
      const eligible = Object.fromEntries(BACKUP_ELIGIBLE.map((type) => [type, itemsOf(configurationItems, type).length]).filter(([, n]) => n));
      const evidence = apiEvidence({ backupPlans, eligibleResourceCounts: eligible }, provenance.backupPlans);
      const total = Object.values(eligible).reduce((a: number, b) => a + Number(b), 0);
      const plans = backupPlans.filter((p) => !p.DeletionDate);
      if (plans.length) out.pass(out.account(region), `Backup plan(s): ${plans.map((p) => p.BackupPlanName).join(', ')}.`, evidence);
      else if (total === 0) out.notApplicable(out.account(region), `No backup-eligible resource is recorded in ${region}.`, evidence);
      else out.fail('yellow', out.account(region), `${region} holds ${total} backup-eligible resource(s) but has no AWS Backup plan.`, evidence);
    });
    return out.list;
  },
};
