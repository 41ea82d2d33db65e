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
import * as YAML from 'yaml';

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

/** Thrown inside the fast path to hand the whole document to the library. */
const DECLINE = Symbol('decline');
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
const INDENTS: string[] = [''];
const indentOf = (depth: number) => INDENTS[depth] ?? (INDENTS[depth] = '  '.repeat(depth));

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
/** `\n` and the indent of `depth`, which starts every line after the first of a collection at that depth. */
const NEWLINES: string[] = [];
const newline = (depth: number) => NEWLINES[depth] ?? (NEWLINES[depth] = '\n' + indentOf(depth));

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

function renderScalar(value: unknown, depth: number): string {
  switch (typeof value) {
    case 'string':
      return plainOrQuoted(value) ?? libValue(value, depth);
    case 'number':
      // stringifyNumber.js: JSON.stringify (same as String for finite numbers) except for these three.
      if (!Number.isFinite(value)) return Number.isNaN(value) ? '.nan' : value < 0 ? '-.inf' : '.inf';
      return Object.is(value, -0) ? '-0' : String(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'undefined': // keepUndefined: an undefined value is written like null (the null tag identifies `value == null`)
      return 'null';
    default:
      if (value === null) return 'null';
      throw DECLINE; // bigint, symbol, function
  }
}

/**
 * Keys as the fast path writes them. The same few hundred keys recur in every object, and a lookup is cheaper than
 * the scan (15% of the run); `plainOrQuoted` does not depend on the context, so neither does the cache.
 */
const KEYS = new Map<string, string>();
const KEYS_LIMIT = 10_000;

function renderKey(key: string, depth: number): string {
  const cached = KEYS.get(key);
  if (cached !== undefined) return cached;
  const fast = plainOrQuoted(key);
  const str = fast ?? libKey(key, depth);
  // stringifyPair.js: a key written longer than 1024 characters becomes an explicit `? key` entry.
  if (str.length > 1024) throw DECLINE;
  if (fast !== undefined) {
    if (KEYS.size >= KEYS_LIMIT) KEYS.clear();
    KEYS.set(key, fast);
  }
  return str;
}

/**
 * Which strings the library writes plain: the non-default tags' tests (null, bool, int, float, timestamp...) of the
 * YAML 1.1 schema, taken from the library so they cannot drift: a string one of them matches is quoted.
 */
const TYPED_TESTS = new YAML.Document(null, { version: '1.1' }).schema.tags
  .filter((tag) => tag.default && tag.tag !== 'tag:yaml.org,2002:str' && tag.test)
  .map((tag) => tag.test!);
const LOOKS_TYPED = new RegExp(TYPED_TESTS.map((test) => `(?:${test.source})`).join('|'));

/**
 * The first characters of the strings those tests match, read off their sources in yaml 2.9.1 (below): `~`, the
 * initials of null/true/false/yes/no/on/off, a sign, a digit, `.`, `e`/`E` (the exponent test needs nothing before
 * its `e`) and `<` (`<<`). Any other string skips the regex. Should the library's tests change, the gate opens for all.
 */
const TESTS_READ = [
  '^(?:~|[Nn]ull|NULL)?$', '^(?:Y|y|[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON)$', '^(?:N|n|[Nn]o|NO|[Ff]alse|FALSE|[Oo]ff|OFF)$',
  '^[-+]?0b[0-1_]+$', '^[-+]?0[0-7_]+$', '^[-+]?[0-9][0-9_]*$', '^[-+]?0x[0-9a-fA-F_]+$',
  '^(?:[-+]?\\.(?:inf|Inf|INF)|\\.nan|\\.NaN|\\.NAN)$', '^[-+]?(?:[0-9][0-9_]*)?(?:\\.[0-9_]*)?[eE][-+]?[0-9]+$',
  '^[-+]?(?:[0-9][0-9_]*)?\\.[0-9_]*$', '^<<$', '^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+$',
  '^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\\.[0-9_]*$',
  '^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:(?:t|T|[ \\t]+)([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2}(\\.[0-9]+)?)(?:[ \\t]*(Z|[-+][012]?[0-9](?::[0-9]{2})?))?)?$',
];
/** Whether the gate below was read from the library's current tests (exported for a test). */
export const TYPED_GATE_HOLDS =
  TYPED_TESTS.length === TESTS_READ.length && TYPED_TESTS.every((test, i) => test.flags === '' && test.source === TESTS_READ[i]);
const MAY_LOOK_TYPED = new Uint8Array(128).fill(TYPED_GATE_HOLDS ? 0 : 1);
for (const ch of '~NnYyTtFfOo-+0123456789.eE<') MAY_LOOK_TYPED[ch.charCodeAt(0)] = 1;

/** Characters that stringifyString.js's plain-scalar regex forbids at the start: /^[\n\t ,[\]{}#&*!|>'"%@`]/. */
const BAD_FIRST = new Uint8Array(128);
for (const ch of ' ,[]{}#&*!|>\'"%@`') BAD_FIRST[ch.charCodeAt(0)] = 1;

/**
 * A single-line printable-ASCII string as the library writes it, plain or quoted, in any context; undefined for every
 * other string. For these strings, `plainString()` reduces to the checks below (its folding is off with lineWidth 0),
 * `doubleQuotedString()` to `JSON.stringify`, and `singleQuotedString()` to wrapping in `'`.
 */
function plainOrQuoted(s: string): string | undefined {
  const n = s.length;
  if (n === 0) return '""'; // the null tag's test matches it
  let quote = false;
  let hasDouble = false;
  let hasSingle = false;
  const first = s.charCodeAt(0);
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c > 0x7e) return undefined; // control characters, tab, newline, DEL, non-ASCII
    if (c === 0x3a /* : */) {
      if (s.charCodeAt(i + 1) === 0x20) quote = true;
    } else if (c === 0x20) {
      if (s.charCodeAt(i + 1) === 0x23 /* # */) quote = true;
    } else if (c === 0x22) hasDouble = true;
    else if (c === 0x27) hasSingle = true;
  }
  const last = s.charCodeAt(n - 1);
  if (BAD_FIRST[first] || last === 0x20 || last === 0x3a) quote = true;
  // A lone `-`/`?`, or one followed by a space, reads as an indicator.
  else if ((first === 0x2d || first === 0x3f) && (n === 1 || s.charCodeAt(1) === 0x20)) quote = true;
  // `---`/`...` at the start: the library's choice depends on the context (a top-level key is quoted).
  if ((first === 0x2d || first === 0x2e) && (s.startsWith('---') || s.startsWith('...'))) return undefined;
  if (!quote) {
    // `<<` is identified as the merge tag, which writes it plain whatever the schema's test says.
    if (s === '<<') return s;
    if (!MAY_LOOK_TYPED[first] || !LOOKS_TYPED.test(s)) return s;
  }
  // quotedString(): single quotes when there are double quotes but no single ones; otherwise double quotes.
  return hasDouble && !hasSingle ? `'${s}'` : JSON.stringify(s);
}

/**
 * A string value written by cdk8s where the fast path does not prove the result. The library writes a scalar from
 * its value and the `ctx` of its place: `implicitKey` (false for values), `indent` (which continuation lines of block
 * and quoted scalars use) and options that are the same everywhere (`inFlow` is null in block collections;
 * `indentAtStart` only feeds line folding, which lineWidth 0 turns off). A value in a map nested `depth` deep has the
 * same `indent` as a sequence item at that depth, so `{a: {a: value}}` gives the same text.
 */
function libValue(value: string, depth: number): string {
  let doc: unknown = { a: value };
  for (let d = 1; d < depth; d++) doc = { a: doc };
  const prefix = nestedPrefix(depth) + 'a: ';
  const text = Yaml.stringify(doc);
  if (!text.startsWith(prefix) || !text.endsWith('\n')) throw DECLINE;
  return text.slice(prefix.length, -1);
}

/** A key written by cdk8s, as for `libValue` with `implicitKey` true: `{a: {[key]: 0}}`. */
function libKey(key: string, depth: number): string {
  let doc: unknown = { [key]: 0 };
  for (let d = 1; d < depth; d++) doc = { a: doc };
  const prefix = nestedPrefix(depth);
  const text = Yaml.stringify(doc);
  if (!text.startsWith(prefix) || !text.endsWith(': 0\n')) throw DECLINE;
  const str = text.slice(prefix.length, -': 0\n'.length);
  if (str.includes('\n')) throw DECLINE; // an explicit `? key` entry
  return str;
}

/** The lines `a:` that open maps nested `depth - 1` deep, then the indent of the innermost pair. */
function nestedPrefix(depth: number): string {
  let prefix = '';
  for (let d = 0; d < depth - 1; d++) prefix += indentOf(d) + 'a:\n';
  return prefix + indentOf(depth - 1);
}
