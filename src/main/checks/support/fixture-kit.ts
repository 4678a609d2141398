// Builders for check fixtures and synthetic benchmark inputs. Every input defaults to "collected and empty",
// so a fixture states only what it is about; `notCollected` marks an input the collector could not read.

import type { Provenance } from '../../../shared/domain';
import type {
  CheckInputs,
  ConfigurationItem,
  ConfigurationItemsByType,
  CredentialReportRow,
  Input,
  RegionInputs,
} from '../types';

export const FIXTURE_ACCOUNT = '111122223333';
export const FIXTURE_REGION = 'us-east-1';
/** The fixed "now" of all fixtures: ages are expressed relative to it with daysAgo(). */
export const FIXTURE_NOW = '2026-06-01T00:00:00.000Z';

export function provenance(service: string, operation: string, region = FIXTURE_REGION): Provenance {
  return { service, operation, params: {}, accountId: FIXTURE_ACCOUNT, region, retrievedAt: FIXTURE_NOW };
}

export function collected<T>(data: T, service = 'fixture', operation = 'Fixture', region = FIXTURE_REGION): Input<T> {
  return { state: 'collected', data, provenance: provenance(service, operation, region) };
}

export function notCollected(reason: string): { state: 'not-collected'; reason: string } {
  return { state: 'not-collected', reason };
}

export function daysAgo(days: number): string {
  return new Date(Date.parse(FIXTURE_NOW) - days * 86_400_000).toISOString();
}

export function ci(
  resourceType: string,
  resourceId: string,
  configuration: Record<string, unknown>,
  extra: Partial<ConfigurationItem> = {},
): ConfigurationItem {
  return {
    accountId: FIXTURE_ACCOUNT,
    awsRegion: extra.awsRegion ?? FIXTURE_REGION,
    resourceType,
    resourceId,
    configurationItemStatus: 'OK',
    configurationItemCaptureTime: daysAgo(1),
    configuration,
    ...extra,
  };
}

export function groupByType(items: ConfigurationItem[]): ConfigurationItemsByType {
  const byType: ConfigurationItemsByType = {};
  for (const item of items) (byType[item.resourceType] ??= []).push(item);
  return byType;
}

export function items(list: ConfigurationItem[], region = FIXTURE_REGION): Input<ConfigurationItemsByType> {
  return collected(groupByType(list), 'config', 'BatchGetResourceConfig', region);
}

export function regionInputs(region: string, overrides: Partial<Omit<RegionInputs, 'region'>> = {}): RegionInputs {
  return {
    region,
    configurationItems: collected({}, 'config', 'BatchGetResourceConfig', region),
    guardDutyDetectors: collected([], 'guardduty', 'ListDetectors', region),
    accessAnalyzers: collected([], 'access-analyzer', 'ListAnalyzers', region),
    configRecorders: collected({ recorders: [], statuses: [] }, 'config', 'DescribeConfigurationRecorderStatus', region),
    flowLogs: collected([], 'ec2', 'DescribeFlowLogs', region),
    ebsSnapshots: collected([], 'ec2', 'DescribeSnapshots', region),
    rdsSnapshotAttributes: collected([], 'rds', 'DescribeDBSnapshotAttributes', region),
    rdsClusterSnapshotAttributes: collected([], 'rds', 'DescribeDBClusterSnapshotAttributes', region),
    backupPlans: collected([], 'backup', 'ListBackupPlans', region),
    ...overrides,
  };
}

export function checkInputs(overrides: Partial<CheckInputs> = {}): CheckInputs {
  return {
    accountId: FIXTURE_ACCOUNT,
    evaluatedAt: FIXTURE_NOW,
    credentialReport: collected([], 'iam', 'GetCredentialReport'),
    accountSummary: collected({}, 'iam', 'GetAccountSummary'),
    passwordPolicy: collected('none', 'iam', 'GetAccountPasswordPolicy'),
    authorizationDetails: collected(
      { UserDetailList: [], GroupDetailList: [], RoleDetailList: [], Policies: [] },
      'iam',
      'GetAccountAuthorizationDetails',
    ),
    s3AccountPublicAccessBlock: collected('none', 's3-control', 'GetPublicAccessBlock'),
    cloudTrailTrails: collected([], 'cloudtrail', 'DescribeTrails'),
    regions: [regionInputs(FIXTURE_REGION)],
    ...overrides,
  };
}

/** Inputs with one region whose listed inputs are overridden. */
export function inRegion(overrides: Partial<Omit<RegionInputs, 'region'>>, account: Partial<CheckInputs> = {}): CheckInputs {
  return checkInputs({ ...account, regions: [regionInputs(FIXTURE_REGION, overrides)] });
}

export function credentialRow(user: string, overrides: Partial<CredentialReportRow> = {}): CredentialReportRow {
  const isRoot = user === '<root_account>';
  return {
    user,
    arn: isRoot ? `arn:aws:iam::${FIXTURE_ACCOUNT}:root` : `arn:aws:iam::${FIXTURE_ACCOUNT}:user/${user}`,
    user_creation_time: daysAgo(400),
    password_enabled: isRoot ? 'not_supported' : 'false',
    password_last_used: 'N/A',
    password_last_changed: isRoot ? 'not_supported' : 'N/A',
    password_next_rotation: isRoot ? 'not_supported' : 'N/A',
    mfa_active: 'false',
    access_key_1_active: 'false',
    access_key_1_last_rotated: 'N/A',
    access_key_1_last_used_date: 'N/A',
    access_key_1_last_used_region: 'N/A',
    access_key_1_last_used_service: 'N/A',
    access_key_2_active: 'false',
    access_key_2_last_rotated: 'N/A',
    access_key_2_last_used_date: 'N/A',
    access_key_2_last_used_region: 'N/A',
    access_key_2_last_used_service: 'N/A',
    cert_1_active: 'false',
    cert_1_last_rotated: 'N/A',
    cert_2_active: 'false',
    cert_2_last_rotated: 'N/A',
    ...overrides,
  };
}

/** A policy document encoded the way IAM returns it (URL-encoded JSON). */
export function iamEncoded(document: object): string {
  return encodeURIComponent(JSON.stringify(document));
}
