import * as http from 'http';
import * as https from 'https';
import { ImportSourceError } from './sources';

export interface ClusterOptions {
  /** A kubeconfig file; default: $KUBECONFIG or ~/.kube/config, as kubectl reads them. */
  readonly kubeconfig?: string;
  readonly context?: string;
}

type JsonObject = { [key: string]: unknown };

/**
 * The live cluster's schema as one OpenAPI v3 document: `/openapi/v3` lists one document per group-version, and
 * their `components.schemas` are merged (the same definition has the same content in every document). Built-in
 * kinds and the cluster's CRDs come alike. Falls back to `/openapi/v2` on API servers without v3 (before 1.24).
 */
export async function clusterOpenApi(options: ClusterOptions): Promise<{ document: JsonObject; server: string }> {
  const client = await connect(options);
  const index = await client.get('/openapi/v3');
  if (index.status === 404) {
    const v2 = await client.get('/openapi/v2');
    return { document: expectOk(v2, '/openapi/v2'), server: client.server };
  }
  const paths = (expectOk(index, '/openapi/v3').paths ?? {}) as Record<string, { serverRelativeURL?: string }>;
  const schemas: JsonObject = {};
  // Group-version documents only (`api/v1`, `apis/apps/v1`); the group lists and `.well-known` hold no kinds.
  for (const key of Object.keys(paths).sort()) {
    if (!/^(api\/v[^/]+|apis\/[^/]+\/v[^/]+)$/.test(key)) continue;
    const url = paths[key].serverRelativeURL ?? `/openapi/v3/${key}`;
    const doc = expectOk(await client.get(url), url);
    const components = (doc.components ?? {}) as { schemas?: JsonObject };
    for (const [name, schema] of Object.entries(components.schemas ?? {})) if (!(name in schemas)) schemas[name] = schema;
  }
  return { document: { openapi: '3.0.0', components: { schemas } }, server: client.server };
}

interface Response {
  readonly status: number;
  readonly body: string;
}

function expectOk(response: Response, url: string): JsonObject {
  if (response.status !== 200) throw new ImportSourceError(`cluster: GET ${url} answered HTTP ${response.status}: ${response.body.slice(0, 200).trim()}`);
  try {
    return JSON.parse(response.body) as JsonObject;
  } catch (error) {
    throw new ImportSourceError(`cluster: GET ${url} did not return JSON: ${(error as Error).message}`);
  }
}

/** Authenticates with the official client's KubeConfig (certificates, tokens, exec plugins), then plain GETs. */
async function connect(options: ClusterOptions): Promise<{ server: string; get(path: string): Promise<Response> }> {
  // Loaded on use: the client is an ES module and large; imports from files never need it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { KubeConfig } = require('@kubernetes/client-node') as typeof import('@kubernetes/client-node');
  const kc = new KubeConfig();
  try {
    if (options.kubeconfig) kc.loadFromFile(options.kubeconfig);
    else kc.loadFromDefault();
    if (options.context) {
      if (!kc.getContextObject(options.context)) throw new Error(`context "${options.context}" is not in the kubeconfig (contexts: ${kc.getContexts().map((c) => c.name).join(', ') || 'none'})`);
      kc.setCurrentContext(options.context);
    }
  } catch (error) {
    throw new ImportSourceError(`cluster: cannot read the kubeconfig: ${(error as Error).message}`);
  }
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new ImportSourceError('cluster: the kubeconfig has no current cluster — pass --context or --kubeconfig');
  const base = new URL(cluster.server);
  return {
    server: cluster.server,
    get: async (path) => {
      const url = new URL(path, base);
      const request: https.RequestOptions = { method: 'GET', headers: { Accept: 'application/json' } };
      try {
        await kc.applyToHTTPSOptions(request);
      } catch (error) {
        throw new ImportSourceError(`cluster: ${(error as Error).message}`);
      }
      return new Promise<Response>((resolve, reject) => {
        const transport = url.protocol === 'http:' ? http : https;
        const req = transport.request(url, { ...request, timeout: 30_000 }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', reject);
        });
        req.on('timeout', () => req.destroy(new Error('timed out after 30s')));
        req.on('error', (error) => reject(new ImportSourceError(`cluster: GET ${url.href} failed: ${error.message}`)));
        req.end();
      });
    },
  };
}
