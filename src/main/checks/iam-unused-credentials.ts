import type { Check, Grade } from './types';
import { Findings, apiEvidence, withAccountInputs } from './support/findings';
import { accessKeys, daysUnused, isRoot, userTarget } from './support/credential-report';

const id = 'iam-unused-credentials';
const YELLOW_DAYS = 45;
const RED_DAYS = 90;

export const check: Check = {
  meta: {
    id,
    title: 'No unused IAM credentials',
    description:
      'Checks the credential report for console passwords and active access keys unused for more than 45 days (never-used credentials count from when they were issued).',
    classification: {
      pillar: 'confidentiality',
      secondaryPillars: [],
      principles: ['strong-identity-foundation'],
      layer: 'platform-applications-iam',
      severity: 'medium',
      rationale: 'Credentials nobody uses are attack surface with no owner watching them.',
    },
    configRule: 'IAM_USER_UNUSED_CREDENTIALS_CHECK',
    grading: {
      red: `A password or active access key has not been used for more than ${RED_DAYS} days (the Config rule's default maxCredentialUsageAge).`,
      yellow: `A password or active access key has not been used for ${YELLOW_DAYS} to ${RED_DAYS} days (CIS recommendation).`,
      green: `Every credential was used within the last ${YELLOW_DAYS} days. Users with no password and no active key are not applicable.`,
    },
    remediation: 'Remove console passwords and deactivate access keys that have not been used; delete users that no longer need access.',
    references: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_finding-unused.html',
      'https://docs.aws.amazon.com/config/latest/developerguide/iam-user-unused-credentials-check.html',
    ],
  },
  inputs: ['credentialReport'],
  evaluate(inputs) {
    const out = new Findings(id, inputs.accountId);
    withAccountInputs(inputs, ['credentialReport'], out, ({ credentialReport }, provenance) => {
      for (const row of credentialReport) {
        if (isRoot(row)) continue;
        const evidence = apiEvidence(row, provenance.credentialReport);
        const credentials: { what: string; days: number | null }[] = [];
        if (row.password_enabled === 'true') {
          credentials.push({ what: 'console password', days: daysUnused(row.password_last_used, [row.password_last_changed, row.user_creation_time], inputs.evaluatedAt) });
        }
        for (const key of accessKeys(row).filter((k) => k.active)) {
          credentials.push({ what: `access key ${key.slot}`, days: daysUnused(key.lastUsed, [key.lastRotated, row.user_creation_time], inputs.evaluatedAt) });
        }
        if (credentials.length === 0) {
          out.notApplicable(userTarget(row), 'The user has no console password and no active access key.', evidence);
          continue;
        }
        let grade: Grade = 'green';
        const stale: string[] = [];
        for (const credential of credentials) {
          const days = credential.days ?? Infinity;
          if (days > YELLOW_DAYS) stale.push(`${credential.what} unused for ${credential.days ?? 'an unknown number of'} days`);
          if (days > RED_DAYS) grade = 'red';
          else if (days > YELLOW_DAYS && grade === 'green') grade = 'yellow';
        }
        const annotation = stale.length ? `User "${row.user}": ${stale.join('; ')}.` : `Every credential of "${row.user}" was used within ${YELLOW_DAYS} days.`;
        out.graded(grade, userTarget(row), annotation, evidence);
      }
    });
    return out.list;
  },
};
