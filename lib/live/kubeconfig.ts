import * as fs from 'fs';
import { createRequire } from 'module';
import * as os from 'os';
import * as path from 'path';
import type { Context, KubeConfig } from '@kubernetes/client-node';
import { ClusterError, ClusterTarget } from './errors';

export interface KubeconfigOptions {
  /** A kubeconfig file (`--kubeconfig`); else `KUBECONFIG` (path-list, merged as kubectl does), else ~/.kube/config. */
  readonly kubeconfig?: string;
  /** A context of that kubeconfig (`--context`); else its current-context. */
  readonly context?: string;
  /** The default namespace (`-n`); else the context's namespace, else `default`. */
  readonly namespace?: string;
}

export interface LoadedKubeconfig {
  /** Loaded and switched to the chosen context: the library does auth (token, client certs, exec plugins). */
  readonly config: KubeConfig;
  readonly target: ClusterTarget;
  readonly namespace: string;
}

/**
 * The client is an ES module. Node's own require loads it (Node ≥ 20.19 requires ES modules synchronously). The
 * `module` builtin is taken from process.getBuiltinModule so that under jest, too, it is Node's (jest's own module
 * loader cannot load ES modules).
 */
function newKubeConfig(): KubeConfig {
  const builtin = (process as { getBuiltinModule?: (name: 'module') => typeof import('module') }).getBuiltinModule?.('module');
  const nodeRequire = (builtin?.createRequire ?? createRequire)(__filename);
  const client = nodeRequire('@kubernetes/client-node') as typeof import('@kubernetes/client-node');
  return new client.KubeConfig();
}

/** The in-cluster service-account token (a pod running berth with no kubeconfig), as the library looks for it. */
const SERVICE_ACCOUNT_TOKEN = '/var/run/secrets/kubernetes.io/serviceaccount/token';

export function loadKubeconfig(options: KubeconfigOptions, env: Readonly<Record<string, string | undefined>> = process.env): LoadedKubeconfig {
  const config = readConfig(options, env);
  const contextName = options.context ?? config.getCurrentContext();
  const names = config.getContexts().map((c) => c.name);
  if (!contextName) {
    throw new ClusterError(`the kubeconfig has no current-context; pass --context (contexts: ${names.join(', ') || 'none'})`);
  }
  const context: Context | null = config.getContextObject(contextName);
  if (!context) throw new ClusterError(`the kubeconfig has no context "${contextName}" (contexts: ${names.join(', ') || 'none'}); pass one of them with --context`);
  config.setCurrentContext(contextName);
  const cluster = config.getCurrentCluster();
  if (!cluster?.server) throw new ClusterError(`context "${contextName}" names cluster "${context.cluster}", which the kubeconfig does not define (or gives no server)`);
  return {
    config,
    target: { context: contextName, server: cluster.server, user: context.user },
    namespace: options.namespace || context.namespace || 'default',
  };
}

function readConfig(options: KubeconfigOptions, env: Readonly<Record<string, string | undefined>>): KubeConfig {
  if (options.kubeconfig) return readFiles([options.kubeconfig], `--kubeconfig ${options.kubeconfig}`);
  if (env.KUBECONFIG) {
    // kubectl skips the files of the list that do not exist, and fails only when none does.
    const files = env.KUBECONFIG.split(path.delimiter).filter((file) => file && fs.existsSync(file));
    if (!files.length) throw new ClusterError(`none of the files in KUBECONFIG exists (${env.KUBECONFIG}); fix KUBECONFIG or pass --kubeconfig`);
    return readFiles(files, `KUBECONFIG ${env.KUBECONFIG}`);
  }
  const home = path.join(env.HOME || os.homedir(), '.kube', 'config');
  if (fs.existsSync(home)) return readFiles([home], home);
  if (fs.existsSync(SERVICE_ACCOUNT_TOKEN)) {
    const config = newKubeConfig();
    config.loadFromCluster();
    return config;
  }
  throw new ClusterError(`no kubeconfig: ${home} does not exist and KUBECONFIG is not set; pass --kubeconfig FILE, or give the live objects with --live`);
}

/**
 * Merges as kubectl does: the first file that sets current-context wins, and so does the first definition of a
 * cluster, user or context name (the library's own merge throws on duplicates and lets later files win).
 */
function readFiles(files: readonly string[], source: string): KubeConfig {
  const merged = newKubeConfig();
  merged.clusters = [];
  merged.users = [];
  merged.contexts = [];
  merged.currentContext = '';
  for (const file of files) {
    const one = newKubeConfig();
    try {
      one.loadFromFile(file);
    } catch (error) {
      throw new ClusterError(`cannot read the kubeconfig ${file} (${source}): ${oneLine(error)}`);
    }
    if (!merged.currentContext && one.currentContext) merged.currentContext = one.currentContext;
    for (const cluster of one.clusters ?? []) if (!merged.clusters.some((c) => c.name === cluster.name)) merged.clusters.push(cluster);
    for (const user of one.users ?? []) if (!merged.users.some((u) => u.name === user.name)) merged.users.push(user);
    for (const context of one.contexts ?? []) if (!merged.contexts.some((c) => c.name === context.name)) merged.contexts.push(context);
  }
  return merged;
}

export function oneLine(error: unknown): string {
  // Not `instanceof Error`: errors from Node's internals may come from another realm (under jest, for one).
  const message = typeof (error as { message?: unknown })?.message === 'string' ? (error as Error).message : String(error);
  // An AggregateError (a host name with IPv4 and IPv6 addresses, each refused) says nothing itself; its parts do.
  const parts = (error as { errors?: unknown[] })?.errors;
  if (!message && Array.isArray(parts) && parts.length) return [...new Set(parts.map(oneLine))].join('; ');
  if (!message) return String((error as { code?: unknown })?.code ?? error);
  return message.replace(/\s*\n\s*/g, ' ').trim();
}
