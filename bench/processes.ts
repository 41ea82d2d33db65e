import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** GNU time gives the peak RSS of a command (its largest process); without it, whole-process rows have no peak. */
const GNU_TIME = '/usr/bin/time';

export interface ProcessOutcome {
  readonly exitCode: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly timedOut: boolean;
  readonly wallMs: number;
  /** Peak RSS in MB of the largest process, with `measurePeak` and GNU time installed. */
  readonly peakMb?: number;
  /** The last 64 kB of stderr: where a crash says what it was. */
  readonly stderr: string;
}

export interface ProcessOptions {
  readonly cwd: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly timeoutMs: number;
  readonly measurePeak?: boolean;
}

/**
 * Runs `argv` to its end, or kills it (its whole process group: npx starts node, which starts ts-node) after
 * `timeoutMs`. Wall time is measured here, from spawn to exit.
 */
export function runProcess(argv: readonly string[], options: ProcessOptions): Promise<ProcessOutcome> {
  const peakFile = options.measurePeak && fs.existsSync(GNU_TIME) ? path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'berth-bench-time-')), 'peak') : undefined;
  const command = peakFile ? [GNU_TIME, '-f', '%M', '-o', peakFile, ...argv] : [...argv];
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(command[0], command.slice(1), { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'ignore', 'pipe'], detached: true });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-65536);
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    }, options.timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (exitCode, signal) => {
      clearTimeout(timer);
      const wallMs = performance.now() - start;
      const peakMb = peakFile ? readPeak(peakFile) : undefined;
      resolve({ exitCode, signal, timedOut, wallMs, peakMb, stderr });
    });
  });
}

function readPeak(file: string): number | undefined {
  try {
    // GNU time prints "Command exited with non-zero status N" before the value when the command fails.
    const kb = Number(fs.readFileSync(file, 'utf8').trim().split('\n').pop());
    return Number.isFinite(kb) && kb > 0 ? kb / 1024 : undefined;
  } catch {
    return undefined;
  } finally {
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }
}

/** What a failed process said about why: the error line of an uncaught exception, V8's fatal error, or its exit. */
export function failureOf(outcome: ProcessOutcome): string {
  const lines = outcome.stderr.split('\n');
  const error = lines.find((line) => /^([A-Z]\w*)?Error\b/.test(line)) ?? lines.find((line) => /FATAL ERROR/.test(line));
  if (error) return error.trim().slice(0, 200);
  const last = lines.map((line) => line.trim()).filter(Boolean).pop();
  return `${outcome.signal ? `killed by ${outcome.signal}` : `exit code ${outcome.exitCode}`}${last ? `: ${last.slice(0, 200)}` : ''}`;
}
