// The shipped IAM artifacts grant exactly what the collector uses: no more, no less.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALLOWED_OPERATIONS } from '../../../src/main/collect/operations';

const iamDir = join(import.meta.dirname, '..', '..', '..', 'resources', 'iam');

interface Statement {
  Sid?: string;
  Effect: string;
  Action: string | string[];
  Resource: string | string[];
  Condition?: unknown;
}
interface PolicyDocument {
  Version: string;
  Statement: Statement[];
}

const policy = JSON.parse(readFileSync(join(iamDir, 'triad-auditor-policy.json'), 'utf8')) as PolicyDocument;
const actionsOf = (doc: PolicyDocument) => doc.Statement.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));

/** The template is written in the JSON subset of YAML after its comment header, so YAML and JSON read it alike. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a CloudFormation template is open-ended; the test walks it by name
function readTemplate(): Record<string, any> {
  const text = readFileSync(join(iamDir, 'triad-auditor-role.yaml'), 'utf8');
  const body = text
    .split('\n')
    .filter((line) => !line.startsWith('#'))
    .join('\n');
  return JSON.parse(body);
}

describe('triad-auditor-policy.json', () => {
  it('allows exactly the IAM actions of the operations the auditor role performs', () => {
    const needed = ALLOWED_OPERATIONS.filter((o) => o.grantedTo === 'auditor-role').map((o) => o.iamAction);
    const granted = actionsOf(policy);
    expect(new Set(granted).size).toBe(granted.length);
    expect([...granted].sort()).toEqual([...needed].sort());
  });

  it('only allows, never uses wildcards in actions, and needs nothing for the operations AWS grants to everyone', () => {
    expect(policy.Version).toBe('2012-10-17');
    for (const statement of policy.Statement) {
      expect(statement.Effect).toBe('Allow');
      for (const action of Array.isArray(statement.Action) ? statement.Action : [statement.Action]) expect(action).not.toContain('*');
    }
    expect(actionsOf(policy)).not.toContain('sts:GetCallerIdentity');
    // sts:AssumeRole belongs to the auditor principal, which the role's trust policy names; not to the role.
    expect(actionsOf(policy)).not.toContain('sts:AssumeRole');
    expect(ALLOWED_OPERATIONS.find((o) => o.operation === 'AssumeRole')?.grantedTo).toBe('auditor-principal');
  });
});

describe('triad-auditor-role.yaml', () => {
  const template = readTemplate();
  const role = template.Resources.TriadAuditorRole;

  it('is a CloudFormation template with StackSet-ready parameters', () => {
    expect(template.AWSTemplateFormatVersion).toBe('2010-09-09');
    expect(role.Type).toBe('AWS::IAM::Role');
    const parameters = template.Parameters as Record<string, { Default?: unknown }>;
    expect(Object.keys(parameters).sort()).toEqual(['AuditorAccountId', 'AuditorPrincipalArn', 'ExternalId', 'MaxSessionDuration', 'RequireMfa', 'RoleName']);
    // A StackSet deploys the same parameters everywhere: everything but the auditor account has a default.
    expect(Object.entries(parameters).filter(([, p]) => p.Default === undefined).map(([name]) => name)).toEqual(['AuditorAccountId']);
    expect(template.Outputs.RoleArn.Value).toEqual({ 'Fn::GetAtt': ['TriadAuditorRole', 'Arn'] });
  });

  it('trusts the auditor account, with the ExternalId condition when one is given', () => {
    const [trust] = role.Properties.AssumeRolePolicyDocument.Statement;
    expect(trust.Action).toBe('sts:AssumeRole');
    expect(JSON.stringify(trust.Principal)).toContain('arn:${AWS::Partition}:iam::${AuditorAccountId}:root');
    const condition = JSON.stringify(trust.Condition);
    expect(condition).toContain('"HasExternalId"');
    expect(condition).toContain('{"sts:ExternalId":{"Ref":"ExternalId"}}');
    expect(template.Conditions.HasExternalId).toEqual({ 'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'ExternalId' }, ''] }] });
    expect(template.Parameters.ExternalId.NoEcho).toBe(true);
  });

  it('carries exactly the JSON policy inline', () => {
    const inline = role.Properties.Policies as { PolicyName: string; PolicyDocument: PolicyDocument }[];
    expect(inline).toHaveLength(1);
    expect(inline[0].PolicyDocument).toEqual(policy);
    expect(role.Properties.ManagedPolicyArns).toBeUndefined();
  });
});
