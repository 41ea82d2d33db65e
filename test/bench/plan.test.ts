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
  const sorted = [...row.runsMs!].sort((a, b) => a - b);
  expect(Math.abs(row.wallMs! - sorted[1])).toBeLessThanOrEqual(1); // the median run (runsMs are rounded)
}, 60_000);
