/**
 * Keys and scalars as the `yaml` package (v2) writes them under `cdk8s.Yaml.stringify`'s options, shared by the two
 * emitters: yaml-emit.ts (a JSON document) and render-yaml.ts (an API object's props, cleaned on the way).
 * The references are node_modules/yaml/dist/stringify/{stringifyString,stringifyPair}.js.
 */
import { Yaml } from 'cdk8s';
import * as YAML from 'yaml';

/** Thrown inside a fast path to hand the whole document to the library. */
export const DECLINE = Symbol('decline');

const INDENTS: string[] = [''];
export const indentOf = (depth: number) => INDENTS[depth] ?? (INDENTS[depth] = '  '.repeat(depth));

/** `\n` and the indent of `depth`, which starts every line after the first of a collection at that depth. */
const NEWLINES: string[] = [];
export const newline = (depth: number) => NEWLINES[depth] ?? (NEWLINES[depth] = '\n' + indentOf(depth));

/** A scalar of a block collection `depth` deep; DECLINE for what the library writes another way (bigint, symbol, function). */
export function renderScalar(value: unknown, depth: number): string {
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

export function renderKey(key: string, depth: number): string {
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
