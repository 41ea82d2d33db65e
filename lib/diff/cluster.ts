import { compareObjects } from './compare';
import { diffObjects, Scope, summarize } from './engine';
import { defaultsFor } from './defaults';
import { fieldsOfObject } from './fieldset';
import { normalize } from './normalize';
import { formatPath } from './paths';
import { groupOf, TypeResolver } from './schema';
import { DiffInputError, DiffReport, KubeObject, ObjectDiff } from './types';

/**
 * The live-cluster interface `berth diff` needs (lib/live implements it, issue 6b): one LIST per kind and namespace,
 * and server-side-apply dry runs. Declared here so the diff engine depends on the contract, not on the client.
 */
export interface LiveCluster {
  /** The namespace of the kubeconfig context (or `-n`), for objects that name none. */
  readonly namespace?: string;
  /** Kinds `list` was asked for that the server does not serve (left out of the answer). */
  readonly unknownTypes?: ReadonlyArray<{ readonly apiVersion: string; readonly kind: string }>;
  list(types: ReadonlyArray<{ apiVersion: string; kind: string }>, namespaces: string[] | 'all'): Promise<KubeObject[]>;
  dryRunApply(object: KubeObject, options: { fieldManager: string; force: boolean }): Promise<DryRunAnswer>;
}

export type DryRunAnswer =
  | { readonly kind: 'applied'; readonly object: KubeObject }
  | { readonly kind: 'conflict'; readonly conflicts: ReadonlyArray<{ manager: string; path: string; message: string }> }
  | { readonly kind: 'invalid'; readonly message: string }
  | { readonly kind: 'missing-namespace'; readonly namespace: string }
  // The brief's `{ kind: 'unknown-kind'; apiVersion; kind }` names `kind` twice; the object's own kind is taken from
  // the desired object instead, so whatever lib/live calls that field does not matter here.
  | { readonly kind: 'unknown-kind'; readonly apiVersion: string; readonly [field: string]: unknown };

export interface ConnectOptions {
  readonly kubeconfig?: string;
  readonly context?: string;
  readonly namespace?: string;
}

/**
 * `--server-side`: the verdict of one object from the API server's own dry-run apply (as `kubectl diff
 * --server-side`), compared with the live object. Objects whose namespace or CRD the same app creates are `create`
 * (the dry run cannot know them yet); an immutable-field rejection is `replace`; any other rejection is an error.
 */
export function serverSideVerdict(desired: KubeObject, live: KubeObject | undefined, answer: DryRunAnswer, namespace: string | null, createdByApp: { namespaces: Set<string>; groupKinds: Set<string> }, resolver: TypeResolver): ObjectDiff {
  const base = { apiVersion: desired.apiVersion, kind: desired.kind, namespace, name: desired.metadata.name, conflicts: [], reason: null, paths: [] };
  const secret = desired.kind === 'Secret' && groupOf(desired.apiVersion) === '';
  switch (answer.kind) {
    case 'applied': {
      if (!live) return { ...base, verdict: 'create', after: normalize(answer.object), secret };
      const type = resolver.forObject(live.apiVersion, live.kind);
      const before = normalize(live);
      const after = normalize(answer.object);
      // The dry run is the whole truth: every field of the live object counts, nobody else's ownership matters.
      const comparison = compareObjects(type, after, before, { ours: fieldsOfObject(before, type), others: [] }, defaultsFor(live.kind));
      const paths = [...new Set(comparison.changes.map((c) => formatPath(c.path)))].sort();
      return { ...base, verdict: paths.length ? 'update' : 'no-change', paths, before, after, secret };
    }
    case 'conflict': {
      const conflicts = answer.conflicts.map((c) => ({ path: fromServerPath(c.path), manager: c.manager }));
      return { ...base, verdict: 'conflict', conflicts, paths: [...new Set(conflicts.map((c) => c.path))].sort() };
    }
    case 'invalid':
      if (live && /Forbidden|immutable/.test(answer.message)) return { ...base, verdict: 'replace', reason: answer.message };
      throw new DiffInputError(`${desired.kind} ${desired.metadata.name}: the API server rejected it: ${answer.message}`);
    case 'missing-namespace':
      if (createdByApp.namespaces.has(answer.namespace)) return { ...base, verdict: 'create', after: normalize(desired), secret };
      throw new DiffInputError(`${desired.kind} ${desired.metadata.name}: namespace "${answer.namespace}" does not exist and the app does not create it`);
    case 'unknown-kind':
      if (createdByApp.groupKinds.has(`${groupOf(desired.apiVersion)}/${desired.kind}`)) return { ...base, verdict: 'create', after: normalize(desired), secret };
      throw new DiffInputError(`${desired.kind} ${desired.metadata.name}: the cluster does not know ${desired.apiVersion} ${desired.kind} and the app does not define its CRD`);
  }
}

export interface ClusterDiffOptions {
  readonly fieldManager: string;
  readonly namespace: string;
  readonly forceConflicts: boolean;
  readonly prune: boolean;
  readonly applysetId?: string;
  readonly serverSide: boolean;
}

/**
 * Cluster mode: one LIST per kind and namespace (concurrently, in lib/live), then either the offline engine on what
 * was listed, or (`--server-side`) one dry-run apply per object, concurrently.
 */
export async function diffAgainstCluster(desired: readonly KubeObject[], cluster: LiveCluster, options: ClusterDiffOptions, resolver: TypeResolver = TypeResolver.bundled()): Promise<DiffReport> {
  for (const object of desired) if (object.kind === 'CustomResourceDefinition') resolver.addCrd(object);
  const scope = new Scope(resolver, [], options.namespace);
  const types = uniqueBy(desired.map((o) => ({ apiVersion: o.apiVersion, kind: o.kind })), (t) => `${t.apiVersion}/${t.kind}`);
  const namespaces = options.prune ? 'all' : [...new Set(desired.map((o) => scope.namespaceOf(o)).filter((n): n is string => n !== null))];
  const createdKinds = new Set(desired.filter((o) => o.kind === 'CustomResourceDefinition').map((o) => `${(o.spec as { group?: string })?.group ?? ''}/${(o.spec as { names?: { kind?: string } })?.names?.kind ?? ''}`));
  const listable = types.filter((t) => !createdKinds.has(`${groupOf(t.apiVersion)}/${t.kind}`) || resolver.isBuiltin(t.apiVersion, t.kind));
  const live = await cluster.list(listable, namespaces);
  const unknown = (cluster.unknownTypes ?? []).filter((t) => !createdKinds.has(`${groupOf(t.apiVersion)}/${t.kind}`));
  if (unknown.length) throw new DiffInputError(`the cluster does not serve ${unknown.map((t) => `${t.apiVersion} ${t.kind}`).join(', ')}, and the app does not define the CRD`);
  const offline = diffObjects(desired, live, { fieldManager: options.fieldManager, namespace: options.namespace, forceConflicts: options.forceConflicts, prune: options.prune, applysetId: options.applysetId }, resolver);
  if (!options.serverSide) return offline;

  const liveByKey = new Map(live.map((o) => [scope.key(o), o]));
  const createdByApp = {
    namespaces: new Set(desired.filter((o) => o.kind === 'Namespace' && groupOf(o.apiVersion) === '').map((o) => o.metadata.name)),
    groupKinds: createdKinds,
  };
  const answers = await Promise.all(desired.map(async (object) => {
    const namespace = scope.namespaceOf(object);
    const sent = namespace === null ? object : { ...object, metadata: { ...object.metadata, namespace } };
    const answer = await cluster.dryRunApply(sent, { fieldManager: options.fieldManager, force: options.forceConflicts });
    return serverSideVerdict(object, liveByKey.get(scope.key(object)), answer, namespace, createdByApp, resolver);
  }));
  const objects = [...answers, ...offline.objects.filter((o) => o.verdict === 'prune')];
  return { objects, summary: summarize(objects) };
}

function uniqueBy<T>(items: T[], key: (item: T) => string): T[] {
  const seen = new Map<string, T>();
  for (const item of items) if (!seen.has(key(item))) seen.set(key(item), item);
  return [...seen.values()];
}

/** The API server's field path (`.spec.template.spec.containers[name="web"].image`) in our notation. */
export function fromServerPath(serverPath: string): string {
  return serverPath.replace(/^\./, '').replace(/\[([^\]]*)\]/g, (_, inner: string) => `[${inner.replace(/="([A-Za-z0-9_.\/:-]*)"/g, '=$1')}]`);
}
