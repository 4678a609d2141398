import type { Check, PasswordPolicy } from './types';
import { Findings, GLOBAL_REGION, apiEvidence, withAccountInputs } from './support/findings';

const id = 'iam-password-policy';
const MIN_LENGTH = 14;
const MIN_REUSE_PREVENTION = 24;
const MAX_AGE_DAYS = 90;

/** Content requirements: Trusted Advisor grades yellow when one of these is missing. */
function contentGaps(policy: PasswordPolicy): string[] {
  const gaps: string[] = [];
  if (!policy.RequireUppercaseCharacters) gaps.push('uppercase letters not required');
  if (!policy.RequireLowercaseCharacters) gaps.push('lowercase letters not required');
  if (!policy.RequireNumbers) gaps.push('numbers not required');
  if (!policy.RequireSymbols) gaps.push('symbols not required');
  return gaps;
}

function strengthGaps(policy: PasswordPolicy): string[] {
  const gaps: string[] = [];
  if ((policy.MinimumPasswordLength ?? 0) < MIN_LENGTH) gaps.push(`minimum length ${policy.MinimumPasswordLength ?? 'unset'} < ${MIN_LENGTH}`);
  if ((policy.PasswordReusePrevention ?? 0) < MIN_REUSE_PREVENTION) gaps.push(`reuse prevention ${policy.PasswordReusePrevention ?? 'off'} < ${MIN_REUSE_PREVENTION}`);
  if (!policy.ExpirePasswords || (policy.MaxPasswordAge ?? Infinity) > MAX_AGE_DAYS) gaps.push(`maximum age ${policy.MaxPasswordAge ?? 'none'} > ${MAX_AGE_DAYS} days`);
  return gaps;
}

export const check: Check = {
  meta: {
    id,
    title: 'Strong IAM password policy',
    description:
      'Checks that the account has a password policy and that it requires all character classes, at least 14 characters, prevents reuse of the last 24 passwords and expires passwords within 90 days.',
    classification: {
      pillar: 'confidentiality',
      secondaryPillars: ['integrity'],
      principles: ['strong-identity-foundation'],
      layer: 'platform-applications-iam',
      severity: 'medium',
      rationale: 'Weak or missing password rules make IAM user passwords easier to guess or reuse.',
    },
    trustedAdvisor: { name: 'IAM Password Policy', checkId: 'Yw2K9puPzl' },
    configRule: 'IAM_PASSWORD_POLICY',
    grading: {
      red: 'No password policy is enabled (Trusted Advisor red).',
      yellow: `A password policy is enabled but at least one content requirement (uppercase, lowercase, numbers, symbols) is not enabled (Trusted Advisor yellow), or it is below Triad's strength bar (length ≥ ${MIN_LENGTH}, reuse prevention ≥ ${MIN_REUSE_PREVENTION}, expiry ≤ ${MAX_AGE_DAYS} days).`,
      green: 'A password policy is enabled with every content requirement and meets the strength bar.',
    },
    remediation:
      'Set an account password policy (IAM console → Account settings, or aws iam update-account-password-policy) requiring all character classes, a minimum length of 14, reuse prevention of 24 and a maximum age of 90 days. Prefer federation over IAM user passwords.',
    references: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_account-policy.html',
      'https://docs.aws.amazon.com/config/latest/developerguide/iam-password-policy.html',
    ],
  },
  inputs: ['passwordPolicy'],
  evaluate(inputs) {
    const out = new Findings(id, inputs.accountId);
    withAccountInputs(inputs, ['passwordPolicy'], out, ({ passwordPolicy }, provenance) => {
      const target = out.account(GLOBAL_REGION);
      const evidence = apiEvidence(passwordPolicy === 'none' ? { PasswordPolicy: null, error: 'NoSuchEntity' } : { PasswordPolicy: passwordPolicy }, provenance.passwordPolicy);
      if (passwordPolicy === 'none') {
        out.fail('red', target, 'The account has no password policy (GetAccountPasswordPolicy: NoSuchEntity).', evidence);
        return;
      }
      const gaps = [...contentGaps(passwordPolicy), ...strengthGaps(passwordPolicy)];
      if (gaps.length === 0) out.pass(target, 'The password policy requires every character class, length, reuse prevention and expiry.', evidence);
      else out.fail('yellow', target, `The password policy is weak: ${gaps.join('; ')}.`, evidence);
    });
    return out.list;
  },
};
