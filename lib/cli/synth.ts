import * as fs from 'fs';
import * as path from 'path';
import { parseArgs } from 'util';
import { formatProblem, formatWarnings } from '../problems';
import type { OutputDrift } from '../synth/check';
import { replaceDirectory } from '../synth/output';
import { AppRun, cdk8sValidationMessage, listOutputFiles, runApp } from '../synth/run-app';
import { readConfig } from './config';
import { painter, Painter } from './style';
import { Io, UsageError } from './usage';

const LISTED_FILES = 20;

export const SYNTH_HELP = `Usage: berth synth [options]

Runs the app of cdk8s.yaml and writes its manifests to the output directory, atomically: a failed synth
leaves the previous output as it was.

Options:
  -a, --app CMD      command that runs the app (default: "app" of cdk8s.yaml)
  -o, --output DIR   output directory (default: "output" of cdk8s.yaml, else dist)
  -p, --stdout       print the manifests to stdout instead of writing files
      --check        write nothing; exit 1 with a short diff when the output directory is stale
      --strict       treat warnings (fields a target cannot express) as errors
      --json         print the result as one JSON object (for machines)
  -q, --quiet        print nothing but problems
      --verbose      show the app's own output and stack traces
  -h, --help         show this help

Exit codes: 0 synthesized (or up to date with --check), 1 the app is invalid or failed (or the output is
stale with --check), 2 usage error.
`;

const OPTIONS = {
  app: { type: 'string', short: 'a' },
  output: { type: 'string', short: 'o' },
  stdout: { type: 'boolean', short: 'p' },
  check: { type: 'boolean' },
  strict: { type: 'boolean' },
  json: { type: 'boolean' },
  quiet: { type: 'boolean', short: 'q' },
  verbose: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function synthCommand(args: string[], io: Io): Promise<number> {
  const { values } = parseArgs({ args, options: OPTIONS, strict: true, allowPositionals: false });
  if (values.help) {
    io.out(SYNTH_HELP);
    return 0;
  }
  if (values.check && values.stdout) throw new UsageError('--check and --stdout cannot be combined');
  const config = readConfig(io.cwd);
  const command = values.app ?? config?.app;
  if (!command) throw new UsageError(config ? 'cdk8s.yaml has no "app" command' : 'no cdk8s.yaml here and no --app given; run `berth init` to create a project');
  const output = path.resolve(io.cwd, values.output ?? config?.output ?? 'dist');
  const shown = path.relative(io.cwd, output) || '.';
  const paint = painter(io.isTTY);

  fs.mkdirSync(path.dirname(output), { recursive: true });
  const run = runApp({ command, cwd: io.cwd, strict: values.strict, scratchParent: values.check || values.stdout ? undefined : path.dirname(output) });
  try {
    if (values.verbose || (run.ok && run.stdout)) io.err(run.stdout);
    if (!run.ok) return reportFailure(run, io, paint, Boolean(values.verbose), Boolean(values.json));
    const warnings = (run.problems ?? []).map(formatProblem);
    if (!values.json) for (const warning of formatWarnings(run.problems ?? [])) io.err(`${paint.yellow('warning:')} ${warning}\n`);
    const info = values.stdout || values.json ? io.err : io.out;
    if (!values.quiet && !values.json) for (const line of run.messages) info(`${line}\n`);
    const files = listOutputFiles(run.outdir);
    if (values.stdout) {
      for (const file of files.filter((f) => f.endsWith('.yaml'))) io.out(fs.readFileSync(path.join(run.outdir, file), 'utf8'));
      return 0;
    }
    if (values.check) {
      // loaded here: the comparison needs the yaml and diff libraries, which a plain synth never does
      const { compareOutput } = require('../synth/check') as typeof import('../synth/check');
      return reportCheck(compareOutput(run.outdir, output), shown, io, paint, values);
    }
    replaceDirectory(run.outdir, output);
    if (values.json) io.out(`${JSON.stringify({ ok: true, output: shown, files, warnings, messages: run.messages })}\n`);
    else if (!values.quiet) {
      info(`synthesized ${files.length} file${files.length === 1 ? '' : 's'} to ${shown}/\n`);
      // a large app has thousands of appc pod files: list the first ones, count the rest
      for (const file of files.slice(0, LISTED_FILES)) info(`  ${shown}/${file}\n`);
      if (files.length > LISTED_FILES) info(`  … and ${files.length - LISTED_FILES} more\n`);
    }
    return 0;
  } finally {
    run.dispose();
  }
}

function reportFailure(run: AppRun, io: Io, paint: Painter, verbose: boolean, json: boolean): number {
  const errors = (run.problems ?? []).filter((p) => p.severity === 'error');
  const fallback = errors.length ? undefined : (cdk8sValidationMessage(run.stderr) ?? run.stderr.trimEnd());
  if (json) {
    io.out(`${JSON.stringify({ ok: false, problems: errors, ...(fallback !== undefined ? { error: fallback, exitCode: run.exitCode } : {}) })}\n`);
    return 1;
  }
  if (verbose) io.err(run.stderr);
  if (errors.length) {
    io.err(`${paint.red('synth failed')}: ${errors.length} problem${errors.length === 1 ? '' : 's'} (nothing was written)\n`);
    for (const problem of errors) io.err(`  ${formatProblem(problem)}\n`);
  } else if (!verbose) {
    io.err(`${paint.red('synth failed')}: the app exited with code ${run.exitCode} (nothing was written)\n${fallback}\n`);
  }
  return 1;
}

const PATCH_LINES_PER_FILE = 40;

function reportCheck(drift: OutputDrift, shown: string, io: Io, paint: Painter, flags: { json?: boolean; quiet?: boolean }): number {
  if (flags.json) {
    io.out(`${JSON.stringify({ upToDate: drift.upToDate, output: shown, files: drift.files.map(({ patch: _patch, ...rest }) => rest) })}\n`);
    return drift.upToDate ? 0 : 1;
  }
  if (drift.upToDate) {
    if (!flags.quiet) io.out(`${shown}/ is up to date\n`);
    return 0;
  }
  io.err(`${paint.red(`${shown}/ is stale`)}: run \`berth synth\` and commit the result\n`);
  for (const file of drift.files) {
    io.err(`  ${file.change} ${shown}/${file.file}\n`);
    for (const o of file.objects) io.err(`    ${o.change} ${o.kind} ${o.namespace ? `${o.namespace}/` : ''}${o.name}\n`);
  }
  if (!flags.quiet) {
    for (const file of drift.files) {
      const lines = file.patch.split('\n').slice(1).filter(Boolean); // drop the "===" rule; keep ---/+++ and hunks
      const shownLines = lines.slice(0, PATCH_LINES_PER_FILE).map((line) => (line.startsWith('+') ? paint.green(line) : line.startsWith('-') ? paint.red(line) : line));
      io.err(`${shownLines.join('\n')}\n`);
      if (lines.length > PATCH_LINES_PER_FILE) io.err(paint.dim(`  ... ${lines.length - PATCH_LINES_PER_FILE} more lines\n`));
    }
  }
  return 1;
}
