import * as fs from 'fs';
import * as path from 'path';
import { DiffInputError, loadObjects, parseObjects } from '../../lib/diff';
import { tempDir } from '../helpers';

describe('loading objects', () => {
  test('multi-document YAML, a List, a typed list whose items omit kind, JSON; empty documents skipped', () => {
    expect(parseObjects('---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\n\n---\napiVersion: v1\nkind: Secret\nmetadata: {name: b}\n', 'f.yaml').map((o) => o.metadata.name)).toEqual(['a', 'b']);
    expect(parseObjects('apiVersion: v1\nkind: List\nitems:\n- {apiVersion: v1, kind: Pod, metadata: {name: p}}\n', 'l.yaml').map((o) => o.kind)).toEqual(['Pod']);
    expect(parseObjects('{"apiVersion":"v1","kind":"PodList","items":[{"apiVersion":"v1","metadata":{"name":"p"}}]}', 'l.json').map((o) => o.kind)).toEqual(['Pod']);
  });
  test('directories are read recursively in name order, only .yaml, .yml and .json', () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'sub'));
    fs.writeFileSync(path.join(dir, 'b.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\n');
    fs.writeFileSync(path.join(dir, 'sub', 'a.json'), '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a"}}');
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'not a manifest');
    expect(loadObjects([dir], '/').map((o) => o.metadata.name)).toEqual(['b', 'a']);
  });
  test.each([
    ['key: [unclosed', /f.yaml: not valid YAML/],
    ['- just\n- a list', /expected a Kubernetes object/],
    ['apiVersion: v1\nkind: ConfigMap\nmetadata: {}', /ConfigMap has no metadata.name/],
    ['kind: ConfigMap\nmetadata: {name: x}', /ConfigMap x has no apiVersion/],
    ['apiVersion: v1\nkind: List\nitems:\n- {apiVersion: v1, metadata: {name: x}}', /item 1: an object has no kind/],
  ])('%j is an error naming the file', (text, message) => {
    expect(() => parseObjects(text, 'f.yaml')).toThrow(DiffInputError);
    expect(() => parseObjects(text, 'f.yaml')).toThrow(message);
  });
});
