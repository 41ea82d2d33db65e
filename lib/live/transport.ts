import * as http from 'http';
import * as https from 'https';
import { KubeConfig } from '@kubernetes/client-node';
import { ClusterError, ClusterTarget, describeTarget } from './errors';
import { oneLine } from './kubeconfig';

export interface ApiRequest {
  readonly method: 'GET' | 'PATCH';
  /** API path, e.g. `/apis/apps/v1/namespaces/web/deployments`. */
  readonly path: string;
  readonly query?: Readonly<Record<string, string>>;
  readonly accept?: string;
  readonly contentType?: string;
  readonly body?: string;
  /** What the request does, for a 403 message: `list deployments.apps in namespace "web"`. */
  readonly purpose: string;
}

export interface ApiResponse {
  readonly status: number;
  /** Parsed JSON, or undefined when the body is not JSON (a proxy's HTML page, `404 page not found`). */
  readonly body: unknown;
  readonly text: string;
}

/** A Kubernetes `Status` body, as failed requests return it. */
export interface StatusBody {
  readonly kind?: string;
  readonly message?: string;
  readonly reason?: string;
  readonly details?: { readonly name?: string; readonly kind?: string; readonly group?: string; readonly causes?: ReadonlyArray<{ reason?: string; message?: string; field?: string }> };
}

const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * HTTP(S) to the API server of one kubeconfig context. The client library does what is hard to get right: TLS
 * material from files or inline data, bearer tokens, client certificates, exec and auth-provider plugins (asked
 * again after a 401, so a plugin can refresh an expired token), proxies. Requests go through Node's http(s) with
 * the TLS material the library resolved, so status codes and Status bodies reach us unchanged.
 *
 * Every failure to talk to the server (unreachable, TLS, 401, 403, timeout) becomes one ClusterError; any other
 * status is returned to the caller, which knows what a 404 or 409 means for its request.
 */
export class Transport {
  private agent: http.Agent | undefined;
  private cached: Promise<Credentials> | undefined;
  private readonly base: URL;

  constructor(private readonly config: KubeConfig, readonly target: ClusterTarget, private readonly timeoutMs = DEFAULT_TIMEOUT_MS) {
    try {
      this.base = new URL(target.server);
    } catch {
      throw new ClusterError(`${describeTarget(target)}: the server address is not a URL; fix clusters[].cluster.server in the kubeconfig`);
    }
  }

  async request(request: ApiRequest): Promise<ApiResponse> {
    const used = this.currentCredentials();
    const response = await this.attempt(request, await used);
    // A credential plugin's token may have expired mid-run: ask the plugin again once, as kubectl does (once for
    // all the requests that failed with the same credentials).
    if (response.status === 401 && this.usesPlugin()) {
      if (this.cached === used) this.cached = undefined;
      return this.checked(request, await this.attempt(request, await this.currentCredentials()));
    }
    return this.checked(request, response);
  }

  private currentCredentials(): Promise<Credentials> {
    return (this.cached ??= this.credentials().catch((error: unknown) => {
      this.cached = undefined;
      throw error;
    }));
  }

  private async attempt(request: ApiRequest, { headers, agent, auth }: Credentials): Promise<ApiResponse> {
    const url = new URL(this.base.toString());
    url.pathname = `${this.base.pathname.replace(/\/$/, '')}${request.path}`;
    for (const [name, value] of Object.entries(request.query ?? {})) url.searchParams.set(name, value);
    const sent: http.OutgoingHttpHeaders = { ...headers, Accept: request.accept ?? 'application/json', 'User-Agent': 'berth' };
    if (request.body !== undefined) {
      sent['Content-Type'] = request.contentType ?? 'application/json';
      sent['Content-Length'] = Buffer.byteLength(request.body);
    }
    return this.send(url, { method: request.method, headers: sent, agent, auth }, request.body);
  }

  private usesPlugin(): boolean {
    const user = this.config.getCurrentUser();
    return Boolean(user?.exec || user?.authProvider);
  }

  private checked(request: ApiRequest, response: ApiResponse): ApiResponse {
    if (response.status === 401) {
      throw new ClusterError(`${describeTarget(this.target)} rejected the credentials of user "${this.target.user}" (401 Unauthorized): the token or client certificate is wrong or expired; log in again or refresh the kubeconfig`);
    }
    if (response.status === 403) {
      const message = (response.body as StatusBody | undefined)?.message ?? 'Forbidden';
      throw new ClusterError(`${describeTarget(this.target)}: user "${this.target.user}" may not ${request.purpose} (403: ${message}); ask for that permission or use another --context`);
    }
    return response;
  }

  private send(url: URL, options: http.RequestOptions, body: string | undefined): Promise<ApiResponse> {
    const client = url.protocol === 'http:' ? http : https;
    return new Promise((resolve, reject) => {
      const request = client.request(url, options, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', (error) => reject(this.networkError(error)));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown;
          try {
            parsed = text ? JSON.parse(text) : undefined;
          } catch {
            parsed = undefined;
          }
          resolve({ status: response.statusCode ?? 0, body: parsed, text });
        });
      });
      request.setTimeout(this.timeoutMs, () => request.destroy(Object.assign(new Error(`no answer within ${this.timeoutMs / 1000}s`), { code: 'ETIMEDOUT' })));
      request.on('error', (error) => reject(this.networkError(error)));
      request.end(body);
    });
  }

  /**
   * Headers and agent, once per run (concurrent first requests share one plugin run): the library runs an exec
   * plugin again on every call unless its credential names an expiry, and plugins such as `aws eks get-token`
   * take a second each. A 401 asks again (see `request`).
   */
  private async credentials(): Promise<Credentials> {
    const options: https.RequestOptions = {};
    try {
      await this.config.applyToHTTPSOptions(options);
    } catch (error) {
      // The library refuses plain-http servers unless insecure-skip-tls-verify is set; kubectl talks to them (a
      // local apiserver on :8080, a test server), and the headers are already filled in when it refuses.
      if (!(this.base.protocol === 'http:' && /HTTP protocol is not allowed/.test(String((error as Error)?.message)))) {
        throw new ClusterError(`${describeTarget(this.target)}: cannot get credentials for user "${this.target.user}": ${oneLine(error)}`);
      }
    }
    this.agent ??= this.makeAgent(options);
    return { headers: { ...((options.headers ?? {}) as http.OutgoingHttpHeaders) }, agent: this.agent, auth: options.auth ?? undefined };
  }

  /**
   * A keep-alive agent with the TLS material the library resolved, so the many LISTs and dry runs of one run share
   * connections (the library makes a fresh agent per call). A proxy agent from the library is kept as it is.
   */
  private makeAgent(options: https.RequestOptions): http.Agent {
    if (this.config.getCurrentCluster()?.proxyUrl && options.agent) return options.agent as http.Agent;
    if (this.base.protocol === 'http:') return new http.Agent({ keepAlive: true });
    const { ca, cert, key, pfx, passphrase, rejectUnauthorized, servername } = options;
    return new https.Agent({ keepAlive: true, ca, cert, key, pfx, passphrase, rejectUnauthorized, servername });
  }

  private networkError(error: Error & { code?: string }): ClusterError {
    const where = describeTarget(this.target);
    const code = error.code ?? '';
    if (/CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|HOSTNAME|ALTNAME/i.test(code) || /certificate|ssl|tls/i.test(error.message)) {
      return new ClusterError(`${where}: TLS failure: ${oneLine(error)}; check certificate-authority(-data), tls-server-name and the client certificate in the kubeconfig`);
    }
    return new ClusterError(`${where}: cannot reach the API server: ${oneLine(error)}; check that the cluster is running and that the kubeconfig names the right server`);
  }

  /** Closes kept-alive connections, so a CLI run ends as soon as its work is done. */
  close(): void {
    this.agent?.destroy();
  }
}

interface Credentials {
  readonly headers: http.OutgoingHttpHeaders;
  readonly agent: http.Agent;
  readonly auth?: string;
}

/** For statuses no caller expects: one line with the server's own message. */
export function unexpected(target: ClusterTarget, request: ApiRequest, response: ApiResponse): ClusterError {
  const message = (response.body as StatusBody | undefined)?.message ?? response.text.slice(0, 200).replace(/\s+/g, ' ').trim();
  return new ClusterError(`${describeTarget(target)}: ${request.method} ${request.path} answered ${response.status}${message ? `: ${message}` : ''} (while trying to ${request.purpose})`);
}
