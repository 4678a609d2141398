import type { Check } from './types';
import { Findings, apiEvidence, withAccountInputs } from './support/findings';
import { isRoot, userTarget } from './support/credential-report';

const id = 'iam-console-user-mfa';

export const check: Check = {
  meta: {
    id,
    title: 'Console users have MFA',
    description: 'Checks the credential report for IAM users that have a console password but no active MFA device.',
    classification: {
      pillar: 'confidentiality',
      secondaryPillars: ['integrity'],
      principles: ['strong-identity-foundation'],
      layer: 'platform-applications-iam',
      severity: 'high',
      rationale: 'A console password without MFA is one phished or reused password away from account access.',
    },
    configRule: 'MFA_ENABLED_FOR_IAM_CONSOLE_ACCESS',
    grading: {
      red: 'The user has a console password (password_enabled true) and mfa_active is false.',
      green: 'The user has a console password and an active MFA device. Users without a password are not applicable.',
    },
    remediation: 'Assign an MFA device to every IAM user with console access, or remove the console password; prefer IAM Identity Center.',
    references: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_enable.html',
      'https://docs.aws.amazon.com/config/latest/developerguide/mfa-enabled-for-iam-console-access.html',
    ],
  },
  inputs: ['credentialReport'],
  evaluate(inputs) {
    const out = new Findings(id, inputs.accountId);
    withAccountInputs(inputs, ['credentialReport'], out, ({ credentialReport }, provenance) => {
      for (const row of credentialReport) {
        if (isRoot(row)) continue;
        const evidence = apiEvidence({ user: row.user, arn: row.arn, password_enabled: row.password_enabled, mfa_active: row.mfa_active }, provenance.credentialReport);
        if (row.password_enabled !== 'true') out.notApplicable(userTarget(row), 'The user has no console password.', evidence);
        else if (row.mfa_active === 'true') out.pass(userTarget(row), 'The user has a console password and an active MFA device.', evidence);
        else out.fail('red', userTarget(row), `User "${row.user}" can sign in to the console without MFA.`, evidence);
      }
    });
    return out.list;
  },
};
