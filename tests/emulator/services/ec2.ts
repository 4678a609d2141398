// EC2 in its own query/XML protocol: DescribeRegions, DescribeFlowLogs, DescribeSnapshots (owned by the caller) and
// DescribeSnapshotAttribute. No botocore model in the project: responses are validated against the schema the SDK
// client embeds (tests/unit/emulator/sdk-schema-validator.ts).
import { escapeXml } from '../model';
import { AwsError, paginate, type Handler, type HandlerContext } from '../context';

export const EC2_NAMESPACE = 'http://ec2.amazonaws.com/doc/2016-11-15/';

function indexedValues(params: Record<string, unknown>, prefix: string): string[] {
  const values: string[] = [];
  for (let index = 1; params[`${prefix}.${index}`] !== undefined; index += 1) values.push(String(params[`${prefix}.${index}`]));
  return values;
}

const element = (name: string, value: string | number | boolean) => `<${name}>${escapeXml(String(value))}</${name}>`;

function invalidParameter(message: string): AwsError {
  return new AwsError('InvalidParameterValue', message, 400);
}

/** EC2's MaxResults: 5..1000 when given; the default is every result on one page. */
function maxResults(params: Record<string, unknown>, all: number): number {
  if (params.MaxResults === undefined) return Math.max(all, 1);
  const value = Number(params.MaxResults);
  if (!Number.isInteger(value) || value < 5 || value > 1000) throw invalidParameter(`Value ( ${String(params.MaxResults)} ) for parameter maxResults is invalid. Expecting a value between 5 and 1000.`);
  return value;
}

function page<T>(context: HandlerContext, items: T[], params: Record<string, unknown>, query: unknown): { page: T[]; nextToken?: string } {
  return paginate(items, {
    operation: context.operation,
    query,
    token: params.NextToken,
    pageSize: maxResults(params, items.length),
    invalidToken: () => new AwsError('InvalidPaginationToken', `Invalid pagination token: ${String(params.NextToken)}`, 400),
  });
}

function snapshotsOf(context: HandlerContext) {
  return context.account.ebsSnapshots?.[context.region] ?? [];
}

export const ec2Handlers: Record<string, Handler> = {
  DescribeFlowLogs: (context, params) => {
    const ids = indexedValues(params, 'FlowLogId');
    const logs = (context.account.flowLogs?.[context.region] ?? []).filter((log) => ids.length === 0 || ids.includes(log.flowLogId));
    const { page: shown, nextToken } = page(context, logs, params, ids);
    const items = shown
      .map((log) =>
        [
          element('creationTime', new Date(log.creationTime ?? '2025-01-10T10:00:00.000Z').toISOString()),
          element('deliverLogsStatus', 'SUCCESS'),
          element('flowLogId', log.flowLogId),
          element('flowLogStatus', log.flowLogStatus ?? 'ACTIVE'),
          element('resourceId', log.resourceId),
          element('trafficType', log.trafficType),
          element('logDestinationType', log.logDestinationType),
          element('logDestination', log.logDestinationType === 's3' ? `arn:aws:s3:::flow-logs-${context.account.accountId}` : `arn:aws:logs:${context.region}:${context.account.accountId}:log-group:vpc-flow-logs`),
          element('logFormat', '${version} ${account-id} ${interface-id} ${srcaddr} ${dstaddr} ${srcport} ${dstport} ${protocol} ${packets} ${bytes} ${start} ${end} ${action} ${log-status}'),
          '<tagSet/>',
          element('maxAggregationInterval', 600),
        ].join(''),
      )
      .map((inner) => `<item>${inner}</item>`)
      .join('');
    return `<flowLogSet>${items}</flowLogSet>${nextToken ? element('nextToken', nextToken) : ''}`;
  },
  DescribeSnapshots: (context, params) => {
    const owners = indexedValues(params, 'Owner');
    const ids = indexedValues(params, 'SnapshotId');
    if (ids.length > 0 && params.MaxResults !== undefined) throw invalidParameter('The parameter SnapshotIds cannot be used with the parameter maxResults');
    const own = owners.length === 0 || owners.some((owner) => owner === 'self' || owner === context.account.accountId);
    const snapshots = own ? snapshotsOf(context).filter((snapshot) => ids.length === 0 || ids.includes(snapshot.snapshotId)) : [];
    const missing = ids.find((id) => !snapshots.some((snapshot) => snapshot.snapshotId === id));
    if (missing) throw new AwsError('InvalidSnapshot.NotFound', `The snapshot '${missing}' does not exist.`, 400);
    const { page: shown, nextToken } = page(context, snapshots, params, [owners, ids]);
    const items = shown
      .map(
        (snapshot) =>
          `<item>${[
            element('snapshotId', snapshot.snapshotId),
            element('volumeId', snapshot.volumeId),
            element('status', snapshot.state ?? 'completed'),
            element('startTime', new Date(snapshot.startTime).toISOString()),
            element('progress', snapshot.state === 'pending' ? '50%' : '100%'),
            element('ownerId', context.account.accountId),
            element('volumeSize', snapshot.volumeSize ?? 100),
            element('description', `Snapshot of ${snapshot.volumeId}`),
            element('encrypted', snapshot.encrypted),
            element('storageTier', 'standard'),
          ].join('')}</item>`,
      )
      .join('');
    return `<snapshotSet>${items}</snapshotSet>${nextToken ? element('nextToken', nextToken) : ''}`;
  },
  DescribeSnapshotAttribute: (context, params) => {
    const attribute = String(params.Attribute ?? '');
    if (attribute !== 'createVolumePermission' && attribute !== 'productCodes') throw invalidParameter(`Value (${attribute}) for parameter attribute is invalid. Unknown attribute.`);
    const id = String(params.SnapshotId ?? '');
    const snapshot = snapshotsOf(context).find((candidate) => candidate.snapshotId === id);
    if (!snapshot) throw new AwsError('InvalidSnapshot.NotFound', `The snapshot '${id}' does not exist.`, 400);
    if (attribute === 'productCodes') return `${element('snapshotId', id)}<productCodes/>`;
    const permissions = (snapshot.createVolumePermissions ?? []).map((permission) => `<item>${'group' in permission ? element('group', permission.group) : element('userId', permission.userId)}</item>`);
    return `${element('snapshotId', id)}<createVolumePermission>${permissions.join('')}</createVolumePermission>`;
  },

  DescribeRegions: (context, params) => {
    const allRegions = params.AllRegions === 'true';
    const names = indexedValues(params, 'RegionName');
    const filters: { name: string; values: string[] }[] = [];
    for (let index = 1; params[`Filter.${index}.Name`] !== undefined; index += 1) {
      filters.push({ name: String(params[`Filter.${index}.Name`]), values: indexedValues(params, `Filter.${index}.Value`) });
    }
    const regions = context.account.regions.filter((region) => {
      if (!allRegions && names.length === 0 && region.optInStatus === 'not-opted-in') return false;
      if (names.length > 0 && !names.includes(region.name)) return false;
      return filters.every((filter) => {
        if (filter.name === 'opt-in-status') return filter.values.includes(region.optInStatus);
        if (filter.name === 'region-name') return filter.values.includes(region.name);
        if (filter.name === 'endpoint') return filter.values.includes(`ec2.${region.name}.amazonaws.com`);
        return true;
      });
    });
    const items = regions
      .map(
        (region) =>
          `<item><regionName>${escapeXml(region.name)}</regionName><regionEndpoint>ec2.${escapeXml(region.name)}.amazonaws.com</regionEndpoint><optInStatus>${region.optInStatus}</optInStatus></item>`,
      )
      .join('');
    return `<regionInfo>${items}</regionInfo>`;
  },
};
