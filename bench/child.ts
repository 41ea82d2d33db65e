/**
 * One in-process measurement in a process of its own (fresh heap, its own peak RSS):
 * `node -r ./bin/register.js bench/child.ts <measurement> '<params as JSON>'`, with BENCH_RESULT naming the file
 * the result goes to (a ChildResult as JSON). A crash (a stack overflow) exits non-zero with the error on stderr.
 */
import * as fs from 'fs';
import * as path from 'path';
import { MEASUREMENTS } from './measure';
import { readOutput } from './output';
import { ChildResult, MeasurementParams } from './types';
import { doneWith, measurementDir } from './workspace';

async function main(): Promise<void> {
  const [name, json] = process.argv.slice(2);
  const load = MEASUREMENTS[name];
  const resultFile = process.env.BENCH_RESULT;
  if (!load || !json || !resultFile) throw new Error(`usage: BENCH_RESULT=FILE bench/child.ts <${Object.keys(MEASUREMENTS).join('|')}> '{"n":100}'`);
  const work = measurementDir('berth-bench-');
  try {
    const scratch = path.join(work, 'scratch');
    const outdir = path.join(work, 'out');
    fs.mkdirSync(scratch);
    fs.mkdirSync(outdir);
    const measurement = await load();
    const run = measurement(JSON.parse(json) as MeasurementParams, scratch);
    const start = performance.now();
    const counted = run(outdir);
    const wallMs = performance.now() - start;
    const peakMb = process.resourceUsage().maxRSS / 1024;
    const written = readOutput(outdir);
    const result: ChildResult = { wallMs, peakMb, objects: counted ?? written.objects, yamlSha256: written.yamlSha256 };
    fs.writeFileSync(resultFile, JSON.stringify(result));
  } finally {
    doneWith(work);
  }
}

main().catch((error: unknown) => {
  // As an uncaught exception prints it: the parent reads the first "...Error:" line of stderr.
  process.stderr.write(`${(error as Error)?.stack ?? error}\n`);
  process.exitCode = 1;
});
