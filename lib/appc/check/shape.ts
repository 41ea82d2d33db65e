/**
 * Reading untrusted JSON: each helper checks one value's JSON type, reports a mismatch at the reporter's path and
 * returns the typed value (or undefined), so a check never throws on any input. `null` counts as absent for
 * optional fields, as in the reference implementation and the spec's own examples.
 */
import { Reporter } from './issues';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

interface Presence {
  /** Report an absent (or null) value. */
  readonly required?: boolean;
}

function absent(r: Reporter, value: unknown, options: Presence): boolean {
  if (value !== undefined && value !== null) return false;
  if (options.required) r.error('is required');
  return true;
}

export function readObject(r: Reporter, value: unknown, options: Presence = {}): JsonObject | undefined {
  if (absent(r, value, options)) return undefined;
  if (isObject(value)) return value;
  r.error(`must be an object, got ${describeType(value)}`);
  return undefined;
}

export function readList(r: Reporter, value: unknown, options: Presence = {}): Json[] | undefined {
  if (absent(r, value, options)) return undefined;
  if (Array.isArray(value)) return value;
  r.error(`must be a list, got ${describeType(value)}`);
  return undefined;
}

export function readString(r: Reporter, value: unknown, options: Presence & { nonEmpty?: boolean } = {}): string | undefined {
  if (absent(r, value, options)) return undefined;
  if (typeof value !== 'string') {
    r.error(`must be a string, got ${describeType(value)}`);
    return undefined;
  }
  if (options.nonEmpty && value === '') {
    r.error('must not be empty');
    return undefined;
  }
  return value;
}

export function readBoolean(r: Reporter, value: unknown, options: Presence = {}): boolean | undefined {
  if (absent(r, value, options)) return undefined;
  if (typeof value === 'boolean') return value;
  r.error(`must be true or false, got ${describeType(value)}`);
  return undefined;
}

export function readInteger(r: Reporter, value: unknown, options: Presence & { min?: number; max?: number } = {}): number | undefined {
  if (absent(r, value, options)) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    r.error(`must be an integer, got ${typeof value === 'number' ? value : describeType(value)}`, value);
    return undefined;
  }
  const { min, max } = options;
  if ((min !== undefined && value < min) || (max !== undefined && value > max)) {
    r.error(max === undefined ? `must be at least ${min}` : min === undefined ? `must be at most ${max}` : `must be from ${min} to ${max}`, value);
    return undefined;
  }
  return value;
}

/** Runs `check` on a string value and reports its message with the value. */
export function checkWith(r: Reporter, value: string | undefined, check: (v: string) => string | undefined): boolean {
  if (value === undefined) return false;
  const message = check(value);
  if (message) r.error(message, value);
  return !message;
}

/** Keys the spec does not define: ignored by executors, so most likely a typo. */
export function reportUnknownKeys(r: Reporter, object: JsonObject, known: readonly string[]): void {
  // for...in rather than Object.keys: no list per object checked (a manifest has dozens); JSON objects inherit no
  // enumerable keys, and the own-key test keeps it so for any other object
  for (const key in object) {
    if (!Object.prototype.hasOwnProperty.call(object, key)) continue;
    if (!known.includes(key)) {
      const near = known.find((k) => k.toLowerCase() === key.toLowerCase());
      r.at(key).warn(near ? `is not a field of the spec; did you mean "${near}"? (executors ignore unknown fields)` : 'is not a field of the spec; executors ignore it');
    }
  }
}

/** A `{string: string}` map (userAnnotations, userLabels, sysctl). */
export function readStringMap(r: Reporter, value: unknown): Record<string, string> | undefined {
  const object = readObject(r, value);
  if (!object) return undefined;
  const out: Record<string, string> = {};
  for (const [key, v] of Object.entries(object)) {
    if (v === undefined) continue; // absent, as in the JSON text of a rendered object
    const s = readString(r.at(key), v, { required: true });
    if (s !== undefined) out[key] = s;
  }
  return out;
}
