import { access, camelKey, NameRegistry, propertyKeys, typeName, versionSuffix } from '../../lib/import/names';

describe('import names', () => {
  test.each([
    ['spec', 'spec'],
    ['podIP', 'podIP'],
    ['x-kubernetes-int-or-string', 'xKubernetesIntOrString'],
    ['$ref', 'ref'],
    ['MY_VALUE', 'myValue'],
    ['URL', 'url'],
    ['kebab-case', 'kebabCase'],
    ['_private', 'private'],
    ['123', undefined],
    ['-', undefined],
  ])('camelKey(%j) is %j', (wire, camel) => {
    expect(camelKey(wire)).toBe(camel);
  });

  test('keys that would collide keep their exact wire names', () => {
    expect(propertyKeys(['Name', 'name', 'NAME'])).toEqual(['Name', 'name', 'NAME']);
    expect(propertyKeys(['a-b', 'a_b'])).toEqual(['aB', 'a_b']);
    expect(propertyKeys(['x-y', 'xY'])).toEqual(['x-y', 'xY']);
    expect(propertyKeys(['$ref', 'ref'])).toEqual(['$ref', 'ref']);
  });

  test('type names are PascalCase identifiers that shadow no built-in type', () => {
    expect(typeName('tls-config')).toBe('TlsConfig');
    expect(typeName('string')).toBe('String');
    expect(typeName('record')).toBe('RecordValue');
    expect(typeName('JSON')).toBe('JSONValue');
    expect(typeName('3d')).toBe('T3d');
    expect(typeName('$$$')).toBe('Value');
  });

  test('version suffixes read as cdk8s writes them', () => {
    expect(versionSuffix('v1beta1')).toBe('V1Beta1');
    expect(versionSuffix('v1alpha3')).toBe('V1Alpha3');
    expect(versionSuffix('v2')).toBe('V2');
  });

  test('a registry hands out each name once, case-insensitively', () => {
    const names = new NameRegistry();
    expect([names.claim('Foo'), names.claim('foo'), names.claim('Foo')]).toEqual(['Foo', 'foo2', 'Foo3']);
  });
});

describe('import names: keys objects inherit', () => {
  test('non-ASCII keys keep their spelling; inherited names are read as own values only', () => {
    expect(camelKey('ünïcode')).toBeUndefined();
    expect(access('obj', 'constructor')).toBe("(Object.prototype.hasOwnProperty.call(obj, 'constructor') ? obj.constructor : undefined)");
    expect(access('obj', 'x-y')).toBe("obj['x-y']");
  });
});
