import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { writeDiffInputs } from '../../bench/diff-inputs';
import { RowResult } from '../../bench/types';

// The bench harness end to end, on small sizes: every row runs and the ways of building the workload agree on what
// they wrote. No timing is asserted — timings belong to the machine (npm run bench prints them).
const ROOT = path.resolve(__dirname, '../..');

function bench(...args: string[]): { rows: RowResult[]; targets: unknown[] } {
  const run = spawnSync(process.execPath, ['-r', './bin/register.js', 'bench/run.ts', '--json', ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`bench exited ${run.status}:\n${run.stderr}`);
  return JSON.parse(run.stdout);
}

// Small N, so the test's time does not depend on how fast the engine is today.
test('the workload built every way writes the same objects; the chain synthesizes', () => {
  const { rows } = bench('--quick', '--only', 'workload,chain', '--sizes', '10,100');
  expect(rows.map((row) => row.id)).toEqual([
    ...[10, 100].flatMap((n) => ['berth', 'berth-k8s', 'berth-k8s-node-defaults', 'cdk8s-plus', 'yaml', 'json'].map((way) => `workload/${way}/${n}`)),
    'chain/berth/1000',
    'chain/cdk8s/1000',
  ]);
  for (const row of rows) {
    expect(row).toMatchObject({ status: 'ok', objects: row.id.startsWith('workload/') ? 2 * row.n : row.n });
    expect(row.wallMs).toBeGreaterThan(0);
    expect(row.peakMb).toBeGreaterThan(0);
  }
  // The plain-yaml anchor serializes the very bytes berth writes; cdk8s-plus writes other (defaulted) objects.
  // berth without the appc target writes the same YAML as with it.
  expect(rows.filter((row) => /^workload\/(yaml|berth-k8s|berth-k8s-node-defaults)\//.test(row.id)).map((row) => row.sameYaml)).toEqual([true, true, true, true, true, true]);
  expect(rows.find((row) => row.id === 'workload/cdk8s-plus/10')).toMatchObject({ sameYaml: false, timeRatio: expect.any(Number) });
}, 120_000);

test('--quick: the guestbook as a cdk8s project (npx cdk8s synth, ts-node) synthesizes the YAML of berth synth; diff runs', () => {
  const { rows } = bench('--quick', '--only', 'synth,diff');
  expect(rows).toEqual([
    expect.objectContaining({ id: 'synth/berth', status: 'ok', objects: 6, runsMs: [expect.any(Number)] }),
    expect.objectContaining({ id: 'synth/cdk8s', status: 'ok', objects: 6, sameYaml: true }),
    expect.objectContaining({ id: 'diff/berth-yaml/1000', status: 'ok' }),
    expect.objectContaining({ id: 'diff/berth-json/1000', status: 'ok' }),
    expect.objectContaining({ id: 'diff/in-process/1000', status: 'ok', objects: 1000 }),
  ]);
}, 120_000);

test('the diff inputs are written as kubectl prints them: no YAML anchors or aliases', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-bench-test-'));
  try {
    const files = writeDiffInputs(dir, 3);
    for (const file of [files.desired, files.live]) expect(fs.readFileSync(file, 'utf8')).not.toMatch(/[&*]a\d/);
    expect(JSON.parse(fs.readFileSync(files.liveJson, 'utf8')).items).toHaveLength(3);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test.each([
  [['--only', 'nope'], 'unknown scenario nope — use workload, charts, chain, synth, diff'],
  [['--sizes', '10,x'], '--sizes must be positive integers separated by commas, got 10,x'],
  [['--timeout', '0'], '--timeout must be a number of seconds, got 0'],
  [['--fast'], "Unknown option '--fast'"],
])('%j is a usage error', (args, message) => {
  const run = spawnSync(process.execPath, ['-r', './bin/register.js', 'bench/run.ts', ...args], { cwd: ROOT, encoding: 'utf8' });
  expect(run.status).toBe(2);
  expect(run.stderr).toContain(message);
});
