// RDS (query protocol, XML): DescribeDBSnapshots, DescribeDBSnapshotAttributes, DescribeDBClusterSnapshots and
// DescribeDBClusterSnapshotAttributes. No botocore model in the project:
// handlers write the result XML and responses are validated against the schema the SDK client embeds
// (tests/unit/emulator/sdk-schema-validator.ts).
import { escapeXml } from '../model';
import { AwsError, paginate, type Handler, type HandlerContext } from '../context';
import type { DbClusterSnapshotScenario, DbSnapshotScenario } from '../scenario';

export const RDS_NAMESPACE = 'http://rds.amazonaws.com/doc/2014-10-31/';

const element = (name: string, value: string | number | boolean) => `<${name}>${escapeXml(String(value))}</${name}>`;

function snapshotsOf(context: HandlerContext): DbSnapshotScenario[] {
  return context.account.dbSnapshots?.[context.region] ?? [];
}

function invalid(message: string): AwsError {
  return new AwsError('InvalidParameterValue', message, 400);
}

function snapshotXml(context: HandlerContext, snapshot: DbSnapshotScenario): string {
  const { accountId } = context.account;
  return `<DBSnapshot>${[
    element('DBSnapshotIdentifier', snapshot.dbSnapshotIdentifier),
    element('DBInstanceIdentifier', snapshot.dbInstanceIdentifier),
    element('SnapshotCreateTime', new Date(snapshot.snapshotCreateTime).toISOString()),
    element('Engine', snapshot.engine ?? 'postgres'),
    element('AllocatedStorage', 100),
    element('Status', 'available'),
    element('Port', 5432),
    element('AvailabilityZone', `${context.region}a`),
    element('VpcId', `vpc-0${accountId.slice(0, 8)}`),
    element('InstanceCreateTime', '2025-01-10T10:00:00.000Z'),
    element('MasterUsername', 'admin'),
    element('EngineVersion', '16.4'),
    element('LicenseModel', 'postgresql-license'),
    element('SnapshotType', snapshot.snapshotType),
    element('PercentProgress', 100),
    element('StorageType', 'gp3'),
    element('Encrypted', snapshot.encrypted),
    element('DBSnapshotArn', `arn:aws:rds:${context.region}:${accountId}:snapshot:${snapshot.dbSnapshotIdentifier}`),
    element('IAMDatabaseAuthenticationEnabled', false),
    element('DbiResourceId', `db-${snapshot.dbInstanceIdentifier.toUpperCase().replace(/[^A-Z0-9]/g, '').slice(0, 20)}`),
    '<TagList/>',
  ].join('')}</DBSnapshot>`;
}

function clusterSnapshotXml(context: HandlerContext, snapshot: DbClusterSnapshotScenario): string {
  const { accountId } = context.account;
  return `<DBClusterSnapshot>${[
    `<AvailabilityZones>${['a', 'b', 'c'].map((zone) => element('AvailabilityZone', `${context.region}${zone}`)).join('')}</AvailabilityZones>`,
    element('DBClusterSnapshotIdentifier', snapshot.dbClusterSnapshotIdentifier),
    element('DBClusterIdentifier', snapshot.dbClusterIdentifier),
    element('SnapshotCreateTime', new Date(snapshot.snapshotCreateTime).toISOString()),
    element('Engine', snapshot.engine ?? 'aurora-postgresql'),
    element('EngineMode', 'provisioned'),
    element('AllocatedStorage', 1),
    element('Status', 'available'),
    element('Port', 5432),
    element('VpcId', `vpc-0${accountId.slice(0, 8)}`),
    element('ClusterCreateTime', '2025-01-10T10:00:00.000Z'),
    element('MasterUsername', 'admin'),
    element('EngineVersion', '16.4'),
    element('LicenseModel', 'postgresql-license'),
    element('SnapshotType', snapshot.snapshotType),
    element('PercentProgress', 100),
    element('StorageEncrypted', snapshot.storageEncrypted),
    element('DBClusterSnapshotArn', `arn:aws:rds:${context.region}:${accountId}:cluster-snapshot:${snapshot.dbClusterSnapshotIdentifier}`),
    element('IAMDatabaseAuthenticationEnabled', false),
    '<TagList/>',
  ].join('')}</DBClusterSnapshot>`;
}

export const rdsHandlers: Record<string, Handler> = {
  DescribeDBSnapshots: (context, params) => {
    const maxRecords = params.MaxRecords === undefined ? 100 : Number(params.MaxRecords);
    if (!Number.isInteger(maxRecords) || maxRecords < 20 || maxRecords > 100) throw invalid(`Invalid value ${String(params.MaxRecords)} for MaxRecords. Must be between 20 and 100`);
    const type = params.SnapshotType === undefined ? undefined : String(params.SnapshotType);
    if (type !== undefined && !['automated', 'manual', 'shared', 'public', 'awsbackup'].includes(type)) throw invalid(`Invalid snapshot type: ${type}`);
    const snapshots = snapshotsOf(context).filter(
      (snapshot) =>
        (type === undefined || snapshot.snapshotType === type) &&
        (params.DBSnapshotIdentifier === undefined || snapshot.dbSnapshotIdentifier === params.DBSnapshotIdentifier) &&
        (params.DBInstanceIdentifier === undefined || snapshot.dbInstanceIdentifier === params.DBInstanceIdentifier),
    );
    if (params.DBSnapshotIdentifier !== undefined && snapshots.length === 0) throw new AwsError('DBSnapshotNotFound', `DBSnapshot ${String(params.DBSnapshotIdentifier)} not found.`, 404);
    const { page, nextToken } = paginate(snapshots, {
      operation: context.operation,
      query: [type ?? null, params.DBInstanceIdentifier ?? null],
      token: params.Marker,
      pageSize: maxRecords,
      invalidToken: () => invalid('The parameter Marker is not a valid pagination token.'),
    });
    return `${nextToken ? element('Marker', nextToken) : ''}<DBSnapshots>${page.map((snapshot) => snapshotXml(context, snapshot)).join('')}</DBSnapshots>`;
  },
  DescribeDBSnapshotAttributes: (context, params) => {
    const id = String(params.DBSnapshotIdentifier ?? '');
    const snapshot = snapshotsOf(context).find((candidate) => candidate.dbSnapshotIdentifier === id);
    if (!snapshot) throw new AwsError('DBSnapshotNotFound', `DBSnapshot ${id} not found.`, 404);
    // Automated snapshots cannot be shared: AWS answers with an empty restore attribute for them too.
    const values = snapshot.snapshotType === 'manual' ? (snapshot.restoreValues ?? []) : [];
    return `<DBSnapshotAttributesResult>${element('DBSnapshotIdentifier', id)}<DBSnapshotAttributes><DBSnapshotAttribute>${element('AttributeName', 'restore')}<AttributeValues>${values.map((value) => element('AttributeValue', value)).join('')}</AttributeValues></DBSnapshotAttribute></DBSnapshotAttributes></DBSnapshotAttributesResult>`;
  },
  DescribeDBClusterSnapshots: (context, params) => {
    const maxRecords = params.MaxRecords === undefined ? 100 : Number(params.MaxRecords);
    if (!Number.isInteger(maxRecords) || maxRecords < 20 || maxRecords > 100) throw invalid(`Invalid value ${String(params.MaxRecords)} for MaxRecords. Must be between 20 and 100`);
    const type = params.SnapshotType === undefined ? undefined : String(params.SnapshotType);
    if (type !== undefined && !['automated', 'manual', 'shared', 'public', 'awsbackup'].includes(type)) throw invalid(`Invalid snapshot type: ${type}`);
    const snapshots = (context.account.dbClusterSnapshots?.[context.region] ?? []).filter((snapshot) => type === undefined || snapshot.snapshotType === type);
    const { page, nextToken } = paginate(snapshots, {
      operation: context.operation,
      query: type ?? null,
      token: params.Marker,
      pageSize: maxRecords,
      invalidToken: () => invalid('The parameter Marker is not a valid pagination token.'),
    });
    return `${nextToken ? element('Marker', nextToken) : ''}<DBClusterSnapshots>${page.map((snapshot) => clusterSnapshotXml(context, snapshot)).join('')}</DBClusterSnapshots>`;
  },
  DescribeDBClusterSnapshotAttributes: (context, params) => {
    const id = String(params.DBClusterSnapshotIdentifier ?? '');
    const snapshot = (context.account.dbClusterSnapshots?.[context.region] ?? []).find((candidate) => candidate.dbClusterSnapshotIdentifier === id);
    if (!snapshot) throw new AwsError('DBClusterSnapshotNotFoundFault', `DBClusterSnapshot ${id} not found.`, 404);
    const values = snapshot.snapshotType === 'manual' ? (snapshot.restoreValues ?? []) : [];
    return `<DBClusterSnapshotAttributesResult>${element('DBClusterSnapshotIdentifier', id)}<DBClusterSnapshotAttributes><DBClusterSnapshotAttribute>${element('AttributeName', 'restore')}<AttributeValues>${values.map((value) => element('AttributeValue', value)).join('')}</AttributeValues></DBClusterSnapshotAttribute></DBClusterSnapshotAttributes></DBClusterSnapshotAttributesResult>`;
  },
};
