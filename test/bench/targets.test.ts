import { formatTable } from '../../bench/report';
import { checkTargets } from '../../bench/targets';
import { RowResult } from '../../bench/types';

const row = (id: string, wallMs: number, diskUsPerFile?: number): RowResult => ({ id, group: id.split('/')[0], label: id, n: 3_000, status: 'ok', wallMs, peakMb: 100, diskUsPerFile });

test('a target whose rows ran while the disk was slow says so beside its verdict', () => {
  const rows = [row('charts/berth/3000', 1_900, 210), row('charts/berth/1', 950, 210), row('chain/berth/10000', 400, 30)];
  const targets = checkTargets(rows);
  expect(targets.find((t) => t.name === '3,000 charts vs one chart')).toMatchObject({ measured: '2.00x', met: false, note: 'disk slow: 210 µs a file, 7x the run\'s quickest' });
  expect(targets.find((t) => t.name === 'dependency chain of 10,000')?.note).toBeUndefined();
  expect(formatTable(rows, targets)).toContain('2.00x  MISSED  (disk slow: 210 µs a file, 7x the run\'s quickest)');
});

test('no note when the disk was as quick for every group, or was not probed', () => {
  expect(checkTargets([row('charts/berth/3000', 1_000, 40), row('charts/berth/1', 900, 35), row('chain/berth/10000', 400, 30)]).map((t) => t.note)).toEqual([undefined, undefined]);
  expect(checkTargets([row('charts/berth/3000', 1_000), row('charts/berth/1', 900)]).map((t) => t.note)).toEqual([undefined]);
});
