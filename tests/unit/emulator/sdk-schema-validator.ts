// An independent check of raw emulator responses for services whose botocore model the project does not hold
// (EC2, CloudTrail, RDS, AWS Backup, GuardDuty, IAM Access Analyzer, S3 Control). Every AWS SDK v3 client embeds
// schemas generated from the official Smithy model (exported as `<Shape>$`, e.g. `GetDetectorResponse$`): member
// names, wire names (jsonName / xmlName), types, timestamp formats, which members are required (a structure lists
// them first and counts them), list and map members, and the service's error shapes. Enum values are not in those
// schemas: they come from the client's generated enum objects, tied to each member by its generated declaration
// (`Status?: DetectorStatus | undefined`). Pagination tokens come from the client's generated paginators.
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { COMMON_ERROR_CODES, parseXml, type XmlElement } from './model-validator';

export type WireProtocol = 'json' | 'rest-json' | 'aws-query' | 'ec2-query' | 'rest-xml';

type Traits = Record<string, unknown>;
/** A schema reference as the SDK writes it: a number (simple type), a static array, or a thunk to one. */
type SchemaRef = unknown;

interface Member {
  name: string;
  schema: SchemaRef;
  traits: Traits;
}

/** The bit flags the SDK uses for common member traits (see @smithy/core/schema translateTraits). */
const TRAIT_BITS = ['httpLabel', 'idempotent', 'idempotencyToken', 'sensitive', 'httpPayload', 'httpResponseCode', 'httpQueryParams'];

function traitsOf(indicator: unknown): Traits {
  if (typeof indicator === 'object' && indicator !== null) return indicator as Traits;
  const bits = Number(indicator ?? 0) | 0;
  return Object.fromEntries(TRAIT_BITS.filter((_, index) => ((bits >> index) & 1) === 1).map((name) => [name, 1]));
}

function deref(ref: SchemaRef): SchemaRef {
  let value = ref;
  while (typeof value === 'function') value = (value as () => unknown)();
  return value;
}

/** A member slot: `[schema, traits]` or a bare schema. */
function memberOf(name: string, slot: unknown): Member {
  if (Array.isArray(slot) && slot.length === 2) return { name, schema: slot[0], traits: traitsOf(slot[1]) };
  return { name, schema: slot, traits: {} };
}

type Kind = 'string' | 'number' | 'boolean' | 'timestamp' | 'blob' | 'document' | 'list' | 'map' | 'structure' | 'error';

interface Shape {
  kind: Kind;
  name: string;
  /** 4 default, 5 date-time, 6 http-date, 7 epoch-seconds. */
  timestampFormat?: number;
  members?: Member[];
  required?: Set<string>;
  item?: Member;
  key?: Member;
  value?: Member;
  traits: Traits;
}

function simpleKind(code: number): Kind {
  if (code === 0) return 'string';
  if (code === 1 || code === 17 || code === 19) return 'number';
  if (code === 2) return 'boolean';
  if (code >= 4 && code <= 7) return 'timestamp';
  if (code === 21 || code === 42) return 'blob';
  if (code === 15) return 'document';
  throw new Error(`unknown simple schema ${code}`);
}

function shapeOf(ref: SchemaRef): Shape {
  const schema = deref(ref);
  if (typeof schema === 'number') {
    if (schema >= 64 && schema < 128) return { kind: 'list', name: 'List', item: { name: 'member', schema: schema & 0b0011_1111, traits: {} }, traits: {} };
    if (schema >= 128) return { kind: 'map', name: 'Map', key: { name: 'key', schema: 0, traits: {} }, value: { name: 'value', schema: schema & 0b0011_1111, traits: {} }, traits: {} };
    const kind = simpleKind(schema);
    return { kind, name: kind, traits: {}, ...(kind === 'timestamp' ? { timestampFormat: schema } : {}) };
  }
  if (!Array.isArray(schema)) throw new Error(`unreadable schema ${String(schema)}`);
  const [type, , name, traits] = schema as [number, string, string, unknown];
  switch (type) {
    case 0:
      return { ...shapeOf(schema[4]), name, traits: traitsOf(traits) };
    case 1:
      return { kind: 'list', name, item: memberOf('member', schema[4]), traits: traitsOf(traits) };
    case 2:
      return { kind: 'map', name, key: memberOf('key', schema[4]), value: memberOf('value', schema[5]), traits: traitsOf(traits) };
    case 3:
    case -3:
    case 4: {
      const names = (schema[4] ?? []) as string[];
      const slots = (schema[5] ?? []) as unknown[];
      const members = names.map((member, index) => memberOf(member, slots[index]));
      return { kind: type === -3 ? 'error' : 'structure', name, members, required: new Set(names.slice(0, Number(schema[6] ?? 0))), traits: traitsOf(traits) };
    }
    default:
      throw new Error(`unreadable schema type ${type} (${name})`);
  }
}

export class SdkSchemaValidator {
  private readonly enumsByMember = new Map<string, string>();
  private readonly paginators = new Map<string, string>();
  /** Error shapes of the service by every code the wire may carry (shape name, awsQueryError code). */
  readonly errors = new Map<string, Shape>();

  constructor(
    private readonly sdk: Record<string, unknown>,
    packageName: string,
    readonly protocol: WireProtocol,
  ) {
    const packageDir = dirname(createRequire(import.meta.url).resolve(`${packageName}/package.json`));
    const modelsDir = join(packageDir, 'dist-types', 'models');
    for (const file of readdirSync(modelsDir).filter((name) => /^models_\d+\.d\.ts$/.test(name))) {
      const text = readFileSync(join(modelsDir, file), 'utf8');
      for (const block of text.matchAll(/export interface (\w+) \{([\s\S]*?)\n\}/g)) {
        for (const member of block[2].matchAll(/^ {4}(\w+)\??: (\w+)(?:\[\])? \| undefined;$/gm)) this.enumsByMember.set(`${block[1]}.${member[1]}`, member[2]);
      }
    }
    const pagination = join(packageDir, 'dist-es', 'pagination');
    for (const file of readdirSync(pagination).filter((name) => name.endsWith('Paginator.js'))) {
      const found = /createPaginator\(\w+, (\w+)Command, "\w+", "(\w+)"/.exec(readFileSync(join(pagination, file), 'utf8'));
      if (found) this.paginators.set(found[1], found[2]);
    }
    for (const value of Object.values(sdk)) {
      if (!Array.isArray(value) || value[0] !== -3) continue;
      const shape = shapeOf(value);
      this.errors.set(shape.name, shape);
      const queryCode = (shape.traits.awsQueryError as [string, number] | undefined)?.[0];
      if (queryCode) this.errors.set(queryCode, shape);
    }
  }

  private operation(name: string): { output: Shape } {
    const operation = this.sdk[`${name}$`];
    if (!Array.isArray(operation) || operation[0] !== 9) throw new Error(`the SDK has no operation schema ${name}$`);
    return { output: shapeOf(operation[5]) };
  }

  /** The allowed values of a string member, when the SDK generates an enum for it. */
  private enumOf(structure: string, member: string): string[] | undefined {
    const type = this.enumsByMember.get(`${structure}.${member}`);
    const values = type ? this.sdk[type] : undefined;
    if (typeof values !== 'object' || values === null || Array.isArray(values)) return undefined;
    const list = Object.values(values as Record<string, unknown>);
    return list.length > 0 && list.every((value) => typeof value === 'string') ? (list as string[]) : undefined;
  }

  /** Problems in a successful response body. */
  validateOutput(operation: string, body: string): string[] {
    const { output } = this.operation(operation);
    const walker = new Walker(this);
    let present: string[] = [];
    if (this.protocol === 'json' || this.protocol === 'rest-json') {
      const parsed = JSON.parse(body === '' ? '{}' : body) as unknown;
      walker.json(output, parsed, operation);
      present = typeof parsed === 'object' && parsed !== null ? Object.keys(parsed) : [];
    } else {
      const root = parseXml(body);
      let result: XmlElement | undefined = root;
      if (this.protocol === 'aws-query') {
        if (root.name !== `${operation}Response`) walker.problem(operation, `root element is <${root.name}>, expected <${operation}Response>`);
        result = root.children.find((child) => child.name === `${operation}Result`);
        const metadata = root.children.find((child) => child.name === 'ResponseMetadata');
        if (!metadata?.children.some((child) => child.name === 'RequestId' && child.text !== '')) walker.problem(operation, 'ResponseMetadata/RequestId is missing');
        for (const child of root.children) if (child.name !== 'ResponseMetadata' && child.name !== `${operation}Result`) walker.problem(operation, `unexpected element <${child.name}> under the response`);
      } else if (this.protocol === 'ec2-query') {
        if (root.name !== `${operation}Response`) walker.problem(operation, `root element is <${root.name}>, expected <${operation}Response>`);
        if (!root.children.some((child) => child.name === 'requestId' && child.text !== '')) walker.problem(operation, 'requestId is missing');
        result = { ...root, children: root.children.filter((child) => child.name !== 'requestId') };
      } else {
        // rest-xml: the body is the payload member's structure, named after it.
        const payload = output.members?.find((member) => member.traits.httpPayload);
        if (payload) {
          const shape = shapeOf(payload.schema);
          const expected = String(payload.traits.xmlName ?? shape.traits.xmlName ?? shape.name);
          if (root.name !== expected) walker.problem(operation, `root element is <${root.name}>, expected <${expected}>`);
          walker.xml(shape, root, `${operation}.${payload.name}`);
          return walker.problems;
        }
      }
      if (result) walker.xml(output, result, operation);
      present = (result?.children ?? []).map((child) => child.name);
    }
    const tokens = present.filter((name) => /^(NextToken|nextToken|Marker)$/.test(name));
    const paginated = this.paginators.get(operation);
    for (const token of tokens) {
      if (!paginated) walker.problem(operation, `returned ${token} but the SDK has no paginator for ${operation}`);
      else if (token.toLowerCase() !== paginated.toLowerCase()) walker.problem(operation, `returned token ${token}, the paginator's output token is ${paginated}`);
    }
    return walker.problems;
  }

  /** Problems in an error response: its envelope for the protocol, and whether the service models its code. */
  validateError(status: number, body: string, headers: Record<string, string>): string[] {
    const problems: string[] = [];
    if (status < 400 || status > 599) problems.push(`error status ${status} is not 4xx/5xx`);
    let code = '';
    if (this.protocol === 'json' || this.protocol === 'rest-json') {
      const parsed = JSON.parse(body) as Record<string, unknown>;
      code = String(parsed.__type ?? headers['x-amzn-errortype'] ?? '').split('#').pop()!.split(':')[0];
      if (headers['x-amzn-errortype'] && headers['x-amzn-errortype'].split(':')[0] !== code) problems.push(`x-amzn-ErrorType "${headers['x-amzn-errortype']}" differs from __type "${code}"`);
      if (typeof parsed.message !== 'string' && typeof parsed.Message !== 'string') problems.push('the error has no message');
      const shape = this.errors.get(code);
      const wireNames = new Set((shape?.members ?? []).map((member) => String(this.protocol === 'rest-json' ? (member.traits.jsonName ?? member.name) : member.name)));
      for (const key of Object.keys(parsed)) {
        if (key === '__type' || /^message$/i.test(key)) continue;
        if (!wireNames.has(key)) problems.push(`error member ${key} is not in ${code}`);
      }
    } else {
      const root = parseXml(body);
      const error =
        this.protocol === 'aws-query'
          ? root.name === 'ErrorResponse' && root.children.find((child) => child.name === 'Error')
          : this.protocol === 'ec2-query'
            ? root.name === 'Response' && root.children.find((child) => child.name === 'Errors')?.children.find((child) => child.name === 'Error')
            : root.name === 'Error' && root;
      if (!error) return [...problems, `the ${this.protocol} error envelope is missing (root <${root.name}>)`];
      const field = (name: string) => error.children.find((child) => child.name === name)?.text;
      code = field('Code') ?? '';
      if (!field('Message')) problems.push('Error/Message is missing');
      if (this.protocol === 'aws-query' && field('Type') !== (status >= 500 ? 'Receiver' : 'Sender')) problems.push(`Error/Type is "${field('Type')}" for HTTP ${status}`);
      const requestId = this.protocol === 'ec2-query' ? 'RequestID' : 'RequestId';
      if (![root, error].some((element) => element.children.some((child) => child.name === requestId))) problems.push(`${requestId} is missing`);
    }
    const modelled = this.errors.get(code);
    // EC2 models no error shapes; its codes are documented in the EC2 API reference instead.
    const known = modelled !== undefined || COMMON_ERROR_CODES.has(code) || QUERY_COMMON_ERRORS.has(code) || (this.protocol === 'ec2-query' && EC2_DOCUMENTED_ERRORS.has(code));
    if (!known) problems.push(`error code ${code} is neither an error shape of the service nor a common AWS error`);
    const expectedStatus = modelled ? ((modelled.traits.awsQueryError as [string, number] | undefined)?.[1] ?? modelled.traits.httpError) : undefined;
    if (typeof expectedStatus === 'number' && expectedStatus !== status) problems.push(`${code} is HTTP ${expectedStatus} in the model, got ${status}`);
    return problems;
  }

  enumFor(structure: string, member: string): string[] | undefined {
    return this.enumOf(structure, member);
  }
}

/** The "Common Errors" every AWS query API documents, beyond those COMMON_ERROR_CODES holds. */
const QUERY_COMMON_ERRORS = new Set(['InvalidParameterValue', 'InvalidParameterCombination', 'MissingParameter', 'InvalidQueryParameter', 'NotAuthorized', 'OptInRequired']);

/** EC2 error codes the emulator answers, as the EC2 API reference ("Error codes for the Amazon EC2 API") lists them. */
const EC2_DOCUMENTED_ERRORS = new Set([
  'AuthFailure',
  'InternalError',
  'InvalidAction',
  'InvalidPaginationToken',
  'InvalidParameterValue',
  'InvalidSnapshot.NotFound',
  'MissingAuthenticationToken',
  'RequestExpired',
  'RequestLimitExceeded',
  'UnauthorizedOperation',
  'Unavailable',
]);

class Walker {
  readonly problems: string[] = [];
  constructor(private readonly validator: SdkSchemaValidator) {}

  problem(path: string, message: string): void {
    this.problems.push(`${path}: ${message}`);
  }

  private checkEnum(values: string[] | undefined, value: string, path: string): void {
    if (values && !values.includes(value)) this.problem(path, `"${value}" is not in the SDK's enum [${values.join(', ')}]`);
  }

  private wireName(member: Member): string {
    if (this.validator.protocol === 'json') return member.name;
    if (this.validator.protocol === 'rest-json') return String(member.traits.jsonName ?? member.name);
    return String(member.traits.xmlName ?? member.name);
  }

  json(shape: Shape, value: unknown, path: string, enumValues?: string[]): void {
    switch (shape.kind) {
      case 'structure':
      case 'error': {
        if (typeof value !== 'object' || value === null || Array.isArray(value)) return this.problem(path, `expected an object (${shape.name})`);
        const record = value as Record<string, unknown>;
        const byWire = new Map(shape.members!.filter((member) => !member.traits.httpHeader && !member.traits.httpResponseCode).map((member) => [this.wireName(member), member]));
        for (const [key, memberValue] of Object.entries(record)) {
          const member = byWire.get(key);
          if (!member) this.problem(`${path}.${key}`, `member is not in ${shape.name}`);
          else if (memberValue !== null) this.json(shapeOf(member.schema), memberValue, `${path}.${key}`, this.validator.enumFor(shape.name, member.name));
        }
        for (const member of shape.members!) {
          if (shape.required!.has(member.name) && record[this.wireName(member)] === undefined) this.problem(`${path}.${this.wireName(member)}`, `required member of ${shape.name} is missing`);
        }
        return;
      }
      case 'list':
        if (!Array.isArray(value)) return this.problem(path, `expected a list (${shape.name})`);
        value.forEach((item, index) => this.json(shapeOf(shape.item!.schema), item, `${path}[${index}]`, enumValues));
        return;
      case 'map':
        if (typeof value !== 'object' || value === null || Array.isArray(value)) return this.problem(path, `expected a map (${shape.name})`);
        for (const [key, item] of Object.entries(value)) this.json(shapeOf(shape.value!.schema), item, `${path}.${key}`);
        return;
      case 'string':
        if (typeof value !== 'string') return this.problem(path, `expected a string, got ${typeof value}`);
        return this.checkEnum(enumValues, value, path);
      case 'number':
        if (typeof value !== 'number') this.problem(path, `expected a number, got ${JSON.stringify(value)}`);
        return;
      case 'boolean':
        if (typeof value !== 'boolean') this.problem(path, `expected a boolean, got ${JSON.stringify(value)}`);
        return;
      case 'timestamp': {
        const format = shape.timestampFormat === 4 ? 7 : shape.timestampFormat;
        if (format === 7 && typeof value !== 'number') this.problem(path, `expected epoch seconds, got ${JSON.stringify(value)}`);
        if (format === 5 && (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(value))) this.problem(path, `expected an RFC 3339 date-time, got ${JSON.stringify(value)}`);
        if (format === 6 && (typeof value !== 'string' || Number.isNaN(Date.parse(value)))) this.problem(path, `expected an HTTP date, got ${JSON.stringify(value)}`);
        return;
      }
      case 'blob':
        if (typeof value !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(value)) this.problem(path, 'expected a base64 blob');
        return;
      case 'document':
        return;
    }
  }

  xml(shape: Shape, element: XmlElement, path: string, enumValues?: string[]): void {
    switch (shape.kind) {
      case 'structure':
      case 'error': {
        const byWire = new Map(shape.members!.map((member) => [this.wireName(member), member]));
        const groups = new Map<string, XmlElement[]>();
        for (const child of element.children) groups.set(child.name, [...(groups.get(child.name) ?? []), child]);
        for (const [name, children] of groups) {
          const member = byWire.get(name);
          if (!member) {
            this.problem(`${path}.${name}`, `element is not a member of ${shape.name}`);
            continue;
          }
          const memberShape = shapeOf(member.schema);
          const values = this.validator.enumFor(shape.name, member.name);
          if (memberShape.kind === 'list' && member.traits.xmlFlattened) children.forEach((child, index) => this.xml(shapeOf(memberShape.item!.schema), child, `${path}.${name}[${index}]`, values));
          else if (children.length !== 1) this.problem(`${path}.${name}`, `expected one element, found ${children.length}`);
          else this.xml(memberShape, children[0], `${path}.${name}`, values);
        }
        for (const member of shape.members!) {
          if (shape.required!.has(member.name) && !groups.has(this.wireName(member))) this.problem(`${path}.${this.wireName(member)}`, `required member of ${shape.name} is missing`);
        }
        return;
      }
      case 'list': {
        const itemName = String(shape.item!.traits.xmlName ?? (this.validator.protocol === 'ec2-query' ? 'item' : 'member'));
        element.children.forEach((child, index) => {
          if (child.name !== itemName) this.problem(`${path}[${index}]`, `list item must be <${itemName}>, found <${child.name}>`);
          this.xml(shapeOf(shape.item!.schema), child, `${path}[${index}]`, enumValues);
        });
        return;
      }
      case 'map': {
        for (const entry of element.children) {
          const key = entry.children.find((child) => child.name === String(shape.key!.traits.xmlName ?? 'key'));
          const value = entry.children.find((child) => child.name === String(shape.value!.traits.xmlName ?? 'value'));
          if (entry.name !== 'entry' || !key || !value) this.problem(path, 'map entries must be <entry><key/><value/></entry>');
          else this.xml(shapeOf(shape.value!.schema), value, `${path}.${key.text}`);
        }
        return;
      }
      default: {
        if (element.children.length > 0) return this.problem(path, `scalar ${shape.name} has child elements`);
        const text = element.text;
        if (shape.kind === 'number' && (text.trim() === '' || Number.isNaN(Number(text)))) this.problem(path, `expected a number, got "${text}"`);
        if (shape.kind === 'boolean' && text !== 'true' && text !== 'false') this.problem(path, `expected true/false, got "${text}"`);
        if (shape.kind === 'timestamp' && !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(text)) this.problem(path, `expected an ISO-8601 UTC timestamp, got "${text}"`);
        if (shape.kind === 'blob' && !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) this.problem(path, 'expected a base64 blob');
        if (shape.kind === 'string') this.checkEnum(enumValues, text, path);
      }
    }
  }
}
