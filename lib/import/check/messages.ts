/**
 * How schema violations read: field paths, type names, and the fix where one is obvious (a near-miss field name, a
 * number given as a string, an enum value in the wrong case).
 */

export type FieldPath = readonly (string | number)[];

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `spec.endpoints[0].port`, `metadata.labels["app.kubernetes.io/name"]`: the notation of berth's problems and diff. */
export function formatField(path: FieldPath): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else text += IDENTIFIER.test(segment) ? `${text ? '.' : ''}${segment}` : `[${JSON.stringify(segment)}]`;
  }
  return text;
}

const TYPE_NAMES: Record<string, string> = {
  string: 'a string',
  integer: 'an integer',
  number: 'a number',
  boolean: 'a boolean',
  array: 'a list',
  object: 'an object',
  null: 'null',
};

/** `an integer or a string`. */
export function typeNames(types: readonly string[]): string {
  const names = types.map((t) => TYPE_NAMES[t] ?? t);
  return names.length <= 2 ? names.join(' or ') : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}

/** How to turn a value of the wrong type into the right one, where that is plain. */
export function typeFix(value: unknown, types: readonly string[]): string | undefined {
  if (typeof value === 'string' && value.trim() !== '') {
    const number = Number(value);
    if ((types.includes('integer') && Number.isInteger(number)) || (types.includes('number') && Number.isFinite(number))) return `use ${number} (a number, no quotes)`;
    if (types.includes('boolean') && (value === 'true' || value === 'false')) return `use ${value} (no quotes)`;
  }
  if (types.includes('string') && (typeof value === 'number' || (typeof value === 'boolean' && types.length === 1))) return `use "${value}"`;
  if (types.includes('array') && !Array.isArray(value) && value !== null) return `use a list: [${JSON.stringify(value)}]`;
  return undefined;
}

/** `"RSA", "ECDSA" or "Ed25519"`; long lists are cut. */
export function listValues(values: readonly unknown[], max = 12): string {
  const shown = values.slice(0, max).map((v) => JSON.stringify(v));
  if (values.length > max) return `${shown.join(', ')}, ... (${values.length} values)`;
  return shown.length <= 1 ? shown.join('') : `${shown.slice(0, -1).join(', ')} or ${shown[shown.length - 1]}`;
}

/** The enum value a string meant, when it differs only in case or separators (`rsa` → `RSA`). */
export function enumFix(value: unknown, values: readonly unknown[]): string | undefined {
  if (typeof value !== 'string') {
    const asString = values.find((v) => typeof v === 'string' && v === String(value));
    return asString !== undefined ? `use ${JSON.stringify(asString)}` : undefined;
  }
  const match = values.find((v) => typeof v === 'string' && loose(v) === loose(value));
  if (match !== undefined) return `use ${JSON.stringify(match)}`;
  const number = values.find((v) => typeof v === 'number' && String(v) === value);
  return number !== undefined ? `use ${number} (a number, no quotes)` : undefined;
}

/** The known field a misspelt one most likely meant: same letters ignoring case and separators, or one or two edits away. */
export function closestField(key: string, known: readonly string[]): string | undefined {
  const exact = known.find((k) => loose(k) === loose(key));
  if (exact !== undefined) return exact;
  const limit = key.length >= 6 ? 2 : 1;
  let best: { name: string; distance: number } | undefined;
  for (const name of [...known].sort()) {
    const distance = editDistance(key.toLowerCase(), name.toLowerCase(), limit);
    if (distance <= limit && (!best || distance < best.distance)) best = { name, distance };
  }
  return best?.name;
}

/** `a, b, c` (at most `max` names, then how many more). */
export function listNames(names: readonly string[], max = 8): string {
  const sorted = [...names].sort();
  return sorted.length > max ? `${sorted.slice(0, max).join(', ')} and ${sorted.length - max} more` : sorted.join(', ');
}

function loose(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** Levenshtein distance with transpositions, giving up (returning limit + 1) past `limit`. */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    rows.push([i]);
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        rows[0].push(j);
        continue;
      }
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2][j - 2] + 1);
      rows[i].push(d);
    }
  }
  return rows[a.length][b.length];
}
