import { Yaml } from 'cdk8s';
import { differenceFromCdk8s, stringifyDocuments, stringifyFast } from '../../../lib/synth/yaml-emit';

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

  test('several documents, an undefined one and none', () => {
    const docs = [{ a: 1 }, undefined, [], {}, 'x'];
    expect(stringifyDocuments(docs)).toBe(Yaml.stringify(...docs));
    expect(stringifyDocuments([])).toBe(Yaml.stringify());
  });
});
