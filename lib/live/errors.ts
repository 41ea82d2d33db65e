/**
 * The one error lib/live throws for anything that stops it from reading the cluster: no kubeconfig, unknown
 * context, unreachable server, TLS failure, rejected credentials, missing permission. The message is one line that
 * names the context and server and says what to do; `berth diff` prints it and exits 2 (never a partial "no change").
 */
export class ClusterError extends Error {
  override readonly name = 'ClusterError';

  constructor(message: string) {
    super(message);
  }
}

/** Where a request went, for error messages: `context "kind-dev" (https://127.0.0.1:6443)`. */
export interface ClusterTarget {
  readonly context: string;
  readonly server: string;
  readonly user: string;
}

export function describeTarget(target: ClusterTarget): string {
  return `context "${target.context}" (${target.server})`;
}
