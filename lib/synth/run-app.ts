import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Problem } from '../problems';
import { fallbackModulesDir } from './fallback-modules';
import { readReport, REPORT_ENV } from './report';
import { synthEnvironment } from './app-environment';

export interface RunAppOptions {
  /** The `app` command of cdk8s.yaml, run through the shell as cdk8s-cli does. */
  readonly command: string;
  readonly cwd: string;
  /** Turn warnings into errors (BERTH_STRICT=1 for the app). */
  readonly strict?: boolean;
  /** Where to make the scratch directory; beside the output directory keeps the final rename atomic. @default os.tmpdir() */
  readonly scratchParent?: string;
}

export interface AppRun {
  /** True when the app exited 0 and wrote its output. */
  readonly ok: boolean;
  /** The directory the app synthesized into (inside `workdir`). */
  readonly outdir: string;
  /** Scratch directory of this run; `dispose()` removes it. */
  readonly workdir: string;
  /** Structured problems when the app is a berth App; undefined for a plain cdk8s app. */
  readonly problems?: readonly Problem[];
  readonly messages: readonly string[];
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
  dispose(): void;
}

/**
 * Runs the app command with CDK8S_OUTDIR pointing at a fresh scratch directory (so the real output directory is
 * never touched by the app) and BERTH_REPORT at a file the berth App fills with its problems.
 */
export function runApp(options: RunAppOptions): AppRun {
  const workdir = fs.mkdtempSync(path.join(options.scratchParent ?? os.tmpdir(), '.berth-synth-'));
  const outdir = path.join(workdir, 'out');
  const reportFile = path.join(workdir, 'report.json');
  const nodePath = [process.env.NODE_PATH, fallbackModulesDir(workdir)].filter(Boolean).join(path.delimiter);
  const result = spawnSync(options.command, {
    cwd: options.cwd,
    shell: true,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, ...synthEnvironment(process.env), NODE_PATH: nodePath, CDK8S_OUTDIR: outdir, [REPORT_ENV]: reportFile, BERTH_STRICT: options.strict ? '1' : (process.env.BERTH_STRICT ?? '') },
  });
  const report = readReport(reportFile);
  const exitCode = result.status ?? 1;
  return {
    ok: exitCode === 0 && fs.existsSync(outdir) && (report?.ok ?? true),
    outdir,
    workdir,
    problems: report?.problems,
    messages: report?.messages ?? [],
    exitCode,
    stdout: result.stdout ?? '',
    stderr: (result.stderr ?? '') + (result.error ? `${result.error.message}\n` : ''),
    dispose: () => fs.rmSync(workdir, { recursive: true, force: true }),
  };
}

/** Every file the app wrote, relative to its output directory, in a stable order. */
export function listOutputFiles(outdir: string): string[] {
  const files: string[] = [];
  const walk = (dir: string, prefix: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(path.join(dir, entry.name), relative);
      else files.push(relative);
    }
  };
  if (fs.existsSync(outdir)) walk(outdir, '');
  return files;
}

/**
 * What a plain cdk8s app prints when its validation fails, without the stack trace that follows it; undefined when
 * the failure was something else (then the whole stderr is the user's to read).
 */
export function cdk8sValidationMessage(stderr: string): string | undefined {
  const match = /(Validation failed with the following errors:\n(?: {2}\[.*\n?)+)/.exec(stderr);
  return match?.[1].trimEnd();
}
