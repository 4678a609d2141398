// Minimal runtime validation for data crossing a trust boundary (renderer → main, HTTP → host).
// Each validator returns the value typed, or throws a ValidationError naming the offending path.

export class ValidationError extends Error {}

export type Validator<T> = (value: unknown, path: string) => T;

export const str =
  (opts: { max?: number; pattern?: RegExp } = {}): Validator<string> =>
  (v, path) => {
    if (typeof v !== 'string') throw new ValidationError(`${path} must be a string`);
    if (v.length > (opts.max ?? 4096)) throw new ValidationError(`${path} is too long`);
    if (opts.pattern && !opts.pattern.test(v)) throw new ValidationError(`${path} has an invalid format`);
    return v;
  };

export const int =
  (min: number, max: number): Validator<number> =>
  (v, path) => {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max)
      throw new ValidationError(`${path} must be an integer from ${min} to ${max}`);
    return v;
  };

export const bool: Validator<boolean> = (v, path) => {
  if (typeof v !== 'boolean') throw new ValidationError(`${path} must be true or false`);
  return v;
};

export const oneOf =
  <T extends string>(values: readonly T[]): Validator<T> =>
  (v, path) => {
    if (typeof v !== 'string' || !(values as readonly string[]).includes(v))
      throw new ValidationError(`${path} must be one of: ${values.join(', ')}`);
    return v as T;
  };

export const arrayOf =
  <T>(item: Validator<T>, max = 10_000): Validator<T[]> =>
  (v, path) => {
    if (!Array.isArray(v)) throw new ValidationError(`${path} must be a list`);
    if (v.length > max) throw new ValidationError(`${path} has more than ${max} items`);
    return v.map((x, i) => item(x, `${path}[${i}]`));
  };

export const optional =
  <T>(inner: Validator<T>): Validator<T | undefined> =>
  (v, path) =>
    v === undefined || v === null ? undefined : inner(v, path);

type Shape = Record<string, Validator<unknown>>;
type FromShape<S extends Shape> = {
  [K in keyof S as undefined extends ReturnType<S[K]> ? never : K]: ReturnType<S[K]>;
} & { [K in keyof S as undefined extends ReturnType<S[K]> ? K : never]?: ReturnType<S[K]> };

/** A plain object with exactly these keys; unknown keys are refused rather than passed along. */
export const obj =
  <S extends Shape>(shape: S): Validator<FromShape<S>> =>
  (v, path) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new ValidationError(`${path} must be an object`);
    const extra = Object.keys(v).filter((k) => !(k in shape));
    if (extra.length) throw new ValidationError(`${path} has unknown field ${extra[0]}`);
    const out: Record<string, unknown> = {};
    for (const [key, check] of Object.entries(shape)) {
      const value = check((v as Record<string, unknown>)[key], `${path}.${key}`);
      if (value !== undefined) out[key] = value;
    }
    return out as FromShape<S>;
  };

export const none: Validator<undefined> = (v, path) => {
  if (v !== undefined && v !== null) throw new ValidationError(`${path} takes no parameters`);
  return undefined;
};
