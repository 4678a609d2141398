// Triad's domain vocabulary. Pure types and constants: imported by main, preload, renderer and tests alike,
// so nothing here may import Electron, the AWS SDK or Node built-ins.

export const PILLARS = ['confidentiality', 'integrity', 'availability'] as const;
export type Pillar = (typeof PILLARS)[number];

export const PILLAR_LABELS: Record<Pillar, string> = {
  confidentiality: 'Confidentiality',
  integrity: 'Integrity',
  availability: 'Availability',
};

/** The seven design principles of the AWS Well-Architected security pillar. */
export const PRINCIPLES = [
  'strong-identity-foundation',
  'traceability',
  'security-at-all-layers',
  'automate-security-best-practices',
  'protect-data-in-transit-and-at-rest',
  'keep-people-away-from-data',
  'prepare-for-security-events',
] as const;
export type Principle = (typeof PRINCIPLES)[number];

export const PRINCIPLE_LABELS: Record<Principle, string> = {
  'strong-identity-foundation': 'Implement a strong identity foundation',
  traceability: 'Maintain traceability',
  'security-at-all-layers': 'Apply security at all layers',
  'automate-security-best-practices': 'Automate security best practices',
  'protect-data-in-transit-and-at-rest': 'Protect data in transit and at rest',
  'keep-people-away-from-data': 'Keep people away from data',
  'prepare-for-security-events': 'Prepare for security events',
};

/** The customer's side of the AWS shared responsibility model ("security in the cloud"). */
export const LAYERS = [
  'customer-data',
  'platform-applications-iam',
  'os-network-firewall',
  'client-side-encryption',
  'server-side-encryption',
  'network-traffic-protection',
] as const;
export type Layer = (typeof LAYERS)[number];

export const LAYER_LABELS: Record<Layer, string> = {
  'customer-data': 'Customer data',
  'platform-applications-iam': 'Platform, applications, identity and access management',
  'os-network-firewall': 'Operating system, network and firewall configuration',
  'client-side-encryption': 'Client-side data encryption and data integrity authentication',
  'server-side-encryption': 'Server-side encryption (file system and/or data)',
  'network-traffic-protection': 'Networking traffic protection (encryption, integrity, identity)',
};

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'informational'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const STATUSES = [
  'COMPLIANT',
  'NON_COMPLIANT',
  'NOT_APPLICABLE',
  'INSUFFICIENT_DATA',
  'ERROR',
  'NOT_EVALUATED',
] as const;
export type ComplianceStatus = (typeof STATUSES)[number];

/** Where a control comes from. */
export const CONTROL_SOURCES = ['config-rule', 'conformance-pack', 'built-in', 'trusted-advisor'] as const;
export type ControlSource = (typeof CONTROL_SOURCES)[number];

export const CONTROL_SOURCE_LABELS: Record<ControlSource, string> = {
  'config-rule': 'AWS Config rule',
  'conformance-pack': 'Conformance pack rule',
  'built-in': 'Triad built-in check',
  'trusted-advisor': 'AWS Trusted Advisor',
};

export interface Account {
  id: string;
  name: string;
  /** e.g. "Root/Workloads/Prod"; empty when the organization structure was not collected. */
  ouPath: string;
  email?: string;
}

export interface Classification {
  pillar: Pillar;
  secondaryPillars: Pillar[];
  principles: Principle[];
  layer: Layer;
  severity: Severity;
  rationale: string;
}

/** How a control got its classification: never a silent guess. */
export type ClassificationOrigin = 'catalog' | 'override' | 'unclassified';

export interface Control {
  /** Stable id across accounts and regions, e.g. "config-rule:S3_BUCKET_PUBLIC_READ_PROHIBITED". */
  id: string;
  source: ControlSource;
  title: string;
  description: string;
  /** AWS managed rule identifier, built-in check id or Trusted Advisor check id. */
  sourceIdentifier: string;
  conformancePack?: string;
  /** null when the control is unknown to the catalog and overrides: shown as "Unclassified", never guessed. */
  classification: Classification | null;
  classificationOrigin: ClassificationOrigin;
  remediation?: string;
  references?: string[];
}

export interface Finding {
  id: number;
  controlId: string;
  accountId: string;
  region: string;
  resourceType: string;
  resourceId: string;
  resourceName?: string;
  /** The name the rule has in that account and region (AWS may suffix it, e.g. in conformance packs). */
  ruleName?: string;
  status: ComplianceStatus;
  annotation?: string;
  /** ISO-8601 times as AWS reported them: OrderingTimestamp, ResultRecordedTime, ConfigRuleInvokedTime. */
  evaluatedAt?: string;
  recordedAt?: string;
  invokedAt?: string;
  evidenceId?: number;
}

export interface Provenance {
  service: string;
  operation: string;
  /** Request parameters with secrets removed. */
  params: Record<string, unknown>;
  accountId: string;
  region: string;
  retrievedAt: string;
}

export interface Evidence {
  id: number;
  kind: 'configuration-item' | 'api-response';
  resourceType?: string;
  resourceId?: string;
  accountId: string;
  region: string;
  capturedAt?: string;
  /** Raw item as AWS returned it (configuration/supplementaryConfiguration already parsed from JSON strings). */
  body: unknown;
  provenance: Provenance;
}

export interface CollectionError {
  accountId: string;
  region: string;
  service: string;
  operation: string;
  code: string;
  message: string;
  at: string;
}

/** Pillar cards and routes also have the clearly marked group of unclassified controls. */
export type PillarKey = Pillar | 'unclassified';

export type CoverageState = 'collected' | 'partial' | 'failed' | 'not-enabled' | 'skipped';

export interface CoverageCell {
  accountId: string;
  region: string;
  state: CoverageState;
  /** Why it is not fully collected; empty when collected. */
  reason: string;
}

export interface CallerIdentity {
  account: string;
  arn: string;
  userId: string;
}

/**
 * Whether an account's real Trusted Advisor results could be read: 'not-available' is the account's support plan
 * (Support's SubscriptionRequiredException, or the Trusted Advisor API's AccessDeniedException naming the subscription),
 * a coverage note rather than a failure; 'not-collected' is a failed call.
 */
export interface TrustedAdvisorAvailability {
  state: 'available' | 'not-available' | 'not-collected';
  /** Empty when available. */
  note: string;
}

export interface SnapshotMeta {
  formatVersion: string;
  title: string;
  createdAt: string;
  triadVersion: string;
  /** Who collected: the caller identity of the collecting principal. */
  collectedBy: CallerIdentity | null;
  scope: { mode: 'self' | 'accounts' | 'organization' | 'aggregator' | 'demo'; description: string };
  catalogVersion: string;
  /** File name and digest of the user override file, when one was used. */
  overrides: { file: string; sha256: string; count: number } | null;
  isDemo: boolean;
  partial: boolean;
  /** Content digest: SHA-256 of the canonical serialization in docs/integrity.md; null in snapshots written without one. */
  digest: string | null;
  /** Trusted Advisor availability per account id, once per account (absent in snapshots without the checks phase). */
  trustedAdvisor?: Record<string, TrustedAdvisorAvailability>;
}
