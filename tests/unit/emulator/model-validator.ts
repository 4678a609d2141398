// An independent check of raw emulator responses against the official AWS models: it reads the wire bytes
// (JSON, or query-protocol XML) and walks them against the operation's output shape, so a member, type, enum,
// required member, error code or pagination token that AWS would never send fails the test.
import type { MemberRef, Paginators, ServiceModel, Shape } from '../../emulator/model';

/** Errors any AWS service may answer, beyond those an operation lists in its model. */
export const COMMON_ERROR_CODES = new Set([
  'ThrottlingException',
  'Throttling',
  'AccessDeniedException',
  'AccessDenied',
  'ValidationException',
  'ValidationError',
  'InternalFailure',
  'ServiceUnavailable',
  'ExpiredTokenException',
  'ExpiredToken',
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  'MissingAuthenticationTokenException',
  'MissingAuthenticationToken',
  'UnknownOperationException',
  'InvalidAction',
]);

/** Errors AWS documents for an operation outside its model (Support answers non-premium accounts with this). */
const DOCUMENTED_UNMODELLED: Record<string, string[]> = {
  'support:DescribeTrustedAdvisorChecks': ['SubscriptionRequiredException'],
  'support:DescribeTrustedAdvisorCheckResult': ['SubscriptionRequiredException', 'InvalidParameterValueException'],
};

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

function decodeEntities(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&amp;/g, '&');
}

/** A strict little XML reader for AWS responses: elements, attributes, text; throws on malformed input. */
export function parseXml(source: string): XmlElement {
  const text = source.replace(/^<\?xml[^>]*\?>\s*/, '');
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  const tag = /<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[\w:.-]+="[^"]*")*)\s*(\/?)>/g;
  let last = 0;
  for (let match = tag.exec(text); match; match = tag.exec(text)) {
    const between = text.slice(last, match.index);
    if (stack.length > 0) stack[stack.length - 1].text += decodeEntities(between);
    else if (between.trim() !== '') throw new Error(`XML: text outside the root element: ${between.slice(0, 40)}`);
    last = tag.lastIndex;
    const [, closing, name, rawAttributes, selfClosing] = match;
    if (closing) {
      const open = stack.pop();
      if (!open || open.name !== name) throw new Error(`XML: </${name}> does not close <${open?.name ?? 'nothing'}>`);
      if (stack.length === 0) root = open;
      continue;
    }
    const attributes = Object.fromEntries([...rawAttributes.matchAll(/([\w:.-]+)="([^"]*)"/g)].map((attribute) => [attribute[1], decodeEntities(attribute[2])]));
    const element: XmlElement = { name, attributes, children: [], text: '' };
    if (stack.length > 0) stack[stack.length - 1].children.push(element);
    else if (root) throw new Error('XML: more than one root element');
    if (selfClosing) {
      if (stack.length === 0) root = element;
    } else stack.push(element);
  }
  if (stack.length > 0 || !root) throw new Error('XML: unclosed elements');
  if (text.slice(last).trim() !== '') throw new Error('XML: trailing text after the root element');
  return root;
}

class ShapeWalker {
  readonly problems: string[] = [];
  constructor(private readonly model: ServiceModel) {}

  shape(name: string): Shape {
    const shape = this.model.shapes[name];
    if (!shape) throw new Error(`model has no shape ${name}`);
    return shape;
  }

  problem(path: string, message: string): void {
    this.problems.push(`${path}: ${message}`);
  }

  checkEnum(shape: Shape, value: string, path: string): void {
    if (shape.enum && !shape.enum.includes(value)) this.problem(path, `"${value}" is not in the model's enum [${shape.enum.join(', ')}]`);
  }

  json(ref: MemberRef, value: unknown, path: string): void {
    const shape = this.shape(ref.shape);
    switch (shape.type) {
      case 'structure': {
        if (typeof value !== 'object' || value === null || Array.isArray(value)) return this.problem(path, `expected an object (${ref.shape})`);
        const record = value as Record<string, unknown>;
        const byWireName = new Map(Object.entries(shape.members ?? {}).map(([name, member]) => [member.locationName ?? name, member]));
        for (const [key, memberValue] of Object.entries(record)) {
          const member = byWireName.get(key);
          if (!member) this.problem(`${path}.${key}`, `member is not in ${ref.shape}`);
          else if (memberValue !== null) this.json(member, memberValue, `${path}.${key}`);
        }
        for (const required of shape.required ?? []) {
          const wire = shape.members?.[required]?.locationName ?? required;
          if (record[wire] === undefined) this.problem(`${path}.${wire}`, `required member of ${ref.shape} is missing`);
        }
        return;
      }
      case 'list':
        if (!Array.isArray(value)) return this.problem(path, `expected a list (${ref.shape})`);
        value.forEach((item, index) => this.json(shape.member!, item, `${path}[${index}]`));
        return;
      case 'map':
        if (typeof value !== 'object' || value === null || Array.isArray(value)) return this.problem(path, `expected a map (${ref.shape})`);
        for (const [key, item] of Object.entries(value)) {
          this.checkEnum(this.shape(shape.key!.shape), key, `${path}{${key}}`);
          this.json(shape.value!, item, `${path}.${key}`);
        }
        return;
      case 'string':
        if (typeof value !== 'string') return this.problem(path, `expected a string, got ${typeof value}`);
        return this.checkEnum(shape, value, path);
      case 'integer':
      case 'long':
        if (!Number.isInteger(value)) this.problem(path, `expected an integer, got ${JSON.stringify(value)}`);
        return;
      case 'double':
      case 'float':
        if (typeof value !== 'number') this.problem(path, `expected a number, got ${JSON.stringify(value)}`);
        return;
      case 'boolean':
        if (typeof value !== 'boolean') this.problem(path, `expected a boolean, got ${JSON.stringify(value)}`);
        return;
      case 'timestamp': {
        const format = ref.timestampFormat ?? shape.timestampFormat;
        if (format === 'iso8601') {
          if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) this.problem(path, `expected an ISO-8601 timestamp, got ${JSON.stringify(value)}`);
        } else if (typeof value !== 'number') this.problem(path, `expected epoch seconds, got ${JSON.stringify(value)}`);
        return;
      }
      case 'blob':
        if (typeof value !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(value)) this.problem(path, 'expected a base64 blob');
        return;
    }
  }

  xml(ref: MemberRef, elements: XmlElement[], path: string): void {
    const shape = this.shape(ref.shape);
    if (shape.type === 'list' && (ref.flattened || shape.flattened)) {
      elements.forEach((element, index) => this.xml(shape.member!, [element], `${path}[${index}]`));
      return;
    }
    if (elements.length !== 1) return this.problem(path, `expected one element, found ${elements.length}`);
    const [element] = elements;
    switch (shape.type) {
      case 'structure': {
        const byWireName = new Map(Object.entries(shape.members ?? {}).map(([name, member]) => [member.locationName ?? name, member]));
        const groups = new Map<string, XmlElement[]>();
        for (const child of element.children) groups.set(child.name, [...(groups.get(child.name) ?? []), child]);
        for (const [name, children] of groups) {
          const member = byWireName.get(name);
          if (!member) this.problem(`${path}.${name}`, `element is not a member of ${ref.shape}`);
          else this.xml(member, children, `${path}.${name}`);
        }
        for (const required of shape.required ?? []) {
          const wire = shape.members?.[required]?.locationName ?? required;
          if (!groups.has(wire)) this.problem(`${path}.${wire}`, `required member of ${ref.shape} is missing`);
        }
        return;
      }
      case 'list': {
        const itemName = shape.member!.locationName ?? 'member';
        element.children.forEach((child, index) => {
          if (child.name !== itemName) this.problem(`${path}[${index}]`, `list item must be <${itemName}>, found <${child.name}>`);
          this.xml(shape.member!, [child], `${path}[${index}]`);
        });
        return;
      }
      case 'map': {
        const keyName = shape.key!.locationName ?? 'key';
        const valueName = shape.value!.locationName ?? 'value';
        for (const entry of element.children) {
          const key = entry.children.filter((child) => child.name === keyName);
          const value = entry.children.filter((child) => child.name === valueName);
          if (entry.name !== 'entry' || key.length !== 1 || value.length !== 1) {
            this.problem(path, `map entries must be <entry><${keyName}/><${valueName}/></entry>`);
            continue;
          }
          this.xml(shape.key!, key, `${path}{${key[0].text}}`);
          this.xml(shape.value!, value, `${path}.${key[0].text}`);
        }
        return;
      }
      default:
        if (element.children.length > 0) return this.problem(path, `scalar ${ref.shape} has child elements`);
        return this.xmlScalar(shape, element.text, path);
    }
  }

  xmlScalar(shape: Shape, text: string, path: string): void {
    switch (shape.type) {
      case 'integer':
      case 'long':
        if (!/^-?\d+$/.test(text)) this.problem(path, `expected an integer, got "${text}"`);
        return;
      case 'double':
      case 'float':
        if (Number.isNaN(Number(text))) this.problem(path, `expected a number, got "${text}"`);
        return;
      case 'boolean':
        if (text !== 'true' && text !== 'false') this.problem(path, `expected true/false, got "${text}"`);
        return;
      case 'timestamp':
        if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(text)) this.problem(path, `expected an ISO-8601 UTC timestamp, got "${text}"`);
        return;
      case 'blob':
        if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text)) this.problem(path, 'expected a base64 blob');
        return;
      default:
        this.checkEnum(shape, text, path);
    }
  }
}

/** Problems in a successful JSON-protocol response body (json 1.1 or rest-json). */
export function validateJsonOutput(model: ServiceModel, operation: string, body: string): string[] {
  const op = model.operations[operation];
  if (!op) return [`${operation} is not an operation of the model`];
  if (!op.output) return body.trim() === '' || body.trim() === '{}' ? [] : ['the operation has no output but the body is not empty'];
  const walker = new ShapeWalker(model);
  walker.json({ shape: op.output.shape }, JSON.parse(body), operation);
  return walker.problems;
}

/** Problems in a successful query-protocol (XML) response body. */
export function validateQueryOutput(model: ServiceModel, operation: string, body: string): string[] {
  const op = model.operations[operation];
  if (!op) return [`${operation} is not an operation of the model`];
  const root = parseXml(body);
  const problems: string[] = [];
  if (root.name !== `${operation}Response`) problems.push(`root element is <${root.name}>, expected <${operation}Response>`);
  if (root.attributes.xmlns !== model.metadata.xmlNamespace) problems.push(`xmlns is "${root.attributes.xmlns}", expected "${model.metadata.xmlNamespace}"`);
  const metadata = root.children.find((child) => child.name === 'ResponseMetadata');
  if (!metadata?.children.some((child) => child.name === 'RequestId' && child.text !== '')) problems.push('ResponseMetadata/RequestId is missing');
  if (op.output) {
    const wrapper = op.output.resultWrapper ?? `${operation}Result`;
    const result = root.children.filter((child) => child.name === wrapper);
    const walker = new ShapeWalker(model);
    walker.xml({ shape: op.output.shape }, result, operation);
    problems.push(...walker.problems);
  }
  const unexpected = root.children.filter((child) => child.name !== 'ResponseMetadata' && child.name !== (op.output?.resultWrapper ?? `${operation}Result`));
  for (const child of unexpected) problems.push(`unexpected element <${child.name}> under the response`);
  return problems;
}

/** The error codes an operation may answer: its modelled errors (shape name and wire code) and the common ones. */
export function allowedErrorCodes(model: ServiceModel, service: string, operation: string): Set<string> {
  const codes = new Set(COMMON_ERROR_CODES);
  for (const error of model.operations[operation]?.errors ?? []) {
    codes.add(error.shape);
    const wire = model.shapes[error.shape]?.error?.code;
    if (wire) codes.add(wire);
  }
  for (const code of DOCUMENTED_UNMODELLED[`${service}:${operation}`] ?? []) codes.add(code);
  return codes;
}

/** Problems in an error response: its envelope for the protocol, and whether the model allows its code. */
export function validateErrorResponse(model: ServiceModel, service: string, operation: string, status: number, body: string, headers: Record<string, string>): string[] {
  const problems: string[] = [];
  let code = '';
  if (model.metadata.protocol === 'query') {
    const root = parseXml(body);
    const error = root.children.find((child) => child.name === 'Error');
    if (root.name !== 'ErrorResponse' || !error) return [`query errors are <ErrorResponse><Error>…, got <${root.name}>`];
    const field = (name: string) => error.children.find((child) => child.name === name)?.text;
    code = field('Code') ?? '';
    const type = field('Type');
    if (type !== (status >= 500 ? 'Receiver' : 'Sender')) problems.push(`Error/Type is "${type}" for HTTP ${status}`);
    if (!field('Message')) problems.push('Error/Message is missing');
    if (!root.children.some((child) => child.name === 'RequestId')) problems.push('RequestId is missing');
  } else {
    const parsed = JSON.parse(body) as Record<string, unknown>;
    code = String(parsed.__type ?? '').split('#').pop()!.split(':')[0];
    if (headers['x-amzn-errortype'] && headers['x-amzn-errortype'].split(':')[0] !== code) problems.push(`x-amzn-ErrorType "${headers['x-amzn-errortype']}" differs from __type "${code}"`);
    if (typeof parsed.message !== 'string' && typeof parsed.Message !== 'string') problems.push('the error has no message');
    const modelled = model.shapes[code];
    for (const key of Object.keys(parsed)) {
      if (key === '__type' || key === 'message' || key === 'Message') continue;
      if (!modelled?.members?.[key]) problems.push(`error member ${key} is not in ${code}`);
    }
  }
  if (!allowedErrorCodes(model, service, operation).has(code)) problems.push(`error code ${code} is neither modelled for ${operation} nor a common AWS error`);
  if (status < 400 || status > 599) problems.push(`error status ${status} is not 4xx/5xx`);
  return problems;
}

/** Pagination tokens in a response must be the paginator's output token for that operation. */
export function validatePaginationTokens(paginators: Paginators, operation: string, output: Record<string, unknown>, tokenNames: string[]): string[] {
  const present = tokenNames.filter((name) => output[name] !== undefined);
  if (present.length === 0) return [];
  const paginator = paginators.pagination[operation];
  if (!paginator) return [`${operation} returned ${present.join(', ')} but has no paginator in the model`];
  const outputTokens = ([] as string[]).concat(paginator.output_token);
  return present.filter((name) => !outputTokens.includes(name)).map((name) => `${operation} returned token ${name}, the paginator's output token is ${outputTokens.join(', ')}`);
}
