import { measureGroup } from '../../bench/execute';
import { plan } from '../../bench/plan';
import { InProcess } from '../../bench/types';

test('the rows a target reads run three times (once with --quick); the slow anchors of other scenarios once', () => {
  const repeatsOf = (quick: boolean) => Object.fromEntries(plan({ quick, only: ['workload', 'charts', 'chain'], sizes: [100], anchorTimeoutMs: 1_000 })
    .flatMap((group) => group.rows)
    .map((row) => [row.id, (row.run as InProcess).repeats ?? 1]));
  expect(repeatsOf(false)).toEqual({
    'workload/berth/100': 3,
    'workload/berth-k8s/100': 3,
    'workload/berth-k8s-node-defaults/100': 3,
    'workload/cdk8s-plus/100': 3,
    'workload/yaml/100': 3,
    'workload/json/100': 3,
    'charts/berth/3000': 3,
    'charts/berth/1': 3,
    'charts/cdk8s-plus/3000': 1,
    'charts/cdk8s-plus/1': 1,
    'chain/berth/10000': 1,
    'chain/cdk8s/10000': 1,
  });
  expect(new Set(Object.values(repeatsOf(true)))).toEqual(new Set([1]));
});

test('a repeated row reports each run and the medians', async () => {
  const run: InProcess = { kind: 'in-process', measurement: 'json', params: { n: 10 }, repeats: 3 };
  const [row] = await measureGroup({ title: 'json', rows: [{ id: 'json/10', label: 'json', n: 10, run, timeoutMs: 60_000 }] });
  expect(row).toMatchObject({ status: 'ok', objects: 20, runsMs: [expect.any(Number), expect.any(Number), expect.any(Number)] });
  expect(row.diskUsPerFile).toBeGreaterThan(0); // the disk, probed before the group
  const sorted = [...row.runsMs!].sort((a, b) => a - b);
  expect(Math.abs(row.wallMs! - sorted[1])).toBeLessThanOrEqual(1); // the median run (runsMs are rounded)
}, 60_000);

test('a group of in-process rows runs in rounds, so that the VM drifting during the group falls on every row', async () => {
  const row = (n: number, repeats: number) => ({ id: `json/${n}`, label: `json ${n}`, n, run: { kind: 'in-process', measurement: 'json', params: { n }, repeats } as InProcess, timeoutMs: 60_000 });
  const order: string[] = [];
  const rows = await measureGroup({ title: 'json', rows: [row(10, 3), row(20, 2), row(30, 1)] }, (r) => order.push(r.id));
  expect(order).toEqual(['json/10', 'json/20', 'json/30', 'json/10', 'json/20', 'json/10']);
  expect(rows.map((r) => [r.id, r.status, r.objects, r.runsMs?.length])).toEqual([['json/10', 'ok', 20, 3], ['json/20', 'ok', 40, 2], ['json/30', 'ok', 60, undefined]]);
  expect(rows[1].timeRatio).toBeGreaterThan(0);
}, 60_000);

test('in rounds, a row that crashed runs no more and reports its error', async () => {
  const crashing = { id: 'chain/cdk8s', label: 'cdk8s chain', n: 10_000, run: { kind: 'in-process', measurement: 'cdk8s-chain', params: { n: 10_000 }, repeats: 3 } as InProcess, timeoutMs: 60_000 };
  const json = { id: 'json/10', label: 'json', n: 10, run: { kind: 'in-process', measurement: 'json', params: { n: 10 }, repeats: 2 } as InProcess, timeoutMs: 60_000 };
  const order: string[] = [];
  const [chain, plain] = await measureGroup({ title: 'mixed', rows: [crashing, json] }, (r) => order.push(r.id));
  expect(order).toEqual(['chain/cdk8s', 'json/10', 'json/10']);
  expect(chain).toMatchObject({ status: 'crashed', error: expect.stringContaining('Maximum call stack size exceeded') });
  expect(plain).toMatchObject({ status: 'ok', objects: 20 });
}, 60_000);
