/**
 * A test API server on 127.0.0.1 that answers as the recorded kube-apiserver v1.32.6 did
 * (test/fixtures/kube-apiserver-1.32, see its README): discovery, LIST and GET of the recorded live objects,
 * 404s, server-side-apply dry runs (recorded answers registered per object), 401 for a wrong token, 403 for
 * anonymous requests.
 *
 * Recorded bodies are served as recorded. Where the recording has no body for the exact request, the answer is
 * assembled from recorded parts in the recorded shape, and the code says so:
 * - LIST bodies: the recorded objects (`csa/`, `ssa/` *.live.json) as items without apiVersion/kind, in a
 *   `<Kind>List` envelope as in `http/01-list-pods-labelSelector.json`.
 * - core (`/api`) aggregated discovery and per-group-version resource lists: from `server-info/api-resources.stdout`
 *   and the recorded aggregated `/apis` (`http/19`).
 * - dry-run creates of ConfigMaps and Namespaces: the sent object in the shape of http/07 (see dryRunCreate);
 *   an apply that repeats the stored object gets it back unchanged, as d07-no-change shows.
 * - 404 and 403 Status bodies for other names: the recorded ones (`http/13`, `http/15b`) with the name swapped; a
 *   missing namespace as kubectl printed it (`kubectl-diff/csa/x04`).
 *
 * It never stores anything: a non-GET request without `dryRun=All` is refused with 500 and listed in `realWrites`,
 * so a test can assert that berth never writes.
 */
import * as fs from 'fs';
import * as http from 'http';
import * as https from 'https';
import type { AddressInfo } from 'net';
import * as path from 'path';
import type { TLSSocket } from 'tls';
import type { KubeObject } from '../../lib/diff/types';

export const FIXTURES = path.join(__dirname, '..', 'fixtures', 'kube-apiserver-1.32');
export const ADMIN_TOKEN = 'admin-token';

export interface RecordedAnswer {
  readonly status: number;
  readonly body: unknown;
}

/** `http/NAME.status` + `http/NAME.json`, as curl saw them. */
export function recorded(name: string): RecordedAnswer {
  const status = Number(fs.readFileSync(path.join(FIXTURES, 'http', `${name}.status`), 'utf8').trim());
  return { status, body: readJson(path.join('http', `${name}.json`)) };
}

export function readJson(relative: string): unknown {
  return JSON.parse(fs.readFileSync(path.join(FIXTURES, relative), 'utf8'));
}

/** Every recorded live object: namespaces `kapi-csa` (client-side applied) and `kapi-ssa` (server-side applied). */
export function recordedObjects(): KubeObject[] {
  const objects: KubeObject[] = [];
  for (const dir of ['csa', 'ssa']) {
    for (const file of fs.readdirSync(path.join(FIXTURES, dir)).filter((f) => f.endsWith('.live.json')).sort()) {
      objects.push(readJson(path.join(dir, file)) as KubeObject);
    }
  }
  return objects;
}

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

export interface ApplyAnswer {
  /** PATCH path, e.g. `/apis/apps/v1/namespaces/kapi-ssa/deployments/web-deploy`. */
  readonly path: string;
  /** Only when this holds (e.g. `q.force === 'true'`); the first matching answer wins. */
  readonly when?: (query: Readonly<Record<string, string>>, body: string) => boolean;
  readonly answer: RecordedAnswer;
}

export interface FakeApiServerOptions {
  /** The bearer token that authenticates (default ADMIN_TOKEN); any other token gets the recorded 401. */
  readonly token?: string;
  /** A second token, of user `viewer`, that may GET but not PATCH (RBAC's `view` role): PATCH gets 403. */
  readonly viewerToken?: string;
  /** Serve HTTPS with this certificate; with `clientCa`, a client certificate it signs also authenticates. */
  readonly tls?: { readonly cert: string; readonly key: string; readonly clientCa?: string };
  /** What LIST and GET see (default: recordedObjects()). */
  readonly objects?: readonly KubeObject[];
  /** false: answer discovery as a server without aggregated discovery (before 1.26) does. */
  readonly aggregatedDiscovery?: boolean;
  /** Dry-run apply answers by path. */
  readonly applyAnswers?: readonly ApplyAnswer[];
  /** Hold every LIST and PATCH this long, so tests can see how many run at once. */
  readonly delayMs?: number;
}

export interface FakeApiServer {
  readonly url: string;
  /** Every request, in arrival order. */
  readonly requests: RecordedRequest[];
  /** Non-GET requests without dryRun=All (refused). Must stay empty. */
  readonly realWrites: RecordedRequest[];
  /** The most LIST requests in flight at once. */
  readonly maxListsInFlight: number;
  /** The most PATCH requests in flight at once. */
  readonly maxPatchesInFlight: number;
  close(): Promise<void>;
}

interface ResourceInfo {
  readonly group: string;
  readonly version: string;
  readonly resource: string;
  readonly kind: string;
  readonly namespaced: boolean;
  readonly verbs: string[];
  readonly shortNames: string[];
}

export async function startFakeApiServer(options: FakeApiServerOptions = {}): Promise<FakeApiServer> {
  const token = options.token ?? ADMIN_TOKEN;
  const objects = options.objects ?? recordedObjects();
  const aggregated = options.aggregatedDiscovery ?? true;
  const resources = resourceTable();
  const requests: RecordedRequest[] = [];
  const realWrites: RecordedRequest[] = [];
  let listsInFlight = 0;
  let maxListsInFlight = 0;
  let patchesInFlight = 0;
  let maxPatchesInFlight = 0;
  const hold = (): Promise<unknown> => new Promise((resolve) => setTimeout(resolve, options.delayMs ?? 0));

  const handle = async (incoming: http.IncomingMessage, body: string): Promise<RecordedAnswer> => {
    const url = new URL(incoming.url ?? '/', 'http://fake');
    const query = Object.fromEntries(url.searchParams);
    const request: RecordedRequest = { method: incoming.method ?? 'GET', path: url.pathname, query, headers: incoming.headers, body };
    requests.push(request);
    if (request.method !== 'GET' && query.dryRun !== 'All') {
      realWrites.push(request);
      return { status: 500, body: status(500, 'InternalError', 'fake-apiserver: refusing a request that is not a dry run') };
    }

    const authorization = incoming.headers.authorization;
    const viewer = options.viewerToken !== undefined && authorization === `Bearer ${options.viewerToken}`;
    if (authorization !== undefined && authorization !== `Bearer ${token}` && !viewer) return recorded('15-wrong-token');
    if (viewer && request.method !== 'GET') return forbidden(request, resources, 'viewer');
    const clientCertificate = (incoming.socket as TLSSocket).authorized === true;
    if (authorization === undefined && !clientCertificate) {
      if (request.path === '/version') return recorded('15c-anonymous-version');
      return forbidden(request, resources, 'system:anonymous');
    }

    if (request.path === '/version') return { status: 200, body: readJson('server-info/version.json') };
    const wantsAggregated = aggregated && /as=APIGroupDiscoveryList/.test(String(incoming.headers.accept));
    if (request.path === '/api') return wantsAggregated ? { status: 200, body: coreAggregated(resources) } : recorded('17-discovery-api');
    if (request.path === '/apis') return wantsAggregated ? recorded('19-discovery-aggregated-v2') : recorded('18-discovery-apis');
    const groupVersion = /^\/(?:api\/(v1)|apis\/([^/]+)\/([^/]+))$/.exec(request.path);
    if (groupVersion) return resourceList(resources, groupVersion[2] ?? '', groupVersion[1] ?? groupVersion[3]);

    const target = parseResourcePath(request.path, resources);
    if (!target) return notFoundResource();
    if (request.method === 'GET' && target.name === undefined) {
      listsInFlight++;
      maxListsInFlight = Math.max(maxListsInFlight, listsInFlight);
      try {
        await hold();
        return list(objects, target, query);
      } finally {
        listsInFlight--;
      }
    }
    if (request.method === 'GET') {
      const found = find(objects, target);
      return found ? { status: 200, body: found } : notFound(target);
    }
    if (request.method === 'PATCH' && target.name !== undefined) {
      patchesInFlight++;
      maxPatchesInFlight = Math.max(maxPatchesInFlight, patchesInFlight);
      try {
        await hold();
        return apply(request, target);
      } finally {
        patchesInFlight--;
      }
    }
    return { status: 405, body: status(405, 'MethodNotAllowed', `the server does not allow this method on the requested resource`) };
  };

  const apply = (request: RecordedRequest, target: Target): RecordedAnswer => {
    if (request.headers['content-type'] !== 'application/apply-patch+yaml') {
      return { status: 415, body: status(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml`) };
    }
    if (!request.query.fieldManager) return recorded('08-apply-patch-missing-fieldManager');
    if (target.namespace !== undefined && !namespaceExists(objects, target.namespace)) {
      // kubectl-diff/csa/x04: `namespaces "does-not-exist" not found`, in the Status shape of http/13.
      return { status: 404, body: { ...status(404, 'NotFound', `namespaces "${target.namespace}" not found`), details: { name: target.namespace, kind: 'namespaces' } } };
    }
    const scripted = options.applyAnswers?.find((a) => a.path === request.path && (!a.when || a.when(request.query, request.body)));
    if (scripted) return scripted.answer;
    // A manifest that changes nothing gets the stored object back, unchanged (d07-no-change-deployment).
    const found = find(objects, target);
    if (found && sameAsLive(found, request.body)) return { status: 200, body: found };
    if (!found) {
      const created = dryRunCreate(target, request.body, request.query.fieldManager);
      if (created) return created;
    }
    return { status: 500, body: status(500, 'InternalError', `fake-apiserver: no recorded answer for PATCH ${request.path}`) };
  };

  const server = options.tls
    ? https.createServer({ cert: options.tls.cert, key: options.tls.key, ...(options.tls.clientCa ? { ca: options.tls.clientCa, requestCert: true, rejectUnauthorized: false } : {}) })
    : http.createServer();
  server.on('request', (incoming: http.IncomingMessage, response: http.ServerResponse) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      handle(incoming, Buffer.concat(chunks).toString('utf8')).then(
        (answer) => {
          response.writeHead(answer.status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private' });
          response.end(JSON.stringify(answer.body));
        },
        (error: unknown) => {
          response.writeHead(500, { 'Content-Type': 'application/json' });
          response.end(JSON.stringify(status(500, 'InternalError', `fake-apiserver: ${String(error)}`)));
        },
      );
    });
  });
  const sockets = new Set<import('net').Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    requests,
    realWrites,
    get maxListsInFlight() {
      return maxListsInFlight;
    },
    get maxPatchesInFlight() {
      return maxPatchesInFlight;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

interface Target {
  readonly info: ResourceInfo;
  readonly namespace?: string;
  readonly name?: string;
}

function parseResourcePath(pathname: string, resources: readonly ResourceInfo[]): Target | undefined {
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

function groupOf(apiVersion: string): string {
  return apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
}

function matches(object: KubeObject, target: Target): boolean {
  return object.kind === target.info.kind && groupOf(object.apiVersion) === target.info.group && (target.namespace === undefined || object.metadata.namespace === target.namespace);
}

function find(objects: readonly KubeObject[], target: Target): KubeObject | undefined {
  return objects.find((o) => matches(o, target) && o.metadata.name === target.name);
}

function namespaceExists(objects: readonly KubeObject[], namespace: string): boolean {
  return objects.some((o) => o.kind === 'Namespace' && o.metadata.name === namespace);
}

/** The shape of http/01: `<Kind>List`, resourceVersion, items without apiVersion/kind. `limit`/`continue` page it. */
function list(objects: readonly KubeObject[], target: Target, query: Readonly<Record<string, string>>): RecordedAnswer {
  const all = objects.filter((o) => matches(o, target)).sort((a, b) => `${a.metadata.namespace ?? ''}/${a.metadata.name}`.localeCompare(`${b.metadata.namespace ?? ''}/${b.metadata.name}`));
  const start = Number(query.continue ?? 0);
  const limit = query.limit ? Number(query.limit) : all.length;
  const page = all.slice(start, start + limit);
  const more = start + limit < all.length;
  const items = page.map(({ apiVersion: _apiVersion, kind: _kind, ...rest }) => rest);
  const apiVersion = target.info.group ? `${target.info.group}/${target.info.version}` : target.info.version;
  return { status: 200, body: { kind: `${target.info.kind}List`, apiVersion, metadata: { resourceVersion: '244', ...(more ? { continue: String(start + limit), remainingItemCount: all.length - start - limit } : {}) }, items } };
}

/** http/13: `configmaps "does-not-exist" not found`. */
function notFound(target: Target): RecordedAnswer {
  const body = recorded('13-get-not-found').body as { details: Record<string, string> };
  return {
    status: 404,
    body: { ...status(404, 'NotFound', `${target.info.resource}${target.info.group ? `.${target.info.group}` : ''} "${target.name}" not found`), details: { ...body.details, name: target.name, kind: target.info.resource, ...(target.info.group ? { group: target.info.group } : {}) } },
  };
}

function notFoundResource(): RecordedAnswer {
  return { status: 404, body: { ...status(404, 'NotFound', 'the server could not find the requested resource'), details: {} } };
}

/** http/15b, for any user, verb and resource: `pods is forbidden: User "system:anonymous" cannot list resource "pods" in API group "" in the namespace "kapi-csa"`. */
function forbidden(request: RecordedRequest, resources: readonly ResourceInfo[], user: string): RecordedAnswer {
  const target = parseResourcePath(request.path, resources);
  if (!target) return { status: 403, body: { ...status(403, 'Forbidden', `forbidden: User "${user}" cannot get path "${request.path}"`), details: {} } };
  const verb = request.method === 'PATCH' ? 'patch' : target.name === undefined ? 'list' : 'get';
  const where = target.namespace === undefined ? (target.info.namespaced ? '' : ' at the cluster scope') : ` in the namespace "${target.namespace}"`;
  const resource = target.info.resource;
  return { status: 403, body: { ...status(403, 'Forbidden', `${resource}${target.info.group ? `.${target.info.group}` : ''} is forbidden: User "${user}" cannot ${verb} resource "${resource}" in API group "${target.info.group}"${where}`), details: { kind: resource } } };
}

function status(code: number, reason: string, message: string): Record<string, unknown> {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code };
}

/**
 * A dry-run create of a ConfigMap or Namespace, the two kinds whose create answer the recording shows in full
 * (http/07 for a ConfigMap; csa/00-namespace.live.json for what the server adds to a Namespace): the sent object
 * with uid, creationTimestamp and the applier's managedFields, no resourceVersion (nothing was stored). Other
 * kinds get defaults the recording cannot tell, so they need a recorded answer.
 */
function dryRunCreate(target: Target, body: string, fieldManager: string): RecordedAnswer | undefined {
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
function fieldsOf(value: Record<string, unknown>): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    fields[`f:${key}`] = child !== null && typeof child === 'object' && !Array.isArray(child) ? fieldsOf(child as Record<string, unknown>) : {};
  }
  return fields;
}

/** Equal once the server's own fields are ignored: the request repeats what the live object already says. */
function sameAsLive(live: KubeObject, body: string): boolean {
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

/** Every resource the recorded server serves: named groups from the recorded aggregated /apis, core from api-resources. */
function resourceTable(): ResourceInfo[] {
  const resources: ResourceInfo[] = [];
  const aggregated = recorded('19-discovery-aggregated-v2').body as { items: Array<{ metadata: { name: string }; versions: Array<{ version: string; resources: Array<{ resource: string; scope: string; verbs: string[]; shortNames?: string[]; responseKind: { kind: string } }> }> }> };
  for (const group of aggregated.items) {
    for (const version of group.versions) {
      for (const r of version.resources) {
        resources.push({ group: group.metadata.name, version: version.version, resource: r.resource, kind: r.responseKind.kind, namespaced: r.scope === 'Namespaced', verbs: r.verbs, shortNames: r.shortNames ?? [] });
      }
    }
  }
  const table = fs.readFileSync(path.join(FIXTURES, 'server-info', 'api-resources.stdout'), 'utf8').split('\n').filter(Boolean);
  const header = table[0];
  const column = (line: string, name: string, next?: string): string => line.slice(header.indexOf(name), next ? header.indexOf(next) : undefined).trim();
  for (const line of table.slice(1)) {
    if (column(line, 'APIVERSION', 'NAMESPACED') !== 'v1') continue;
    resources.push({
      group: '',
      version: 'v1',
      resource: column(line, 'NAME', 'SHORTNAMES'),
      kind: column(line, 'KIND', 'VERBS'),
      namespaced: column(line, 'NAMESPACED', 'KIND') === 'true',
      verbs: column(line, 'VERBS', 'CATEGORIES').split(',').filter(Boolean),
      shortNames: column(line, 'SHORTNAMES', 'APIVERSION').split(',').filter(Boolean),
    });
  }
  return resources;
}

/** `/api` under the aggregated-discovery Accept header, in the shape of the recorded `/apis` one (http/19). */
function coreAggregated(resources: readonly ResourceInfo[]): unknown {
  const core = resources.filter((r) => r.group === '');
  return {
    kind: 'APIGroupDiscoveryList',
    apiVersion: 'apidiscovery.k8s.io/v2',
    metadata: {},
    items: [{ metadata: { creationTimestamp: null }, versions: [{ version: 'v1', resources: core.map((r) => ({ resource: r.resource, responseKind: { group: '', version: '', kind: r.kind }, scope: r.namespaced ? 'Namespaced' : 'Cluster', singularResource: r.kind.toLowerCase(), verbs: r.verbs, ...(r.shortNames.length ? { shortNames: r.shortNames } : {}) })), freshness: 'Current' }] }],
  };
}

/** `/api/v1`, `/apis/apps/v1`: the APIResourceList of one group-version (pre-aggregation discovery). */
function resourceList(resources: readonly ResourceInfo[], group: string, version: string): RecordedAnswer {
  const served = resources.filter((r) => r.group === group && r.version === version);
  if (!served.length) return notFoundResource();
  return {
    status: 200,
    body: {
      kind: 'APIResourceList',
      apiVersion: 'v1',
      groupVersion: group ? `${group}/${version}` : version,
      resources: served.map((r) => ({ name: r.resource, singularName: r.kind.toLowerCase(), namespaced: r.namespaced, kind: r.kind, verbs: r.verbs, ...(r.shortNames.length ? { shortNames: r.shortNames } : {}) })),
    },
  };
}

/** A kubeconfig (YAML is JSON) with one context per entry; the first is current unless `current` says otherwise. */
export function kubeconfig(entries: ReadonlyArray<{ name: string; server: string; namespace?: string; token?: string; ca?: string; clientCert?: string; clientKey?: string; insecure?: boolean; exec?: { command: string; args: string[] } }>, current?: string): string {
  return JSON.stringify({
    apiVersion: 'v1',
    kind: 'Config',
    'current-context': current ?? entries[0]?.name ?? '',
    clusters: entries.map((e) => ({ name: e.name, cluster: { server: e.server, ...(e.ca ? { 'certificate-authority': e.ca } : {}), ...(e.insecure ? { 'insecure-skip-tls-verify': true } : {}) } })),
    users: entries.map((e) => ({
      name: e.name,
      user: {
        ...(e.token ? { token: e.token } : {}),
        ...(e.clientCert ? { 'client-certificate': e.clientCert, 'client-key': e.clientKey } : {}),
        ...(e.exec ? { exec: { apiVersion: 'client.authentication.k8s.io/v1beta1', command: e.exec.command, args: e.exec.args, interactiveMode: 'Never' } } : {}),
      },
    })),
    contexts: entries.map((e) => ({ name: e.name, context: { cluster: e.name, user: e.name, ...(e.namespace ? { namespace: e.namespace } : {}) } })),
  }, null, 2);
}
