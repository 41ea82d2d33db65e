/**
 * The order `Object.keys` lists a plain object whose keys were added in the given order: keys that are array indices
 * ("0", "17") first, ascending, then the others as added. cdk8s keeps what it writes in plain objects (its dependency
 * graph's vertices by construct path, the sanitized JSON), so its output follows this order, and berth's must too.
 * Returns `items` itself when no key is an index (nearly always).
 */
export function inObjectKeyOrder<T>(items: readonly T[], keyOf: (item: T) => string): readonly T[] {
  let indexes: T[] | undefined;
  for (const item of items) if (isArrayIndex(keyOf(item))) (indexes ??= []).push(item);
  if (!indexes) return items;
  indexes.sort((a, b) => Number(keyOf(a)) - Number(keyOf(b)));
  return [...indexes, ...items.filter((item) => !isArrayIndex(keyOf(item)))];
}

function isArrayIndex(key: string): boolean {
  const first = key.charCodeAt(0);
  if (!(first >= 0x30 && first <= 0x39)) return false; // most keys: no regex
  return /^(?:0|[1-9][0-9]*)$/.test(key) && Number(key) < 2 ** 32 - 1;
}
