import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { Yaml } from 'cdk8s';
import * as YAML from 'yaml';
import { Guestbook } from '../../../examples/guestbook/guestbook';
import { App } from '../../../index';
import { differenceFromCdk8s, stringifyDocuments, stringifyFast, TYPED_GATE_HOLDS } from '../../../lib/synth/yaml-emit';
import { REPO, tempDir } from '../../helpers';

/** Same bytes as cdk8s, and whether the fast path wrote the document itself. */
function expectSame(doc: unknown, fast: boolean): void {
  expect(differenceFromCdk8s([doc])).toBeUndefined();
  expect(stringifyDocuments([doc])).toBe(Yaml.stringify(doc));
  expect(stringifyFast(doc) !== undefined).toBe(fast);
}

describe('stringifyDocuments, cases', () => {
  test('a Deployment, written by the fast path', () => {
    const doc = {
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', labels: { app: 'web' }, annotations: { 'prometheus.io/port': '9090' } },
      spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [
        { name: 'web', image: 'nginx:1.27', args: ['--port', '80'], ports: [{ containerPort: 80, name: 'http' }], env: [{ name: 'DEBUG', value: 'true' }, { name: 'EMPTY', value: '' }] },
      ] } } },
    };
    expect(stringifyFast(doc)).toBe(Yaml.stringify(doc));
    expect(stringifyFast(doc)).toContain('\n            - name: DEBUG\n              value: "true"\n');
  });

  test.each<[string, unknown]>([
    ['empty map and sequence', { a: {}, b: [], c: [{}, []] }],
    ['sequences in sequences', [[1, [2, [3]]], [], [[]]]],
    ['maps in sequences: the following keys indented by 2', { a: [{ x: 1, y: { z: [1, { w: 2 }] } }] }],
    ['numbers', { a: [0, -0, 1, -1, 1.5, 1e21, 1.5e-7, NaN, Infinity, -Infinity, Number.MAX_VALUE, 2 ** 53 + 2] }],
    ['null and undefined in maps and sequences, and holes', { a: null, b: undefined, c: [null, undefined, , 1] }], // eslint-disable-line no-sparse-arrays
    ['YAML 1.1 words quoted, <<, = and ~', { y: 'n', yes: 'No', ON: 'off', '<<': '<<', '=': '=', '~': 'null', '1:20': '0777', '0x1f': '.inf', '2001-12-14': '1e3' }],
    ['quotes: single when only " is inside', { a: 'say "hi"', b: "it's", c: `'"`, d: 'a\\b' }],
    [': and # inside', { 'a: b': 'c #d', 'a:b': 'c#d', 'a:': '- x', '? y': '#z', '-': '?' }],
    ['document markers, top-level keys quoted and nested ones not', { '---': '...', '...x': { '---y': '--- z' } }],
    ['multi-line and non-ASCII strings through the library', { 'a\nb': ['x\ny', 'x\n', ' lead', 'tab\tin', 'é', '😀', '\u2028', '\u0085', '\u0000'], k: { m: 'line\n\n  more\n' } }],
    ['a string longer than a line', { a: 'word '.repeat(400) + 'end' }],
    ['a top-level sequence', ['a', { b: 1 }]],
    ['a key of 1024 characters', { ['k'.repeat(1024)]: 1 }],
    ['two hundred objects (past the scan for repeated objects)', { items: Array.from({ length: 200 }, (_, i) => ({ i })) }],
  ])('%s', (_name, doc) => expectSame(doc, true));

  class Port {
    public readonly port = 80;
  }
  const shared = { a: 1 };
  const cyclic: Record<string, unknown> = { a: 1 };
  cyclic.self = cyclic;
  test.each<[string, unknown]>([
    ['a key of 1025 characters (explicit key)', { ['k'.repeat(1025)]: 1 }],
    ['an object referenced twice (anchor and alias)', { a: shared, b: [shared] }],
    ['a cycle', cyclic],
    ['an object repeated after the first hundred', { items: [...Array.from({ length: 100 }, (_, i) => ({ i })), shared, { x: [shared] }] }],
    ['an object repeated within the first hundred and after', { items: [shared, ...Array.from({ length: 100 }, (_, i) => ({ i })), shared] }],
    ['a class instance', { a: new Port() }],
    ['a Map', { a: new Map([['k', 'v']]) }],
    ['a Date', { a: new Date(0) }],
    ['a bigint', { a: BigInt(1) }],
    ['toJSON', { a: { toJSON: () => 'x' } }],
    ['a Buffer', { a: Buffer.from('hi') }],
    ['a string document', 'text'],
    ['a number document', 5],
    ['a null document', null],
  ])('left to the library: %s', (_name, doc) => expectSame(doc, false));

  // The first-character gate before the YAML 1.1 type regex was read off the tests of the installed yaml; after an
  // upgrade it opens for every string (still correct, slower) until it is read again.
  test('the gate before the type regex matches the installed yaml', () => expect(TYPED_GATE_HOLDS).toBe(true));

  test('several documents, an undefined one and none', () => {
    const docs = [{ a: 1 }, undefined, [], {}, 'x'];
    expect(stringifyDocuments(docs)).toBe(Yaml.stringify(...docs));
    expect(stringifyDocuments([])).toBe(Yaml.stringify());
  });
});

/** mulberry32: a small seeded PRNG, so a failure reproduces. */
function prng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Words YAML 1.1 (or a YAML reader) could take for something other than a string, and indicators. */
const WORDS = [
  'y', 'n', 'yes', 'no', 'true', 'false', 'on', 'off', 'null', '~', '', '<<', '=', 'NaN', 'Infinity',
  '0', '00', '07', '0777', '08', '0o7', '0x1F', '0xg', '0b101', '0b2', '1_000', '1:20', '-1:20:30', '190:20:30.15', '12:60',
  '1.5', '.5', '5.', '1e3', '1E+3', '1.0e-3', 'e3', '.inf', '-.Inf', '+.INF', '.nan', '.NaN', '-1', '+1', '-0', '0.0', '1,000',
  '2001-12-14', '2001-12-14t21:59:43.10-05:00', '2001-12-14 21:59:43.10 -5', '2001-1-1', '2001-12-14T21:59',
  '-', '?', ':', '- a', '? a', 'a: b', 'a:b', 'a:', 'a #b', 'a#b', '#a', '---', '--- a', '...', '... a', '---x', '...x',
  '%TAG', '@a', '`a', '!a', '&a', '*a', '|', '>', "'", '"', "a'b", 'a"b', `a'"b`, '[a]', '{a}', 'a,b', ',', '\\', 'a\\nb',
  ' a', 'a ', ' ', '\t', 'a\tb', '\n', 'a\nb', 'a\n', '\na', 'a\n\nb', 'a \nb', 'a\n b', 'a\r\nb', '\r', 'a\n\n',
  'é', 'café', '日本', '😀', '\u0085', '\u00a0', '\u2028', '\ufeff', '\u0000', '\x07', '\x1b', '\x7f', '\ud800',
  'http://x:80/a', 'key=value', 'app.kubernetes.io/name', 'nginx:1.27', '--port=80', '500m', '1Gi', '$(VAR)', '{{ .x }}',
];
const CHARS = 'aZ09 _-.:#?!&*|>\'"%@`,[]{}<>=~+/\\\t\néÿ日😀\u0085\u00a0';

function randomString(rand: () => number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  const r = rand();
  if (r < 0.01) return pick(['a', ' ', 'word ', 'x\n']).repeat(500 + Math.floor(rand() * 1200));
  let s = '';
  const parts = 1 + Math.floor(rand() * 3);
  for (let i = 0; i < parts; i++) {
    if (rand() < 0.6) s += pick(WORDS);
    else for (let j = Math.floor(rand() * 6); j > 0; j--) s += pick([...CHARS]);
  }
  // Varied case: YES, Yes, yEs are not all booleans.
  const c = rand();
  return c < 0.15 ? s.toUpperCase() : c < 0.3 ? s[0]?.toUpperCase() + s.slice(1) : c < 0.35 ? [...s].map((ch) => (rand() < 0.5 ? ch.toUpperCase() : ch)).join('') : s;
}

const NUMBERS = [0, -0, 1, -1, 7, 1.5, 0.1, 1e21, 1e-7, -1e-300, 2 ** 53, 123456789.125, NaN, Infinity, -Infinity, Number.MAX_VALUE, Number.MIN_VALUE];

/** Values the fast path leaves to the library, anywhere in a document; `randomValue` counts them in `exotic.count`. */
const SHARED = { shared: true };
const EXOTIC: Array<() => unknown> = [() => new Date(0), () => new Map([['k', 1]]), () => SHARED, () => BigInt(1), () => new (class Port {})(), () => ({ toJSON: () => 'x' })];
const exotic = { count: 0 };

function randomValue(rand: () => number, depth: number): unknown {
  const r = rand();
  if (r < 0.002) {
    exotic.count++;
    return EXOTIC[Math.floor(rand() * EXOTIC.length)]();
  }
  if (depth < 5 && r < 0.25) {
    const map: Record<string, unknown> = {};
    for (let i = Math.floor(rand() * 6); i > 0; i--) {
      const key = randomString(rand);
      if (key.length > 1000) exotic.count++; // may become an explicit `? key`
      map[key] = randomValue(rand, depth + 1);
    }
    return map;
  }
  if (depth < 5 && r < 0.4) return Array.from({ length: Math.floor(rand() * 4) }, () => randomValue(rand, depth + 1));
  if (r < 0.8) return randomString(rand);
  if (r < 0.9) return NUMBERS[Math.floor(rand() * NUMBERS.length)];
  return [true, false, null, undefined][Math.floor(rand() * 4)];
}

describe('stringifyDocuments, fuzzed', () => {
  test('3,000 random documents from an adversarial alphabet are byte-identical to cdk8s', () => {
    const rand = prng(20240611);
    let fast = 0;
    for (let i = 0; i < 3000; i++) {
      exotic.count = 0;
      const r = rand();
      const doc =
        r < 0.1 ? Array.from({ length: 3 }, () => randomValue(rand, 1))
        : r < 0.2 ? randomValue(rand, 0) // top-level keys of any kind (`---` is quoted only there)
        : { apiVersion: 'v1', kind: randomString(rand), metadata: randomValue(rand, 1), spec: randomValue(rand, 1) };
      const difference = differenceFromCdk8s([doc]);
      if (difference) throw new Error(`document ${i}: ${difference}\n${JSON.stringify(doc)}`);
      // Every document of maps, arrays and scalars is written by the fast path, up to keys over 1024 characters.
      const isFast = stringifyFast(doc) !== undefined;
      if (doc !== null && typeof doc === 'object' && exotic.count === 0 && !isFast) throw new Error(`document ${i} left the fast path`);
      if (isFast) fast++;
    }
    expect(fast).toBeGreaterThan(2500);
  });

  test('batches with undefined documents between them', () => {
    const rand = prng(7);
    for (let i = 0; i < 200; i++) {
      const docs = Array.from({ length: 1 + Math.floor(rand() * 4) }, () => (rand() < 0.2 ? undefined : randomValue(rand, 0)));
      const difference = differenceFromCdk8s(docs);
      if (difference) throw new Error(`batch ${i}: ${difference}\n${JSON.stringify(docs)}`);
    }
  });
});

/** Every JSON and YAML file under the shared fixtures (where present) and test/fixtures, each content once. */
function corpusFiles(): Array<[string, string]> {
  const roots = [path.join(REPO, '..', 'shared', 'fixtures'), path.join(REPO, 'test', 'fixtures')].filter((root) => fs.existsSync(root));
  const files = new Map<string, [string, string]>();
  const walk = (dir: string, root: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file, root);
      else if (/\.(json|ya?ml)$/.test(entry.name)) {
        const hash = crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
        if (!files.has(hash)) files.set(hash, [path.relative(path.dirname(root), file), file]);
      }
    }
  };
  for (const root of roots) walk(root, root);
  return [...files.values()].sort(([a], [b]) => a.localeCompare(b));
}

describe('stringifyDocuments, fixture corpus', () => {
  const files = corpusFiles();
  test('the corpus is there', () => expect(files.length).toBeGreaterThan(50));

  test.each(files)('%s', (_name, file) => {
    const text = fs.readFileSync(file, 'utf8');
    const docs: unknown[] = file.endsWith('.json') ? [JSON.parse(text)] : YAML.parseAllDocuments(text).filter((d) => d.errors.length === 0).map((d) => d.toJS());
    expect(differenceFromCdk8s(docs)).toBeUndefined();
    expect(docs.filter((doc) => doc !== null && typeof doc === 'object' && stringifyFast(doc) === undefined)).toEqual([]);
  });
});

describe('stringifyDocuments, the guestbook example', () => {
  test('gives the bytes of guestbook.k8s.yaml as berth synth writes it, all through the fast path', () => {
    const outdir = tempDir();
    const app = new App({ outdir });
    const chart = new Guestbook(app, 'guestbook');
    app.synth();
    const written = fs.readFileSync(path.join(outdir, 'guestbook.k8s.yaml'), 'utf8');
    const docs = chart.toJson();
    expect(stringifyDocuments(docs)).toBe(written);
    expect(docs.map((doc) => stringifyFast(doc) !== undefined)).toEqual(docs.map(() => true));
    // And the file read back and written again is the same file.
    expect(stringifyDocuments(YAML.parseAllDocuments(written).map((d) => d.toJS()))).toBe(written);
  });
});
