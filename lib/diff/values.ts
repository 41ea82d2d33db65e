import { parseQuantity } from '../validation/quantity';
import type { DefaultOf } from './compare';
import { isRecord } from './fieldset';
import { Path } from './paths';
import { TypeNode } from './schema';

/** Unset, null, `{}` and `[]` are the same to the API server for the fields we compare (omitempty). */
export function isAbsent(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (Array.isArray(value)) return value.length === 0;
  if (isRecord(value)) return Object.keys(value).length === 0;
  return false;
}

/**
 * Whether two values are the same to the API server: quantities by value (`1000m` = `1`), int-or-string by type and
 * value (`"80"` ≠ `80`), and — inside atomic values — a live field the desired value leaves out is the same when it
 * holds the server's default (a StatefulSet claim template's `volumeMode: Filesystem`).
 */
export function sameValue(desired: unknown, live: unknown, type: TypeNode | undefined, path: Path, defaults: DefaultOf): boolean {
  if (isAbsent(desired) && isAbsent(live)) return true;
  if (type?.kind === 'scalar' && type.quantity && (typeof desired === 'string' || typeof desired === 'number') && (typeof live === 'string' || typeof live === 'number')) {
    const a = parseQuantity(desired);
    const b = parseQuantity(live);
    if (a !== undefined && b !== undefined) return Math.abs(a - b) <= Math.abs(b) * 1e-12;
  }
  if (Array.isArray(desired) && Array.isArray(live)) {
    if (desired.length !== live.length) return false;
    const item = type?.kind === 'list' ? type.item : undefined;
    return desired.every((d, i) => sameValue(d, live[i], item, [...path, { value: i }], defaults));
  }
  if (isRecord(desired) && isRecord(live)) {
    const field = type?.kind === 'struct' ? type.field.bind(type) : () => undefined;
    for (const name of new Set([...Object.keys(desired), ...Object.keys(live)])) {
      const sub: Path = [...path, { field: name }];
      if (isAbsent(desired[name]) && !isAbsent(live[name])) {
        if (name === 'status' || name === 'creationTimestamp') continue;
        const fallback = defaults(sub, live);
        if (fallback !== undefined && sameValue(fallback, live[name], field(name), sub, defaults)) continue;
        return false;
      }
      if (!sameValue(desired[name], live[name], field(name), sub, defaults)) return false;
    }
    return true;
  }
  return desired === live;
}

/**
 * The value an atomic field will hold after the apply, as the server will show it: the desired value plus what the
 * server adds to it anyway (defaults, status) — so the text diff shows only what really changes.
 */
export function withServerAdditions(desired: unknown, live: unknown, type: TypeNode | undefined, path: Path, defaults: DefaultOf): unknown {
  if (Array.isArray(desired) && Array.isArray(live)) {
    const item = type?.kind === 'list' ? type.item : undefined;
    return desired.map((d, i) => (i < live.length ? withServerAdditions(d, live[i], item, [...path, { value: i }], defaults) : d));
  }
  if (!isRecord(desired) || !isRecord(live)) return desired;
  const field = type?.kind === 'struct' ? type.field.bind(type) : () => undefined;
  const merged: Record<string, unknown> = {};
  for (const name of new Set([...Object.keys(desired), ...Object.keys(live)])) {
    const sub: Path = [...path, { field: name }];
    if (!isAbsent(desired[name])) merged[name] = withServerAdditions(desired[name], live[name], field(name), sub, defaults);
    else if (!isAbsent(live[name])) {
      const fallback = defaults(sub, live);
      if (name === 'status' || name === 'creationTimestamp' || (fallback !== undefined && sameValue(fallback, live[name], field(name), sub, defaults))) merged[name] = live[name];
    }
  }
  return merged;
}
