import type { Check } from './types';
import { Findings, GLOBAL_REGION, apiEvidence, withAccountInputs } from './support/findings';

const id = 'iam-root-access-keys';

export const check: Check = {
  meta: {
    id,
    title: 'Root user has no access keys',
    description: 'Checks the account summary and flags the account when the root user has access keys.',
    classification: {
      pillar: 'confidentiality',
      secondaryPillars: ['integrity', 'availability'],
      principles: ['strong-identity-foundation'],
      layer: 'platform-applications-iam',
      severity: 'critical',
      rationale: 'Root access keys give long-lived, unrestricted programmatic control of the account that no policy can limit.',
    },
    configRule: 'IAM_ROOT_ACCESS_KEY_CHECK',
    grading: {
      red: 'The root user has at least one access key (AccountAccessKeysPresent is 1).',
      green: 'The root user has no access keys.',
    },
    remediation: 'Delete the root user access keys; use IAM roles with temporary credentials for automation.',
    references: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user_manage_delete-key.html',
      'https://docs.aws.amazon.com/config/latest/developerguide/iam-root-access-key-check.html',
    ],
  },
  inputs: ['accountSummary'],
  evaluate(inputs) {
    const out = new Findings(id, inputs.accountId);
    withAccountInputs(inputs, ['accountSummary'], out, ({ accountSummary }, provenance) => {
      const value = accountSummary.AccountAccessKeysPresent;
      const evidence = apiEvidence({ AccountAccessKeysPresent: value }, provenance.accountSummary);
      const target = out.account(GLOBAL_REGION);
      if (value === undefined) out.notEvaluated(target, 'Not evaluated. The account summary has no AccountAccessKeysPresent entry.', evidence);
      else if (value === 0) out.pass(target, 'The root user has no access keys (AccountAccessKeysPresent = 0).', evidence);
      else out.fail('red', target, 'The root user has access keys (AccountAccessKeysPresent = 1).', evidence);
    });
    return out.list;
  },
};
