import type { Check } from './types';
import { Findings, eachRegion, itemEvidence, itemTarget, itemsOf, num, str } from './support/findings';

const id = 'rds-backups';
const MIN_RETENTION_DAYS = 7;

export const check: Check = {
  meta: {
    id,
    title: 'RDS automated backups kept at least 7 days',
    description: 'Checks the automated backup retention period of each RDS DB instance.',
    classification: {
      pillar: 'availability',
      secondaryPillars: ['integrity'],
      principles: ['prepare-for-security-events'],
      layer: 'customer-data',
      severity: 'high',
      rationale: 'Automated backups are what allows point-in-time recovery after corruption, deletion or ransomware.',
    },
    trustedAdvisor: { name: 'Amazon RDS Backups', checkId: 'opQPADkZvH' },
    configRule: 'DB_INSTANCE_BACKUP_ENABLED',
    grading: {
      red: 'The backup retention period is 0 days: automated backups are off (Trusted Advisor red).',
      yellow: `Backups are on but kept fewer than ${MIN_RETENTION_DAYS} days (Triad's threshold).`,
      green: `Backups are kept ${MIN_RETENTION_DAYS} days or more.`,
    },
    remediation: `Set the backup retention period to at least ${MIN_RETENTION_DAYS} days (up to 35), or protect the instance with an AWS Backup plan.`,
    references: [
      'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_WorkingWithAutomatedBackups.html',
      'https://docs.aws.amazon.com/config/latest/developerguide/db-instance-backup-enabled.html',
    ],
  },
  inputs: ['configurationItems'],
  evaluate(inputs) {
    const out = new Findings(id, inputs.accountId);
    eachRegion(inputs, ['configurationItems'], out, ({ configurationItems }, provenance) => {
      for (const db of itemsOf(configurationItems, 'AWS::RDS::DBInstance')) {
        const evidence = itemEvidence(db, provenance.configurationItems);
        const name = str(db.configuration.dBInstanceIdentifier) || db.resourceName || db.resourceId;
        const days = num(db.configuration.backupRetentionPeriod);
        if (days === null) out.notEvaluated(itemTarget(db), 'Not evaluated. The configuration item has no backupRetentionPeriod.', evidence);
        else if (days === 0) out.fail('red', itemTarget(db), `DB instance "${name}" has automated backups off (retention 0 days).`, evidence);
        else if (days < MIN_RETENTION_DAYS) out.fail('yellow', itemTarget(db), `DB instance "${name}" keeps backups ${days} day(s), below ${MIN_RETENTION_DAYS}.`, evidence);
        else out.pass(itemTarget(db), `Automated backups kept ${days} days.`, evidence);
      }
    });
    return out.list;
  },
};
