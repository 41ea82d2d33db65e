import { formatTable } from '../../bench/report';
import { RowResult } from '../../bench/types';

const row = (id: string, group: string, wallMs: number, extra: Partial<RowResult> = {}): RowResult => ({ id, group, label: id, n: 100, status: 'ok', wallMs, peakMb: 70, objects: 200, ...extra });

test('each group\'s title says how fast the disk created files just before it, and a note says how to read it', () => {
  const table = formatTable([
    row('a', 'first group', 120, { diskUsPerFile: 31.4 }),
    row('b', 'first group', 240, { diskUsPerFile: 31.4, timeRatio: 0.5 }),
    row('c', 'second group', 90, { diskUsPerFile: 412 }),
  ], []);
  expect(table).toContain('\nfirst group  [disk: 31 µs a file]\n');
  expect(table).toContain('\nsecond group  [disk: 412 µs a file]\n');
  expect(table).toContain('disk: time to create a small file in the workspace, probed before the group.');
});

test('rows without a probe (results of an older run) print their group title alone', () => {
  const table = formatTable([row('a', 'group', 120)], []);
  expect(table).toContain('\ngroup\n');
  expect(table).not.toContain('disk:');
});
