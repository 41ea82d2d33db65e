/** The fake API server's answers that are assembled from recorded parts (see the top of fake-apiserver.ts). */
import type { KubeObject } from '../../lib/diff/types';
import type { ResourceInfo } from './fake-apiserver-discovery';
import { RecordedAnswer, recorded } from './recordings';

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly headers: import('http').IncomingHttpHeaders;
  readonly body: string;
}

export interface Target {
  readonly info: ResourceInfo;
  readonly namespace?: string;
  readonly name?: string;
}

export function parseResourcePath(pathname: string, resources: readonly ResourceInfo[]): Target | undefined {
  const match = /^\/(?:api\/(v1)|apis\/([^/]+)\/([^/]+))(?:\/namespaces\/([^/]+))?\/([^/]+)(?:\/([^/]+))?$/.exec(pathname);
  if (!match) {
    // `/api/v1/namespaces/NAME` is the Namespace object itself.
    const namespace = /^\/api\/v1\/namespaces\/([^/]+)$/.exec(pathname);
    const info = resources.find((r) => r.group === '' && r.resource === 'namespaces');
    return namespace && info ? { info, name: decodeURIComponent(namespace[1]) } : undefined;
  }
  const [, coreVersion, group = '', groupVersion, namespace, resource, name] = match;
  const version = coreVersion ?? groupVersion;
  const info = resources.find((r) => r.group === group && r.version === version && r.resource === resource);
  if (!info || (namespace !== undefined && !info.namespaced)) return undefined;
  return { info, namespace: namespace === undefined ? undefined : decodeURIComponent(namespace), name: name === undefined ? undefined : decodeURIComponent(name) };
}

export function groupOf(apiVersion: string): string {
  return apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
}

export function matches(object: KubeObject, target: Target): boolean {
  return object.kind === target.info.kind && groupOf(object.apiVersion) === target.info.group && (target.namespace === undefined || object.metadata.namespace === target.namespace);
}

export function find(objects: readonly KubeObject[], target: Target): KubeObject | undefined {
  return objects.find((o) => matches(o, target) && o.metadata.name === target.name);
}

export function namespaceExists(objects: readonly KubeObject[], namespace: string): boolean {
  return objects.some((o) => o.kind === 'Namespace' && o.metadata.name === namespace);
}

/** The shape of http/01: `<Kind>List`, resourceVersion, items without apiVersion/kind. `limit`/`continue` page it. */
export function list(objects: readonly KubeObject[], target: Target, query: Readonly<Record<string, string>>): RecordedAnswer {
  const selector = query.labelSelector ? parseSelector(query.labelSelector) : () => true;
  const all = objects.filter((o) => matches(o, target) && selector(o.metadata.labels ?? {})).sort((a, b) => `${a.metadata.namespace ?? ''}/${a.metadata.name}`.localeCompare(`${b.metadata.namespace ?? ''}/${b.metadata.name}`));
  const start = Number(query.continue ?? 0);
  const limit = query.limit ? Number(query.limit) : all.length;
  const page = all.slice(start, start + limit);
  const more = start + limit < all.length;
  const items = page.map(({ apiVersion: _apiVersion, kind: _kind, ...rest }) => rest);
  const apiVersion = target.info.group ? `${target.info.group}/${target.info.version}` : target.info.version;
  return { status: 200, body: { kind: `${target.info.kind}List`, apiVersion, metadata: { resourceVersion: '244', ...(more ? { continue: String(start + limit), remainingItemCount: all.length - start - limit } : {}) }, items } };
}

/** http/13: `configmaps "does-not-exist" not found`. */
export function notFound(target: Target): RecordedAnswer {
  const body = recorded('13-get-not-found').body as { details: Record<string, string> };
  return {
    status: 404,
    body: { ...status(404, 'NotFound', `${target.info.resource}${target.info.group ? `.${target.info.group}` : ''} "${target.name}" not found`), details: { ...body.details, name: target.name, kind: target.info.resource, ...(target.info.group ? { group: target.info.group } : {}) } },
  };
}

export function notFoundResource(): RecordedAnswer {
  return { status: 404, body: { ...status(404, 'NotFound', 'the server could not find the requested resource'), details: {} } };
}

/** http/15b, for any user, verb and resource: `pods is forbidden: User "system:anonymous" cannot list resource "pods" in API group "" in the namespace "kapi-csa"`. */
export function forbidden(request: RecordedRequest, resources: readonly ResourceInfo[], user: string): RecordedAnswer {
  const target = parseResourcePath(request.path, resources);
  if (!target) return { status: 403, body: { ...status(403, 'Forbidden', `forbidden: User "${user}" cannot get path "${request.path}"`), details: {} } };
  const verb = request.method === 'PATCH' ? 'patch' : target.name === undefined ? 'list' : 'get';
  const where = target.namespace === undefined ? (target.info.namespaced ? '' : ' at the cluster scope') : ` in the namespace "${target.namespace}"`;
  const resource = target.info.resource;
  return { status: 403, body: { ...status(403, 'Forbidden', `${resource}${target.info.group ? `.${target.info.group}` : ''} is forbidden: User "${user}" cannot ${verb} resource "${resource}" in API group "${target.info.group}"${where}`), details: { kind: resource } } };
}

export function status(code: number, reason: string, message: string): Record<string, unknown> {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code };
}

/**
 * A dry-run create of a ConfigMap or Namespace, the two kinds whose create answer the recording shows in full
 * (http/07 for a ConfigMap; csa/00-namespace.live.json for what the server adds to a Namespace): the sent object
 * with uid, creationTimestamp and the applier's managedFields, no resourceVersion (nothing was stored). Other
 * kinds get defaults the recording cannot tell, so they need a recorded answer.
 */
export function dryRunCreate(target: Target, body: string, fieldManager: string): RecordedAnswer | undefined {
  if (target.info.group !== '' || !['ConfigMap', 'Namespace'].includes(target.info.kind)) return undefined;
  let sent: KubeObject;
  try {
    sent = JSON.parse(body) as KubeObject;
  } catch {
    return undefined;
  }
  const { apiVersion, kind, metadata, ...rest } = sent;
  const { name: _name, namespace: _namespace, ...ownMetadata } = metadata;
  const time = '2026-11-28T11:17:31Z';
  const managedFields = [{ manager: fieldManager, operation: 'Apply', apiVersion, time, fieldsType: 'FieldsV1', fieldsV1: fieldsOf({ ...(Object.keys(ownMetadata).length ? { metadata: ownMetadata } : {}), ...rest }) }];
  const created: Record<string, unknown> = {
    kind,
    apiVersion,
    metadata: { ...metadata, name: target.name, ...(target.namespace ? { namespace: target.namespace } : {}), uid: '00000000-0000-4000-8000-000000000001', creationTimestamp: time, managedFields },
    ...rest,
  };
  if (kind === 'Namespace') {
    const labels = { ...((metadata.labels as Record<string, string> | undefined) ?? {}), 'kubernetes.io/metadata.name': String(target.name) };
    Object.assign(created, { metadata: { ...(created.metadata as object), labels }, spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } });
  }
  return { status: 201, body: created };
}

/** The fieldsV1 trie of the fields an object sets (maps by key; lists as a whole, enough for ConfigMap and Namespace). */
export function fieldsOf(value: Record<string, unknown>): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    fields[`f:${key}`] = child !== null && typeof child === 'object' && !Array.isArray(child) ? fieldsOf(child as Record<string, unknown>) : {};
  }
  return fields;
}

/** Equal once the server's own fields are ignored: the request repeats what the live object already says. */
export function sameAsLive(live: KubeObject, body: string): boolean {
  let sent: KubeObject;
  try {
    sent = JSON.parse(body) as KubeObject;
  } catch {
    return false;
  }
  const contained = (want: unknown, have: unknown): boolean => {
    if (want === null || typeof want !== 'object') return want === have;
    if (Array.isArray(want)) return Array.isArray(have) && want.length === have.length && want.every((w, i) => contained(w, have[i]));
    return typeof have === 'object' && have !== null && Object.entries(want).every(([k, v]) => contained(v, (have as Record<string, unknown>)[k]));
  };
  return contained(sent, live);
}

/** A label selector as the server reads it: `a=b`, `a==b`, `a!=b`, `a in (x,y)`, `a notin (x)`, `a`, `!a`, joined by commas. */
export function parseSelector(text: string): (labels: Readonly<Record<string, string>>) => boolean {
  const terms = text.split(/,(?![^(]*\))/).map((t) => t.trim()).filter(Boolean);
  const tests = terms.map((term): ((labels: Readonly<Record<string, string>>) => boolean) => {
    const set = /^(\S+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(term);
    if (set) {
      const values = set[3].split(',').map((v) => v.trim());
      return (labels) => (set[2] === 'in' ? set[1] in labels && values.includes(labels[set[1]]) : !(set[1] in labels) || !values.includes(labels[set[1]]));
    }
    const equality = /^([^!=\s]+)\s*(==|=|!=)\s*(\S*)$/.exec(term);
    if (equality) return (labels) => (equality[2] === '!=' ? labels[equality[1]] !== equality[3] : labels[equality[1]] === equality[3]);
    if (term.startsWith('!')) return (labels) => !(term.slice(1) in labels);
    return (labels) => term in labels;
  });
  return (labels) => tests.every((test) => test(labels));
}
