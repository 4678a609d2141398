import type { Check } from './types';
import { Findings, GLOBAL_REGION, apiEvidence, withAccountInputs } from './support/findings';

const id = 'iam-root-mfa';

export const check: Check = {
  meta: {
    id,
    title: 'Root user has MFA enabled',
    description: 'Checks the account summary and flags the account when the root user has no multi-factor authentication device.',
    classification: {
      pillar: 'confidentiality',
      secondaryPillars: ['integrity', 'availability'],
      principles: ['strong-identity-foundation'],
      layer: 'platform-applications-iam',
      severity: 'critical',
      rationale: 'A root password alone gives unrestricted control of every resource and of the account itself.',
    },
    trustedAdvisor: { name: 'MFA on Root Account', checkId: '7DAFEmoDos' },
    configRule: 'ROOT_ACCOUNT_MFA_ENABLED',
    grading: {
      red: 'MFA is not enabled on the root account (AccountMFAEnabled is 0), as in Trusted Advisor.',
      green: 'MFA is enabled on the root account (AccountMFAEnabled is 1).',
    },
    remediation:
      'Sign in as the root user and assign an MFA device (a hardware or passkey device is preferred). In AWS Organizations member accounts, consider centralized root access management and removing root credentials.',
    references: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/enable-mfa-for-root.html',
      'https://docs.aws.amazon.com/awssupport/latest/user/security-checks.html',
    ],
  },
  inputs: ['accountSummary'],
  evaluate(inputs) {
    const out = new Findings(id, inputs.accountId);
    withAccountInputs(inputs, ['accountSummary'], out, ({ accountSummary }, provenance) => {
      const value = accountSummary.AccountMFAEnabled;
      const evidence = apiEvidence({ AccountMFAEnabled: value }, provenance.accountSummary);
      const target = out.account(GLOBAL_REGION);
      if (value === undefined) out.notEvaluated(target, 'Not evaluated. The account summary has no AccountMFAEnabled entry.', evidence);
      else if (value === 1) out.pass(target, 'The root user has an MFA device (AccountMFAEnabled = 1).', evidence);
      else out.fail('red', target, 'The root user has no MFA device (AccountMFAEnabled = 0).', evidence);
    });
    return out.list;
  },
};
