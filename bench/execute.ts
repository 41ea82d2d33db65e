import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { synthEnvironment } from '../lib/synth/app-environment';
import { writeDiffInputs } from './diff-inputs';
import { probeFileCreation } from './disk-probe';
import { readOutput } from './output';
import { failureOf, ProcessOutcome, runProcess } from './processes';
import { ChildResult, Group, InProcess, RowPlan, RowResult, WholeProcess } from './types';
import { doneWith, measurementDir, settleDisk } from './workspace';

export const ROOT = path.resolve(__dirname, '..');
const REGISTER = path.join(ROOT, 'bin', 'register.js');
const CHILD = path.join(__dirname, 'child.ts');

/**
 * Measures the rows of a group, then sets each anchor's ratios against the first row. A group of in-process rows
 * runs in rounds — each row once, then each row again — so that the VM's drift over the minutes a group takes falls
 * on all of its rows alike rather than on whichever ran last: a target reads the ratio of two of them.
 */
export async function measureGroup(group: Group, onRow: (row: RowPlan) => void = () => undefined): Promise<RowResult[]> {
  const diskUsPerFile = round(probeFileCreation(), 1);
  const measured = group.rows.every((row) => row.run.kind === 'in-process')
    ? await inProcessRounds(group.rows, onRow)
    : await inSequence(group.rows, onRow);
  const results = group.rows.map((row, i): RowResult => ({ id: row.id, group: group.title, label: row.label, n: row.n, ...measured[i], wallMs: round(measured[i].wallMs, 1), peakMb: round(measured[i].peakMb, 1), diskUsPerFile }));
  const [subject, ...anchors] = results;
  return [subject, ...anchors.map((anchor) => ({
    ...anchor,
    timeRatio: round(ratio(subject.wallMs, anchor.wallMs), 3),
    memoryRatio: round(ratio(subject.peakMb, anchor.peakMb), 3),
    sameYaml: group.compareYaml && subject.yamlSha256 && anchor.yamlSha256 ? subject.yamlSha256 === anchor.yamlSha256 : undefined,
  }))];
}

type Measured = Omit<RowResult, 'id' | 'group' | 'label' | 'n'>;

async function inSequence(rows: readonly RowPlan[], onRow: (row: RowPlan) => void): Promise<Measured[]> {
  const measured: Measured[] = [];
  for (const row of rows) {
    if (row.run.kind === 'in-process') {
      measured.push(...(await inProcessRounds([row], onRow)));
    } else {
      onRow(row);
      measured.push(await wholeProcess(row.run, row.timeoutMs));
    }
  }
  return measured;
}

/** Round after round, each in-process row that has runs left runs once; a row stops at its first timeout or crash. */
async function inProcessRounds(rows: readonly RowPlan[], onRow: (row: RowPlan) => void): Promise<Measured[]> {
  const outcomes = rows.map((): Array<ChildResult | Measured> => []);
  const repeatsOf = (row: RowPlan): number => (row.run as InProcess).repeats ?? 1;
  const rounds = Math.max(...rows.map(repeatsOf));
  for (let round = 0; round < rounds; round++) {
    for (const [i, row] of rows.entries()) {
      const done = outcomes[i];
      if (round >= repeatsOf(row) || done.some((o) => 'status' in o)) continue;
      onRow(row);
      done.push(await inProcessOnce(row.run as InProcess, row.timeoutMs));
      settleDisk();
    }
  }
  return outcomes.map(summarize);
}

/** Every run must succeed (the first failure is the row's); wall time and peak are the medians of the runs. */
function summarize(outcomes: ReadonlyArray<ChildResult | Measured>): Measured {
  const failure = outcomes.find((o): o is Measured => 'status' in o);
  if (failure) return failure;
  const results = outcomes as readonly ChildResult[];
  const last = results[results.length - 1];
  return {
    status: 'ok',
    wallMs: median(results.map((r) => r.wallMs)),
    peakMb: median(results.map((r) => r.peakMb)),
    objects: last.objects,
    yamlSha256: last.yamlSha256,
    runsMs: results.length > 1 ? results.map((r) => Math.round(r.wallMs)) : undefined,
  };
}

async function inProcessOnce(run: InProcess, timeoutMs: number): Promise<ChildResult | Measured> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-bench-result-'));
  try {
    const resultFile = path.join(dir, 'result.json');
    // Every measurement, berth's and the anchors', runs in a process set up as `berth synth` sets up an app's.
    const env = { ...process.env, ...(run.nodeDefaults ? {} : synthEnvironment(process.env)), BENCH_RESULT: resultFile };
    const outcome = await runProcess([process.execPath, '-r', REGISTER, CHILD, run.measurement, JSON.stringify(run.params)], { cwd: ROOT, env, timeoutMs });
    if (outcome.timedOut) return timeout(timeoutMs);
    if (outcome.exitCode !== 0 || !fs.existsSync(resultFile)) return { status: 'crashed', error: failureOf(outcome) };
    return JSON.parse(fs.readFileSync(resultFile, 'utf8')) as ChildResult;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true }); // one small file
  }
}

/** Every run of the command must succeed; wall time and peak are the medians of the runs, the output is the last run's. */
async function wholeProcess(run: WholeProcess, timeoutMs: number): Promise<Measured> {
  const dir = measurementDir('berth-bench-process-');
  try {
    const inputs = path.join(dir, 'in');
    fs.mkdirSync(inputs);
    if (run.inputs) writeDiffInputs(inputs, run.inputs.diff);
    const outcomes: ProcessOutcome[] = [];
    let written: ReturnType<typeof readOutput> = { objects: 0 };
    for (let i = 0; i < run.repeats; i++) {
      const out = path.join(dir, `out-${i}`);
      const argv = run.command.map((arg) => arg.replace('{out}', out).replace('{in}', inputs));
      const outcome = await runProcess(argv, { cwd: path.resolve(ROOT, run.cwd), timeoutMs, measurePeak: true });
      settleDisk();
      if (outcome.timedOut) return timeout(timeoutMs);
      if (outcome.exitCode === null || !run.okExitCodes.includes(outcome.exitCode)) return { status: 'crashed', error: failureOf(outcome) };
      outcomes.push(outcome);
      if (fs.existsSync(out)) written = readOutput(out);
    }
    const peaks = outcomes.map((o) => o.peakMb).filter((mb): mb is number => mb !== undefined);
    return {
      status: 'ok',
      wallMs: median(outcomes.map((o) => o.wallMs)),
      peakMb: peaks.length ? median(peaks) : undefined,
      objects: written.objects || undefined,
      yamlSha256: written.yamlSha256,
      runsMs: outcomes.map((o) => Math.round(o.wallMs)),
    };
  } finally {
    doneWith(dir);
  }
}

function timeout(ms: number): Measured {
  return { status: 'timeout', error: `timeout (${Math.round(ms / 1000)} s)` };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function round(value: number | undefined, digits: number): number | undefined {
  return value === undefined ? undefined : Number(value.toFixed(digits));
}

function ratio(subject: number | undefined, anchor: number | undefined): number | undefined {
  return subject !== undefined && anchor !== undefined && anchor > 0 ? subject / anchor : undefined;
}
