import type { Check, EbsSnapshot } from './types';
import { Findings, daysSince, eachRegion, itemTarget, itemsOf, str } from './support/findings';

const id = 'ebs-recent-snapshots';
const GREEN_DAYS = 7;
const YELLOW_DAYS = 30;

export const check: Check = {
  meta: {
    id,
    title: 'EBS volumes have a recent snapshot',
    description: 'Checks the age of the newest completed snapshot of each EBS volume (available or in use).',
    classification: {
      pillar: 'availability',
      secondaryPillars: ['integrity'],
      principles: ['prepare-for-security-events'],
      layer: 'customer-data',
      severity: 'medium',
      rationale: 'Volumes fail and get deleted or encrypted by attackers; a recent snapshot bounds the data lost.',
    },
    trustedAdvisor: { name: 'Amazon EBS Snapshots', checkId: 'H7IgTzjTYb' },
    configRule: 'EBS_LAST_BACKUP_RECOVERY_POINT_CREATED',
    grading: {
      red: `The volume has no snapshot, or the most recent one is more than ${YELLOW_DAYS} days old (Trusted Advisor red).`,
      yellow: `The most recent snapshot is between ${GREEN_DAYS} and ${YELLOW_DAYS} days old (Trusted Advisor yellow).`,
      green: `The most recent snapshot is at most ${GREEN_DAYS} days old.`,
    },
    remediation: 'Snapshot volumes at least weekly, automated with AWS Backup or Amazon Data Lifecycle Manager.',
    references: [
      'https://docs.aws.amazon.com/ebs/latest/userguide/ebs-creating-snapshot.html',
      'https://docs.aws.amazon.com/awssupport/latest/user/fault-tolerance-checks.html',
    ],
  },
  inputs: ['configurationItems', 'ebsSnapshots'],
  evaluate(inputs) {
    const out = new Findings(id, inputs.accountId);
    eachRegion(inputs, ['configurationItems', 'ebsSnapshots'], out, ({ configurationItems, ebsSnapshots }, provenance) => {
      const newest = new Map<string, EbsSnapshot>();
      for (const snapshot of ebsSnapshots) {
        if (!snapshot.VolumeId || (snapshot.State && snapshot.State !== 'completed')) continue;
        const known = newest.get(snapshot.VolumeId);
        if (!known || Date.parse(snapshot.StartTime) > Date.parse(known.StartTime)) newest.set(snapshot.VolumeId, snapshot);
      }
      for (const volume of itemsOf(configurationItems, 'AWS::EC2::Volume')) {
        const volumeId = str(volume.configuration.volumeId) || volume.resourceId;
        const latest = newest.get(volumeId);
        const evidence = { kind: 'configuration-item' as const, body: { volume, latestSnapshot: latest ?? null }, provenance: provenance.configurationItems };
        const age = latest ? daysSince(latest.StartTime, inputs.evaluatedAt) : null;
        if (!latest || age === null) out.fail('red', itemTarget(volume), `Volume ${volumeId} has no completed snapshot.`, evidence);
        else if (age > YELLOW_DAYS) out.fail('red', itemTarget(volume), `Newest snapshot ${latest.SnapshotId} of ${volumeId} is ${age} days old.`, evidence);
        else if (age > GREEN_DAYS) out.fail('yellow', itemTarget(volume), `Newest snapshot ${latest.SnapshotId} of ${volumeId} is ${age} days old.`, evidence);
        else out.pass(itemTarget(volume), `Newest snapshot ${latest.SnapshotId} is ${age} day(s) old.`, evidence);
      }
    });
    return out.list;
  },
};
