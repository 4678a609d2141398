// Rebuilds the built-in checks' inputs (CheckInputs) from stored evidence: the configuration items and the raw
// API responses a collection keeps, each with its provenance. The collector builds inputs this way right after
// collecting, and `evaluate` builds them the same way from a saved snapshot, so both run the checks on exactly
// what the snapshot proves. Pure: no Node, Electron or AWS imports.

import type { CollectionError, CoverageCell, Provenance } from '../../shared/domain';
import type {
  AccessAnalyzer,
  AccountPublicAccessBlockInput,
  AccountSummary,
  AuthorizationDetails,
  BackupPlanSummary,
  CheckInputs,
  ConfigRecorders,
  ConfigurationItem,
  ConfigurationItemsByType,
  CredentialReportRow,
  DbClusterSnapshotAttributes,
  DbSnapshotAttributes,
  EbsSnapshot,
  FlowLog,
  GuardDutyDetector,
  Input,
  PasswordPolicy,
  PasswordPolicyInput,
  PublicAccessBlock,
  RegionInputs,
  Trail,
} from '../checks/types';
import type { NewEvidence } from '../snapshot/writer-contract';

/** Region of account-wide evidence (IAM, S3 account settings, Trusted Advisor). */
export const GLOBAL = 'global';

/**
 * How each stored API response is recognised: its evidence resource type and resource id. These never collide
 * with a finding's resource (check evidence is stored under the resource it judges).
 */
export const INPUT_EVIDENCE = {
  credentialReport: { resourceType: 'AWS::IAM::CredentialReport', resourceId: 'credential-report', operations: ['GenerateCredentialReport', 'GetCredentialReport'] },
  accountSummary: { resourceType: 'AWS::IAM::AccountSummary', resourceId: 'account-summary', operations: ['GetAccountSummary'] },
  passwordPolicy: { resourceType: 'AWS::IAM::AccountPasswordPolicy', resourceId: 'password-policy', operations: ['GetAccountPasswordPolicy'] },
  authorizationDetails: {
    resourceType: 'AWS::IAM::AccountAuthorizationDetails',
    resourceId: 'authorization-details',
    operations: ['GetAccountAuthorizationDetails'],
  },
  s3AccountPublicAccessBlock: {
    resourceType: 'AWS::S3::AccountPublicAccessBlock',
    resourceId: 'account-public-access-block',
    operations: ['GetPublicAccessBlock'],
  },
  guardDutyDetectors: { resourceType: 'AWS::GuardDuty::Detector', resourceId: 'detectors', operations: ['ListDetectors', 'GetDetector'] },
  accessAnalyzers: { resourceType: 'AWS::AccessAnalyzer::Analyzer', resourceId: 'analyzers', operations: ['ListAnalyzers'] },
  configRecorders: { resourceType: 'AWS::Config::ConfigurationRecorder', resourceId: 'recorders', operations: ['DescribeConfigurationRecorders'] },
  configRecorderStatus: {
    resourceType: 'AWS::Config::ConfigurationRecorder',
    resourceId: 'recorder-status',
    operations: ['DescribeConfigurationRecorderStatus'],
  },
  // Read directly because AWS Config does not record them (or records trails without their logging status).
  cloudTrailTrails: { resourceType: 'AWS::CloudTrail::Trail', resourceId: 'trails', operations: ['DescribeTrails'] },
  cloudTrailStatuses: { resourceType: 'AWS::CloudTrail::Trail', resourceId: 'trail-statuses', operations: ['GetTrailStatus'] },
  flowLogs: { resourceType: 'AWS::EC2::FlowLog', resourceId: 'flow-logs', operations: ['DescribeFlowLogs'] },
  ebsSnapshots: { resourceType: 'AWS::EC2::Snapshot', resourceId: 'snapshots', operations: ['DescribeSnapshots'] },
  ebsSnapshotPermissions: { resourceType: 'AWS::EC2::Snapshot', resourceId: 'create-volume-permissions', operations: ['DescribeSnapshotAttribute'] },
  // RDS stores identifiers in lower case, so these ids never name a real DB snapshot (whose findings share the type).
  rdsSnapshots: { resourceType: 'AWS::RDS::DBSnapshot', resourceId: 'ManualSnapshots', operations: ['DescribeDBSnapshots'] },
  rdsSnapshotAttributes: { resourceType: 'AWS::RDS::DBSnapshot', resourceId: 'SnapshotAttributes', operations: ['DescribeDBSnapshotAttributes'] },
  rdsClusterSnapshots: { resourceType: 'AWS::RDS::DBClusterSnapshot', resourceId: 'ManualClusterSnapshots', operations: ['DescribeDBClusterSnapshots'] },
  rdsClusterSnapshotAttributes: { resourceType: 'AWS::RDS::DBClusterSnapshot', resourceId: 'ClusterSnapshotAttributes', operations: ['DescribeDBClusterSnapshotAttributes'] },
  backupPlans: { resourceType: 'AWS::Backup::BackupPlan', resourceId: 'backup-plans', operations: ['ListBackupPlans'] },
} as const;

export type InputEvidenceKind = keyof typeof INPUT_EVIDENCE;

/** Stored bodies of the responses that can answer "there is none" (NoSuchEntity and the like). */
export interface PasswordPolicyBody {
  PasswordPolicy: PasswordPolicy | null;
  ErrorCode?: string;
  Message?: string;
}
export interface PublicAccessBlockBody {
  PublicAccessBlockConfiguration: PublicAccessBlock | null;
  ErrorCode?: string;
  Message?: string;
}
export interface CredentialReportBody {
  GeneratedTime?: string;
  ReportFormat?: string;
  /** The CSV exactly as IAM returned it (decoded from the base64 blob). */
  Content: string;
}

/** Operations whose evidence rows hold configuration items (direct or through an aggregator). */
const CONFIGURATION_ITEM_OPERATIONS = new Set(['BatchGetResourceConfig', 'BatchGetAggregateResourceConfig', 'SelectResourceConfig', 'SelectAggregateResourceConfig']);

export interface AccountEvidence {
  accountId: string;
  /** Evidence of this account in store order (oldest first). */
  evidence: readonly NewEvidence[];
  /** Coverage of this account's regions: which regions exist and whether Config was collected there. */
  coverage: readonly CoverageCell[];
  /** Collection errors of this account: the reason an input is missing. */
  errors: readonly CollectionError[];
  /** Why no direct API input could be collected at all (e.g. aggregator scope: no credentials in the account). */
  directInputsUnavailable?: string;
}

/** Coverage regions that are real AWS regions (not the account-wide or unreachable-account markers). */
export function regionsOf(coverage: readonly CoverageCell[]): string[] {
  return [...new Set(coverage.map((c) => c.region).filter((r) => /^[a-z]{2}(-[a-z]+)+-\d+$/.test(r)))].sort();
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A stored configuration item: the parsed item as the collector kept it (not a check's slice of one). */
function asConfigurationItem(evidence: NewEvidence): ConfigurationItem | null {
  const body = evidence.body;
  if (evidence.kind !== 'configuration-item' || !isRecord(body)) return null;
  if (!CONFIGURATION_ITEM_OPERATIONS.has(evidence.provenance.operation)) return null;
  if (body.resourceType !== evidence.resourceType || body.resourceId !== evidence.resourceId || !('configuration' in body)) return null;
  const configuration = isRecord(body.configuration) ? body.configuration : {};
  const item = { ...body, configuration } as unknown as ConfigurationItem;
  item.accountId = typeof body.accountId === 'string' ? body.accountId : evidence.accountId;
  item.awsRegion = typeof body.awsRegion === 'string' ? body.awsRegion : evidence.region;
  return item;
}

/** RFC 4180 CSV (IAM's credential report): quoted fields, doubled quotes, CRLF or LF line ends. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.length > 1 || r[0] !== '');
}

const REPORT_COLUMNS: (keyof CredentialReportRow)[] = ['user', 'arn', 'password_enabled', 'mfa_active', 'access_key_1_active', 'access_key_2_active'];

/** The credential report's rows, named by its header; throws naming the problem when the CSV is not a report. */
export function credentialReportRows(csv: string): CredentialReportRow[] {
  const [header, ...rows] = parseCsv(csv);
  if (!header) throw new Error('the credential report is empty');
  const missing = REPORT_COLUMNS.filter((column) => !header.includes(column));
  if (missing.length) throw new Error(`the credential report has no column ${missing.join(', ')}`);
  return rows.map((cells) => Object.fromEntries(header.map((name, i) => [name, cells[i] ?? ''])) as unknown as CredentialReportRow);
}

interface Found {
  body: unknown;
  provenance: Provenance;
}

/**
 * Builds one account's CheckInputs. An input is 'collected' only when its stored response is present; otherwise
 * it is 'not-collected' with the recorded error (or the reason the region was not collected), never empty data.
 */
export function buildCheckInputs(source: AccountEvidence, evaluatedAt: string): CheckInputs {
  const { accountId } = source;
  const stored = new Map<string, Found>();
  const itemsByRegion = new Map<string, { items: Map<string, ConfigurationItem>; provenance: Provenance }>();
  for (const evidence of source.evidence) {
    const item = asConfigurationItem(evidence);
    if (item) {
      let region = itemsByRegion.get(evidence.region);
      if (!region) itemsByRegion.set(evidence.region, (region = { items: new Map(), provenance: evidence.provenance }));
      // The first stored item of a resource is the collected one; later rows with the same key are check slices.
      const key = `${item.resourceType}\u0000${item.resourceId}`;
      if (!region.items.has(key)) region.items.set(key, item);
      continue;
    }
    if (evidence.kind !== 'api-response' || evidence.resourceType === undefined) continue;
    const key = `${evidence.resourceType}\u0000${evidence.resourceId ?? ''}\u0000${evidence.region}`;
    // The latest response wins (a resumed collection may have asked twice).
    stored.set(key, { body: evidence.body, provenance: evidence.provenance });
  }

  const errorFor = (kind: InputEvidenceKind, region: string): string | null => {
    const operations: readonly string[] = INPUT_EVIDENCE[kind].operations;
    const error = [...source.errors].reverse().find((e) => e.region === region && operations.includes(e.operation));
    return error ? `${error.operation} failed: ${error.code}: ${error.message}` : null;
  };
  const missing = (kind: InputEvidenceKind, region: string): { state: 'not-collected'; reason: string } => ({
    state: 'not-collected',
    reason:
      errorFor(kind, region) ??
      source.directInputsUnavailable ??
      `no ${INPUT_EVIDENCE[kind].operations.join('/')} response is stored for account ${accountId}${region === GLOBAL ? '' : ` in ${region}`}`,
  });
  const lookup = (kind: InputEvidenceKind, region: string): Found | undefined =>
    stored.get(`${INPUT_EVIDENCE[kind].resourceType}\u0000${INPUT_EVIDENCE[kind].resourceId}\u0000${region}`);
  /** The stored response turned into the input's data; a body that cannot be read is a reason, not a crash. */
  const input = <T>(kind: InputEvidenceKind, region: string, read: (body: unknown) => T): Input<T> => {
    const found = lookup(kind, region);
    if (!found) return missing(kind, region);
    try {
      return { state: 'collected', data: read(found.body), provenance: found.provenance };
    } catch (error) {
      return { state: 'not-collected', reason: `the stored ${INPUT_EVIDENCE[kind].operations.join('/')} response cannot be read: ${error instanceof Error ? error.message : String(error)}` };
    }
  };

  /** Why a per-resource read (snapshot attributes) left a resource unread in a region. */
  const unreadReason = (kind: InputEvidenceKind, region: string): string =>
    errorFor(kind, region) ?? `no ${INPUT_EVIDENCE[kind].operations.join('/')} response is stored for it in ${region}`;

  /** DescribeSnapshots with each snapshot's createVolumePermission merged in, or the reason it was not read. */
  const ebsSnapshotsIn = (region: string): Input<EbsSnapshot[]> => {
    const listed = input('ebsSnapshots', region, (body) => arrayBody(body) as EbsSnapshot[]);
    if (listed.state !== 'collected') return listed;
    const permissions = new Map<string, EbsSnapshot['CreateVolumePermissions']>();
    const read = lookup('ebsSnapshotPermissions', region);
    if (read && Array.isArray(read.body)) {
      for (const entry of read.body as { SnapshotId?: string; CreateVolumePermissions?: EbsSnapshot['CreateVolumePermissions'] }[]) {
        if (entry.SnapshotId) permissions.set(entry.SnapshotId, entry.CreateVolumePermissions ?? []);
      }
    }
    const data = listed.data.map((snapshot): EbsSnapshot => {
      const granted = permissions.get(snapshot.SnapshotId);
      return granted ? { ...snapshot, CreateVolumePermissions: granted } : { ...snapshot, CreateVolumePermissionsNotRead: unreadReason('ebsSnapshotPermissions', region) };
    });
    return { ...listed, data };
  };

  /** The restore attribute of each manual DB snapshot DescribeDBSnapshots listed, or the reason it was not read. */
  const rdsSnapshotAttributesIn = (region: string): Input<DbSnapshotAttributes[]> => {
    const listed = input('rdsSnapshots', region, (body) => arrayBody(body) as { DBSnapshotIdentifier?: string }[]);
    if (listed.state !== 'collected') return listed;
    const read = lookup('rdsSnapshotAttributes', region);
    const attributes = new Map<string, DbSnapshotAttributes>();
    if (read && Array.isArray(read.body)) for (const entry of read.body as DbSnapshotAttributes[]) if (entry.DBSnapshotIdentifier) attributes.set(entry.DBSnapshotIdentifier, entry);
    const data = listed.data.flatMap((snapshot): DbSnapshotAttributes[] => {
      const id = snapshot.DBSnapshotIdentifier;
      if (!id) return [];
      return [attributes.get(id) ?? { DBSnapshotIdentifier: id, NotReadReason: unreadReason('rdsSnapshotAttributes', region) }];
    });
    return { state: 'collected', data, provenance: read?.provenance ?? listed.provenance };
  };

  /** The same for manual Aurora DB cluster snapshots. */
  const rdsClusterSnapshotAttributesIn = (region: string): Input<DbClusterSnapshotAttributes[]> => {
    const listed = input('rdsClusterSnapshots', region, (body) => arrayBody(body) as { DBClusterSnapshotIdentifier?: string; StorageEncrypted?: boolean }[]);
    if (listed.state !== 'collected') return listed;
    const read = lookup('rdsClusterSnapshotAttributes', region);
    const attributes = new Map<string, DbClusterSnapshotAttributes>();
    if (read && Array.isArray(read.body)) {
      for (const entry of read.body as DbClusterSnapshotAttributes[]) if (entry.DBClusterSnapshotIdentifier) attributes.set(entry.DBClusterSnapshotIdentifier, entry);
    }
    const data = listed.data.flatMap((snapshot): DbClusterSnapshotAttributes[] => {
      const id = snapshot.DBClusterSnapshotIdentifier;
      if (!id) return [];
      const read = attributes.get(id) ?? { DBClusterSnapshotIdentifier: id, NotReadReason: unreadReason('rdsClusterSnapshotAttributes', region) };
      return [typeof snapshot.StorageEncrypted === 'boolean' ? { ...read, StorageEncrypted: snapshot.StorageEncrypted } : read];
    });
    return { state: 'collected', data, provenance: read?.provenance ?? listed.provenance };
  };

  /**
   * Trails from every region's DescribeTrails, each once (the listing from its home region when there is one), with
   * its GetTrailStatus merged in as Status. Any failed call of either leaves the input not collected: a trail
   * missed or a status unread could turn into a wrong judgement either way.
   */
  const trailsIn = (): Input<Trail[]> => {
    const failed = [...source.errors].reverse().find((e) => e.operation === 'DescribeTrails' || e.operation === 'GetTrailStatus');
    if (failed) return { state: 'not-collected', reason: `${failed.operation} failed in ${failed.region}: ${failed.code}: ${failed.message}` };
    const listings = regions.flatMap((region) => {
      const found = lookup('cloudTrailTrails', region);
      return found ? [{ region, found }] : [];
    });
    if (listings.length === 0) {
      return {
        state: 'not-collected',
        reason: source.directInputsUnavailable ?? `no DescribeTrails response is stored for account ${accountId}${regions.length ? ` in ${regions.join(', ')}` : ''}`,
      };
    }
    const statuses = new Map<string, Record<string, unknown>>();
    for (const region of regions) {
      const found = lookup('cloudTrailStatuses', region);
      if (found && Array.isArray(found.body)) for (const status of found.body as Record<string, unknown>[]) if (typeof status.TrailARN === 'string') statuses.set(status.TrailARN, status);
    }
    const trails = new Map<string, Trail>();
    try {
      for (const { region, found } of listings) {
        for (const listed of arrayBody(found.body) as Record<string, unknown>[]) {
          const arn = typeof listed.TrailARN === 'string' ? listed.TrailARN : undefined;
          if (!arn || (trails.has(arn) && listed.HomeRegion !== region)) continue;
          trails.set(arn, trailOf(listed, arn, statuses.get(arn)));
        }
      }
    } catch (error) {
      return { state: 'not-collected', reason: `the stored DescribeTrails response cannot be read: ${error instanceof Error ? error.message : String(error)}` };
    }
    return { state: 'collected', data: [...trails.values()], provenance: listings[0].found.provenance };
  };

  const coverageOf = new Map(source.coverage.map((c) => [c.region, c]));
  const regions = regionsOf(source.coverage);
  const regionInputs: RegionInputs[] = regions.map((region) => {
    const cell = coverageOf.get(region);
    const configCollected = cell !== undefined && (cell.state === 'collected' || cell.state === 'partial');
    const found = itemsByRegion.get(region);
    let configurationItems: Input<ConfigurationItemsByType>;
    if (configCollected) {
      const byType: ConfigurationItemsByType = {};
      for (const item of found?.items.values() ?? []) {
        (byType[item.resourceType] ??= []).push(item);
      }
      configurationItems = {
        state: 'collected',
        data: byType,
        provenance: found?.provenance ?? { service: 'config', operation: 'BatchGetResourceConfig', params: {}, accountId, region, retrievedAt: evaluatedAt },
      };
    } else {
      configurationItems = { state: 'not-collected', reason: cell ? `AWS Config was not collected in ${region} (${cell.state}): ${cell.reason}` : `${region} was not collected` };
    }
    const recorders = lookup('configRecorders', region);
    const statuses = lookup('configRecorderStatus', region);
    const configRecorders: Input<ConfigRecorders> =
      recorders && statuses
        ? {
            state: 'collected',
            data: { recorders: arrayBody(recorders.body) as ConfigRecorders['recorders'], statuses: arrayBody(statuses.body) as ConfigRecorders['statuses'] },
            provenance: statuses.provenance,
          }
        : missing(recorders ? 'configRecorderStatus' : 'configRecorders', region);
    return {
      region,
      configurationItems,
      guardDutyDetectors: input('guardDutyDetectors', region, (body) => arrayBody(body) as GuardDutyDetector[]),
      accessAnalyzers: input('accessAnalyzers', region, (body) => arrayBody(body) as AccessAnalyzer[]),
      configRecorders,
      flowLogs: input('flowLogs', region, (body) => arrayBody(body) as FlowLog[]),
      ebsSnapshots: ebsSnapshotsIn(region),
      rdsSnapshotAttributes: rdsSnapshotAttributesIn(region),
      rdsClusterSnapshotAttributes: rdsClusterSnapshotAttributesIn(region),
      backupPlans: input('backupPlans', region, (body) => arrayBody(body) as BackupPlanSummary[]),
    };
  });

  return {
    accountId,
    evaluatedAt,
    credentialReport: input('credentialReport', GLOBAL, (body) => {
      if (!isRecord(body) || typeof body.Content !== 'string') throw new Error('it has no CSV content');
      return credentialReportRows(body.Content);
    }),
    accountSummary: input('accountSummary', GLOBAL, (body) => {
      if (!isRecord(body)) throw new Error('it is not a summary map');
      return body as AccountSummary;
    }),
    passwordPolicy: input('passwordPolicy', GLOBAL, (body): PasswordPolicyInput => {
      if (!isRecord(body) || !('PasswordPolicy' in body)) throw new Error('it has no PasswordPolicy member');
      return isRecord(body.PasswordPolicy) ? (body.PasswordPolicy as PasswordPolicy) : 'none';
    }),
    authorizationDetails: input('authorizationDetails', GLOBAL, (body) => {
      if (!isRecord(body)) throw new Error('it is not an object');
      return {
        UserDetailList: arrayBody(body.UserDetailList),
        GroupDetailList: arrayBody(body.GroupDetailList),
        RoleDetailList: arrayBody(body.RoleDetailList),
        Policies: arrayBody(body.Policies),
      } as AuthorizationDetails;
    }),
    s3AccountPublicAccessBlock: input('s3AccountPublicAccessBlock', GLOBAL, (body): AccountPublicAccessBlockInput => {
      if (!isRecord(body) || !('PublicAccessBlockConfiguration' in body)) throw new Error('it has no PublicAccessBlockConfiguration member');
      return isRecord(body.PublicAccessBlockConfiguration) ? (body.PublicAccessBlockConfiguration as PublicAccessBlock) : 'none';
    }),
    cloudTrailTrails: trailsIn(),
    regions: regionInputs,
  };
}

function arrayBody(body: unknown): unknown[] {
  if (!Array.isArray(body)) throw new Error('it is not a list');
  return body;
}

/** The members of a DescribeTrails entry the checks read, with GetTrailStatus as Status. */
function trailOf(listed: Record<string, unknown>, arn: string, status: Record<string, unknown> | undefined): Trail {
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  const flag = (value: unknown) => (typeof value === 'boolean' ? value : undefined);
  const trail: Trail = { Name: text(listed.Name) ?? arn, TrailARN: arn, HomeRegion: text(listed.HomeRegion) ?? '' };
  const optional: Partial<Trail> = {
    S3BucketName: text(listed.S3BucketName),
    IsMultiRegionTrail: flag(listed.IsMultiRegionTrail),
    IsOrganizationTrail: flag(listed.IsOrganizationTrail),
    LogFileValidationEnabled: flag(listed.LogFileValidationEnabled),
    IncludeGlobalServiceEvents: flag(listed.IncludeGlobalServiceEvents),
    KmsKeyId: text(listed.KmsKeyId),
  };
  for (const [key, value] of Object.entries(optional)) if (value !== undefined) Object.assign(trail, { [key]: value });
  if (status) {
    trail.Status = {};
    if (flag(status.IsLogging) !== undefined) trail.Status.IsLogging = flag(status.IsLogging);
    if (text(status.LatestDeliveryError)) trail.Status.LatestDeliveryError = text(status.LatestDeliveryError);
    if (text(status.LatestDeliveryTime)) trail.Status.LatestDeliveryTime = text(status.LatestDeliveryTime);
  }
  return trail;
}
