/**
 * Runs `task` over every item with at most `concurrency` in flight, results in input order. The cluster is asked
 * for many LISTs and dry runs at once, but not for hundreds at once (API priority and fairness would queue or
 * throttle them, and every request holds a socket). The first failure rejects once the running tasks settle.
 */
export async function mapConcurrent<T, R>(items: readonly T[], concurrency: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let failed = false;
  let failure: unknown;
  const worker = async (): Promise<void> => {
    while (!failed && next < items.length) {
      const index = next++;
      try {
        results[index] = await task(items[index]);
      } catch (error) {
        if (!failed) failure = error;
        failed = true;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker));
  if (failed) throw failure;
  return results;
}

/**
 * At most `concurrency` calls of `run` in flight; the rest wait their turn in call order. For callers that start
 * every dry run at once (`Promise.all` over the desired objects).
 */
export function limiter(concurrency: number): <R>(run: () => Promise<R>) => Promise<R> {
  let active = 0;
  const waiting: Array<() => void> = [];
  return async <R>(run: () => Promise<R>): Promise<R> => {
    // A finishing call hands its slot straight to the next waiter, so no newcomer can slip in between.
    if (active >= concurrency) await new Promise<void>((resolve) => waiting.push(resolve));
    else active++;
    try {
      return await run();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else active--;
    }
  };
}
