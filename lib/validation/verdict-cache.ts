/**
 * A pure check of a string, remembered per value. An app repeats the same few values everywhere (label keys such
 * as `app`, an image in a hundred pods, quantities such as `100m`): a map lookup costs less than running the
 * grammar's regular expressions again. Bounded: past `limit` values the memory starts over.
 */
export function rememberedVerdicts<T>(check: (value: string) => T, limit = 4096): (value: string) => T {
  const verdicts = new Map<string, T>();
  return (value) => {
    const known = verdicts.get(value);
    if (known !== undefined || verdicts.has(value)) return known as T;
    const verdict = check(value);
    if (verdicts.size >= limit) verdicts.clear();
    verdicts.set(value, verdict);
    return verdict;
  };
}

/**
 * A pure function of two strings, remembered per pair: a problem's field path is its list's prefix joined with the
 * field, and the same checks on every construct give the same few pairs. Bounded like `rememberedVerdicts`: past
 * `limit` pairs the memory starts over.
 */
export function rememberedPairs<T>(compute: (first: string, second: string) => T, limit = 4096): (first: string, second: string) => T {
  const results = new Map<string, Map<string, T>>();
  let pairs = 0;
  return (first, second) => {
    let bySecond = results.get(first);
    const known = bySecond?.get(second);
    if (known !== undefined || bySecond?.has(second)) return known as T;
    const result = compute(first, second);
    if (pairs >= limit) {
      results.clear();
      pairs = 0;
      bySecond = undefined;
    }
    if (!bySecond) results.set(first, (bySecond = new Map()));
    bySecond.set(second, result);
    pairs++;
    return result;
  };
}
