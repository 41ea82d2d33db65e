/**
 * `npm run bench [-- --json] [--quick] [--only workload,charts,chain,synth,diff] [--timeout SECONDS]`: builds the
 * same workload with berth and with its anchors (cdk8s-plus, plain objects through yaml and JSON.stringify), each
 * measurement in a fresh child process, one after the other, and prints wall time, peak RSS and the ratios.
 * Nothing here asserts a timing: the smoke test (test/bench/run.test.ts) only checks that the harness works.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseArgs } from 'util';
import { measureGroup, ROOT } from './execute';
import { plan, Scenario, SCENARIOS } from './plan';
import { formatTable } from './report';
import { checkTargets } from './targets';
import { RowResult } from './types';
import { openWorkspace } from './workspace';

const HELP = `Usage: npm run bench -- [--json] [--quick] [--only SCENARIO[,SCENARIO]] [--sizes N[,N]] [--timeout SECONDS]

  --json         print one JSON object ({"machine","rows","targets"}) instead of the table
  --quick        N = 100 and 1,000 only, smaller other scenarios, one run per whole-process row
  --only LIST    scenarios to run: ${SCENARIOS.join(', ')} (default: all)
  --sizes LIST   the workload's N (default 100,1000,10000; with --quick 100,1000)
  --timeout S    seconds an anchor may take before it is killed and reads "timeout" (default 120)
`;

const OPTIONS = {
  json: { type: 'boolean' },
  quick: { type: 'boolean' },
  only: { type: 'string', multiple: true },
  sizes: { type: 'string' },
  timeout: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args: process.argv.slice(2), options: OPTIONS }));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${HELP}`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const only = (values.only ?? []).flatMap((list) => list.split(',')).map((name) => name.trim()).filter(Boolean);
  const unknown = only.filter((name) => !(SCENARIOS as readonly string[]).includes(name));
  const timeout = Number(values.timeout ?? 120);
  const sizes = values.sizes?.split(',').map(Number);
  const usage = unknown.length ? `unknown scenario ${unknown.join(', ')} — use ${SCENARIOS.join(', ')}`
    : !(timeout > 0) ? `--timeout must be a number of seconds, got ${values.timeout}`
    : sizes?.some((n) => !Number.isInteger(n) || n < 1) ? `--sizes must be positive integers separated by commas, got ${values.sizes}`
    : undefined;
  if (usage) {
    process.stderr.write(`${usage}\n\n${HELP}`);
    return 2;
  }
  const groups = plan({ quick: Boolean(values.quick), only: only as Scenario[], sizes, anchorTimeoutMs: timeout * 1000 });
  if (groups.some((group) => group.rows.some((row) => row.run.kind === 'process' && row.run.command.includes('bin/berth.js')))) ensureBuild();

  const rows: RowResult[] = [];
  const workspace = openWorkspace();
  try {
    for (const group of groups) {
      rows.push(...(await measureGroup(group, (row) => process.stderr.write(`bench: ${row.id}\n`))));
    }
  } finally {
    workspace.remove();
  }
  const targets = checkTargets(rows);
  const machine = { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, memoryGb: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.platform()} ${os.release()}` };
  process.stdout.write(values.json ? `${JSON.stringify({ machine, quick: Boolean(values.quick), rows, targets }, null, 2)}\n` : `${machine.cpus} × ${machine.cpu}, node ${machine.node}\n\n${formatTable(rows, targets)}`);
  return 0;
}

/** `bin/berth.js` runs the compiled CLI in build/: compile it first when a source is newer than it. */
function ensureBuild(): void {
  const built = path.join(ROOT, 'build', 'lib', 'cli', 'main.js');
  const builtAt = fs.existsSync(built) ? fs.statSync(built).mtimeMs : 0;
  const sources = ['index.ts', 'testing.ts', ...tsFiles('lib'), ...tsFiles('constructs')];
  if (sources.every((file) => fs.statSync(path.join(ROOT, file)).mtimeMs <= builtAt)) return;
  process.stderr.write('bench: build/ is older than the sources, compiling (tsc -p tsconfig.build.json)\n');
  const tsc = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: ROOT, encoding: 'utf8' });
  if (tsc.status !== 0) process.stderr.write(`bench: tsc failed (the CLI rows run what it emitted):\n${tsc.stdout}${tsc.stderr}`);
}

function tsFiles(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => path.relative(ROOT, path.join(entry.parentPath, entry.name)));
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`bench: ${(error as Error)?.stack ?? error}\n`);
    process.exitCode = 1;
  },
);
