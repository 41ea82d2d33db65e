/** What the bench measures and what it found: plain data shared by the plan, the runner and the report. */

/** One in-process measurement, run in a child of its own (fresh heap): see measurements.ts. */
export interface InProcess {
  readonly kind: 'in-process';
  /** A key of MEASUREMENTS. */
  readonly measurement: string;
  readonly params: MeasurementParams;
  /**
   * Run the child with Node's and glibc's own settings instead of those `berth synth` gives an app's process (a
   * small young generation, V8's thread pool sized to the machine, a malloc heap that is kept:
   * lib/synth/app-environment.ts): the row that shows what they are worth. @default false
   */
  readonly nodeDefaults?: boolean;
  /** Runs, each in a fresh child: wall time and peak are the medians. @default 1 */
  readonly repeats?: number;
}

/** A whole command (startup included), timed from outside: the median of `repeats` runs. */
export interface WholeProcess {
  readonly kind: 'process';
  /** argv: `{out}` is replaced by a fresh temporary directory for each run, `{in}` by the inputs directory. */
  readonly command: readonly string[];
  /** Relative to the repository root. */
  readonly cwd: string;
  /** Exit codes that mean success (`berth diff` exits 1 when there are changes). */
  readonly okExitCodes: readonly number[];
  /** Files written once into `{in}` before the runs: the desired and live objects of the diff (diff-inputs.ts). */
  readonly inputs?: { readonly diff: number };
  readonly repeats: number;
}

export interface MeasurementParams {
  /** Services, chain length or objects on each side, depending on the measurement. */
  readonly n: number;
  /** Charts the services are spread over. @default 1 */
  readonly charts?: number;
}

export interface RowPlan {
  readonly id: string;
  readonly label: string;
  readonly n: number;
  readonly run: InProcess | WholeProcess;
  /** Milliseconds before the child is killed and the row reads "timeout". */
  readonly timeoutMs: number;
}

/** Rows measured together; the first is the subject, the others its anchors (ratios are first ÷ anchor). */
export interface Group {
  readonly title: string;
  readonly rows: readonly RowPlan[];
  /** Whether the rows are meant to write the same objects, so that "same YAML" says something. */
  readonly compareYaml?: boolean;
}

export type Status = 'ok' | 'timeout' | 'crashed';

export interface RowResult {
  readonly id: string;
  readonly group: string;
  readonly label: string;
  readonly n: number;
  readonly status: Status;
  /** Wall time of build + synth to disk (in-process), or of the whole command (median of the runs). */
  readonly wallMs?: number;
  /** Peak resident set size of the child (the largest process of a command), in MB. */
  readonly peakMb?: number;
  /** Kubernetes objects written (YAML documents, JSON array items). */
  readonly objects?: number;
  /** sha256 of the YAML written, to show two ways of building gave the same bytes. */
  readonly yamlSha256?: string;
  /** Wall time of each run, when the row is run more than once. */
  readonly runsMs?: readonly number[];
  /** For a crash or a timeout: the error line, as "RangeError: Maximum call stack size exceeded". */
  readonly error?: string;
  /** Wall time of the group's subject ÷ this row's (below 1: the subject is faster). Anchors only. */
  readonly timeRatio?: number;
  readonly memoryRatio?: number;
  /** Whether this row wrote the same YAML bytes as the group's first row (when both wrote YAML). Anchors only. */
  readonly sameYaml?: boolean;
  /** µs to create a small file on the workspace's disk, probed just before the row's group (disk-probe.ts). */
  readonly diskUsPerFile?: number;
}

/** What an in-process child reports back (through the file named by BENCH_RESULT). */
export interface ChildResult {
  readonly wallMs: number;
  readonly peakMb: number;
  readonly objects: number;
  readonly yamlSha256?: string;
}

export interface TargetCheck {
  readonly name: string;
  readonly target: string;
  readonly measured: string;
  /** undefined when the rows it needs did not finish. */
  readonly met?: boolean;
  /** Why the figure may read high: the disk was slow when its rows ran. */
  readonly note?: string;
}
