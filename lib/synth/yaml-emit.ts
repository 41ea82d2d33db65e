/**
 * A fast YAML emitter whose output is byte-identical to `cdk8s.Yaml.stringify(...docs)`, i.e. to
 * `YAML.stringify(doc, { keepUndefined: true, lineWidth: 0, version: '1.1' })` of the `yaml` package (v2) per document,
 * joined with `---\n`. That call builds a node tree and runs a dozen regexes per scalar; for Kubernetes objects the
 * output is simple enough to write directly.
 *
 * The fast path writes block maps and sequences of plain objects, arrays, numbers, booleans, null/undefined and
 * single-line printable-ASCII strings. Anything else is handed to the library itself, so it cannot come out different:
 * - a string the fast path does not prove (non-ASCII, control characters, tabs, newlines, `---`/`...` at the start) is
 *   rendered by cdk8s inside a stand-in document that gives it the same context (see `libValue`, `libKey`);
 * - any other value (class instances, Maps, Dates, bigint, functions, `toJSON`, an object referenced twice, which the
 *   library writes as an anchor and alias, or a key longer than 1024 characters) sends the whole document to
 *   `cdk8s.Yaml.stringify`. So do documents that are not a map or a sequence.
 *
 * The references are node_modules/yaml/dist/stringify/{stringifyString,stringifyPair,stringifyCollection}.js.
 * bench/yaml-emit.ts measures it at about 11x cdk8s on Deployments and Services. Not reentrant (module state).
 */
import { Yaml } from 'cdk8s';
import { DECLINE, newline, renderKey, renderScalar } from './yaml-scalars';

export { TYPED_GATE_HOLDS } from './yaml-scalars';

/** Every document as `cdk8s.Yaml.stringify(...docs)` writes it, byte for byte. */
export function stringifyDocuments(docs: readonly unknown[]): string {
  // One flat string per document, joined once: a rope of all the documents' pieces costs more in GC than the writing.
  const texts: string[] = new Array(docs.length);
  for (let i = 0; i < docs.length; i++) {
    const doc = docs[i];
    texts[i] = doc === undefined ? '\n' : (stringifyFast(doc) ?? Yaml.stringify(doc));
  }
  return texts.join('---\n');
}

/**
 * One document through the fast path alone (scalars it does not prove still go through the library); `undefined`
 * where it leaves the whole document to `cdk8s.Yaml.stringify`. Exported so tests can see the fast path is taken.
 */
export function stringifyFast(doc: unknown): string | undefined {
  if (doc === null || typeof doc !== 'object') return undefined;
  out = [];
  try {
    if (isSeq(doc)) {
      if ((doc as unknown[]).length === 0) out.push('[]');
      else writeSeq(doc as unknown[], 0);
    } else {
      const keys = Object.keys(doc);
      if (keys.length === 0) out.push('{}');
      else writeMap(doc as Record<string, unknown>, keys, 0);
    }
    out.push('\n');
    return out.join('');
  } catch (e) {
    if (e === DECLINE) return undefined;
    throw e;
  } finally {
    forgetSeen();
    out = [];
  }
}

/** Where `stringifyDocuments` differs from `cdk8s.Yaml.stringify` (a ready-made check for tests); `undefined` if nowhere. */
export function differenceFromCdk8s(docs: readonly unknown[]): string | undefined {
  const expected = Yaml.stringify(...docs);
  const actual = stringifyDocuments(docs);
  if (actual === expected) return undefined;
  let at = 0;
  while (actual[at] === expected[at]) at++;
  const around = (s: string) => JSON.stringify(s.slice(Math.max(0, at - 60), at + 60));
  return `differs from cdk8s.Yaml.stringify at offset ${at}:\n  expected ${around(expected)}\n  actual   ${around(actual)}`;
}

/**
 * Objects already written in this document: the library anchors and aliases an object it meets twice (a cycle
 * included). A document holds a few dozen objects, which a scan finds faster than a Set (hashing every object took a
 * third of the time); past SCAN_LIMIT they go to a Set as well.
 */
const SCAN_LIMIT = 64;
const seenList: Array<object | null> = [];
let seenCount = 0;
const seenSet = new Set<object>();
const NODE_TYPE = Symbol.for('yaml.node.type');

/** Whether a collection is a sequence (true) or a map (false), declining what the library would treat otherwise. */
function isSeq(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  let seq: boolean;
  if (Array.isArray(value)) {
    if (proto !== Array.prototype) throw DECLINE;
    seq = true;
  } else {
    // Class instances, Maps, Sets, Dates and Buffers get their own tags; an iterable object becomes a sequence.
    if ((proto !== Object.prototype && proto !== null) || Symbol.iterator in value) throw DECLINE;
    seq = false;
  }
  // `toJSON()` replaces the value, and a yaml node inside a plain object is written as that node.
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function' || (value as Record<symbol, unknown>)[NODE_TYPE] !== undefined) throw DECLINE;
  markSeen(value);
  return seq;
}

function markSeen(value: object): void {
  if (seenCount < SCAN_LIMIT) {
    for (let i = 0; i < seenCount; i++) if (seenList[i] === value) throw DECLINE;
    seenList[seenCount++] = value;
    return;
  }
  if (seenSet.size === 0) for (let i = 0; i < seenCount; i++) seenSet.add(seenList[i]!);
  if (seenSet.has(value)) throw DECLINE;
  seenSet.add(value);
}

function forgetSeen(): void {
  seenList.fill(null, 0, seenCount);
  seenCount = 0;
  if (seenSet.size > 0) seenSet.clear();
}

/** The pieces of the document being written, joined at its end. */
let out: string[] = [];

/**
 * The pairs of a non-empty map whose lines start at `depth` (the first line is already indented). A pair's key and
 * value live one level deeper (the library's `ctx.indent` for the pair): a nested collection starts on the next line
 * at that indent, an empty one stays on the line as `{}` or `[]`.
 */
function writeMap(map: Record<string, unknown>, keys: string[], depth: number): void {
  const inner = depth + 1;
  for (let i = 0; i < keys.length; i++) {
    if (i > 0) out.push(newline(depth));
    const key = keys[i];
    const value = map[key];
    out.push(renderKey(key, inner));
    if (value !== null && typeof value === 'object') {
      if (isSeq(value)) {
        if ((value as unknown[]).length === 0) out.push(': []');
        else {
          out.push(':', newline(inner));
          writeSeq(value as unknown[], inner);
        }
      } else {
        const valueKeys = Object.keys(value);
        if (valueKeys.length === 0) out.push(': {}');
        else {
          out.push(':', newline(inner));
          writeMap(value as Record<string, unknown>, valueKeys, inner);
        }
      }
    } else {
      out.push(': ', renderScalar(value, inner));
    }
  }
}

/** The items of a non-empty sequence at `depth`, each `- ` and the item written one level deeper. */
function writeSeq(seq: readonly unknown[], depth: number): void {
  const inner = depth + 1;
  for (let i = 0; i < seq.length; i++) {
    if (i > 0) out.push(newline(depth));
    const item = seq[i];
    if (item !== null && typeof item === 'object') {
      if (isSeq(item)) {
        if ((item as unknown[]).length === 0) out.push('- []');
        else {
          out.push('- ');
          writeSeq(item as unknown[], inner);
        }
      } else {
        const keys = Object.keys(item);
        if (keys.length === 0) out.push('- {}');
        else {
          out.push('- ');
          writeMap(item as Record<string, unknown>, keys, inner);
        }
      }
    } else {
      out.push('- ', renderScalar(item, inner));
    }
  }
}

