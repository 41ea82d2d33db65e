import type { KubeObject } from '../diff/types';
import { apiVersionOf, Discovery, resourcePath, ResourceType } from './discovery';
import { mapConcurrent } from './limit';
import { Transport, unexpected } from './transport';

export interface TypeRef {
  readonly apiVersion: string;
  readonly kind: string;
}

export interface ListResult {
  readonly objects: KubeObject[];
  /** Kinds the server does not serve (no CRD yet, a removed API version of a removed group), or cannot list. */
  readonly unknown: TypeRef[];
}

/** Large collections come in pages of this many (as kubectl's default chunk size), still one LIST. */
const PAGE_SIZE = 500;

interface ListRequest {
  readonly type: ResourceType;
  /** null: all namespaces, or a cluster-scoped kind. */
  readonly namespace: string | null;
}

/**
 * One LIST per kind and namespace (one across all namespaces for `'all'`, one cluster-wide for cluster-scoped
 * kinds), `concurrency` at a time. Items come back with `apiVersion` and `kind` filled in (LIST items lack them)
 * and everything else as the server sent it, `managedFields` included. Order: types as given, then namespaces.
 */
export interface ListOptions {
  /** Only objects with these labels (`applyset.kubernetes.io/part-of=ID`), as the server filters them. */
  readonly labelSelector?: string;
}

export async function listObjects(transport: Transport, discovery: Discovery, types: readonly TypeRef[], namespaces: readonly string[] | 'all', concurrency: number, options: ListOptions = {}): Promise<ListResult> {
  const unknown: TypeRef[] = [];
  const requests: ListRequest[] = [];
  const seen = new Set<string>();
  const resolved = await Promise.all(types.map(async (ref) => ({ ref, type: await discovery.resolve(ref.apiVersion, ref.kind) })));
  for (const { ref, type } of resolved) {
    if (!type || !type.verbs.includes('list')) {
      unknown.push({ apiVersion: ref.apiVersion, kind: ref.kind });
      continue;
    }
    // Identity is group + kind: apps/v1 and a stale apps/v1beta2 of the same kind are one LIST.
    const id = `${type.group}/${type.kind}`;
    if (seen.has(id)) continue;
    seen.add(id);
    if (!type.namespaced || namespaces === 'all') requests.push({ type, namespace: null });
    else for (const namespace of [...new Set(namespaces)]) requests.push({ type, namespace });
  }
  const pages = await mapConcurrent(requests, concurrency, (request) => listOne(transport, request, options));
  const objects: KubeObject[] = [];
  for (const [index, items] of pages.entries()) {
    if (items === undefined) unknown.push({ apiVersion: apiVersionOf(requests[index].type), kind: requests[index].type.kind });
    else objects.push(...items);
  }
  return { objects, unknown: uniqueTypes(unknown) };
}

/** undefined when the collection is gone (a CRD deleted since discovery). */
async function listOne(transport: Transport, { type, namespace }: ListRequest, options: ListOptions): Promise<KubeObject[] | undefined> {
  const path = resourcePath(type, namespace);
  const apiVersion = apiVersionOf(type);
  const where = namespace === null ? (type.namespaced ? ' in all namespaces' : '') : ` in namespace "${namespace}"`;
  const objects: KubeObject[] = [];
  let token: string | undefined;
  do {
    const request = {
      method: 'GET' as const,
      path,
      query: { ...(options.labelSelector ? { labelSelector: options.labelSelector } : {}), limit: String(PAGE_SIZE), ...(token ? { continue: token } : {}) },
      purpose: `list ${type.group ? `${type.resource}.${type.group}` : type.resource}${where}`,
    };
    const response = await transport.request(request);
    if (response.status === 404) return undefined;
    if (response.status !== 200) throw unexpected(transport.target, request, response);
    const list = response.body as { items?: Array<Record<string, unknown>>; metadata?: { continue?: string } } | undefined;
    for (const item of list?.items ?? []) objects.push({ apiVersion, kind: type.kind, ...item } as KubeObject);
    token = list?.metadata?.continue || undefined;
  } while (token);
  return objects;
}

function uniqueTypes(types: readonly TypeRef[]): TypeRef[] {
  const byKey = new Map(types.map((t) => [`${t.apiVersion}/${t.kind}`, t]));
  return [...byKey.values()];
}
