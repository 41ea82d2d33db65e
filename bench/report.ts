import { RowResult, TargetCheck } from './types';

const HEADER = ['', 'N', 'wall ms', 'peak MB', 'objects', 'time ratio', 'memory ratio', 'same YAML'];

/** The results as a text table, a title line per group, then the targets. */
export function formatTable(rows: readonly RowResult[], targets: readonly TargetCheck[]): string {
  const cells = rows.map((row) => [`  ${row.label}`, number(row.n), number(row.wallMs), number(row.peakMb), number(row.objects), fixed(row.timeRatio), fixed(row.memoryRatio), row.sameYaml === undefined ? '' : row.sameYaml ? 'yes' : 'no']);
  const widths = HEADER.map((title, column) => Math.max(title.length, ...cells.map((line) => line[column].length)));
  const pad = (line: readonly string[]) => line.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  ').trimEnd();
  const lines = [pad(HEADER)];
  rows.forEach((row, index) => {
    if (index === 0 || rows[index - 1].group !== row.group) lines.push(row.diskUsPerFile === undefined ? row.group : `${row.group}  [disk: ${number(row.diskUsPerFile)} µs a file]`);
    // A failed row says why where its figures would be.
    lines.push(row.status === 'ok' ? pad(cells[index]) : `${pad(cells[index].slice(0, 2))}  ${row.error ?? row.status}`);
  });
  lines.push('', "time ratio, memory ratio: wall time and peak RSS of the group's first row ÷ this row's (0.10: a tenth);");
  lines.push("same YAML: whether this row wrote byte for byte the YAML of the group's first row.");
  if (rows.some((row) => row.diskUsPerFile !== undefined)) {
    lines.push('disk: time to create a small file in the workspace, probed before the group. Where it is several times its');
    lines.push('usual figure the disk is slow (here: for minutes after many files were removed), and the rows that write');
    lines.push('thousands of files (k8s + appc, 3,000 charts) read high.');
  }
  if (targets.length) {
    lines.push('', 'targets');
    const nameWidth = Math.max(...targets.map((t) => t.name.length));
    const targetWidth = Math.max(...targets.map((t) => t.target.length));
    for (const t of targets) lines.push(`  ${t.name.padEnd(nameWidth)}  ${t.target.padEnd(targetWidth)}  ${t.measured}${t.met === undefined ? '' : t.met ? '  met' : '  MISSED'}${t.note ? `  (${t.note})` : ''}`);
  }
  return `${lines.join('\n')}\n`;
}

function number(value: number | undefined): string {
  return value === undefined ? '' : Math.round(value).toLocaleString('en-US');
}

function fixed(value: number | undefined): string {
  if (value === undefined) return '';
  return value >= 10 ? value.toFixed(0) : value >= 0.1 ? value.toFixed(2) : value.toPrecision(2);
}
