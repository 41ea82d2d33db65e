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
    } finally {
      out.length = 0;
    }
  }
  return stringifyDocuments([object.toJson()]);
}

/** The pieces of the document being written, joined at its end. Not reentrant: producers do not synthesize. */
const out: string[] = [];

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
  pairs.forEach(([key, value], i) => {
    if (i > 0) out.push(newline(0));
    writePair(key, value, 0);
  });
  out.push('\n');
  return out.join('');
}

/**
 * A map's pairs whose lines start at `depth` (the first line already indented); false if every value was dropped,
 * and nothing is written. The keys come sorted, as cdk8s sanitizes them, then in the order `Object.keys` lists the
 * sorted object (array-index keys first), which is what the emitter of the cleaned JSON writes.
 */
function writeMap(map: Record<string, unknown>, depth: number): boolean {
  const keys = sortedKeys(map);
  let written = 0;
  for (const key of inObjectKeyOrder(keys, (k) => k)) {
    const value = settle(map[key]);
    if (value === undefined) continue;
    if (key === '__proto__') throw NOT_PLAIN; // would set the copy's prototype rather than a key
    if (written++ > 0) out.push(newline(depth));
    writePair(key, value, depth);
  }
  return written > 0;
}

/** One pair of a map at `depth`: its key and value live a level deeper (the library's `ctx.indent` for the pair). */
function writePair(key: string, value: unknown, depth: number): void {
  const inner = depth + 1;
  out.push(renderKey(key, inner));
  if (value === null || typeof value !== 'object') {
    out.push(': ', renderScalar(value, inner));
  } else if (Array.isArray(value)) {
    if (value.length === 0) out.push(': []');
    else {
      out.push(':', newline(inner));
      writeSeq(value, inner);
    }
  } else {
    const mark = out.length;
    out.push(':', newline(inner));
    if (!writeMap(value as Record<string, unknown>, inner)) {
      out.length = mark;
      out.push(': {}');
    }
  }
}

/** The items of a non-empty sequence at `depth`; cdk8s keeps null and undefined items, written `null`. */
function writeSeq(seq: readonly unknown[], depth: number): void {
  const inner = depth + 1;
  for (let i = 0; i < seq.length; i++) {
    if (i > 0) out.push(newline(depth));
    const item = settle(seq[i]);
    if (item === null || typeof item !== 'object') {
      out.push('- ', renderScalar(item, inner));
    } else if (Array.isArray(item)) {
      if (item.length === 0) out.push('- []');
      else {
        out.push('- ');
        writeSeq(item, inner);
      }
    } else {
      const mark = out.length;
      out.push('- ');
      if (!writeMap(item as Record<string, unknown>, inner)) {
        out.length = mark;
        out.push('- {}');
      }
    }
  }
}
