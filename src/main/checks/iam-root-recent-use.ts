import type { Check } from './types';
import { Findings, GLOBAL_REGION, apiEvidence, daysSince, withAccountInputs } from './support/findings';
import { isRoot } from './support/credential-report';

const id = 'iam-root-recent-use';
const RED_DAYS = 30;
const YELLOW_DAYS = 90;

export const check: Check = {
  meta: {
    id,
    title: 'Root user not used recently',
    description:
      'Checks the credential report for the last time the root user signed in or used an access key, and flags recent use: day-to-day work should use federated or IAM identities.',
    classification: {
      pillar: 'confidentiality',
      secondaryPillars: ['integrity'],
      principles: ['strong-identity-foundation', 'traceability'],
      layer: 'platform-applications-iam',
      severity: 'high',
      rationale: 'Routine use of the root user exposes credentials that cannot be restricted by any policy.',
    },
    grading: {
      red: `The root user signed in or used an access key within the last ${RED_DAYS} days.`,
      yellow: `The root user was last used between ${RED_DAYS} and ${YELLOW_DAYS} days ago.`,
      green: `The root user has not been used for more than ${YELLOW_DAYS} days, or never.`,
    },
    remediation:
      'Use the root user only for the few tasks that require it; create IAM Identity Center or IAM identities for daily work, and investigate unexpected root activity in CloudTrail.',
    references: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/root-user-best-practices.html',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_getting-report.html',
    ],
  },
  inputs: ['credentialReport'],
  evaluate(inputs) {
    const out = new Findings(id, inputs.accountId);
    withAccountInputs(inputs, ['credentialReport'], out, ({ credentialReport }, provenance) => {
      const target = out.account(GLOBAL_REGION);
      const root = credentialReport.find(isRoot);
      if (!root) {
        out.notEvaluated(target, 'Not evaluated. The credential report has no <root_account> row.', apiEvidence({ rows: credentialReport.length }, provenance.credentialReport));
        return;
      }
      const evidence = apiEvidence(root, provenance.credentialReport);
      const uses = [
        { what: 'console sign-in', at: root.password_last_used },
        { what: 'access key 1', at: root.access_key_1_last_used_date },
        { what: 'access key 2', at: root.access_key_2_last_used_date },
      ]
        .map((use) => ({ ...use, days: daysSince(use.at, inputs.evaluatedAt) }))
        .filter((use): use is { what: string; at: string; days: number } => use.days !== null)
        .sort((a, b) => a.days - b.days);
      const latest = uses[0];
      if (!latest) {
        out.pass(target, 'The credential report shows no use of the root user.', evidence);
      } else if (latest.days <= RED_DAYS) {
        out.fail('red', target, `The root user was used ${latest.days} days ago (${latest.what} at ${latest.at}).`, evidence);
      } else if (latest.days <= YELLOW_DAYS) {
        out.fail('yellow', target, `The root user was used ${latest.days} days ago (${latest.what} at ${latest.at}).`, evidence);
      } else {
        out.pass(target, `The root user was last used ${latest.days} days ago (${latest.what}).`, evidence);
      }
    });
    return out.list;
  },
};
