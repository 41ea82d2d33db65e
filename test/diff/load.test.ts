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

describe('parseObjects: js-yaml for plain files, the yaml library where aliases are', () => {
  // A comment with an anchor-like word sends the same text through the `yaml` library: both must read it alike.
  const throughYamlLibrary = (text: string): string => `${text}\n# &through-the-yaml-library\n`;
  const roots = [path.join(__dirname, '..', 'fixtures'), path.join(__dirname, '..', '..', '..', 'shared', 'fixtures')].filter((d) => fs.existsSync(d));
  const files = roots.flatMap((root) => (fs.readdirSync(root, { recursive: true, encoding: 'utf8' }) as string[]).map((f) => path.join(root, f))).filter((f) => /\.ya?ml$/.test(f));

  test('every YAML fixture of Kubernetes objects reads the same through both parsers', () => {
    let compared = 0;
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      let viaLibrary: unknown;
      try {
        viaLibrary = parseObjects(throughYamlLibrary(text), file);
      } catch {
        continue; // not a file of Kubernetes objects (CRD lists are; schema files are not)
      }
      expect(parseObjects(text, file)).toEqual(viaLibrary);
      compared++;
    }
    expect(compared).toBeGreaterThan(10);
  });

  test('scalars read as YAML 1.2 core, as the yaml library reads them', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata: {a: yes, b: on, c: 0o14, d: 012, e: 1e3, f: .inf, g: ~, h: 2024-01-01, i: "007", j: 1_000, k: 0x1F, l: True}\n';
    expect(parseObjects(text, 'x')).toEqual(parseObjects(throughYamlLibrary(text), 'x'));
  });

  test('a file with aliases goes to the yaml library, which bounds their expansion', () => {
    const bomb = ['apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: x}', 'a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 0; i < 9; i++) bomb.push(`${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9).fill(`*${String.fromCharCode(97 + i)}`).join(',')}]`);
    expect(() => parseObjects(bomb.join('\n'), 'bomb.yaml')).toThrow(/alias/i);
  });

  test('a duplicate key is an error in the yaml library\'s words', () => {
    expect(() => parseObjects('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\nkind: Secret\n', 'dup.yaml')).toThrow(/dup\.yaml: not valid YAML: Map keys must be unique/);
  });
});
