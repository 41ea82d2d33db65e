import { createTwoFilesPatch } from 'diff';
import { stringifyDocuments } from '../synth/yaml-emit';
import { isRecord } from './fieldset';
import { maskSecretPair } from './secrets';
import { DiffReport, ObjectDiff, VERDICTS } from './types';

/** `--json`: one object, the documented shape — paths and managers only, never a value. */
export function formatJson(report: DiffReport): string {
  const objects = report.objects.map((o) => ({
    apiVersion: o.apiVersion,
    kind: o.kind,
    namespace: o.namespace,
    name: o.name,
    verdict: o.verdict,
    paths: o.paths,
    conflicts: o.conflicts.map((c) => ({ path: c.path, manager: c.manager })),
    reason: o.reason,
  }));
  return `${JSON.stringify({ objects, summary: report.summary }, null, 2)}\n`;
}

export interface TextStyle {
  readonly red: (text: string) => string;
  readonly green: (text: string) => string;
  readonly yellow: (text: string) => string;
  readonly bold: (text: string) => string;
  readonly dim: (text: string) => string;
}

export interface TextOptions {
  readonly style: TextStyle;
  /** Print Secret values (base64, as stored) instead of masking them. */
  readonly showSecrets?: boolean;
  /** Lines of context around each change. @default 2 */
  readonly context?: number;
}

/** Text: a summary table, then per changed object a unified diff of only the changed fields with a little context. */
export function formatText(report: DiffReport, options: TextOptions): string {
  const { style } = options;
  const changed = report.objects.filter((o) => o.verdict !== 'no-change');
  const lines: string[] = [];
  const counts = VERDICTS.filter((v) => report.summary[v] > 0).map((v) => `${report.summary[v]} ${v}`);
  lines.push(style.bold(`${report.objects.length} object${report.objects.length === 1 ? '' : 's'}: ${counts.join(', ') || 'nothing to compare'}`));
  if (report.objects.length) {
    const rows = report.objects.map((o) => [o.verdict, o.kind, o.namespace ?? '-', o.name]);
    const header = ['VERDICT', 'KIND', 'NAMESPACE', 'NAME'];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    const row = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]))).join('  ');
    lines.push('', style.dim(row(header)));
    for (const r of rows) lines.push(colourVerdict(row(r), r[0], style));
  }
  for (const object of changed) lines.push('', ...objectSection(object, options));
  return `${lines.join('\n')}\n`;
}

function objectSection(object: ObjectDiff, options: TextOptions): string[] {
  const { style } = options;
  const title = `${object.kind} ${object.namespace ? `${object.namespace}/` : ''}${object.name}`;
  const lines = [style.bold(`${colourVerdict(object.verdict, object.verdict, style)} ${title}`)];
  if (object.paths.length) lines.push(`  changed: ${object.paths.join(', ')}`);
  if (object.reason) lines.push(`  reason: ${object.reason}`);
  for (const conflict of object.conflicts) lines.push(style.yellow(`  conflict: ${conflict.path} is owned by "${conflict.manager}" (--force-conflicts takes it over)`));
  if (object.verdict === 'prune') return [...lines, '  not declared by the app any more: it would be deleted'];
  let before = object.verdict === 'create' ? undefined : object.before;
  let after = object.after;
  if (object.secret && !options.showSecrets) [before, after] = maskSecretPair(before, after);
  const patch = createTwoFilesPatch(`${title} (live)`, `${title} (after apply)`, toYaml(before), toYaml(after), undefined, undefined, { context: options.context ?? 2 });
  for (const line of patch.split('\n').slice(1)) {
    if (!line || line.startsWith('\\')) continue;
    if (line.startsWith('---') || line.startsWith('+++')) lines.push(style.bold(line));
    else if (line.startsWith('@@')) lines.push(style.dim(line));
    else if (line.startsWith('+')) lines.push(style.green(line));
    else if (line.startsWith('-')) lines.push(style.red(line));
    else lines.push(line);
  }
  return lines;
}

function colourVerdict(text: string, verdict: string, style: TextStyle): string {
  switch (verdict) {
    case 'create':
      return style.green(text);
    case 'prune':
    case 'replace':
      return style.red(text);
    case 'update':
    case 'conflict':
      return style.yellow(text);
    default:
      return text;
  }
}

/**
 * YAML with keys sorted, as kubectl prints, so both sides line up; and quoted as kubectl quotes (`rotated: "yes"`:
 * its printer follows YAML 1.1, as cdk8s's does), through berth's emitter of cdk8s's YAML, ~11x faster than the
 * `yaml` library that took most of the report's time.
 */
function toYaml(value: unknown): string {
  if (value === undefined) return '';
  return stringifyDocuments([sortKeys(value)]);
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (isRecord(value)) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) out[key] = sortKeys(value[key]);
    return out;
  }
  return value;
}
