// The official AWS models drive the emulator's wire format: responses are serialized from the operation's output
// shape (member names, XML element names, timestamp formats) and requests are validated against its input shape
// (required members, ranges, enums), so what the SDK sees is what AWS would send.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface MemberRef {
  shape: string;
  locationName?: string;
  location?: string;
  flattened?: boolean;
  timestampFormat?: string;
}

export interface Shape {
  type: 'structure' | 'list' | 'map' | 'string' | 'integer' | 'long' | 'boolean' | 'timestamp' | 'blob' | 'double' | 'float';
  members?: Record<string, MemberRef>;
  member?: MemberRef;
  key?: MemberRef;
  value?: MemberRef;
  required?: string[];
  enum?: string[];
  min?: number;
  max?: number;
  flattened?: boolean;
  timestampFormat?: string;
  exception?: boolean;
  error?: { code?: string; httpStatusCode?: number; senderFault?: boolean };
}

export interface Operation {
  name: string;
  http?: { method: string; requestUri: string; responseCode?: number };
  input?: { shape: string };
  output?: { shape: string; resultWrapper?: string };
  errors?: { shape: string }[];
}

export interface ServiceModel {
  metadata: {
    apiVersion: string;
    protocol: string;
    targetPrefix?: string;
    xmlNamespace?: string;
    jsonVersion?: string;
    endpointPrefix: string;
    signingName?: string;
  };
  operations: Record<string, Operation>;
  shapes: Record<string, Shape>;
}

export interface Paginators {
  pagination: Record<string, { input_token: string | string[]; output_token: string | string[]; limit_key?: string; result_key?: string | string[]; more_results?: string }>;
}

export const MODEL_VERSIONS = {
  config: '2014-11-12',
  sts: '2011-06-15',
  iam: '2010-05-08',
  organizations: '2016-11-28',
  support: '2013-04-15',
  trustedadvisor: '2022-09-15',
} as const;

export type ModelledService = keyof typeof MODEL_VERSIONS;

const modelsDir = join(dirname(fileURLToPath(import.meta.url)), 'models');
const modelCache = new Map<string, ServiceModel>();

export function loadModel(service: ModelledService): ServiceModel {
  const cached = modelCache.get(service);
  if (cached) return cached;
  const model = JSON.parse(readFileSync(join(modelsDir, service, MODEL_VERSIONS[service], 'service-2.json'), 'utf8')) as ServiceModel;
  modelCache.set(service, model);
  return model;
}

export function loadPaginators(service: ModelledService): Paginators {
  return JSON.parse(readFileSync(join(modelsDir, service, MODEL_VERSIONS[service], 'paginators-1.json'), 'utf8')) as Paginators;
}

/** A value the handlers produce: plain JSON-like data where timestamps may be ISO strings or Dates. */
export type WireValue = unknown;

function toDate(value: WireValue, where: string): Date {
  const date = value instanceof Date ? value : new Date(String(value));
  if (Number.isNaN(date.getTime())) throw new Error(`emulator: invalid timestamp ${JSON.stringify(value)} at ${where}`);
  return date;
}

function shapeOf(model: ServiceModel, name: string): Shape {
  const shape = model.shapes[name];
  if (!shape) throw new Error(`emulator: shape ${name} is not in the ${model.metadata.endpointPrefix} model`);
  return shape;
}

/** JSON protocols (json 1.1, rest-json body): epoch-second timestamps, base64 blobs, unknown members refused. */
export function toJsonWire(model: ServiceModel, shapeName: string, value: WireValue, where = shapeName, timestampFormat?: string): unknown {
  const shape = shapeOf(model, shapeName);
  switch (shape.type) {
    case 'structure': {
      const out: Record<string, unknown> = {};
      for (const [key, memberValue] of Object.entries(value as Record<string, unknown>)) {
        if (memberValue === undefined) continue;
        const member = shape.members?.[key];
        if (!member) throw new Error(`emulator: ${where} has no member ${key} in the model`);
        out[member.locationName ?? key] = toJsonWire(model, member.shape, memberValue, `${where}.${key}`, member.timestampFormat);
      }
      return out;
    }
    case 'list':
      return (value as unknown[]).map((item, index) => toJsonWire(model, shape.member!.shape, item, `${where}[${index}]`));
    case 'map':
      return Object.fromEntries(
        Object.entries(value as Record<string, unknown>).map(([key, item]) => [key, toJsonWire(model, shape.value!.shape, item, `${where}.${key}`)]),
      );
    case 'timestamp': {
      const date = toDate(value, where);
      return (timestampFormat ?? shape.timestampFormat) === 'iso8601' ? date.toISOString() : date.getTime() / 1000;
    }
    case 'blob':
      return Buffer.from(value as string | Uint8Array).toString('base64');
    default:
      return value;
  }
}

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

function xmlScalar(shape: Shape, value: WireValue, where: string): string {
  switch (shape.type) {
    case 'timestamp':
      return toDate(value, where).toISOString();
    case 'blob':
      return Buffer.from(value as string | Uint8Array).toString('base64');
    case 'boolean':
      return value ? 'true' : 'false';
    default:
      return escapeXml(String(value));
  }
}

/** Query-protocol XML for one member named `elementName`. */
function toXmlElement(model: ServiceModel, elementName: string, ref: MemberRef, value: WireValue, where: string): string {
  const shape = shapeOf(model, ref.shape);
  if (shape.type === 'list') {
    const memberRef = shape.member!;
    const items = value as unknown[];
    if (ref.flattened || shape.flattened) {
      return items.map((item, index) => toXmlElement(model, elementName, memberRef, item, `${where}[${index}]`)).join('');
    }
    const itemName = memberRef.locationName ?? 'member';
    return `<${elementName}>${items.map((item, index) => toXmlElement(model, itemName, memberRef, item, `${where}[${index}]`)).join('')}</${elementName}>`;
  }
  if (shape.type === 'map') {
    const keyName = shape.key!.locationName ?? 'key';
    const valueName = shape.value!.locationName ?? 'value';
    const entries = Object.entries(value as Record<string, unknown>)
      .map(([key, item]) => `<entry>${toXmlElement(model, keyName, shape.key!, key, where)}${toXmlElement(model, valueName, shape.value!, item, `${where}.${key}`)}</entry>`)
      .join('');
    return `<${elementName}>${entries}</${elementName}>`;
  }
  if (shape.type === 'structure') return `<${elementName}>${structureToXml(model, ref.shape, value, where)}</${elementName}>`;
  return `<${elementName}>${xmlScalar(shape, value, where)}</${elementName}>`;
}

function structureToXml(model: ServiceModel, shapeName: string, value: WireValue, where: string): string {
  const shape = shapeOf(model, shapeName);
  let xml = '';
  for (const [key, memberValue] of Object.entries(value as Record<string, unknown>)) {
    if (memberValue === undefined) continue;
    const member = shape.members?.[key];
    if (!member) throw new Error(`emulator: ${where} has no member ${key} in the model`);
    xml += toXmlElement(model, member.locationName ?? key, member, memberValue, `${where}.${key}`);
  }
  return xml;
}

/** The full query-protocol response document for an operation's output. */
export function toQueryXml(model: ServiceModel, operationName: string, output: WireValue, requestId: string): string {
  const operation = model.operations[operationName];
  const namespace = model.metadata.xmlNamespace ?? '';
  const body = operation.output
    ? `<${operation.output.resultWrapper ?? `${operationName}Result`}>${structureToXml(model, operation.output.shape, output ?? {}, operationName)}</${operation.output.resultWrapper ?? `${operationName}Result`}>`
    : '';
  return `<${operationName}Response xmlns="${namespace}">${body}<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${operationName}Response>`;
}

/** Reads a form-encoded query request (`Name.member.1`, `Name.entry.1.key`) into a structure of the input shape. */
export function fromQueryParams(model: ServiceModel, shapeName: string, params: URLSearchParams, prefix = ''): Record<string, unknown> {
  const shape = shapeOf(model, shapeName);
  const out: Record<string, unknown> = {};
  for (const [name, member] of Object.entries(shape.members ?? {})) {
    const key = `${prefix}${member.locationName ?? name}`;
    const value = readQueryValue(model, member, params, key);
    if (value !== undefined) out[name] = value;
  }
  return out;
}

function readQueryValue(model: ServiceModel, ref: MemberRef, params: URLSearchParams, key: string): unknown {
  const shape = shapeOf(model, ref.shape);
  switch (shape.type) {
    case 'structure': {
      const hasAny = [...params.keys()].some((name) => name.startsWith(`${key}.`));
      return hasAny ? fromQueryParams(model, ref.shape, params, `${key}.`) : undefined;
    }
    case 'list': {
      const itemPrefix = ref.flattened || shape.flattened ? key : `${key}.${shape.member!.locationName ?? 'member'}`;
      const items: unknown[] = [];
      for (let index = 1; ; index += 1) {
        const item = readQueryValue(model, shape.member!, params, `${itemPrefix}.${index}`);
        if (item === undefined) break;
        items.push(item);
      }
      return items.length > 0 || params.has(key) ? items : undefined;
    }
    case 'map': {
      const map: Record<string, unknown> = {};
      for (let index = 1; params.has(`${key}.entry.${index}.key`); index += 1) {
        map[params.get(`${key}.entry.${index}.key`)!] = readQueryValue(model, shape.value!, params, `${key}.entry.${index}.value`);
      }
      return Object.keys(map).length > 0 ? map : undefined;
    }
    default: {
      const raw = params.get(key);
      if (raw === null) return undefined;
      if (shape.type === 'integer' || shape.type === 'long' || shape.type === 'double' || shape.type === 'float') return Number(raw);
      if (shape.type === 'boolean') return raw === 'true';
      return raw;
    }
  }
}

/** Coral-style input validation: the first few violations, phrased exactly as AWS phrases them. */
export function validateInput(model: ServiceModel, shapeName: string, value: unknown): string | undefined {
  const problems: string[] = [];
  collectInputProblems(model, shapeName, value, '', problems);
  if (problems.length === 0) return undefined;
  return `${problems.length} validation error${problems.length > 1 ? 's' : ''} detected: ${problems.join('; ')}`;
}

function memberPath(parent: string, name: string): string {
  const camel = name.charAt(0).toLowerCase() + name.slice(1);
  return parent ? `${parent}.${camel}` : camel;
}

function collectInputProblems(model: ServiceModel, shapeName: string, value: unknown, path: string, problems: string[]): void {
  const shape = shapeOf(model, shapeName);
  if (value === undefined || value === null) return;
  const shown = typeof value === 'object' ? JSON.stringify(value) : String(value);
  switch (shape.type) {
    case 'structure': {
      const record = value as Record<string, unknown>;
      for (const required of shape.required ?? []) {
        if (record[required] === undefined || record[required] === null) {
          problems.push(`Value null at '${memberPath(path, required)}' failed to satisfy constraint: Member must not be null`);
        }
      }
      for (const [name, member] of Object.entries(shape.members ?? {})) {
        collectInputProblems(model, member.shape, record[member.locationName ?? name] ?? record[name], memberPath(path, name), problems);
      }
      return;
    }
    case 'list': {
      const items = value as unknown[];
      if (shape.max !== undefined && items.length > shape.max) {
        problems.push(`Value '${shown}' at '${path}' failed to satisfy constraint: Member must have length less than or equal to ${shape.max}`);
      }
      if (shape.min !== undefined && items.length < shape.min) {
        problems.push(`Value '${shown}' at '${path}' failed to satisfy constraint: Member must have length greater than or equal to ${shape.min}`);
      }
      items.forEach((item, index) => collectInputProblems(model, shape.member!.shape, item, `${path}.${index + 1}.member`, problems));
      return;
    }
    case 'integer':
    case 'long': {
      const number = Number(value);
      if (!Number.isInteger(number)) problems.push(`Value '${shown}' at '${path}' failed to satisfy constraint: Member must be an integer`);
      if (shape.max !== undefined && number > shape.max) {
        problems.push(`Value '${shown}' at '${path}' failed to satisfy constraint: Member must have value less than or equal to ${shape.max}`);
      }
      if (shape.min !== undefined && number < shape.min) {
        problems.push(`Value '${shown}' at '${path}' failed to satisfy constraint: Member must have value greater than or equal to ${shape.min}`);
      }
      return;
    }
    case 'string': {
      const text = String(value);
      if (shape.enum && !shape.enum.includes(text)) {
        problems.push(`Value '${text}' at '${path}' failed to satisfy constraint: Member must satisfy enum value set: [${shape.enum.join(', ')}]`);
      }
      if (shape.max !== undefined && text.length > shape.max) {
        problems.push(`Value '${text}' at '${path}' failed to satisfy constraint: Member must have length less than or equal to ${shape.max}`);
      }
      if (shape.min !== undefined && text.length < shape.min) {
        problems.push(`Value '${text}' at '${path}' failed to satisfy constraint: Member must have length greater than or equal to ${shape.min}`);
      }
      return;
    }
    default:
      return;
  }
}

/** The HTTP status and code AWS uses for a modelled error shape (query errors carry their own code). */
export function modelledError(model: ServiceModel, shapeName: string): { code: string; status: number } | undefined {
  const shape = model.shapes[shapeName];
  if (!shape?.exception) return undefined;
  return { code: shape.error?.code ?? shapeName, status: shape.error?.httpStatusCode ?? 400 };
}
