import * as fs from 'fs';
import * as path from 'path';
import * as YAML from 'yaml';
import { diffObjects } from '../../lib/diff/engine';
import { addImportedKinds } from '../../lib/diff/imported';
import { TypeResolver } from '../../lib/diff/schema';
import { KubeObject } from '../../lib/diff/types';
import { runImport } from '../../lib/import/run';
import { berth, tempDir } from '../helpers';

/**
 * `berth diff` in a project with imports: the list markers of an imported CRD kind come from the schema file
 * `berth import` wrote (imports/<group>.schema.json), though the CRD itself is not among the objects.
 */
const CRD = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: { name: pools.example.com }
spec:
  group: example.com
  scope: Namespaced
  names: { kind: Pool, plural: pools }
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              properties:
                members:
                  type: array
                  x-kubernetes-list-type: map
                  x-kubernetes-list-map-keys: [name]
                  items:
                    type: object
                    required: [name]
                    properties:
                      name: { type: string }
                      weight: { type: integer }
`;

const pool = (members: Array<{ name: string; weight: number }>): KubeObject => ({ apiVersion: 'example.com/v1', kind: 'Pool', metadata: { name: 'backends', namespace: 'shop' }, spec: { members } });
const live = pool([{ name: 'b', weight: 2 }, { name: 'a', weight: 5 }]);
/** `a` changed where it is. */
const changed = pool([{ name: 'b', weight: 2 }, { name: 'a', weight: 1 }]);
/** `a` changed and moved to the front. */
const reordered = pool([{ name: 'a', weight: 1 }, { name: 'b', weight: 2 }]);
/** `c` added between them. */
const added = pool([{ name: 'b', weight: 2 }, { name: 'c', weight: 3 }, { name: 'a', weight: 5 }]);

describe('berth diff with imported CRD kinds', () => {
  let project: string;

  beforeAll(async () => {
    project = tempDir('berth-diff-imports-');
    fs.writeFileSync(path.join(project, 'pools.yaml'), CRD);
    await runImport({ sources: ['pools.yaml'], cwd: project });
    fs.writeFileSync(path.join(project, 'desired.yaml'), YAML.stringify(changed));
    fs.writeFileSync(path.join(project, 'live.yaml'), YAML.stringify(live));
  });

  test('the import wrote the schema file diff reads', () => {
    expect(fs.readdirSync(path.join(project, 'imports')).sort()).toEqual(['example.com.schema.json', 'example.com.ts']);
  });

  test('with the imported schema, list items pair by their key', () => {
    const resolver = TypeResolver.bundled();
    expect(addImportedKinds(resolver, project)).toEqual(['example.com/v1/Pool']);
    const paths = (desired: KubeObject) => diffObjects([desired], [live], {}, resolver).objects[0].paths;
    expect(paths(changed)).toEqual(['spec.members[name=a].weight']);
    // `a` is found by its name though it moved; the new order is a change of the list too (server-side apply reorders)
    expect(paths(reordered)).toEqual(['spec.members', 'spec.members[name=a].weight']);
    expect(paths(added)).toEqual(['spec.members[name=c]']);
  });

  test('without it (no imports), the list is atomic: any change is the whole list', () => {
    const resolver = TypeResolver.bundled();
    expect(addImportedKinds(resolver, tempDir())).toEqual([]);
    for (const desired of [changed, reordered, added]) expect(diffObjects([desired], [live], {}, resolver).objects[0].paths).toEqual(['spec.members']);
  });

  test('the CLI reads the imports of the project it runs in', () => {
    const args = ['diff', '--desired', 'desired.yaml', '--live', 'live.yaml', '--json'];
    const paths = (dir: string) => JSON.parse(berth(args, dir).stdout).objects[0].paths;
    expect(paths(project)).toEqual(['spec.members[name=a].weight']);
    const bare = tempDir();
    for (const file of ['desired.yaml', 'live.yaml']) fs.copyFileSync(path.join(project, file), path.join(bare, file));
    expect(paths(bare)).toEqual(['spec.members']);
  });

  test('a CRD among the objects wins over the imported schema', () => {
    const resolver = TypeResolver.bundled();
    addImportedKinds(resolver, project);
    const atomic = YAML.parse(CRD.replace('x-kubernetes-list-type: map', 'x-kubernetes-list-type: atomic')) as KubeObject;
    expect(diffObjects([changed], [atomic, live], {}, resolver).objects[0].paths).toEqual(['spec.members']);
  });
});
