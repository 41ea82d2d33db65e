import { ApiObject } from 'cdk8s';
import { cleanMetadata, NOT_PLAIN, plainInternals, settle, sortedKeys } from './render-object';
import { stringifyDocuments } from './yaml-emit';
import { inObjectKeyOrder } from './object-key-order';
import { newline, renderKey, renderScalar } from './yaml-scalars';

/**
 * `cdk8s.Yaml.stringify(object.toJson())`, byte for byte, written straight from the object's props.
 *
 * renderApiObject (render-object.ts) builds the cleaned JSON — a fresh sorted copy of every map and list — and
 * yaml-emit.ts writes it. At 10,000 services that copy was the largest cost of synth: every map is rebuilt key by key
 * (stores into objects of a hundred shapes), and all of it is garbage a moment later. Here the same walk (resolve
 * tokens, drop null and undefined from maps, sort keys) writes YAML as it goes and builds nothing.
 *
 * What renderApiObject leaves to cdk8s (patches, custom resolvers, own toJson, values that are not plain data)
 * and what the emitter leaves to the `yaml` library go the same way here: through `object.toJson()`.
 */
export function renderApiObjectYaml(object: ApiObject): string {
  const internals = plainInternals(object);
  if (internals) {
    try {
      return writeDocument(internals.props, cleanMetadata(internals.metadata));
    } catch {
      // not plain data, a producer that throws, a value the library writes its own way: cdk8s decides
    }
  }
  return stringifyDocuments([object.toJson()]);
}

// The text is built by concatenation, not by pushing pieces and joining them: V8 keeps `a + b` as a rope that is
// copied flat once, when it is written out, and that was two to three times faster than a join per document.

function writeDocument(props: Record<string, unknown>, metadata: Record<string, unknown> | undefined): string {
  // apiVersion, kind and metadata first, then the rest in sorted order (as cdk8s orders the top level); sorted,
  // apiVersion comes before kind
  const first: Array<[string, unknown]> = [];
  const rest: Array<[string, unknown]> = [];
  for (const key of sortedKeys(props)) {
    if (key === 'metadata') continue;
    const value = settle(props[key]);
    if (value !== undefined) (key === 'apiVersion' || key === 'kind' ? first : rest).push([key, value]);
  }
  if (metadata !== undefined) first.push(['metadata', metadata]);
  const pairs = inObjectKeyOrder([...first, ...rest], ([key]) => key);
  if (pairs.length === 0) return '{}\n';
  let text = '';
  for (let i = 0; i < pairs.length; i++) {
    if (i > 0) text += newline(0);
    text += writePair(pairs[i][0], pairs[i][1], 0);
  }
  return text + '\n';
}

/**
 * A map's pairs whose lines start at `depth` (the first line already indented); undefined if every value was
 * dropped. The keys come sorted, as cdk8s sanitizes them, then in the order `Object.keys` lists the sorted object
 * (array-index keys first), which is what the emitter of the cleaned JSON writes.
 */
function writeMap(map: Record<string, unknown>, depth: number): string | undefined {
  const keys = sortedKeys(map);
  let text: string | undefined;
  for (const key of inObjectKeyOrder(keys, (k) => k)) {
    const value = settle(map[key]);
    if (value === undefined) continue;
    if (key === '__proto__') throw NOT_PLAIN; // would set the copy's prototype rather than a key
    text = text === undefined ? writePair(key, value, depth) : text + newline(depth) + writePair(key, value, depth);
  }
  return text;
}

/** One pair of a map at `depth`: its key and value live a level deeper (the library's `ctx.indent` for the pair). */
function writePair(key: string, value: unknown, depth: number): string {
  const inner = depth + 1;
  const head = renderKey(key, inner);
  if (value === null || typeof value !== 'object') return head + ': ' + renderScalar(value, inner);
  if (Array.isArray(value)) return value.length === 0 ? head + ': []' : head + ':' + newline(inner) + writeSeq(value, inner);
  const body = writeMap(value as Record<string, unknown>, inner);
  return body === undefined ? head + ': {}' : head + ':' + newline(inner) + body;
}

/** The items of a non-empty sequence at `depth`; cdk8s keeps null and undefined items, written `null`. */
function writeSeq(seq: readonly unknown[], depth: number): string {
  const inner = depth + 1;
  let text = '';
  for (let i = 0; i < seq.length; i++) {
    if (i > 0) text += newline(depth);
    const item = settle(seq[i]);
    if (item === null || typeof item !== 'object') {
      text += '- ' + renderScalar(item, inner);
    } else if (Array.isArray(item)) {
      text += item.length === 0 ? '- []' : '- ' + writeSeq(item, inner);
    } else {
      const body = writeMap(item as Record<string, unknown>, inner);
      text += body === undefined ? '- {}' : '- ' + body;
    }
  }
  return text;
}
