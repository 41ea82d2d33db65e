import * as fs from 'fs';
import * as path from 'path';
import { parseArgs } from 'util';
import { formatProblem } from '../problems';
import { replaceDirectory } from '../synth/output';
import { cdk8sValidationMessage, listOutputFiles, runApp } from '../synth/run-app';
import { readConfig } from './config';
import { Io, UsageError } from './usage';

export const SYNTH_HELP = `Usage: berth synth [options]

Runs the app of cdk8s.yaml and writes its manifests to the output directory, atomically: a failed synth
leaves the previous output as it was.

Options:
  -a, --app CMD      command that runs the app (default: "app" of cdk8s.yaml)
  -o, --output DIR   output directory (default: "output" of cdk8s.yaml, else dist)
  -p, --stdout       print the manifests to stdout instead of writing files
      --strict       treat warnings (fields a target cannot express) as errors
  -q, --quiet        print nothing but problems
      --verbose      show the app's own output and stack traces
  -h, --help         show this help

Exit codes: 0 synthesized, 1 the app is invalid or failed, 2 usage error.
`;

export async function synthCommand(args: string[], io: Io): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      app: { type: 'string', short: 'a' },
      output: { type: 'string', short: 'o' },
      stdout: { type: 'boolean', short: 'p' },
      strict: { type: 'boolean' },
      quiet: { type: 'boolean', short: 'q' },
      verbose: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    io.out(SYNTH_HELP);
    return 0;
  }
  const config = readConfig(io.cwd);
  const command = values.app ?? config?.app;
  if (!command) throw new UsageError(config ? 'cdk8s.yaml has no "app" command' : 'no cdk8s.yaml here and no --app given; run `berth init` to create a project');
  const output = path.resolve(io.cwd, values.output ?? config?.output ?? 'dist');

  fs.mkdirSync(path.dirname(output), { recursive: true });
  const run = runApp({ command, cwd: io.cwd, strict: values.strict, scratchParent: path.dirname(output) });
  try {
    const info = values.stdout ? io.err : io.out;
    if (values.verbose || (run.ok && run.stdout)) io.err(run.stdout);
    if (!run.ok) {
      if (values.verbose) io.err(run.stderr);
      if (run.problems?.length) {
        const errors = run.problems.filter((p) => p.severity === 'error');
        io.err(`synth failed: ${errors.length} problem${errors.length === 1 ? '' : 's'} (nothing was written)\n`);
        for (const problem of errors) io.err(`  ${formatProblem(problem)}\n`);
      } else if (!values.verbose) {
        io.err(`synth failed: the app exited with code ${run.exitCode} (nothing was written)\n`);
        io.err(`${cdk8sValidationMessage(run.stderr) ?? run.stderr.trimEnd()}\n`);
      }
      return 1;
    }
    for (const problem of run.problems ?? []) io.err(`warning: ${formatProblem(problem)}\n`);
    for (const line of run.messages) info(`${line}\n`);
    const files = listOutputFiles(run.outdir);
    if (values.stdout) {
      for (const file of files.filter((f) => f.endsWith('.yaml'))) io.out(fs.readFileSync(path.join(run.outdir, file), 'utf8'));
      return 0;
    }
    replaceDirectory(run.outdir, output);
    if (!values.quiet) {
      const shown = path.relative(io.cwd, output) || '.';
      info(`synthesized ${files.length} file${files.length === 1 ? '' : 's'} to ${shown}/\n`);
      for (const file of files) info(`  ${shown}/${file}\n`);
    }
    return 0;
  } finally {
    run.dispose();
  }
}
