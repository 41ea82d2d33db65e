import { ClusterError } from '../live/errors';
import { loadKubeconfig } from '../live/kubeconfig';
import { Transport } from '../live/transport';
import { ImportSourceError } from './sources';

export interface ClusterOptions {
  /** A kubeconfig file; default: $KUBECONFIG (merged as kubectl merges it) or ~/.kube/config. */
  readonly kubeconfig?: string;
  readonly context?: string;
}

type JsonObject = { [key: string]: unknown };

/**
 * The live cluster's schema as one OpenAPI v3 document: `/openapi/v3` lists one document per group-version, and
 * their `components.schemas` are merged (the same definition has the same content in every document). Built-in
 * kinds and the cluster's CRDs come alike. Falls back to `/openapi/v2` on API servers without v3 (before 1.24).
 * Connection, credentials and their errors are lib/live's, as for `berth diff`.
 */
export async function clusterOpenApi(options: ClusterOptions): Promise<{ document: JsonObject; server: string }> {
  try {
    const { config, target } = loadKubeconfig(options);
    const transport = new Transport(config, target);
    try {
      const get = async (path: string, purpose: string): Promise<{ status: number; body: unknown; text: string }> => {
        const [pathname, query] = path.split('?');
        return transport.request({ method: 'GET', path: pathname, query: query ? Object.fromEntries(new URLSearchParams(query)) : undefined, accept: 'application/json', purpose });
      };
      const index = await get('/openapi/v3', 'read the OpenAPI index');
      if (index.status === 404) {
        const v2 = await get('/openapi/v2', 'read the OpenAPI v2 schema');
        return { document: expectOk(v2, '/openapi/v2'), server: target.server };
      }
      const paths = (expectOk(index, '/openapi/v3').paths ?? {}) as Record<string, { serverRelativeURL?: string }>;
      const schemas: JsonObject = {};
      // Group-version documents only (`api/v1`, `apis/apps/v1`); the group lists and `.well-known` hold no kinds.
      for (const key of Object.keys(paths).sort()) {
        if (!/^(api\/v[^/]+|apis\/[^/]+\/v[^/]+)$/.test(key)) continue;
        const url = paths[key].serverRelativeURL ?? `/openapi/v3/${key}`;
        const doc = expectOk(await get(url, `read the OpenAPI schema of ${key}`), url);
        const components = (doc.components ?? {}) as { schemas?: JsonObject };
        for (const [name, schema] of Object.entries(components.schemas ?? {})) if (!(name in schemas)) schemas[name] = schema;
      }
      return { document: { openapi: '3.0.0', components: { schemas } }, server: target.server };
    } finally {
      transport.close();
    }
  } catch (error) {
    if (error instanceof ClusterError) throw new ImportSourceError(`cluster: ${error.message}`);
    throw error;
  }
}

function expectOk(response: { status: number; body: unknown; text: string }, url: string): JsonObject {
  if (response.status !== 200) throw new ImportSourceError(`cluster: GET ${url} answered HTTP ${response.status}: ${response.text.slice(0, 200).trim()}`);
  if (typeof response.body !== 'object' || response.body === null) throw new ImportSourceError(`cluster: GET ${url} did not return a JSON object`);
  return response.body as JsonObject;
}
