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
