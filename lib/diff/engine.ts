import { compareObjects, Change, Owners } from './compare';
import { defaultsFor } from './defaults';
import { FieldSet, fieldsOfObject, ManagerFields, ownership } from './fieldset';
import { replaceReason } from './immutable';
import { LAST_APPLIED, normalize } from './normalize';
import { formatPath, Path } from './paths';
import { groupOf, TypeNode, TypeResolver } from './schema';
import { isClusterScopedBuiltin } from './scope';
import { APPLYSET_LABEL } from './applyset';
import { checkDesired } from './validate';
import { Conflict, DiffInputError, DiffOptions, DiffReport, KubeObject, ObjectDiff, Summary, Verdict, VERDICTS } from './types';

/** The field manager kubectl uses for client-side apply: its fields migrate to ours (as `kubectl apply --server-side` does). */
const CSA_MANAGER = 'kubectl-client-side-apply';

/**
 * What applying the desired objects would do to the live ones, per object: a pure function of its inputs.
 * Identity is group, kind, namespace and name (not version); namespaced objects without a namespace get
 * `options.namespace`.
 */
export function diffObjects(desired: readonly KubeObject[], live: readonly KubeObject[], options: DiffOptions = {}, resolver: TypeResolver = TypeResolver.bundled()): DiffReport {
  const fieldManager = options.fieldManager ?? 'berth';
  checkDesired(desired);
  for (const object of [...live, ...desired]) if (object.kind === 'CustomResourceDefinition' && groupOf(object.apiVersion) === 'apiextensions.k8s.io') resolver.addCrd(object);
  const scope = new Scope(resolver, live, options.namespace ?? 'default');

  const liveByKey = new Map<string, KubeObject>();
  for (const object of live) liveByKey.set(scope.key(object), object);

  const objects: ObjectDiff[] = [];
  const declared = new Set<string>();
  for (const object of desired) {
    const key = scope.key(object);
    if (declared.has(key)) throw new DiffInputError(`${describe(object)} is declared twice in the desired objects`);
    declared.add(key);
    const namespace = scope.namespaceOf(object);
    const current = liveByKey.get(key);
    if (!current) {
      objects.push(entry(object, namespace, 'create', [], [], null, { after: normalize(object), secret: isSecret(object) }));
      continue;
    }
    objects.push(diffOne(object, current, namespace, fieldManager, options, resolver));
  }

  if (options.prune) {
    if (!options.applysetId) throw new DiffInputError('--prune needs an applyset id');
    const prunable = live.filter((o) => o.metadata.labels?.[APPLYSET_LABEL] === options.applysetId && !declared.has(scope.key(o)));
    for (const object of prunable.sort(byIdentity)) {
      objects.push(entry(object, scope.namespaceOf(object), 'prune', [], [], null, { before: normalize(object), secret: isSecret(object) }));
    }
  }
  return { objects, summary: summarize(objects) };
}

function diffOne(desired: KubeObject, live: KubeObject, namespace: string | null, fieldManager: string, options: DiffOptions, resolver: TypeResolver): ObjectDiff {
  const type = resolver.forObject(live.apiVersion, live.kind);
  const wanted = normalize(desired);
  const current = normalize(live);
  wanted.apiVersion = current.apiVersion;
  const wantedMeta = wanted.metadata as Record<string, unknown>;
  const currentMeta = current.metadata as Record<string, unknown>;
  wantedMeta.namespace = currentMeta.namespace;
  const comparison = compareObjects(type, wanted, current, ownersOf(live, fieldManager, type), defaultsFor(live.kind));
  const paths = unique(comparison.changes.map((c) => formatPath(c.path))).sort();
  const conflicts = options.forceConflicts ? [] : uniqueConflicts(comparison.conflicts.map((c) => ({ path: formatPath(c.path), manager: c.manager })));
  const view = { before: current, after: comparison.merged, secret: isSecret(live) };
  if (paths.length === 0) return entry(desired, namespace, 'no-change', [], [], null, view);
  const reason = replaceReason(live.kind, comparison.changes, wanted, current) ?? immutableByRule(type, comparison.changes);
  const verdict: Verdict = reason ? 'replace' : conflicts.length ? 'conflict' : 'update';
  return entry(desired, namespace, verdict, paths, conflicts, reason ?? null, view);
}

/**
 * Our fields: those of our field manager, plus — for an object last applied with `kubectl apply` — the fields of its
 * last-applied configuration (kubectl's own client-side-to-server-side migration). Everyone else's are theirs.
 */
function ownersOf(live: KubeObject, fieldManager: string, type: TypeNode): Owners {
  const managers = ownership(live.metadata.managedFields);
  // Ours is our manager's entry on the object itself; a subresource write under the same name (`kubectl scale` is
  // manager "kubectl", subresource "scale") is another manager to the server, and conflicts like one.
  const isOurs = (m: ManagerFields) => m.manager === fieldManager && m.subresource === '';
  let ours = managers.find(isOurs)?.set;
  const lastApplied = live.metadata.annotations?.[LAST_APPLIED];
  let migrated = false;
  if (lastApplied) {
    try {
      const applied = normalize(JSON.parse(lastApplied) as KubeObject);
      ours = fieldsOfObject(applied, type, ours ?? new FieldSet());
      migrated = true;
    } catch {
      // An unreadable annotation says nothing about ownership; the managedFields still do.
    }
  }
  const others = managers.filter((m) => !isOurs(m) && !(migrated && m.manager === CSA_MANAGER && m.operation === 'Update')).map((m) => ({ manager: m.manager, set: m.set }));
  return { ours, others };
}

/** Custom resources: a field under a CRD rule `self == oldSelf` may never change. */
function immutableByRule(type: TypeNode, changes: readonly Change[]): string | undefined {
  for (const change of changes) {
    let node: TypeNode | undefined = type;
    for (let i = 0; node && i < change.path.length; i++) {
      if (node.immutable) return `${formatPath(change.path.slice(0, i))} is immutable (x-kubernetes-validations: self == oldSelf)`;
      const segment = change.path[i];
      node = 'field' in segment ? (node.kind === 'struct' ? node.field(segment.field) : undefined) : node.kind === 'list' ? node.item : undefined;
    }
    if (node?.immutable) return `${formatPath(change.path)} is immutable (x-kubernetes-validations: self == oldSelf)`;
  }
  return undefined;
}

/** Which objects are namespaced, and their identity (group, kind, namespace, name — not version). */
export class Scope {
  private readonly clusterLive = new Set<string>();

  constructor(private readonly resolver: TypeResolver, live: readonly KubeObject[], private readonly defaultNamespace: string) {
    for (const object of live) if (!object.metadata.namespace) this.clusterLive.add(`${groupOf(object.apiVersion)}/${object.kind}`);
  }

  public namespaced(object: KubeObject): boolean {
    const group = groupOf(object.apiVersion);
    const byCrd = this.resolver.crdNamespaced(group, object.kind);
    if (byCrd !== undefined) return byCrd;
    if (this.resolver.isBuiltin(object.apiVersion, object.kind) || isClusterScopedBuiltin(group, object.kind)) return !isClusterScopedBuiltin(group, object.kind);
    // A custom kind without its CRD: namespaced unless it names none and the live objects of its kind have none.
    return Boolean(object.metadata.namespace) || !this.clusterLive.has(`${group}/${object.kind}`);
  }

  public namespaceOf(object: KubeObject): string | null {
    return this.namespaced(object) ? (object.metadata.namespace || this.defaultNamespace) : null;
  }

  public key(object: KubeObject): string {
    return `${groupOf(object.apiVersion)}/${object.kind}/${this.namespaceOf(object) ?? ''}/${object.metadata.name}`;
  }
}

/** What the text report shows of an object: the live object and the object after the apply. */
interface View {
  readonly before?: unknown;
  readonly after?: unknown;
  readonly secret?: boolean;
}

/**
 * One literal with every field, views included: `{ ...entry(...), ...view }` gave each of 10,000 entries a hidden
 * class of its own in V8, which every later read of them paid for.
 */
function entry(object: KubeObject, namespace: string | null, verdict: Verdict, paths: readonly string[], conflicts: readonly Conflict[], reason: string | null, view: View = {}): ObjectDiff {
  return { apiVersion: object.apiVersion, kind: object.kind, namespace, name: object.metadata.name, verdict, paths, conflicts, reason, before: view.before, after: view.after, secret: view.secret };
}

export function summarize(objects: readonly ObjectDiff[]): Summary {
  const summary = Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Summary;
  for (const object of objects) summary[object.verdict]++;
  return summary;
}

function isSecret(object: KubeObject): boolean {
  return object.kind === 'Secret' && groupOf(object.apiVersion) === '';
}

function describe(object: KubeObject): string {
  return `${object.kind} ${object.metadata.namespace ? `${object.metadata.namespace}/` : ''}${object.metadata.name}`;
}

function byIdentity(a: KubeObject, b: KubeObject): number {
  const ka = `${a.kind}/${a.metadata.namespace ?? ''}/${a.metadata.name}`;
  const kb = `${b.kind}/${b.metadata.namespace ?? ''}/${b.metadata.name}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

function uniqueConflicts(conflicts: Conflict[]): Conflict[] {
  const seen = new Set<string>();
  return conflicts.filter((c) => {
    const key = `${c.path}\n${c.manager}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  }).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.manager < b.manager ? -1 : 1));
}

export type { Path };
