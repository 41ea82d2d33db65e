import { ApiObject, App, ImplicitTokenResolver, Lazy, LazyResolver, NumberStringUnionResolver } from 'cdk8s';

/**
 * `apiObject.toJson()`, the same JSON with the same key order, in one pass.
 *
 * cdk8s resolves the whole object (copying the key path into a new array at every leaf), then sanitizes it (drops
 * empty values, sorts keys) in a second walk, and deep-clones the patch list even when it is empty; for a large app
 * that is a third of synth. This does resolve and sanitize in one walk with cdk8s's built-in resolvers inlined.
 *
 * It takes over only what it reproduces exactly and hands everything else to cdk8s: classes with their own
 * toJson (the generated L1s of cdk8s imports and cdk8s-plus convert their props there), objects with JSON patches,
 * apps with their own resolvers, values that are not plain data (cdk8s reports those), and any object whose
 * internals are not shaped as in the cdk8s version this was written against.
 */
export function renderApiObject(object: ApiObject): unknown {
  const internals = object as unknown as ObjectInternals;
  const metadata = internals.metadata as unknown as MetadataInternals;
  // generated L1 classes (cdk8s imports, cdk8s-plus) override toJson to convert their props: theirs is the truth
  if (object.toJson !== ApiObject.prototype.toJson) return object.toJson();
  if (!hasDefaultResolvers(App.of(object) as App) || !isUnpatched(internals) || !isKnownMetadata(metadata)) return object.toJson();
  try {
    return render(internals.props, metadata);
  } catch {
    // not plain data, or a producer that throws: cdk8s renders it, or raises its own error naming the construct
    return object.toJson();
  }
}

interface ObjectInternals {
  readonly props: Record<string, unknown>;
  readonly patches: unknown;
  readonly metadata: unknown;
}

interface MetadataInternals {
  readonly _additionalAttributes: Record<string, unknown>;
  readonly name?: string;
  readonly namespace?: string;
  readonly annotations: unknown;
  readonly finalizers: unknown;
  readonly ownerReferences: unknown;
  readonly labels: unknown;
}

const NOT_PLAIN = Symbol('not plain data');
const FIRST_KEYS = ['apiVersion', 'kind', 'metadata'];

function render(props: Record<string, unknown>, metadata: MetadataInternals): unknown {
  const meta = clean(
    {
      ...metadata._additionalAttributes,
      name: metadata.name,
      namespace: metadata.namespace,
      annotations: metadata.annotations,
      finalizers: metadata.finalizers,
      ownerReferences: metadata.ownerReferences,
      labels: metadata.labels,
    },
    true,
  );
  const body = clean({ ...props, metadata: meta }, false) as Record<string, unknown>;
  // apiVersion, kind and metadata first, then the rest in sorted order (as cdk8s orders the top level)
  const result: Record<string, unknown> = {};
  for (const key of FIRST_KEYS) if (key in body) result[key] = body[key];
  for (const key of Object.keys(body)) if (!(key in result)) result[key] = body[key];
  return result;
}

/**
 * cdk8s's `resolve` followed by `sanitizeValue` (sorted keys; null and undefined dropped from objects; with
 * `dropEmpty`, as for metadata, empty arrays and objects dropped too).
 */
function clean(value: unknown, dropEmpty: boolean): unknown {
  if (value === null || value === undefined) return undefined;
  if (typeof value !== 'object' && typeof value !== 'function') return value;
  const resolved = resolveToken(value as object);
  if (resolved !== value) return clean(resolved, dropEmpty);
  if (Array.isArray(value)) {
    if (dropEmpty && value.length === 0) return undefined;
    return value.map((item) => clean(item, dropEmpty));
  }
  if ((value as object).constructor !== Object) throw NOT_PLAIN;
  const source = value as Record<string, unknown>;
  const result: Record<string, unknown> = {};
  let empty = true;
  for (const key of Object.keys(source).sort()) {
    const item = clean(source[key], dropEmpty);
    if (item !== undefined && item !== null) {
      result[key] = item;
      empty = false;
    }
  }
  return dropEmpty && empty ? undefined : result;
}

/** cdk8s's three built-in resolvers, in their order: a Lazy, an implicit token, a number-or-string union. */
function resolveToken(value: object): unknown {
  if (value instanceof Lazy) return value.produce();
  const candidate = value as { resolve?: unknown; value?: unknown };
  if (typeof candidate.resolve === 'function') return (candidate.resolve as () => unknown)();
  if (value.constructor !== Object && (typeof candidate.value === 'number' || typeof candidate.value === 'string')) return { value: candidate.value };
  return value;
}

function hasDefaultResolvers(app: App): boolean {
  const resolvers = app.resolvers ?? [];
  return resolvers.length === 3 && resolvers[0] instanceof LazyResolver && resolvers[1] instanceof ImplicitTokenResolver && resolvers[2] instanceof NumberStringUnionResolver;
}

function isUnpatched(object: ObjectInternals): boolean {
  return Array.isArray(object.patches) && object.patches.length === 0 && typeof object.props === 'object' && object.props !== null;
}

function isKnownMetadata(metadata: MetadataInternals): boolean {
  return typeof metadata._additionalAttributes === 'object' && metadata._additionalAttributes !== null && 'labels' in metadata && 'annotations' in metadata && 'finalizers' in metadata && 'ownerReferences' in metadata;
}
