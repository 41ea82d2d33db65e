import * as cdk8s from 'cdk8s';
import * as kplus from 'cdk8s-plus-32';
import { Deployment, Service } from '../../../index';
import { renderApiObject } from '../../../lib/synth/render-object';
import { renderApiObjectYaml } from '../../../lib/synth/render-yaml';

/**
 * The same JSON as cdk8s's toJson, key order included (JSON.stringify shows order; toEqual checks undefined), and
 * the same YAML as cdk8s writes of it, from render-yaml.ts's walk that builds no JSON.
 */
function expectSameAsCdk8s(object: cdk8s.ApiObject): void {
  const ours = renderApiObject(object);
  const theirs = object.toJson();
  expect(ours).toEqual(theirs);
  expect(JSON.stringify(ours)).toBe(JSON.stringify(theirs));
  expect(renderApiObjectYaml(object)).toBe(cdk8s.Yaml.stringify(theirs));
}

function expectWrittenWithoutToJson(...objects: cdk8s.ApiObject[]): void {
  const toJson = jest.spyOn(cdk8s.ApiObject.prototype, 'toJson'); // on the prototype: an object's own would be a custom toJson
  try {
    for (const object of objects) renderApiObjectYaml(object);
    expect(toJson).not.toHaveBeenCalled();
  } finally {
    toJson.mockRestore();
  }
}

class IntOrStringLike {
  public constructor(public readonly value: number | string) {}
}

function chart(props: cdk8s.AppProps = {}): cdk8s.Chart {
  return new cdk8s.Chart(new cdk8s.App(props), 'test', { namespace: 'shop', labels: { team: 'a' } });
}

describe('renderApiObject', () => {
  test('berth and cdk8s-plus objects', () => {
    const c = chart();
    const web = new Deployment(c, 'web', {
      containers: [{ name: 'web', image: 'nginx', ports: [{ name: 'http', containerPort: 80 }], env: [{ name: 'A', value: '' }], resources: { limits: { memory: '1Gi' } } }],
    });
    new Service(c, 'svc', { selects: web, ports: [{ port: 80, targetPort: 'http' }] });
    const plus = new kplus.Deployment(c, 'plus', { containers: [{ image: 'nginx', portNumber: 80 }] });
    plus.exposeViaService();
    new kplus.ConfigMap(c, 'cm', { data: { b: '2', a: '1' } });
    const objects = c.node.findAll().filter((x): x is cdk8s.ApiObject => cdk8s.ApiObject.isApiObject(x));
    expect(objects.length).toBeGreaterThanOrEqual(5);
    for (const object of objects) expectSameAsCdk8s(object);
    // berth's own objects are written straight from their props, never through cdk8s's toJson
    expectWrittenWithoutToJson(web.resource, ...c.node.findAll().filter((x) => x instanceof Service).map((s) => (s as Service).resource));
  });

  test('lazy values, implicit tokens, number-or-string unions, nulls, holes and number-like keys', () => {
    const c = chart();
    const object = new cdk8s.ApiObject(c, 'odd', {
      apiVersion: 'example.com/v1',
      kind: 'Odd',
      metadata: { annotations: {}, finalizers: [], labels: { z: 'last', '10': 'ten', '9': 'nine' }, ownerReferences: [] },
      spec: {
        lazy: cdk8s.Lazy.any({ produce: () => ({ nested: cdk8s.Lazy.any({ produce: () => [1, null, undefined, { b: 1, a: null }] }) }) }),
        token: { resolve: () => 'resolved' },
        port: new IntOrStringLike(8080),
        name: new IntOrStringLike('http'),
        empty: {},
        emptyList: [],
        falsy: [0, false, ''],
        '2': 'two',
        '1': 'one',
        zeta: undefined,
        alpha: null,
      },
      data: 'top-level',
    });
    object.metadata.addAnnotation('note', 'x');
    object.metadata.add('generateName', 'odd-');
    object.metadata.add('uid', 'u-1'); // sorts after every field of cdk8s's own
    object.metadata.add('clusterName', 'c'); // and before them
    expectSameAsCdk8s(object);
    expectWrittenWithoutToJson(object);
  });

  test('odd containers: arrays with extra keys, array subclasses, null prototypes, a "constructor" key', () => {
    const tagged = Object.assign(['a', 'b'], { value: { not: 'a union' } });
    class List extends Array<string> {}
    const subclass = List.from(['x']);
    const bare = Object.assign(Object.create(null) as Record<string, unknown>, { a: 1 });
    const values: unknown[] = [tagged, subclass, bare, { constructor: 'x' }, Object.assign(['p'], { resolve: () => ['q'] }), Object.assign(['n'], { value: 7 })];
    for (const value of values) {
      const object = new cdk8s.ApiObject(chart(), 'odd', { apiVersion: 'v1', kind: 'ConfigMap', data: { value } });
      let theirs: unknown;
      try {
        theirs = object.toJson();
      } catch (error) {
        expect(() => renderApiObject(object)).toThrow((error as Error).message);
        expect(() => renderApiObjectYaml(object)).toThrow((error as Error).message);
        continue;
      }
      expect(JSON.stringify(renderApiObject(object))).toBe(JSON.stringify(theirs));
      expect(renderApiObjectYaml(object)).toBe(cdk8s.Yaml.stringify(theirs));
    }
  });

  test('empty metadata maps and lists are dropped as cdk8s drops them', () => {
    const object = new cdk8s.ApiObject(new cdk8s.Chart(new cdk8s.App(), 'bare'), 'x', { apiVersion: 'v1', kind: 'ConfigMap' });
    expectSameAsCdk8s(object);
    expect(renderApiObject(object)).toEqual({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'bare-x-c820b87b' } });
  });

  test('JSON patches, custom resolvers and values that are not plain data go through cdk8s itself', () => {
    const patched = new cdk8s.ApiObject(chart(), 'p', { apiVersion: 'v1', kind: 'ConfigMap', data: { a: '1' } });
    patched.addJsonPatch(cdk8s.JsonPatch.add('/data/b', '2'));
    expectSameAsCdk8s(patched);
    expect(renderApiObject(patched)).toMatchObject({ data: { a: '1', b: '2' } });

    const upper: cdk8s.IResolver = { resolve: (context) => { if (context.value === 'x') context.replaceValue('X'); } };
    const resolved = new cdk8s.ApiObject(chart({ resolvers: [upper] }), 'r', { apiVersion: 'v1', kind: 'ConfigMap', data: { a: 'x' } });
    expect(renderApiObject(resolved)).toMatchObject({ data: { a: 'X' } });

    expect(renderApiObjectYaml(patched)).toBe(cdk8s.Yaml.stringify(patched.toJson()));
    expect(renderApiObjectYaml(resolved)).toContain('a: X');

    const dated = new cdk8s.ApiObject(chart(), 'd', { apiVersion: 'v1', kind: 'ConfigMap', data: { when: new Date(0) } });
    expect(() => renderApiObjectYaml(dated)).toThrow("Failed serializing construct at path 'test/d'");
    expect(() => renderApiObject(dated)).toThrow("Failed serializing construct at path 'test/d' with name 'test-d-c878d0b7': Error: can't render non-simple object of type 'Date'");

    const failing = new cdk8s.ApiObject(chart(), 'f', { apiVersion: 'v1', kind: 'ConfigMap', data: cdk8s.Lazy.any({ produce: () => { throw new Error('no value'); } }) });
    expect(() => renderApiObject(failing)).toThrow(/Failed serializing construct at path 'test\/f'.*no value/);
  });

  test('YAML: maps left empty once nulls are dropped, index keys after cleaning, scalars the library writes its way', () => {
    const object = new cdk8s.ApiObject(chart(), 'yaml', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { annotations: { '1': 'one', b: 'x: y', a: '' }, labels: { '': 'empty-key' } },
      '0': 'index key at the top',
      data: {
        onlyNulls: { a: null, b: undefined },
        inList: [{ gone: undefined }, [], {}, null, undefined, cdk8s.Lazy.any({ produce: () => undefined })],
        lazyEmpty: cdk8s.Lazy.any({ produce: () => ({ x: null }) }),
        '10': 'ten',
        '9': 'nine',
        '007': 'not an index',
        multiline: 'a\nb',
        unicode: 'héllo',
        dashes: '--- not a document',
        numberish: '0x1F',
        yes: 'yes',
        special: [-0, NaN, Infinity, 1e21, true],
        long: 'k'.repeat(1100),
        ['k'.repeat(1100)]: 'a key too long for an implicit key',
      },
    });
    expectSameAsCdk8s(object);
  });
});
