import type { Check } from './types';
import { Findings, GLOBAL_REGION, apiEvidence, withAccountInputs } from './support/findings';
import { conditionKeys, parsePolicy, principalAccounts, statementsOf, values } from './support/policy';

const id = 'iam-cross-account-trust-external-id';
/** Condition keys that tie a cross-account trust to a known caller: the external id, or your own organization. */
const GUARD_KEYS = ['sts:externalid', 'aws:principalorgid', 'aws:principalorgpaths'];

export const check: Check = {
  meta: {
    id,
    title: 'Cross-account role trust requires an ExternalId',
    description:
      'Checks each role trust policy for Allow statements that let a principal of another AWS account (or any principal) assume the role without an sts:ExternalId condition.',
    classification: {
      pillar: 'confidentiality',
      secondaryPillars: ['integrity'],
      principles: ['strong-identity-foundation'],
      layer: 'platform-applications-iam',
      severity: 'high',
      rationale: 'Without an ExternalId a third party that trusts many customers can be tricked into using its access on your account (confused deputy).',
    },
    grading: {
      red: 'The trust policy lets any principal ("*") assume the role without conditions.',
      yellow: 'The trust policy lets a principal of another account assume the role without an sts:ExternalId (or, for accounts of your organization, aws:PrincipalOrgID) condition.',
      green: 'Every cross-account trust statement requires sts:ExternalId or aws:PrincipalOrgID. Roles trusting only this account or AWS services are not applicable.',
    },
    remediation:
      'Add a Condition {"StringEquals": {"sts:ExternalId": "<secret agreed with the third party>"}} to the trust statement, or restrict it with aws:PrincipalOrgID for accounts of your organization.',
    references: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-user_externalid.html',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html',
    ],
  },
  inputs: ['authorizationDetails'],
  evaluate(inputs) {
    const out = new Findings(id, inputs.accountId);
    withAccountInputs(inputs, ['authorizationDetails'], out, ({ authorizationDetails }, provenance) => {
      for (const role of authorizationDetails.RoleDetailList) {
        if (role.Path?.startsWith('/aws-service-role/')) continue; // service-linked: trust is owned by AWS
        const target = { region: GLOBAL_REGION, resourceType: 'AWS::IAM::Role', resourceId: role.Arn, resourceName: role.RoleName };
        const parsed = parsePolicy(role.AssumeRolePolicyDocument);
        if (!parsed.ok) {
          out.notEvaluated(target, `Not evaluated. Trust policy of role "${role.RoleName}": ${parsed.error}.`, apiEvidence({ RoleName: role.RoleName, AssumeRolePolicyDocument: role.AssumeRolePolicyDocument }, provenance.authorizationDetails));
          continue;
        }
        const evidence = apiEvidence({ RoleName: role.RoleName, Arn: role.Arn, AssumeRolePolicyDocument: parsed.document }, provenance.authorizationDetails);
        let anyone = false;
        const exposed = new Set<string>();
        const guarded = new Set<string>();
        for (const statement of statementsOf(parsed.document)) {
          if (statement.Effect !== 'Allow' || !values(statement.Action).some((a) => /^sts:(AssumeRole|\*)$|^\*$/i.test(a))) continue;
          const keys = conditionKeys(statement);
          const guardedStatement = keys.some((k) => GUARD_KEYS.includes(k));
          for (const account of principalAccounts(statement.Principal)) {
            if (account === inputs.accountId) continue;
            if (account === '*' && keys.length === 0) anyone = true;
            (guardedStatement ? guarded : exposed).add(account);
          }
        }
        if (anyone) out.fail('red', target, `Role "${role.RoleName}" can be assumed by any principal ("*") without conditions.`, evidence);
        else if (exposed.size) out.fail('yellow', target, `Role "${role.RoleName}" trusts account(s) ${[...exposed].join(', ')} without an sts:ExternalId condition.`, evidence);
        else if (guarded.size) out.pass(target, `Role "${role.RoleName}" requires sts:ExternalId or an organization condition from account(s) ${[...guarded].join(', ')}.`, evidence);
        else out.notApplicable(target, `Role "${role.RoleName}" trusts no other account.`, evidence);
      }
    });
    return out.list;
  },
};
