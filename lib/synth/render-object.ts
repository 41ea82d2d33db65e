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
  const internals = plainInternals(object);
  if (!internals) return object.toJson();
  try {
    return render(internals.props, internals.metadata);
  } catch {
    // not plain data, or a producer that throws: cdk8s renders it, or raises its own error naming the construct
    return object.toJson();
  }
}

/** What an object is rendered from, when cdk8s's toJson would do no more than resolve and sanitize it. */
export interface PlainInternals {
  readonly props: Record<string, unknown>;
  readonly metadata: MetadataInternals;
}

/** The props and metadata of an object a fast path may render; undefined where cdk8s's toJson must. */
export function plainInternals(object: ApiObject): PlainInternals | undefined {
  // generated L1 classes (cdk8s imports, cdk8s-plus) override toJson to convert their props: theirs is the truth
  if (object.toJson !== ApiObject.prototype.toJson) return undefined;
  const internals = object as unknown as ObjectInternals;
  const metadata = internals.metadata as MetadataInternals;
  if (!hasDefaultResolvers(App.of(object) as App) || !isUnpatched(internals) || !isKnownMetadata(metadata)) return undefined;
  return { props: internals.props, metadata };
}

interface ObjectInternals {
  readonly props: Record<string, unknown>;
  readonly patches: unknown;
  readonly metadata: unknown;
}

export interface MetadataInternals {
  readonly _additionalAttributes: Record<string, unknown>;
  readonly name?: string;
  readonly namespace?: string;
  readonly annotations: unknown;
  readonly finalizers: unknown;
  readonly ownerReferences: unknown;
  readonly labels: unknown;
}

export const NOT_PLAIN = Symbol('not plain data');

/** The fields of cdk8s's metadata class that take the place of the same keys in its additional attributes. */
const OWN_FIELDS = new Set(['name', 'namespace', 'annotations', 'finalizers', 'ownerReferences', 'labels']);
/** The same, sorted: the keys of nearly every object's metadata, which has no additional attributes. */
const SORTED_OWN_FIELDS: readonly string[] = insertionSort([...OWN_FIELDS]);

/**
 * The object's metadata as cdk8s writes it (empty maps and lists dropped); undefined when nothing is left. cdk8s
 * cleans `{ ...additionalAttributes, name, namespace, annotations, finalizers, ownerReferences, labels }`; that
 * spread is not built here, because cdk8s has deleted a key of the attributes (turning them into a slow dictionary)
 * and a copy of one is slow too: building and walking it took a tenth of synth.
 */
export function cleanMetadata(metadata: MetadataInternals): Record<string, unknown> | undefined {
  const additional = metadata._additionalAttributes;
  let extra: string[] | undefined;
  for (const key of Object.keys(additional)) if (!OWN_FIELDS.has(key)) (extra ??= []).push(key);
  const keys = extra ? insertionSort([...SORTED_OWN_FIELDS, ...extra]) : SORTED_OWN_FIELDS;
  if (typeof additional.resolve === 'function') throw NOT_PLAIN; // the whole metadata would be an implicit token
  const result: Record<string, unknown> = {};
  let empty = true;
  for (const key of keys) {
    const item = clean(OWN_FIELDS.has(key) ? metadata[key as keyof MetadataInternals] : additional[key], true);
    if (item !== undefined && item !== null) {
      result[key] = item;
      empty = false;
    }
  }
  return empty ? undefined : result;
}

function render(props: Record<string, unknown>, metadata: MetadataInternals): unknown {
  const meta = cleanMetadata(metadata);
  // cdk8s cleans the metadata a second time inside the whole object; that pass changes nothing (it is sorted and
  // plain already), so the metadata is set aside and put back.
  const rest: Record<string, unknown> = { ...props };
  delete rest.metadata;
  const body = (clean(rest, false) ?? {}) as Record<string, unknown>;
  // apiVersion, kind and metadata first, then the rest in sorted order (as cdk8s orders the top level)
  const result: Record<string, unknown> = {};
  if ('apiVersion' in body) result.apiVersion = body.apiVersion;
  if ('kind' in body) result.kind = body.kind;
  if (meta !== undefined) result.metadata = meta;
  for (const key of Object.keys(body)) if (!(key in result)) result[key] = body[key];
  return result;
}

/**
 * cdk8s's `resolve` followed by `sanitizeValue` (sorted keys; null and undefined dropped from objects; with
 * `dropEmpty`, as for metadata, empty arrays and objects dropped too).
 */
function clean(value: unknown, dropEmpty: boolean): unknown {
  const settled = settle(value);
  if (settled === undefined || typeof settled !== 'object' || settled === null) return settled;
  if (Array.isArray(settled)) {
    if (dropEmpty && settled.length === 0) return undefined;
    const result = new Array<unknown>(settled.length);
    for (let i = 0; i < settled.length; i++) result[i] = clean(settled[i], dropEmpty);
    return result;
  }
  const source = settled as Record<string, unknown>;
  const result: Record<string, unknown> = {};
  let empty = true;
  for (const key of sortedKeys(source)) {
    const item = clean(source[key], dropEmpty);
    if (item !== undefined && item !== null) {
      result[key] = item;
      empty = false;
    }
  }
  return dropEmpty && empty ? undefined : result;
}

/**
 * A value resolved as cdk8s's resolvers would, until it is a scalar, a plain array or a plain object (whose contents
 * are the caller's to settle in turn); undefined for null and undefined. Shared by `clean` and render-yaml.ts.
 *
 * Arrays and plain objects, nearly every value, take a short way: of the three resolvers only the implicit token
 * can apply to them (a Lazy is neither; a number-or-string union is not a plain object, and an array has no
 * `value`). Everything else goes through all three.
 */
export function settle(value: unknown): unknown {
  for (;;) {
    if (value === null || value === undefined) return undefined;
    if (typeof value !== 'object') {
      if (typeof value !== 'function') return value;
      value = resolveOther(value);
      continue;
    }
    const prototype = Object.getPrototypeOf(value);
    const candidate = value as { resolve?: unknown; value?: unknown; constructor?: unknown };
    if (prototype === Array.prototype) {
      if (typeof candidate.resolve !== 'function' && candidate.value === undefined) return value;
      value = resolveOther(value);
    } else if (prototype !== Object.prototype || candidate.constructor !== Object) {
      value = resolveOther(value);
    } else if (typeof candidate.resolve === 'function') {
      value = (candidate.resolve as () => unknown)();
    } else {
      return value;
    }
  }
}

/** A value that is not a plain array or object: a resolver turns it into one, or it is not data. */
function resolveOther(value: object): unknown {
  const resolved = resolveToken(value);
  if (resolved !== value) return resolved;
  // an array with a `value` key that is not a number or string: cdk8s maps it like any array
  if (Object.getPrototypeOf(value) === Array.prototype) return Array.prototype.slice.call(value);
  throw NOT_PLAIN; // class instances, array subclasses, null-prototype objects: cdk8s decides
}

/**
 * `Object.keys(map).sort()`. A map has a handful of keys, and the builtin sort's fixed cost was most of writing a
 * map; an insertion sort with `<` (which orders strings by UTF-16 code units, as the default sort does) is not.
 */
export function sortedKeys(map: object): string[] {
  return insertionSort(Object.keys(map));
}

function insertionSort(keys: string[]): string[] {
  if (keys.length > 16) return keys.sort();
  for (let i = 1; i < keys.length; i++) {
    const key = keys[i];
    let j = i - 1;
    while (j >= 0 && keys[j] > key) {
      keys[j + 1] = keys[j];
      j--;
    }
    keys[j + 1] = key;
  }
  return keys;
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
