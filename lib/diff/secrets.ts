import { isRecord } from './fieldset';

/** Secret payload fields: their values are never printed (plain or base64) unless the user opts in. */
const SECRET_FIELDS = ['data', 'stringData'];

/**
 * The before and after views of a Secret with every value masked as `kubectl diff` does: `***` when unchanged,
 * `*** (before)` / `*** (after)` when changed — so the output still says which keys changed, never what they hold.
 */
export function maskSecretPair(before: unknown, after: unknown): [unknown, unknown] {
  const b = isRecord(before) ? { ...before } : before;
  const a = isRecord(after) ? { ...after } : after;
  for (const field of SECRET_FIELDS) {
    const left = isRecord(b) ? b[field] : undefined;
    const right = isRecord(a) ? a[field] : undefined;
    if (isRecord(b) && isRecord(left)) b[field] = maskValues(left, isRecord(right) ? right : {}, 'before');
    if (isRecord(a) && isRecord(right)) a[field] = maskValues(right, isRecord(left) ? left : {}, 'after');
  }
  return [b, a];
}

function maskValues(values: Record<string, unknown>, other: Record<string, unknown>, side: 'before' | 'after'): Record<string, string> {
  const masked: Record<string, string> = {};
  for (const [key, value] of Object.entries(values)) masked[key] = key in other && other[key] === value ? '***' : `*** (${side})`;
  return masked;
}
