// EC2 DescribeRegions in EC2's own query/XML protocol (no model in the project: shapes hand-checked against the
// EC2 API reference: regionInfo/item with regionName, regionEndpoint, optInStatus).
import { escapeXml } from '../model';
import type { Handler } from '../context';

export const EC2_NAMESPACE = 'http://ec2.amazonaws.com/doc/2016-11-15/';

function indexedValues(params: Record<string, unknown>, prefix: string): string[] {
  const values: string[] = [];
  for (let index = 1; params[`${prefix}.${index}`] !== undefined; index += 1) values.push(String(params[`${prefix}.${index}`]));
  return values;
}

export const ec2Handlers: Record<string, Handler> = {
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
