// The fictional organization behind the demo snapshot: accounts, OUs, regions, and where collection failed.
// Fixed (not seeded) so end-to-end tests and documentation can name accounts and regions.

import type { Account } from '../../shared/domain';

export type Environment = 'management' | 'security' | 'prod' | 'dev' | 'sandbox';

export interface DemoAccount extends Account {
  environment: Environment;
}

export const DEMO_REGIONS = ['us-east-1', 'eu-west-1', 'eu-central-1', 'ap-southeast-2'] as const;
/** Where Config records global resources (IAM) and account-wide evaluations run. */
export const HOME_REGION = 'us-east-1';

export const MANAGEMENT_ACCOUNT_ID = '210987654321';
/** Receives the organization trail and owns its KMS key. */
export const LOG_ARCHIVE_ACCOUNT_ID = '310000000102';
export const AUDITOR_ROLE = 'TriadAuditor';
export const AUDITOR_SESSION = 'triad-demo';

function account(id: string, name: string, ouPath: string, environment: Environment): DemoAccount {
  return { id, name, ouPath, email: `aws+${name}@example.com`, environment };
}

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  account(MANAGEMENT_ACCOUNT_ID, 'org-management', 'Root', 'management'),
  account('310000000101', 'security-tooling', 'Root/Security', 'security'),
  account(LOG_ARCHIVE_ACCOUNT_ID, 'log-archive', 'Root/Security', 'security'),
  account('420000000201', 'payments-prod', 'Root/Workloads/Prod', 'prod'),
  account('420000000202', 'storefront-prod', 'Root/Workloads/Prod', 'prod'),
  account('420000000203', 'data-platform-prod', 'Root/Workloads/Prod', 'prod'),
  account('420000000204', 'shared-services-prod', 'Root/Workloads/Prod', 'prod'),
  account('530000000301', 'payments-dev', 'Root/Workloads/Dev', 'dev'),
  account('530000000302', 'storefront-dev', 'Root/Workloads/Dev', 'dev'),
  account('530000000303', 'data-platform-dev', 'Root/Workloads/Dev', 'dev'),
  account('640000000401', 'sandbox-research', 'Root/Sandbox', 'sandbox'),
  account('640000000402', 'sandbox-training', 'Root/Sandbox', 'sandbox'),
];

/** How much more often than the rule's base rate resources in each environment fail (prod better than sandbox). */
export const FAILURE_FACTOR: Record<Environment, number> = {
  management: 0.5,
  security: 0.35,
  prod: 0.55,
  dev: 1.3,
  sandbox: 2.2,
};

/** Relative number of resources per account by environment. */
export const ACCOUNT_WEIGHT: Record<Environment, number> = {
  management: 0.4,
  security: 0.6,
  prod: 1.5,
  dev: 1.0,
  sandbox: 0.5,
};

export const REGION_WEIGHT: Record<(typeof DEMO_REGIONS)[number], number> = {
  'us-east-1': 1.0,
  'eu-west-1': 0.7,
  'eu-central-1': 0.5,
  'ap-southeast-2': 0.3,
};

/** The account whose auditor role is denied every Config call (its SCP blocks config:*). */
export const ACCESS_DENIED_ACCOUNT_ID = '640000000402';
/** An account × region where AWS Config was never turned on. */
export const CONFIG_NOT_ENABLED = { accountId: '530000000303', region: 'ap-southeast-2' } as const;
/** The account × region whose resources carry hostile tag values and names. */
export const HOSTILE_CELL = { accountId: '530000000302', region: HOME_REGION } as const;

export function auditorSessionArn(accountId: string): string {
  return `arn:aws:sts::${accountId}:assumed-role/${AUDITOR_ROLE}/${AUDITOR_SESSION}`;
}
