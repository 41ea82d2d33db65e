import { Group, MeasurementParams, RowPlan, WholeProcess } from './types';

export const SCENARIOS = ['workload', 'charts', 'chain', 'synth', 'diff'] as const;
export type Scenario = (typeof SCENARIOS)[number];

export interface PlanOptions {
  /** N = 100 and 1,000 only, smaller charts/chain/diff scenarios, one run per whole-process row. */
  readonly quick: boolean;
  readonly only: readonly Scenario[];
  /** The workload's N, instead of 100, 1,000 (and 10,000 unless quick). */
  readonly sizes?: readonly number[];
  /** Milliseconds an anchor may take before it is killed (berth's own rows get ten minutes). */
  readonly anchorTimeoutMs: number;
}

const SUBJECT_TIMEOUT_MS = 600_000;

/** Every group of rows to measure, in the order they run and print. */
export function plan(options: PlanOptions): Group[] {
  const sizes = options.sizes ?? (options.quick ? [100, 1_000] : [100, 1_000, 10_000]);
  const charts = options.quick ? 300 : 3_000;
  const chainLength = options.quick ? 1_000 : 10_000;
  const diffObjects = options.quick ? 1_000 : 10_000;
  const repeats = options.quick ? 1 : 3;
  const runs = repeats === 1 ? 'one run' : `median of ${repeats}`;
  const anchor = options.anchorTimeoutMs;
  const inProcess = (id: string, label: string, measurement: string, params: MeasurementParams, timeoutMs = SUBJECT_TIMEOUT_MS, nodeDefaults = false): RowPlan => ({ id, label, n: params.n, run: { kind: 'in-process', measurement, params, nodeDefaults }, timeoutMs });
  // The rows a target reads run `repeats` times (median): on a shared VM one run of a row can be off by a third.
  const repeated = (row: RowPlan): RowPlan => (row.run.kind === 'in-process' ? { ...row, run: { ...row.run, repeats } } : row);
  const whole = (id: string, label: string, n: number, run: Omit<WholeProcess, 'kind' | 'repeats'>, timeoutMs = SUBJECT_TIMEOUT_MS): RowPlan => ({ id, label, n, run: { kind: 'process', repeats, ...run }, timeoutMs });

  const groups: Record<Scenario, Group[]> = {
    workload: sizes.map((n) => ({
      title: `workload, N=${n.toLocaleString('en-US')}: build + synth to disk, in-process`,
      compareYaml: true,
      rows: [
        inProcess(`workload/berth/${n}`, 'berth (k8s + appc)', 'berth', { n }),
        inProcess(`workload/berth-k8s/${n}`, 'berth (k8s only)', 'berth-k8s', { n }),
        inProcess(`workload/berth-k8s-node-defaults/${n}`, 'berth (k8s only), Node/glibc defaults', 'berth-k8s', { n }, SUBJECT_TIMEOUT_MS, true),
        inProcess(`workload/cdk8s-plus/${n}`, 'cdk8s-plus-32', 'cdk8s-plus', { n }, anchor),
        inProcess(`workload/yaml/${n}`, 'plain objects + yaml', 'yaml', { n }, anchor),
        inProcess(`workload/json/${n}`, 'plain objects + JSON', 'json', { n }, anchor),
      ].map(repeated),
    })),
    charts: [
      { title: `${charts.toLocaleString('en-US')} services: ${charts.toLocaleString('en-US')} charts vs one, berth`, rows: [inProcess(`charts/berth/${charts}`, `berth, ${charts.toLocaleString('en-US')} charts`, 'berth', { n: charts, charts }), inProcess(`charts/berth/1`, 'berth, 1 chart', 'berth', { n: charts })].map(repeated) },
      { title: `${charts.toLocaleString('en-US')} services: ${charts.toLocaleString('en-US')} charts vs one, cdk8s-plus`, rows: [inProcess(`charts/cdk8s-plus/${charts}`, `cdk8s-plus, ${charts.toLocaleString('en-US')} charts`, 'cdk8s-plus', { n: charts, charts }, anchor), inProcess(`charts/cdk8s-plus/1`, 'cdk8s-plus, 1 chart', 'cdk8s-plus', { n: charts }, anchor)] },
    ],
    chain: [
      { title: `dependency chain of ${chainLength.toLocaleString('en-US')} ConfigMaps, in-process`, rows: [inProcess(`chain/berth/${chainLength}`, 'berth', 'berth-chain', { n: chainLength }), inProcess(`chain/cdk8s/${chainLength}`, 'cdk8s', 'cdk8s-chain', { n: chainLength }, anchor)] },
    ],
    synth: [
      {
        title: `guestbook, whole process (${runs})`,
        compareYaml: true,
        rows: [
          whole('synth/berth', 'berth synth', 6, { command: [process.execPath, 'bin/berth.js', 'synth', '-o', '{out}'], cwd: '.', okExitCodes: [0] }),
          // --no-check-upgrade: no registry look-up (berth makes none); it only makes the anchor faster.
          whole('synth/cdk8s', 'npx cdk8s synth (ts-node)', 6, { command: ['npx', 'cdk8s', 'synth', '--no-check-upgrade', '-o', '{out}'], cwd: 'bench/projects/guestbook-cdk8s', okExitCodes: [0] }, anchor),
        ],
      },
    ],
    diff: [
      {
        title: `diff offline, ${diffObjects.toLocaleString('en-US')} objects each side, whole process (${runs})`,
        rows: (['yaml', 'json'] as const).map((format) => whole(`diff/berth-${format}/${diffObjects}`, `berth diff, live as ${format === 'yaml' ? 'YAML' : 'JSON'}`, diffObjects, {
          command: [process.execPath, 'bin/berth.js', 'diff', '--desired', '{in}/desired.yaml', '--live', `{in}/live.${format}`],
          cwd: '.',
          okExitCodes: [0, 1],
          inputs: { diff: diffObjects },
        })),
      },
      { title: `diff offline, ${diffObjects.toLocaleString('en-US')} objects each side: read + diff + print, in-process`, rows: [inProcess(`diff/in-process/${diffObjects}`, 'berth (lib/diff), live as YAML', 'diff', { n: diffObjects })] },
    ],
  };
  return SCENARIOS.filter((scenario) => options.only.length === 0 || options.only.includes(scenario)).flatMap((scenario) => groups[scenario]);
}
