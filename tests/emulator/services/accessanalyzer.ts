// IAM Access Analyzer (rest-json; no botocore model in the project: responses are validated against the schema the
// SDK client embeds, tests/unit/emulator/sdk-schema-validator.ts): ListAnalyzers per region from the scenario.
import { AwsError, pageSize, paginate } from '../context';
import type { RestRoute } from './trustedadvisor';

export const accessAnalyzerRoutes: RestRoute[] = [
  {
    operation: 'ListAnalyzers',
    method: 'GET',
    pattern: /^\/analyzer$/,
    input: (url) => ({
      type: url.searchParams.get('type') ?? undefined,
      maxResults: url.searchParams.get('maxResults') ?? undefined,
      nextToken: url.searchParams.get('nextToken') ?? undefined,
    }),
    handler: (context, input) => {
      const analyzers = (context.account.accessAnalyzers?.[context.region] ?? []).filter((analyzer) => input.type === undefined || analyzer.type === input.type);
      const { page, nextToken } = paginate(analyzers, {
        operation: context.operation,
        query: input.type ?? null,
        token: input.nextToken,
        pageSize: pageSize(input.maxResults === undefined ? undefined : Number(input.maxResults), 100),
        invalidToken: () => new AwsError('ValidationException', 'Invalid pagination token', 400),
      });
      return {
        analyzers: page.map((analyzer) => ({
          arn: `arn:aws:access-analyzer:${context.region}:${context.account.accountId}:analyzer/${analyzer.name}`,
          name: analyzer.name,
          type: analyzer.type,
          createdAt: analyzer.createdAt ?? '2024-01-01T00:00:00.000Z',
          status: analyzer.status,
          tags: {},
        })),
        nextToken,
      };
    },
  },
];
