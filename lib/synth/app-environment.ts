/**
 * How `berth synth` sets up the process it runs an app in: the memory and thread settings of a process that builds
 * one large tree, writes it out and exits. The bench starts its measurements the same way (bench/execute.ts).
 */

/**
 * V8's young generation for the process `berth synth` runs an app in, in MiB per semi-space (Node's default on 64-bit
 * machines is 16).
 *
 * A synth builds one tree that lives to the end: nearly everything allocated while building survives, so a large
 * young generation saves no copying, it only holds the newest part of the tree twice and adds to the peak. Measured
 * at 10,000 services (build + synth, k8s only): peak RSS 147 MB at 16, 131 at 8, 123 at 4, 121 at 2, with the build
 * ~50 ms faster from 8 down, and the rest of synth unchanged.
 */
export const SYNTH_SEMI_SPACE_MB = 4;

/**
 * V8's pool of background threads (concurrent compilation and garbage collection): `0` has Node size it to the
 * machine, one thread fewer than the cores it may use (at least one), where Node's default is a fixed 4.
 *
 * On 2 cores, 4 background threads beside the main thread and berth's writer thread leave the main thread waiting to
 * be scheduled: in a run of 10,000 services with appc (loading, building, synthesizing) it spent ~330 ms runnable
 * but not running (its `schedstat`), ~120 ms with one background thread, for the same CPU time in all. Build + synth (bench children,
 * medians of 6 interleaved runs): with appc 1,302 → 1,218 ms, k8s only 788 → 748 ms, N = 1,000 with appc 345 →
 * 270 ms; peak 5 MB lower in each.
 */
export const SYNTH_V8_POOL_SIZE = 0;

/**
 * glibc's malloc settings for the app's process (GLIBC_TUNABLES; other C libraries ignore the variable).
 *
 * By default glibc hands freed memory at the top of its heap back to the system once more than 128 KiB of it is free,
 * and takes it back a moment later. Memory the system hands out is zeroed on first touch, a page fault per 4 KiB page,
 * and on a virtual machine that is slow: ~19 µs a page where this was measured. A synth allocates and frees buffers
 * all along (the messages to the writer thread, V8's compiler zones), so at 10,000 services a third of its page
 * faults (~8,000 of ~25,000) came from this churn. With the heap kept: build + synth with appc 1,650 → 1,430 ms,
 * k8s only 915 → 870 ms, peak +2 to +6 MB (medians of 6 interleaved runs).
 *
 * - `trim_threshold`: free memory kept at the top of the heap (64 MiB; 8 MiB already removed the churn). The process
 *   exits when the synth is done, which returns all of it.
 * - `mmap_threshold`: allocations from this size up get a mapping of their own, fresh pages each time. Setting any
 *   threshold stops glibc from raising this one by itself as it sees large blocks freed (from 128 KiB up to 32 MiB
 *   on 64-bit machines), so it is set to that upper end.
 */
export const SYNTH_MALLOC_TUNABLES: Readonly<Record<string, number>> = {
  'glibc.malloc.trim_threshold': 64 * 1024 * 1024,
  'glibc.malloc.mmap_threshold': 32 * 1024 * 1024,
};

/** The variables a synth's app process gets, computed from the environment it would otherwise inherit. */
export function synthEnvironment(env: NodeJS.ProcessEnv): { NODE_OPTIONS: string; GLIBC_TUNABLES: string } {
  return { NODE_OPTIONS: synthNodeOptions(env.NODE_OPTIONS), GLIBC_TUNABLES: synthGlibcTunables(env.GLIBC_TUNABLES) };
}

/** NODE_OPTIONS: the user's own, with the young generation and the thread pool above unless they set them. */
export function synthNodeOptions(existing: string | undefined): string {
  const added = [
    /--max-semi-space-size\b/.test(existing ?? '') ? undefined : `--max-semi-space-size=${SYNTH_SEMI_SPACE_MB}`,
    /--v8-pool-size\b/.test(existing ?? '') ? undefined : `--v8-pool-size=${SYNTH_V8_POOL_SIZE}`,
  ];
  return [existing, ...added].filter(Boolean).join(' ');
}

/** GLIBC_TUNABLES (`name=value` pairs joined by `:`): the user's own, and each of berth's that they did not set. */
export function synthGlibcTunables(existing: string | undefined): string {
  const own = (existing ?? '').split(':').filter(Boolean);
  const named = new Set(own.map((pair) => pair.split('=')[0]));
  const added = Object.entries(SYNTH_MALLOC_TUNABLES).filter(([name]) => !named.has(name)).map(([name, value]) => `${name}=${value}`);
  return [...own, ...added].join(':');
}
