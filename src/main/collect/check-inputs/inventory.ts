// The resources the built-in checks judge that AWS Config does not record, or records without the state they
// judge: CloudTrail trails with their logging status, VPC flow logs, EBS snapshots with their createVolumePermission,
// manual RDS DB snapshots and Aurora DB cluster snapshots with their restore attribute, and AWS Backup plans. Every response is kept as
// 'api-response' evidence (one row per region and operation); a failed call is a recorded error, never an empty list.

import { BackupClient, ListBackupPlansCommand, type BackupPlansListMember } from '@aws-sdk/client-backup';
import { CloudTrailClient, DescribeTrailsCommand, GetTrailStatusCommand, type Trail as SdkTrail } from '@aws-sdk/client-cloudtrail';
import { DescribeFlowLogsCommand, DescribeSnapshotAttributeCommand, DescribeSnapshotsCommand, EC2Client, type FlowLog, type Snapshot } from '@aws-sdk/client-ec2';
import {
  DescribeDBClusterSnapshotAttributesCommand,
  DescribeDBClusterSnapshotsCommand,
  DescribeDBSnapshotAttributesCommand,
  DescribeDBSnapshotsCommand,
  RDSClient,
  type DBClusterSnapshot,
  type DBSnapshot,
} from '@aws-sdk/client-rds';
import type { Provenance } from '../../../shared/domain';
import type { InputEvidenceKind } from '../../checks-collect/inputs';
import type { ClassifiedError } from '../errors';
import type { RefreshableTarget } from '../pair-run';
import { mapConcurrent } from '../rate-limit';
import type { AnyCommand, ClientConstructor, SdkClient } from '../runtime';
import type { GetOutputType } from '@smithy/types';

export type Attempt<T> = { ok: true; value: T } | { ok: false; error: ClassifiedError };

/** How the account's direct reads record what they got: kept responses, recorded errors, and the call itself. */
export interface InputRecorder {
  keep(kind: InputEvidenceKind, region: string, body: unknown, provenance: Provenance): void;
  fail(region: string, service: string, operation: string, error: Pick<ClassifiedError, 'code' | 'message'>): void;
  call<C extends AnyCommand>(target: RefreshableTarget, Ctor: ClientConstructor<SdkClient>, command: C): Promise<Attempt<{ output: GetOutputType<C>; provenance: Provenance }>>;
}

/**
 * Snapshot attributes cost one call per snapshot: at most this many per region and snapshot kind are read (newest
 * first). Beyond it an error says how many were left unread, and those snapshots are not evaluated.
 */
export const ATTRIBUTE_READS_PER_REGION = 1000;
/** The runtime's token buckets pace the calls; a few in flight keep the latency of each from adding up. */
const ATTRIBUTE_CONCURRENCY = 4;
/** Code of the error recorded when a region holds more snapshots than ATTRIBUTE_READS_PER_REGION. */
export const READ_LIMIT_CODE = 'TriadAttributeReadLimit';

/** JSON round trip: dates become ISO strings, as the snapshot stores them. */
const plain = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/**
 * CloudTrail: DescribeTrails in every region (shadow trails included, so a member account sees its organization's
 * trail and a region-limited collection still sees multi-region trails homed elsewhere), then GetTrailStatus once
 * per trail ARN, asked in the trail's home region when that region is collected.
 */
export async function collectTrails(recorder: InputRecorder, target: RefreshableTarget, regions: readonly string[]): Promise<void> {
  const askIn = new Map<string, string>();
  for (const region of regions) {
    const listed = await recorder.call({ ...target, region }, CloudTrailClient, new DescribeTrailsCommand({ includeShadowTrails: true }));
    if (!listed.ok) {
      recorder.fail(region, 'cloudtrail', 'DescribeTrails', listed.error);
      continue;
    }
    const trails: SdkTrail[] = listed.value.output.trailList ?? [];
    recorder.keep('cloudTrailTrails', region, plain(trails), listed.value.provenance);
    for (const trail of trails) {
      if (trail.TrailARN && (!askIn.has(trail.TrailARN) || trail.HomeRegion === region)) askIn.set(trail.TrailARN, region);
    }
  }
  const byRegion = new Map<string, string[]>();
  for (const [arn, region] of askIn) byRegion.set(region, [...(byRegion.get(region) ?? []), arn]);
  for (const [region, arns] of byRegion) {
    const statuses: unknown[] = [];
    let provenance: Provenance | undefined;
    for (const arn of arns) {
      const status = await recorder.call({ ...target, region }, CloudTrailClient, new GetTrailStatusCommand({ Name: arn }));
      if (!status.ok) {
        recorder.fail(region, 'cloudtrail', 'GetTrailStatus', { code: status.error.code, message: `${arn}: ${status.error.message}` });
        continue;
      }
      const { $metadata: _metadata, ...body } = status.value.output;
      statuses.push(plain({ TrailARN: arn, ...body }));
      provenance ??= status.value.provenance;
    }
    if (provenance) recorder.keep('cloudTrailStatuses', region, statuses, { ...provenance, params: { Name: arns } });
  }
}

/** Follows a NextToken/Marker paginator to the end; a failed page fails the whole list (recorded by the caller). */
async function allPages<T, C extends AnyCommand>(
  recorder: InputRecorder,
  target: RefreshableTarget,
  Ctor: ClientConstructor<SdkClient>,
  command: (token: string | undefined) => C,
  read: (output: GetOutputType<C>) => { items: T[] | undefined; token: string | undefined },
): Promise<Attempt<{ items: T[]; provenance: Provenance }>> {
  const items: T[] = [];
  let provenance: Provenance | undefined;
  for (let token: string | undefined, first = true; first || token; first = false) {
    const page = await recorder.call(target, Ctor, command(token));
    if (!page.ok) return page;
    const { items: pageItems, token: next } = read(page.value.output);
    items.push(...(pageItems ?? []));
    provenance ??= page.value.provenance;
    token = next;
  }
  return { ok: true, value: { items, provenance: provenance! } };
}

/**
 * Reads one attribute per snapshot (newest first, bounded), keeping what was read. The first failure other than
 * "snapshot deleted since it was listed" is recorded and stops the reads: the rest would fail alike.
 */
async function readAttributes<T>(
  recorder: InputRecorder,
  region: string,
  kind: { service: string; operation: string; what: string; notFound: RegExp; limit: number; idParam: string },
  ids: string[],
  read: (id: string) => Promise<Attempt<{ body: T; provenance: Provenance }>>,
): Promise<{ bodies: T[]; provenance?: Provenance }> {
  if (ids.length > kind.limit) {
    recorder.fail(region, kind.service, kind.operation, {
      code: READ_LIMIT_CODE,
      message: `${ids.length} ${kind.what} in ${region}: Triad read the attributes of the ${kind.limit} newest only; the other ${ids.length - kind.limit} are not evaluated`,
    });
  }
  const chosen = ids.slice(0, kind.limit);
  const bodies = new Array<T | undefined>(chosen.length);
  let provenance: Provenance | undefined;
  let stopped = false;
  await mapConcurrent(chosen, ATTRIBUTE_CONCURRENCY, async (id, index) => {
    if (stopped) return;
    const result = await read(id);
    if (result.ok) {
      bodies[index] = result.value.body;
      provenance ??= result.value.provenance;
    } else if (!kind.notFound.test(result.error.code) && !stopped) {
      stopped = true;
      recorder.fail(region, kind.service, kind.operation, { code: result.error.code, message: `${id}: ${result.error.message}` });
    }
  });
  // One row stands for every call: its provenance names all the ids asked, not only the first one's.
  const params = provenance && Object.fromEntries(Object.entries(provenance.params).filter(([key]) => key !== kind.idParam));
  return { bodies: bodies.filter((body): body is T => body !== undefined), provenance: provenance && { ...provenance, params: { ...params, [`${kind.idParam}s`]: chosen } } };
}

const newestFirst = <T>(items: T[], time: (item: T) => Date | undefined): T[] => [...items].sort((a, b) => (time(b)?.getTime() ?? 0) - (time(a)?.getTime() ?? 0));

/** VPC flow logs, EBS snapshots, manual RDS DB and DB cluster snapshots and AWS Backup plans of one region. */
export async function collectRegionInventory(recorder: InputRecorder, target: RefreshableTarget, region: string, readLimit = ATTRIBUTE_READS_PER_REGION): Promise<void> {
  const regional: RefreshableTarget = { ...target, region };

  const flowLogs = await allPages(recorder, regional, EC2Client, (NextToken) => new DescribeFlowLogsCommand({ MaxResults: 1000, NextToken }), (o) => ({ items: o.FlowLogs, token: o.NextToken }));
  if (flowLogs.ok) recorder.keep('flowLogs', region, plain<FlowLog[]>(flowLogs.value.items), flowLogs.value.provenance);
  else recorder.fail(region, 'ec2', 'DescribeFlowLogs', flowLogs.error);

  const snapshots = await allPages(
    recorder,
    regional,
    EC2Client,
    (NextToken) => new DescribeSnapshotsCommand({ OwnerIds: ['self'], MaxResults: 1000, NextToken }),
    (o) => ({ items: o.Snapshots, token: o.NextToken }),
  );
  if (snapshots.ok) {
    recorder.keep('ebsSnapshots', region, plain<Snapshot[]>(snapshots.value.items), snapshots.value.provenance);
    const ids = newestFirst(snapshots.value.items, (s) => s.StartTime).flatMap((s) => (s.SnapshotId ? [s.SnapshotId] : []));
    const read = await readAttributes(
      recorder,
      region,
      { service: 'ec2', operation: 'DescribeSnapshotAttribute', what: 'EBS snapshots', notFound: /^InvalidSnapshot\.NotFound$/, limit: readLimit, idParam: 'SnapshotId' },
      ids,
      async (SnapshotId) => {
        const result = await recorder.call(regional, EC2Client, new DescribeSnapshotAttributeCommand({ Attribute: 'createVolumePermission', SnapshotId }));
        return result.ok
          ? { ok: true, value: { body: plain({ SnapshotId, CreateVolumePermissions: result.value.output.CreateVolumePermissions ?? [] }), provenance: result.value.provenance } }
          : result;
      },
    );
    if (read.provenance) recorder.keep('ebsSnapshotPermissions', region, read.bodies, read.provenance);
  } else recorder.fail(region, 'ec2', 'DescribeSnapshots', snapshots.error);

  // Only manual snapshots can be shared or made public; automated ones follow their instance.
  const dbSnapshots = await allPages(
    recorder,
    regional,
    RDSClient,
    (Marker) => new DescribeDBSnapshotsCommand({ SnapshotType: 'manual', MaxRecords: 100, Marker }),
    (o) => ({ items: o.DBSnapshots, token: o.Marker }),
  );
  if (dbSnapshots.ok) {
    recorder.keep('rdsSnapshots', region, plain<DBSnapshot[]>(dbSnapshots.value.items), dbSnapshots.value.provenance);
    const ids = newestFirst(dbSnapshots.value.items, (s) => s.SnapshotCreateTime).flatMap((s) => (s.DBSnapshotIdentifier ? [s.DBSnapshotIdentifier] : []));
    const read = await readAttributes(
      recorder,
      region,
      { service: 'rds', operation: 'DescribeDBSnapshotAttributes', what: 'manual DB snapshots', notFound: /^DBSnapshotNotFound(Fault)?$/, limit: readLimit, idParam: 'DBSnapshotIdentifier' },
      ids,
      async (DBSnapshotIdentifier) => {
        const result = await recorder.call(regional, RDSClient, new DescribeDBSnapshotAttributesCommand({ DBSnapshotIdentifier }));
        return result.ok
          ? { ok: true, value: { body: plain(result.value.output.DBSnapshotAttributesResult ?? { DBSnapshotIdentifier, DBSnapshotAttributes: [] }), provenance: result.value.provenance } }
          : result;
      },
    );
    if (read.provenance) recorder.keep('rdsSnapshotAttributes', region, read.bodies, read.provenance);
  } else recorder.fail(region, 'rds', 'DescribeDBSnapshots', dbSnapshots.error);

  const clusterSnapshots = await allPages(
    recorder,
    regional,
    RDSClient,
    (Marker) => new DescribeDBClusterSnapshotsCommand({ SnapshotType: 'manual', MaxRecords: 100, Marker }),
    (o) => ({ items: o.DBClusterSnapshots, token: o.Marker }),
  );
  if (clusterSnapshots.ok) {
    recorder.keep('rdsClusterSnapshots', region, plain<DBClusterSnapshot[]>(clusterSnapshots.value.items), clusterSnapshots.value.provenance);
    const ids = newestFirst(clusterSnapshots.value.items, (s) => s.SnapshotCreateTime).flatMap((s) => (s.DBClusterSnapshotIdentifier ? [s.DBClusterSnapshotIdentifier] : []));
    const read = await readAttributes(
      recorder,
      region,
      { service: 'rds', operation: 'DescribeDBClusterSnapshotAttributes', what: 'manual DB cluster snapshots', notFound: /^DBClusterSnapshotNotFound(Fault)?$/, limit: readLimit, idParam: 'DBClusterSnapshotIdentifier' },
      ids,
      async (DBClusterSnapshotIdentifier) => {
        const result = await recorder.call(regional, RDSClient, new DescribeDBClusterSnapshotAttributesCommand({ DBClusterSnapshotIdentifier }));
        return result.ok
          ? {
              ok: true,
              value: {
                body: plain(result.value.output.DBClusterSnapshotAttributesResult ?? { DBClusterSnapshotIdentifier, DBClusterSnapshotAttributes: [] }),
                provenance: result.value.provenance,
              },
            }
          : result;
      },
    );
    if (read.provenance) recorder.keep('rdsClusterSnapshotAttributes', region, read.bodies, read.provenance);
  } else recorder.fail(region, 'rds', 'DescribeDBClusterSnapshots', clusterSnapshots.error);

  const plans = await allPages(recorder, regional, BackupClient, (NextToken) => new ListBackupPlansCommand({ MaxResults: 1000, NextToken }), (o) => ({ items: o.BackupPlansList, token: o.NextToken }));
  if (plans.ok) recorder.keep('backupPlans', region, plain<BackupPlansListMember[]>(plans.value.items), plans.value.provenance);
  else recorder.fail(region, 'backup', 'ListBackupPlans', plans.error);
}
