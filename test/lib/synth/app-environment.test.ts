import { SYNTH_MALLOC_TUNABLES, synthEnvironment, synthGlibcTunables, synthNodeOptions } from '../../../lib/synth/app-environment';

const BERTHS = 'glibc.malloc.trim_threshold=67108864:glibc.malloc.mmap_threshold=33554432';

describe('the environment of a synth app process', () => {
  test('malloc keeps its heap: both thresholds, in bytes', () => {
    expect(synthGlibcTunables(undefined)).toBe(BERTHS);
    expect(synthGlibcTunables('')).toBe(BERTHS);
    expect(Object.keys(SYNTH_MALLOC_TUNABLES)).toEqual(['glibc.malloc.trim_threshold', 'glibc.malloc.mmap_threshold']);
  });

  test("the user's tunables come first, and one they set is theirs", () => {
    expect(synthGlibcTunables('glibc.malloc.arena_max=2')).toBe(`glibc.malloc.arena_max=2:${BERTHS}`);
    expect(synthGlibcTunables('glibc.malloc.trim_threshold=0')).toBe('glibc.malloc.trim_threshold=0:glibc.malloc.mmap_threshold=33554432');
    expect(synthGlibcTunables('glibc.malloc.mmap_threshold=131072:glibc.malloc.trim_threshold=1')).toBe('glibc.malloc.mmap_threshold=131072:glibc.malloc.trim_threshold=1');
    // a trailing or doubled separator is not a tunable
    expect(synthGlibcTunables('glibc.malloc.arena_max=2::')).toBe(`glibc.malloc.arena_max=2:${BERTHS}`);
  });

  test('a small young generation and a thread pool sized to the machine, each unless NODE_OPTIONS sets it', () => {
    expect(synthNodeOptions(undefined)).toBe('--max-semi-space-size=4 --v8-pool-size=0');
    expect(synthNodeOptions('--no-warnings')).toBe('--no-warnings --max-semi-space-size=4 --v8-pool-size=0');
    expect(synthNodeOptions('--max-semi-space-size=16')).toBe('--max-semi-space-size=16 --v8-pool-size=0');
    expect(synthNodeOptions('--v8-pool-size=4')).toBe('--v8-pool-size=4 --max-semi-space-size=4');
    expect(synthNodeOptions('--v8-pool-size=2 --max-semi-space-size=8')).toBe('--v8-pool-size=2 --max-semi-space-size=8');
  });

  test('both variables, from the environment given', () => {
    expect(synthEnvironment({ NODE_OPTIONS: '--no-warnings', GLIBC_TUNABLES: 'glibc.malloc.arena_max=2', PATH: '/bin' })).toEqual({
      NODE_OPTIONS: '--no-warnings --max-semi-space-size=4 --v8-pool-size=0',
      GLIBC_TUNABLES: `glibc.malloc.arena_max=2:${BERTHS}`,
    });
  });
});
