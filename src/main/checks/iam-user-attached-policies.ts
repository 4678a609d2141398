import type { Check } from './types';
import { Findings, GLOBAL_REGION, apiEvidence, withAccountInputs } from './support/findings';

const id = 'iam-user-attached-policies';

export const check: Check = {
  meta: {
    id,
    title: 'Permissions granted through groups, not users',
    description: 'Checks the account authorization details for IAM users with managed or inline policies attached directly to them.',
    classification: {
      pillar: 'confidentiality',
      secondaryPillars: ['integrity'],
      principles: ['strong-identity-foundation'],
      layer: 'platform-applications-iam',
      severity: 'low',
      rationale: 'Per-user permissions drift and are hard to review; groups keep access consistent and auditable.',
    },
    configRule: 'IAM_USER_NO_POLICIES_CHECK',
    grading: {
      yellow: 'The user has at least one managed or inline policy attached directly.',
      green: 'The user receives permissions only through groups.',
    },
    remediation: 'Move the permissions to an IAM group (or to roles), add the user to that group and detach the user policies.',
    references: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_groups_manage_attach-policy.html',
      'https://docs.aws.amazon.com/config/latest/developerguide/iam-user-no-policies-check.html',
    ],
  },
  inputs: ['authorizationDetails'],
  evaluate(inputs) {
    const out = new Findings(id, inputs.accountId);
    withAccountInputs(inputs, ['authorizationDetails'], out, ({ authorizationDetails }, provenance) => {
      for (const user of authorizationDetails.UserDetailList) {
        const managed = user.AttachedManagedPolicies ?? [];
        const inline = user.UserPolicyList ?? [];
        const target = { region: GLOBAL_REGION, resourceType: 'AWS::IAM::User', resourceId: user.Arn, resourceName: user.UserName };
        const evidence = apiEvidence(
          { UserName: user.UserName, Arn: user.Arn, GroupList: user.GroupList ?? [], AttachedManagedPolicies: managed, UserPolicyList: inline.map((p) => ({ PolicyName: p.PolicyName })) },
          provenance.authorizationDetails,
        );
        if (managed.length === 0 && inline.length === 0) {
          out.pass(target, 'No policy is attached directly to the user.', evidence);
          continue;
        }
        const names = [...managed.map((p) => `managed ${p.PolicyName}`), ...inline.map((p) => `inline ${p.PolicyName}`)];
        out.fail('yellow', target, `User "${user.UserName}" has policies attached directly: ${names.join(', ')}.`, evidence);
      }
    });
    return out.list;
  },
};
