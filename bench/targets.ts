import { RowResult, TargetCheck } from './types';

/**
 * The targets of issue 8, checked against a full run (a target whose rows were not measured, as under --quick, is
 * left out). Never asserted in tests: timings depend on the machine.
 */
export function checkTargets(rows: readonly RowResult[]): TargetCheck[] {
  const find = (id: string) => rows.find((row) => row.id === id);
  const slowDisk = slowDiskOf(rows);
  const checks: TargetCheck[] = [];
  const add = (name: string, target: string, ids: readonly string[], measure: (...found: RowResult[]) => { measured: string; met: boolean }) => {
    const found = ids.map(find);
    if (found.some((row) => row === undefined)) return;
    const rowsFound = found as RowResult[];
    const failed = rowsFound.find((row) => row.status !== 'ok');
    const check: TargetCheck = failed ? { name, target, measured: `${failed.label}: ${failed.error}` } : { name, target, ...measure(...rowsFound) };
    const note = slowDisk(rowsFound);
    checks.push(note ? { ...check, note } : check);
  };

  for (const [berth, what] of [['berth', 'k8s + appc'], ['berth-k8s', 'k8s only']]) {
    add(`N=10,000 build + synth (${what}), wall`, '≤ 1,000 ms', [`workload/${berth}/10000`], (b) => ({ measured: `${ms(b.wallMs!)} ms`, met: b.wallMs! <= 1_000 }));
    add(`N=10,000 build + synth (${what}), peak RSS`, '≤ 150 MB', [`workload/${berth}/10000`], (b) => ({ measured: `${Math.round(b.peakMb!)} MB`, met: b.peakMb! <= 150 }));
    add(`N=10,000 (${what}) vs cdk8s-plus, same run`, '≥ 10x faster', [`workload/${berth}/10000`, 'workload/cdk8s-plus/10000'], (b, c) => faster(b, c, 10));
    add(`growth N=1,000 → 10,000 (${what})`, '≤ 10x (linear)', [`workload/${berth}/1000`, `workload/${berth}/10000`], (small, large) => {
      const growth = large.wallMs! / small.wallMs!;
      return { measured: `${growth.toFixed(1)}x`, met: growth <= 10 };
    });
  }
  add('3,000 charts vs one chart', '≤ 1.2x', ['charts/berth/3000', 'charts/berth/1'], (many, one) => {
    const factor = many.wallMs! / one.wallMs!;
    return { measured: `${factor.toFixed(2)}x`, met: factor <= 1.2 };
  });
  add('dependency chain of 10,000', 'synthesizes', ['chain/berth/10000'], (b) => ({ measured: `${ms(b.wallMs!)} ms`, met: true }));
  add('berth synth of the guestbook, whole process', '≤ 600 ms', ['synth/berth'], (b) => ({ measured: `${ms(b.wallMs!)} ms`, met: b.wallMs! <= 600 }));
  add('vs npx cdk8s synth (ts-node)', '≥ 5x faster', ['synth/berth', 'synth/cdk8s'], (b, c) => faster(b, c, 5));
  return checks;
}

/** A group whose disk probe took this many times the run's quickest: its rows that write many files read high. */
const SLOW_DISK_FACTOR = 3;

/**
 * Says of a target's rows whether the disk was slow when they ran, against the quickest probe of the run (see
 * disk-probe.ts): a run started minutes after many files were removed reads 3,000 charts at 2x one chart.
 */
function slowDiskOf(rows: readonly RowResult[]): (found: readonly RowResult[]) => string | undefined {
  const probes = rows.map((row) => row.diskUsPerFile).filter((us): us is number => us !== undefined);
  if (probes.length === 0) return () => undefined;
  const quickest = Math.min(...probes);
  return (found) => {
    const slowest = Math.max(...found.map((row) => row.diskUsPerFile ?? 0));
    if (slowest <= SLOW_DISK_FACTOR * quickest) return undefined;
    return `disk slow: ${Math.round(slowest)} µs a file, ${(slowest / quickest).toFixed(0)}x the run's quickest`;
  };
}

function faster(subject: RowResult, anchor: RowResult, factor: number): { measured: string; met: boolean } {
  const speedup = anchor.wallMs! / subject.wallMs!;
  return { measured: `${speedup.toFixed(1)}x`, met: speedup >= factor };
}

function ms(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}
