/**
 * Raw config data read one field at a time, each field through the schema's own piece for it.
 * config:validate checks a config against its survey file even when the config fails its schema, so one bad
 * field must not hide the others; taking each field's key from the schema's type and its rule from the
 * schema itself keeps these lenient readers from drifting away from the schema.
 */
import type { z } from 'zod';

/** The fields of an object of type T (a schema's input), each unknown until its own schema accepts it. */
export type RawFields<T> = { readonly [K in keyof T]?: unknown };

/** An object's fields, to be read one at a time; none for anything that is not an object. */
export function rawFields<T>(value: unknown): RawFields<T> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as RawFields<T>) : {};
}

/** A list's items, to be read one at a time; none for anything that is not a list. */
export function rawItems(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

/** The value as `schema` parses it (its defaults applied), or undefined when the schema rejects it. */
export function accepted<S extends z.ZodType>(schema: S, value: unknown): z.output<S> | undefined {
  const result = schema.safeParse(value);
  return result.success ? result.data : undefined;
}
