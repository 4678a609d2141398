import type { AttachedPolicy, Check, InlinePolicy, ManagedPolicyDetail } from './types';
import { Findings, GLOBAL_REGION, apiEvidence, withAccountInputs, type Target } from './support/findings';
import { grantsFullAdmin, parsePolicy, statementsOf } from './support/policy';

const id = 'iam-policy-full-admin';
/** AWS documents this policy as Allow "*" on "*"; recognized even when its document was not returned. */
const ADMINISTRATOR_ACCESS = 'arn:aws:iam::aws:policy/AdministratorAccess';

function isAwsManaged(arn: string): boolean {
  return /^arn:[^:]+:iam::aws:policy\//.test(arn);
}

function defaultDocument(policy: ManagedPolicyDetail): string | undefined {
  return policy.PolicyVersionList?.find((v) => v.IsDefaultVersion)?.Document;
}

export const check: Check = {
  meta: {
    id,
    title: 'No policy grants "*:*"',
    description:
      'Checks customer managed policies (default version) and inline policies of users, groups and roles for an Allow statement with Action "*" on Resource "*", and flags users, groups and roles with an AWS managed full-access policy such as AdministratorAccess attached.',
    classification: {
      pillar: 'confidentiality',
      secondaryPillars: ['integrity', 'availability'],
      principles: ['strong-identity-foundation', 'keep-people-away-from-data'],
      layer: 'platform-applications-iam',
      severity: 'high',
      rationale: 'Full administrator policies defeat least privilege: any holder can read, change or delete everything.',
    },
    configRule: 'IAM_POLICY_NO_STATEMENTS_WITH_ADMIN_ACCESS',
    grading: {
      red: 'The policy has an Allow statement with Action "*" and Resource "*", or an identity has such an AWS managed policy attached.',
      green: 'No statement grants "*" on "*".',
    },
    remediation: 'Replace the statement with the specific actions and resources the identity needs; reserve administrator access for a few break-glass roles.',
    references: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege',
      'https://docs.aws.amazon.com/config/latest/developerguide/iam-policy-no-statements-with-admin-access.html',
    ],
  },
  inputs: ['authorizationDetails'],
  evaluate(inputs) {
    const out = new Findings(id, inputs.accountId);
    withAccountInputs(inputs, ['authorizationDetails'], out, ({ authorizationDetails }, provenance) => {
      const judge = (target: Target, label: string, document: string | undefined) => {
        const parsed = parsePolicy(document);
        if (!parsed.ok) {
          out.notEvaluated(target, `Not evaluated. ${label}: ${parsed.error}.`, apiEvidence({ policy: label, document }, provenance.authorizationDetails));
          return;
        }
        const admin = statementsOf(parsed.document).filter(grantsFullAdmin);
        const evidence = apiEvidence({ policy: label, document: parsed.document }, provenance.authorizationDetails);
        if (admin.length) out.fail('red', target, `${label} allows Action "*" on Resource "*".`, evidence);
        else out.pass(target, `${label} does not grant "*" on "*".`, evidence);
      };
      const inline = (resourceType: string, arn: string, name: string, policies: InlinePolicy[] | undefined) => {
        for (const policy of policies ?? []) {
          judge({ region: GLOBAL_REGION, resourceType, resourceId: `${arn}#inline/${policy.PolicyName}`, resourceName: name }, `Inline policy "${policy.PolicyName}" of ${name}`, policy.PolicyDocument);
        }
      };
      // AWS managed policies are not the customer's to change: what matters is who has a full-access one attached.
      const awsFullAccess = new Set([ADMINISTRATOR_ACCESS]);
      for (const policy of authorizationDetails.Policies) {
        if (isAwsManaged(policy.Arn)) {
          const parsed = parsePolicy(defaultDocument(policy));
          if (parsed.ok && statementsOf(parsed.document).some(grantsFullAdmin)) awsFullAccess.add(policy.Arn);
          continue;
        }
        judge({ region: GLOBAL_REGION, resourceType: 'AWS::IAM::Policy', resourceId: policy.Arn, resourceName: policy.PolicyName }, `Policy "${policy.PolicyName}"`, defaultDocument(policy));
      }
      const attached = (resourceType: string, arn: string, name: string, policies: AttachedPolicy[] | undefined) => {
        for (const policy of policies ?? []) {
          if (!awsFullAccess.has(policy.PolicyArn)) continue;
          const target = { region: GLOBAL_REGION, resourceType, resourceId: `${arn}#managed/${policy.PolicyName}`, resourceName: name };
          out.fail('red', target, `${name} has the AWS managed policy ${policy.PolicyName} attached, which allows Action "*" on Resource "*".`, apiEvidence({ identity: arn, attachedPolicy: policy }, provenance.authorizationDetails));
        }
      };
      for (const user of authorizationDetails.UserDetailList) {
        inline('AWS::IAM::User', user.Arn, `user ${user.UserName}`, user.UserPolicyList);
        attached('AWS::IAM::User', user.Arn, `user ${user.UserName}`, user.AttachedManagedPolicies);
      }
      for (const group of authorizationDetails.GroupDetailList) {
        inline('AWS::IAM::Group', group.Arn, `group ${group.GroupName}`, group.GroupPolicyList);
        attached('AWS::IAM::Group', group.Arn, `group ${group.GroupName}`, group.AttachedManagedPolicies);
      }
      for (const role of authorizationDetails.RoleDetailList) {
        inline('AWS::IAM::Role', role.Arn, `role ${role.RoleName}`, role.RolePolicyList);
        attached('AWS::IAM::Role', role.Arn, `role ${role.RoleName}`, role.AttachedManagedPolicies);
      }
    });
    return out.list;
  },
};
