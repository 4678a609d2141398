// Request parameters go into every record's provenance; secrets never do.

const SECRET_KEY = /secret|password|sessiontoken|tokencode|externalid|credential|^accesskeyid$/i;

export const REDACTED = '[redacted]';

export function redactParams(params: unknown): Record<string, unknown> {
  if (typeof params !== 'object' || params === null) return {};
  return redactValue(params) as Record<string, unknown>;
}

function redactValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactValue);
  if (value instanceof Date) return value.toISOString();
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    if (inner === undefined) continue;
    out[key] = SECRET_KEY.test(key) ? REDACTED : redactValue(inner);
  }
  return out;
}
