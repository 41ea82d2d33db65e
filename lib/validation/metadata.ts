import { ProblemList } from '../problems';
import { labelValue, qualifiedName, toDnsLabel } from './names';

/** Label keys and values (Kubernetes rules), reported under `field["key"]`. */
export function checkLabels(labels: Readonly<Record<string, string>> | undefined, problems: ProblemList, field: string): void {
  if (!labels) return;
  for (const key of Object.keys(labels)) {
    const value = labels[key];
    const badKey = qualifiedName(key);
    if (badKey) problems.error(`${field}[${JSON.stringify(key)}]`, `key ${badKey}`, { value: key, fix: `use a key such as "${toDnsLabel(key) || 'app'}"` });
    if (typeof value !== 'string') {
      problems.error(`${field}[${JSON.stringify(key)}]`, 'must be a string', { value, fix: 'quote the value' });
      continue;
    }
    const badValue = labelValue(value);
    if (badValue) problems.error(`${field}[${JSON.stringify(key)}]`, badValue, { value, fix: `use a value such as "${toDnsLabel(value).slice(0, 63) || 'x'}"` });
  }
}

const ANNOTATIONS_MAX_BYTES = 256 * 1024;

export function checkAnnotations(annotations: Readonly<Record<string, string>> | undefined, problems: ProblemList, field: string): void {
  if (!annotations) return;
  let size = 0;
  for (const key of Object.keys(annotations)) {
    const value = annotations[key];
    const badKey = qualifiedName(key);
    if (badKey) problems.error(`${field}[${JSON.stringify(key)}]`, `key ${badKey}`, { value: key, fix: 'use a key such as "example.com/note"' });
    if (typeof value !== 'string') problems.error(`${field}[${JSON.stringify(key)}]`, 'must be a string', { value, fix: 'quote the value' });
    size += key.length + String(value).length;
  }
  if (size > ANNOTATIONS_MAX_BYTES) problems.error(field, 'must total at most 256 KiB', { value: `${size} bytes`, fix: 'move large data to a ConfigMap' });
}
