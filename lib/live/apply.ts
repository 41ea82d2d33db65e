import type { KubeObject } from '../diff/types';
import { Discovery, resourcePath } from './discovery';
import { ClusterError, describeTarget } from './errors';
import { StatusBody, Transport, unexpected } from './transport';

export interface FieldConflict {
  /** The other field manager, as in managedFields: `kubectl`, `other-tool`. */
  readonly manager: string;
  /** Keyed-list path: `spec.template.spec.containers[name=web].image`. */
  readonly path: string;
  /** The server's words, which also name an Update manager's subresource: `conflict with "kubectl" with subresource "scale" using apps/v1`. */
  readonly message: string;
}

export type DryRunAnswer =
  | { readonly kind: 'applied'; readonly object: KubeObject }
  | { readonly kind: 'conflict'; readonly conflicts: readonly FieldConflict[] }
  | { readonly kind: 'invalid'; readonly message: string }
  | { readonly kind: 'missing-namespace'; readonly namespace: string }
  // `kind` is taken by the answer's tag, so the object's kind is `objectKind`.
  | { readonly kind: 'unknown-kind'; readonly apiVersion: string; readonly objectKind: string };

export interface DryRunOptions {
  readonly fieldManager: string;
  /** Take fields other managers own (`--force-conflicts`) instead of answering `conflict`. */
  readonly force: boolean;
}

/**
 * The server's answer to "what if I applied this?": a server-side apply PATCH with `dryRun=All`, so admission,
 * defaulting, validation and field ownership all run and nothing is stored. This is the only kind of non-GET
 * request lib/live ever sends.
 */
export async function dryRunApply(transport: Transport, discovery: Discovery, defaultNamespace: string, object: KubeObject, options: DryRunOptions): Promise<DryRunAnswer> {
  const type = await discovery.resolve(object.apiVersion, object.kind);
  if (!type) return { kind: 'unknown-kind', apiVersion: object.apiVersion, objectKind: object.kind };
  const namespace = type.namespaced ? object.metadata.namespace || defaultNamespace : null;
  // The namespace in the body must match the URL's; a cluster-scoped object carries none.
  const { namespace: _dropped, ...metadata } = object.metadata;
  const sent = { ...object, apiVersion: object.apiVersion, metadata: namespace === null ? metadata : { ...metadata, namespace } };
  const request = {
    method: 'PATCH' as const,
    path: resourcePath(type, namespace, object.metadata.name),
    query: { dryRun: 'All', fieldManager: options.fieldManager, force: String(options.force) },
    // JSON is YAML, and the server reads an apply patch as YAML.
    contentType: 'application/apply-patch+yaml',
    body: JSON.stringify(sent),
    purpose: `patch ${type.group ? `${type.resource}.${type.group}` : type.resource}${namespace === null ? '' : ` in namespace "${namespace}"`} (a dry-run server-side apply)`,
  };
  const response = await transport.request(request);
  const status = response.body as StatusBody | undefined;
  switch (response.status) {
    case 200:
    case 201:
      return { kind: 'applied', object: response.body as KubeObject };
    case 409:
      if (status?.reason === 'Conflict' && status.details?.causes?.length) return { kind: 'conflict', conflicts: parseConflicts(status) };
      break;
    case 404:
      if (status?.details?.kind === 'namespaces' && status.details.name) return { kind: 'missing-namespace', namespace: status.details.name };
      // The collection itself is gone (a CRD deleted since discovery).
      return { kind: 'unknown-kind', apiVersion: object.apiVersion, objectKind: object.kind };
    case 400:
    case 422:
      return { kind: 'invalid', message: status?.message ?? response.text.trim() };
  }
  if (response.status === 415 || response.status === 405) {
    throw new ClusterError(`${describeTarget(transport.target)} does not support server-side apply for ${object.kind} (${response.status}); it needs Kubernetes 1.18 or later — drop --server-side`);
  }
  throw unexpected(transport.target, request, response);
}

/** The 409 Status of a failed apply: one cause per field and manager, the field in structured-merge-diff notation. */
export function parseConflicts(status: StatusBody): FieldConflict[] {
  const conflicts: FieldConflict[] = [];
  for (const cause of status.details?.causes ?? []) {
    if (cause.reason !== 'FieldManagerConflict' || !cause.field) continue;
    const message = cause.message ?? '';
    const manager = /conflict with "((?:[^"\\]|\\.)*)"/.exec(message)?.[1] ?? message;
    conflicts.push({ manager, path: keyedPath(cause.field), message });
  }
  return conflicts;
}

/**
 * structured-merge-diff's path text (`.spec.template.spec.containers[name="web"].image`,
 * `.spec.ports[port=80,protocol="TCP"]`, `.metadata.finalizers[="a"]`, `.metadata.labels.app.kubernetes.io/name`)
 * in berth's keyed-list notation (`spec.template.spec.containers[name=web].image`,
 * `metadata.labels["app.kubernetes.io/name"]`): key values bare when unambiguous, map keys that are not
 * identifiers quoted.
 */
export function keyedPath(field: string): string {
  let out = '';
  let i = 0;
  let parent = '';
  while (i < field.length) {
    if (field[i] === '.') {
      i++;
      // Below labels, annotations and other string maps, a key runs to the next selector; dots are part of it.
      const end = STRING_MAPS.has(parent) ? nextBracket(field, i) : nextSelector(field, i);
      const name = field.slice(i, end);
      out += /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? `${out ? '.' : ''}${name}` : `[${JSON.stringify(name)}]`;
      parent = name;
      i = end;
    } else if (field[i] === '[') {
      const end = closingBracket(field, i);
      out += `[${formatSelector(field.slice(i + 1, end))}]`;
      parent = '';
      i = end + 1;
    } else {
      // Not the notation we know: keep the rest as the server wrote it.
      out += field.slice(i);
      break;
    }
  }
  return out;
}

const STRING_MAPS = new Set(['labels', 'annotations', 'data', 'stringData', 'binaryData', 'matchLabels', 'nodeSelector']);

function nextSelector(text: string, from: number): number {
  for (let i = from; i < text.length; i++) if (text[i] === '.' || text[i] === '[') return i;
  return text.length;
}

function nextBracket(text: string, from: number): number {
  const i = text.indexOf('[', from);
  return i < 0 ? text.length : i;
}

/** The `]` that closes `[` at `open`, skipping brackets inside JSON strings. */
function closingBracket(text: string, open: number): number {
  let inString = false;
  for (let i = open + 1; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === ']') return i;
  }
  return text.length;
}

/** `name="web"` → `name=web`; `port=80,protocol="TCP"` → `port=80,protocol=TCP`; `="a"` → `=a`; `3` stays. */
function formatSelector(inner: string): string {
  const parts: string[] = [];
  let i = 0;
  while (i < inner.length) {
    const eq = inner.indexOf('=', i);
    if (eq < 0) return inner;
    const key = inner.slice(i, eq);
    let end = eq + 1;
    if (inner[end] === '"') end = closingQuote(inner, end) + 1;
    else while (end < inner.length && inner[end] !== ',') end++;
    const raw = inner.slice(eq + 1, end);
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      value = raw;
    }
    parts.push(`${key}=${typeof value === 'string' && /^[A-Za-z0-9_./:-]+$/.test(value) ? value : typeof value === 'string' ? JSON.stringify(value) : String(value)}`);
    i = end + 1;
  }
  return parts.join(',');
}

function closingQuote(text: string, open: number): number {
  for (let i = open + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') return i;
  }
  return text.length - 1;
}
