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
import * as http from 'http';
import * as https from 'https';
import type { AddressInfo } from 'net';
import type { TLSSocket } from 'tls';
import type { KubeObject } from '../../lib/diff/types';
import { dryRunCreate, find, forbidden, list, namespaceExists, notFound, notFoundResource, parseResourcePath, RecordedRequest, sameAsLive, status, Target } from './fake-apiserver-answers';
import { coreAggregated, resourceList, resourceTable } from './fake-apiserver-discovery';
import { readJson, RecordedAnswer, recorded, recordedObjects } from './recordings';

export { FIXTURES, readJson, recorded, recordedObjects } from './recordings';
export type { RecordedAnswer } from './recordings';
export type { RecordedRequest } from './fake-apiserver-answers';

export const ADMIN_TOKEN = 'admin-token';

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
