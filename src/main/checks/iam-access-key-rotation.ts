import type { Check, Grade } from './types';
import { Findings, apiEvidence, daysSince, withAccountInputs } from './support/findings';
import { accessKeys, isRoot, userTarget } from './support/credential-report';

const id = 'iam-access-key-rotation';
const YELLOW_DAYS = 90;
const RED_DAYS = 730;

export const check: Check = {
  meta: {
    id,
    title: 'Access keys rotated within 90 days',
    description: 'Checks the credential report for active IAM user access keys not rotated in the last 90 days.',
    classification: {
      pillar: 'confidentiality',
      secondaryPillars: ['integrity'],
      principles: ['strong-identity-foundation'],
      layer: 'platform-applications-iam',
      severity: 'medium',
      rationale: 'The longer a key lives, the longer a leaked copy of it stays usable.',
    },
    trustedAdvisor: { name: 'IAM Access Key Rotation', checkId: 'DqdJqYeRm5' },
    configRule: 'ACCESS_KEYS_ROTATED',
    grading: {
      red: 'An active access key has not been rotated in the last 2 years (Trusted Advisor red).',
      yellow: 'An active access key was rotated in the last 2 years but more than 90 days ago (Trusted Advisor yellow).',
      green: 'Every active access key was rotated in the last 90 days. Users without active keys are not applicable.',
    },
    remediation: 'Create a new access key, move the workload to it, deactivate then delete the old key; better, replace long-lived keys with roles.',
    references: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html#rotating_access_keys_console',
      'https://docs.aws.amazon.com/awssupport/latest/user/security-checks.html',
    ],
  },
  inputs: ['credentialReport'],
  evaluate(inputs) {
    const out = new Findings(id, inputs.accountId);
    withAccountInputs(inputs, ['credentialReport'], out, ({ credentialReport }, provenance) => {
      for (const row of credentialReport) {
        if (isRoot(row)) continue;
        const evidence = apiEvidence(
          {
            user: row.user,
            arn: row.arn,
            access_key_1_active: row.access_key_1_active,
            access_key_1_last_rotated: row.access_key_1_last_rotated,
            access_key_2_active: row.access_key_2_active,
            access_key_2_last_rotated: row.access_key_2_last_rotated,
          },
          provenance.credentialReport,
        );
        const active = accessKeys(row).filter((key) => key.active);
        if (active.length === 0) {
          out.notApplicable(userTarget(row), 'The user has no active access key.', evidence);
          continue;
        }
        let grade: Grade = 'green';
        const notes: string[] = [];
        for (const key of active) {
          const age = daysSince(key.lastRotated, inputs.evaluatedAt);
          const keyGrade: Grade = age === null || age > RED_DAYS ? 'red' : age > YELLOW_DAYS ? 'yellow' : 'green';
          notes.push(`access key ${key.slot} last rotated ${age === null ? 'at an unknown date' : `${age} days ago`}`);
          if (keyGrade === 'red' || (keyGrade === 'yellow' && grade === 'green')) grade = keyGrade;
        }
        out.graded(grade, userTarget(row), `User "${row.user}": ${notes.join('; ')}.`, evidence);
      }
    });
    return out.list;
  },
};
