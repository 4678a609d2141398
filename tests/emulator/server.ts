// The local AWS emulator: one loopback HTTP server that the real AWS SDK clients talk to. It routes by the SigV4
// credential scope (service, region), derives the caller from the access key id, and answers in each service's
// real wire protocol, serialized from the official models.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { randomUUID } from 'node:crypto';
import { AwsError, type EmulatorState, type Handler, type HandlerContext, type Identity, type IssuedSession } from './context';
import { FaultEngine, type FaultConfig } from './faults';
import { escapeXml, fromQueryParams, loadModel, modelledError, toJsonWire, toQueryXml, validateInput, type ServiceModel } from './model';
import type { AccountScenario, Scenario } from './scenario';
import { configHandlers } from './services/config';
import { ec2Handlers, EC2_NAMESPACE } from './services/ec2';
import { iamHandlers } from './services/iam';
import { organizationsHandlers } from './services/organizations';
import { roleIdOf, stsHandlers, userIdOf } from './services/sts';
import { supportHandlers } from './services/support';
import { trustedAdvisorRoutes, type RestRoute } from './services/trustedadvisor';
import { guardDutyRoutes } from './services/guardduty';
import { accessAnalyzerRoutes } from './services/accessanalyzer';
import { s3ControlRoutes } from './services/s3control';
import { cloudTrailHandlers, CLOUDTRAIL_TARGET_PREFIXES } from './services/cloudtrail';
import { rdsHandlers, RDS_NAMESPACE } from './services/rds';
import { backupRoutes } from './services/backup';

export interface CallRecord {
  seq: number;
  time: string;
  service: string;
  operation: string;
  accountId: string;
  region: string;
  principalArn: string;
  /** HTTP status sent; 0 when the call was held at a kill point and never answered. */
  status: number;
  errorCode?: string;
}

export interface Emulator {
  url: string;
  port: number;
  /** Every call that reached an operation (live array, in arrival order). */
  calls: CallRecord[];
  /** Sessions issued by sts:AssumeRole (role, session name, external id...). */
  sessions(): IssuedSession[];
  setFaults(faults: FaultConfig): void;
  clearCalls(): void;
  stop(): Promise<void>;
}

export interface StartOptions {
  scenario: Scenario;
  faults?: FaultConfig;
  port?: number;
  /** Called once when the kill point is reached (the matching call is held unanswered). */
  onKillPoint?: (call: CallRecord) => void;
  now?: () => Date;
}

type Protocol = 'json' | 'query' | 'ec2' | 'rest-json' | 'rest-xml';

interface ServiceDefinition {
  protocol: Protocol;
  model?: ServiceModel;
  handlers: Record<string, Handler>;
  /** REST services: operations matched by method and path. */
  routes?: RestRoute[];
  /** Global services are signed for us-east-1 and ignore account region opt-in. */
  global: boolean;
  /**
   * Services without a botocore model in the project (validated against the SDK's embedded schemas instead): the
   * JSON target prefixes, the query XML namespace, and the message member their errors carry.
   */
  targetPrefixes?: readonly string[];
  xmlNamespace?: string;
  errorMessageKey?: 'Message' | 'message';
}

const SERVICES: Record<string, ServiceDefinition> = {
  sts: { protocol: 'query', model: loadModel('sts'), handlers: stsHandlers, global: false },
  iam: { protocol: 'query', model: loadModel('iam'), handlers: iamHandlers, global: true },
  config: { protocol: 'json', model: loadModel('config'), handlers: configHandlers, global: false },
  organizations: { protocol: 'json', model: loadModel('organizations'), handlers: organizationsHandlers, global: true },
  support: { protocol: 'json', model: loadModel('support'), handlers: supportHandlers, global: true },
  ec2: { protocol: 'ec2', handlers: ec2Handlers, global: false },
  trustedadvisor: { protocol: 'rest-json', model: loadModel('trustedadvisor'), handlers: {}, routes: trustedAdvisorRoutes, global: true },
  guardduty: { protocol: 'rest-json', handlers: {}, routes: guardDutyRoutes, global: false },
  'access-analyzer': { protocol: 'rest-json', handlers: {}, routes: accessAnalyzerRoutes, global: false },
  // S3 Control signs as "s3"; only its /v20180820/ API is emulated.
  s3: { protocol: 'rest-xml', handlers: {}, routes: s3ControlRoutes, global: true },
  cloudtrail: { protocol: 'json', handlers: cloudTrailHandlers, global: false, targetPrefixes: CLOUDTRAIL_TARGET_PREFIXES, errorMessageKey: 'Message' },
  rds: { protocol: 'query', handlers: rdsHandlers, global: false, xmlNamespace: RDS_NAMESPACE },
  backup: { protocol: 'rest-json', handlers: {}, routes: backupRoutes, global: false, errorMessageKey: 'Message' },
};

/** Protocol-specific codes for the failures every AWS service shares. */
const COMMON_ERRORS: Record<Protocol, Record<'throttle' | 'accessDenied' | 'expired' | 'invalidKey' | 'missingAuth' | 'validation' | 'unknownOperation', [string, number]>> = {
  json: {
    throttle: ['ThrottlingException', 400],
    accessDenied: ['AccessDeniedException', 400],
    expired: ['ExpiredTokenException', 400],
    invalidKey: ['UnrecognizedClientException', 400],
    missingAuth: ['MissingAuthenticationTokenException', 400],
    validation: ['ValidationException', 400],
    unknownOperation: ['UnknownOperationException', 400],
  },
  'rest-json': {
    throttle: ['ThrottlingException', 429],
    accessDenied: ['AccessDeniedException', 403],
    expired: ['ExpiredTokenException', 403],
    invalidKey: ['UnrecognizedClientException', 403],
    missingAuth: ['MissingAuthenticationTokenException', 403],
    validation: ['ValidationException', 400],
    unknownOperation: ['UnknownOperationException', 404],
  },
  'rest-xml': {
    throttle: ['SlowDown', 503],
    accessDenied: ['AccessDenied', 403],
    expired: ['ExpiredToken', 400],
    invalidKey: ['InvalidAccessKeyId', 403],
    missingAuth: ['AccessDenied', 403],
    validation: ['InvalidRequest', 400],
    unknownOperation: ['NotImplemented', 501],
  },
  query: {
    throttle: ['Throttling', 400],
    accessDenied: ['AccessDenied', 403],
    expired: ['ExpiredToken', 400],
    invalidKey: ['InvalidClientTokenId', 403],
    missingAuth: ['MissingAuthenticationToken', 403],
    validation: ['ValidationError', 400],
    unknownOperation: ['InvalidAction', 400],
  },
  ec2: {
    throttle: ['RequestLimitExceeded', 503],
    accessDenied: ['UnauthorizedOperation', 403],
    expired: ['RequestExpired', 400],
    invalidKey: ['AuthFailure', 401],
    missingAuth: ['MissingAuthenticationToken', 401],
    validation: ['InvalidParameterValue', 400],
    unknownOperation: ['InvalidAction', 400],
  },
};

const SERVER_ERROR_CODES: Record<Protocol, Record<'ServiceUnavailable' | 'InternalFailure', [string, number]>> = {
  json: { ServiceUnavailable: ['ServiceUnavailable', 503], InternalFailure: ['InternalFailure', 500] },
  'rest-json': { ServiceUnavailable: ['ServiceUnavailable', 503], InternalFailure: ['InternalFailure', 500] },
  'rest-xml': { ServiceUnavailable: ['ServiceUnavailable', 503], InternalFailure: ['InternalError', 500] },
  query: { ServiceUnavailable: ['ServiceUnavailable', 503], InternalFailure: ['InternalFailure', 500] },
  ec2: { ServiceUnavailable: ['Unavailable', 503], InternalFailure: ['InternalError', 500] },
};

function commonError(protocol: Protocol, kind: keyof (typeof COMMON_ERRORS)['json'], message: string): AwsError {
  const [code, status] = COMMON_ERRORS[protocol][kind];
  return new AwsError(code, message, status);
}

const CONTROL_PREFIX = '/__emulator/';

const SCOPE = /Credential=([^/,\s]+)\/\d{8}\/([a-z0-9-]+)\/([a-z0-9-]+)\/aws4_request/;

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function statusOf(definition: ServiceDefinition, error: AwsError): number {
  if (error.status !== undefined) return error.status;
  const shapes = definition.model?.shapes ?? {};
  const shapeName = Object.keys(shapes).find((name) => name === error.code || shapes[name].error?.code === error.code);
  return (shapeName && definition.model && modelledError(definition.model, shapeName)?.status) || 400;
}

function sendError(response: ServerResponse, definition: ServiceDefinition, protocol: Protocol, error: AwsError, requestId: string): number {
  const status = statusOf(definition, error);
  if (protocol === 'json' || protocol === 'rest-json') {
    // Organizations' exceptions carry `Message`, Config's `message`: use the member the model declares.
    const shape = definition.model?.shapes[error.code];
    const messageKey = definition.errorMessageKey ?? (shape?.members && 'Message' in shape.members ? 'Message' : 'message');
    response.writeHead(status, {
      'content-type': protocol === 'json' ? 'application/x-amz-json-1.1' : 'application/json',
      'x-amzn-requestid': requestId,
      'x-amzn-errortype': error.code,
    });
    response.end(JSON.stringify({ __type: error.code, [messageKey]: error.message }));
  } else if (protocol === 'query') {
    const type = status >= 500 ? 'Receiver' : 'Sender';
    response.writeHead(status, { 'content-type': 'text/xml', 'x-amzn-requestid': requestId });
    response.end(
      `<ErrorResponse xmlns="${definition.model?.metadata.xmlNamespace ?? definition.xmlNamespace ?? ''}"><Error><Type>${type}</Type><Code>${escapeXml(error.code)}</Code><Message>${escapeXml(error.message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`,
    );
  } else if (protocol === 'rest-xml') {
    response.writeHead(status, { 'content-type': 'application/xml', 'x-amz-request-id': requestId });
    response.end(`<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${escapeXml(error.code)}</Code><Message>${escapeXml(error.message)}</Message><RequestId>${requestId}</RequestId><HostId>${requestId}</HostId></Error>`);
  } else {
    response.writeHead(status, { 'content-type': 'text/xml' });
    response.end(`<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>${escapeXml(error.code)}</Code><Message>${escapeXml(error.message)}</Message></Error></Errors><RequestID>${requestId}</RequestID></Response>`);
  }
  return status;
}

/** Indexes the accounts and refuses a scenario whose references do not resolve, naming the broken one. */
function indexAccounts(scenario: Scenario): Map<string, AccountScenario> {
  const fail = (problem: string) => {
    throw new Error(`Scenario "${scenario.name}": ${problem}`);
  };
  const accounts = new Map<string, AccountScenario>();
  for (const account of scenario.accounts) {
    if (!/^\d{12}$/.test(account.accountId)) fail(`account id "${account.accountId}" is not 12 digits`);
    if (accounts.has(account.accountId)) fail(`account ${account.accountId} is listed twice`);
    accounts.set(account.accountId, account);
  }
  const organization = scenario.organization;
  const parents = new Set([organization?.rootId, ...(organization?.organizationalUnits ?? []).map((unit) => unit.id)]);
  for (const account of scenario.accounts) {
    if (account.parentId !== undefined && !parents.has(account.parentId)) fail(`account ${account.accountId} has parent ${account.parentId}, which is neither the root nor an OU`);
    for (const [region, config] of Object.entries(account.config)) {
      if (!account.regions.some((entry) => entry.name === region)) fail(`account ${account.accountId} has Config data for ${region}, which is not in its regions`);
      const rules = new Set(config.rules.map((rule) => rule.name));
      const missing = config.evaluations.find((evaluation) => !rules.has(evaluation.ruleName));
      if (missing) fail(`account ${account.accountId} ${region}: evaluation of ${missing.resourceId} names rule "${missing.ruleName}", which is not in rules`);
    }
  }
  for (const caller of scenario.callers) {
    if (!accounts.has(caller.accountId)) fail(`caller ${caller.accessKeyId} belongs to account ${caller.accountId}, which is not in accounts`);
    if (!caller.accessKeyId.startsWith(`AKIA${caller.accountId}`)) fail(`caller ${caller.accessKeyId} must encode its account: use staticAccessKeyId("${caller.accountId}", ...)`);
  }
  for (const aggregator of scenario.aggregators ?? []) {
    if (!accounts.has(aggregator.accountId)) fail(`aggregator ${aggregator.name} belongs to account ${aggregator.accountId}, which is not in accounts`);
  }
  return accounts;
}

/** The caller behind an access key: a scenario caller (static key) or an AssumeRole session. */
function resolveIdentity(state: EmulatorState, protocol: Protocol, accessKeyId: string, sessionToken: string | undefined): Identity {
  const caller = state.scenario.callers.find((candidate) => candidate.accessKeyId === accessKeyId);
  if (caller) {
    const isRoot = caller.userName === 'root';
    return {
      accountId: caller.accountId,
      accessKeyId,
      arn: isRoot ? `arn:aws:iam::${caller.accountId}:root` : `arn:aws:iam::${caller.accountId}:user/${caller.userName}`,
      userId: isRoot ? caller.accountId : userIdOf(caller.accountId, caller.userName),
    };
  }
  const session = state.sessions.get(accessKeyId);
  if (!session || session.sessionToken !== sessionToken) {
    throw commonError(protocol, 'invalidKey', 'The security token included in the request is invalid.');
  }
  if (session.remainingCalls !== undefined) {
    if (session.remainingCalls <= 0) throw commonError(protocol, 'expired', 'The security token included in the request is expired');
    session.remainingCalls -= 1;
  }
  if (state.now() > session.expiration) throw commonError(protocol, 'expired', 'The security token included in the request is expired');
  return {
    accountId: session.accountId,
    accessKeyId,
    arn: `arn:aws:sts::${session.accountId}:assumed-role/${session.roleName}/${session.sessionName}`,
    userId: `${roleIdOf(session.accountId, session.roleName)}:${session.sessionName}`,
    roleName: session.roleName,
    sessionName: session.sessionName,
  };
}

function protocolOfUnsigned(request: IncomingMessage): Protocol {
  if (request.headers['x-amz-target']) return 'json';
  if (request.method === 'GET') return 'rest-json';
  return 'query';
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export async function startEmulator(options: StartOptions): Promise<Emulator> {
  const { scenario } = options;
  const state: EmulatorState = {
    scenario,
    accounts: indexAccounts(scenario),
    sessions: new Map(),
    faults: new FaultEngine(options.faults ?? scenario.faults),
    credentialReports: new Map(),
    now: options.now ?? (() => new Date()),
  };
  const calls: CallRecord[] = [];
  const heldResponses = new Set<ServerResponse>();
  const sockets = new Set<Socket>();
  let sequence = 0;
  let killPointReported = false;

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const requestId = randomUUID();
    const body = await readBody(request);
    if (request.url?.startsWith(CONTROL_PREFIX)) return control(request, response, body);
    const scope = SCOPE.exec(String(request.headers.authorization ?? ''));
    if (!scope) {
      const protocol = protocolOfUnsigned(request);
      sendError(response, SERVICES.config, protocol, commonError(protocol, 'missingAuth', 'Missing Authentication Token'), requestId);
      return;
    }
    const [, accessKeyId, region, service] = scope;
    const definition = SERVICES[service];
    if (!definition) {
      // Still logged, so a test asserting on the call log sees the attempt.
      const operation = String(request.headers['x-amz-target'] ?? new URLSearchParams(body).get('Action') ?? `${request.method} ${request.url}`);
      const error = new AwsError('UnknownOperationException', `The Triad AWS emulator does not implement the service "${service}" (${operation})`, 400);
      const status = sendError(response, SERVICES.config, 'json', error, requestId);
      calls.push({ seq: ++sequence, time: state.now().toISOString(), service, operation, accountId: '', region, principalArn: '', status, errorCode: error.code });
      return;
    }
    const { protocol, model } = definition;

    // Which operation, and its input.
    let operation = '';
    let input: Record<string, unknown> = {};
    let restRoute: RestRoute | undefined;
    const params = new URLSearchParams(protocol === 'query' || protocol === 'ec2' ? body : '');
    if (protocol === 'json') {
      const target = String(request.headers['x-amz-target'] ?? '');
      // CloudTrail's prefix itself holds dots (com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101).
      const prefix = target.slice(0, Math.max(0, target.lastIndexOf('.')));
      const name = target.slice(target.lastIndexOf('.') + 1);
      operation = (definition.targetPrefixes ?? [model!.metadata.targetPrefix]).includes(prefix) ? name : '';
    } else if (protocol === 'query' || protocol === 'ec2') {
      operation = params.get('Action') ?? '';
    } else {
      const url = new URL(request.url ?? '/', 'http://emulator');
      const match = definition.routes?.find((route) => route.method === request.method && route.pattern.test(url.pathname));
      restRoute = match;
      operation = match?.operation ?? `${request.method} ${url.pathname}`;
    }
    const record: CallRecord = { seq: ++sequence, time: state.now().toISOString(), service, operation, accountId: '', region, principalArn: '', status: 0 };

    const finish = (status: number, errorCode?: string) => {
      record.status = status;
      if (errorCode) record.errorCode = errorCode;
      calls.push(record);
    };
    const fail = (error: AwsError) => finish(sendError(response, definition, protocol, error, requestId), error.code);

    let identity: Identity;
    try {
      identity = resolveIdentity(state, protocol, accessKeyId, request.headers['x-amz-security-token'] as string | undefined);
    } catch (error) {
      fail(error as AwsError);
      return;
    }
    record.accountId = identity.accountId;
    record.principalArn = identity.arn;
    const account = state.accounts.get(identity.accountId)!;

    const isRest = protocol === 'rest-json' || protocol === 'rest-xml';
    const implemented = isRest ? restRoute !== undefined : Object.hasOwn(definition.handlers, operation);
    if (!implemented) {
      const message = `The Triad AWS emulator does not implement ${service}:${operation || '(no operation)'}; add it under tests/emulator/services/`;
      fail(commonError(protocol, 'unknownOperation', message));
      return;
    }

    if (!definition.global) {
      const known = account.regions.find((entry) => entry.name === region);
      if (!known || known.optInStatus === 'not-opted-in') {
        fail(
          service === 'sts'
            ? new AwsError('RegionDisabledException', `STS is not activated in this region for account:${account.accountId}. Your account administrator can activate STS in this region using the IAM Console.`, 403)
            : commonError(protocol, 'invalidKey', 'The security token included in the request is invalid.'),
        );
        return;
      }
    }

    const callContext = { service, operation, accountId: identity.accountId, region };
    const latency = state.faults.latencyFor(callContext);
    if (latency > 0) await sleep(latency);
    const decision = state.faults.decide(callContext);
    if (decision.kind === 'killPoint') {
      heldResponses.add(response);
      calls.push(record);
      if (!killPointReported) {
        killPointReported = true;
        options.onKillPoint?.(record);
      }
      return;
    }
    if (decision.kind === 'throttle') return fail(commonError(protocol, 'throttle', 'Rate exceeded'));
    if (decision.kind === 'accessDenied') {
      return fail(commonError(protocol, 'accessDenied', `User: ${identity.arn} is not authorized to perform: ${service}:${operation} because no identity-based policy allows the ${service}:${operation} action`));
    }
    if (decision.kind === 'serverError') {
      const [code, status] = SERVER_ERROR_CODES[protocol][decision.code];
      return fail(new AwsError(code, decision.code === 'ServiceUnavailable' ? 'Service is currently unavailable. Please try again later.' : 'An internal error has occurred.', status));
    }

    const context: HandlerContext = { state, identity, account, region, service, operation };
    try {
      if (protocol === 'json') {
        try {
          input = body ? (JSON.parse(body) as Record<string, unknown>) : {};
        } catch {
          throw new AwsError('SerializationException', 'Start of structure or map found where not expected.', 400);
        }
      } else if (protocol === 'query' && !model) {
        // An unmodelled query service: the handler reads the form and writes the result element's XML.
        const inner = (await definition.handlers[operation](context, Object.fromEntries(params))) as string;
        response.writeHead(200, { 'content-type': 'text/xml', 'x-amzn-requestid': requestId });
        response.end(
          `<${operation}Response xmlns="${definition.xmlNamespace ?? ''}"><${operation}Result>${inner}</${operation}Result><ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${operation}Response>`,
        );
        finish(200);
        return;
      } else if (protocol === 'query') {
        const inputShape = model!.operations[operation].input?.shape;
        input = inputShape ? fromQueryParams(model!, inputShape, params) : {};
      } else if (isRest) {
        input = restRoute!.input(new URL(request.url ?? '/', 'http://emulator'), request.headers);
      }
      const inputShape = model?.operations[operation]?.input?.shape;
      const problem = model && inputShape ? validateInput(model, inputShape, input) : undefined;
      if (problem) throw commonError(protocol, 'validation', problem);

      if (protocol === 'ec2') {
        const inner = (await definition.handlers[operation](context, Object.fromEntries(params))) as string;
        response.writeHead(200, { 'content-type': 'text/xml' });
        response.end(`<?xml version="1.0" encoding="UTF-8"?>\n<${operation}Response xmlns="${EC2_NAMESPACE}"><requestId>${requestId}</requestId>${inner}</${operation}Response>`);
        finish(200);
        return;
      }
      const handler = isRest ? restRoute!.handler : definition.handlers[operation];
      const output = await handler(context, input);
      const outputShape = model?.operations[operation]?.output?.shape;
      if (protocol === 'rest-xml') {
        response.writeHead(200, { 'content-type': 'application/xml', 'x-amz-request-id': requestId });
        response.end(String(output));
      } else if (protocol === 'query') {
        response.writeHead(200, { 'content-type': 'text/xml', 'x-amzn-requestid': requestId });
        response.end(toQueryXml(model!, operation, output, requestId));
      } else {
        response.writeHead(200, { 'content-type': protocol === 'json' ? 'application/x-amz-json-1.1' : 'application/json', 'x-amzn-requestid': requestId });
        // Services without a botocore model in the project answer their JSON as is (checked against the SDK schemas).
        response.end(JSON.stringify(outputShape ? toJsonWire(model!, outputShape, output ?? {}) : (output ?? {})));
      }
      finish(200);
    } catch (error) {
      if (error instanceof AwsError) return fail(error);
      // A bug in the emulator itself: answer 500 with the reason so the failing test shows it.
      return fail(new AwsError('InternalFailure', `Triad AWS emulator bug in ${service}:${operation}: ${(error as Error).stack ?? String(error)}`, 500));
    }
  }

  /** Loopback control API for tests that run the emulator as a child process (the CLI). */
  function control(request: IncomingMessage, response: ServerResponse, body: string): void {
    const path = request.url!.slice(CONTROL_PREFIX.length);
    const reply = (status: number, value: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(value));
    };
    if (request.method === 'GET' && path === 'calls') return reply(200, calls);
    if (request.method === 'GET' && path === 'sessions') {
      return reply(200, [...state.sessions.values()].map(({ accessKeyId, accountId, roleName, sessionName, externalId, sourceIdentityArn }) => ({ accessKeyId, accountId, roleName, sessionName, externalId, sourceIdentityArn })));
    }
    if (request.method === 'PUT' && path === 'faults') {
      try {
        state.faults.set(JSON.parse(body) as FaultConfig);
        killPointReported = false;
        return reply(200, { ok: true });
      } catch (error) {
        return reply(400, { error: `faults body is not JSON: ${(error as Error).message}` });
      }
    }
    if (request.method === 'DELETE' && path === 'calls') {
      calls.length = 0;
      return reply(200, { ok: true });
    }
    return reply(404, { error: `unknown control endpoint ${request.method} ${request.url}; use GET calls, GET sessions, PUT faults, DELETE calls` });
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      response.writeHead(500, { 'content-type': 'text/plain' });
      response.end(`Triad AWS emulator failure: ${String(error)}`);
    });
  });
  // AWS endpoints keep an idle connection open far longer than Node's 5 s default. With the default, a loaded
  // machine let the server close sockets the SDK was about to reuse: resets and retries AWS would not cause.
  server.keepAliveTimeout = 60_000;
  server.headersTimeout = 65_000;
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    calls,
    sessions: () => [...state.sessions.values()],
    setFaults: (faults) => {
      state.faults.set(faults);
      killPointReported = false;
    },
    clearCalls: () => {
      calls.length = 0;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        for (const held of heldResponses) held.destroy();
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
