/**
 * Paths into an object in keyed-list notation: `spec.template.spec.containers[name=web].env[name=B]`,
 * `spec.ports[port=443,protocol=TCP]`, `metadata.annotations["a/b"]`, `metadata.finalizers[="x"]`.
 */
export type Segment =
  | { readonly field: string }
  | { readonly key: Readonly<Record<string, unknown>>; readonly keyOrder: readonly string[] }
  | { readonly value: unknown };

export type Path = readonly Segment[];

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function formatPath(path: Path): string {
  let text = '';
  for (const segment of path) {
    if ('field' in segment) {
      text += IDENTIFIER.test(segment.field) ? `${text ? '.' : ''}${segment.field}` : `[${JSON.stringify(segment.field)}]`;
    } else if ('key' in segment) {
      text += `[${segment.keyOrder.map((k) => `${k}=${formatKeyValue(segment.key[k])}`).join(',')}]`;
    } else {
      text += `[=${formatKeyValue(segment.value)}]`;
    }
  }
  return text;
}

/** Key values print bare when that is unambiguous (`name=web`, `port=80`), else as JSON. */
function formatKeyValue(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string' && /^[A-Za-z0-9_./:-]+$/.test(value)) return value;
  return JSON.stringify(value);
}

/** Path shape with list items as `[]`, for matching rules: `spec.template.spec.containers[].image`. */
export function shapeOf(path: Path): string {
  let text = '';
  for (const segment of path) {
    if ('field' in segment) text += `${text ? '.' : ''}${segment.field}`;
    else text += '[]';
  }
  return text;
}
