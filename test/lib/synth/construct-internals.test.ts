import { Construct } from 'constructs';
import { App, Chart, Deployment } from 'berth';
import { problemsOf } from 'berth/testing';
import { childrenOf, hasOtherValidations, trimNodeArrays } from '../../../lib/synth/construct-internals';
import { runWithNatives } from '../../helpers';

const container = { name: 'web', image: 'nginx:1.27' };

describe('construct internals', () => {
  test('childrenOf lists what node.children lists: leaves, parents, a parent whose only child was removed', () => {
    const root = new Construct(undefined as unknown as Construct, '');
    const parent = new Construct(root, 'parent');
    const leaf = new Construct(parent, 'leaf');
    const emptied = new Construct(root, 'emptied');
    new Construct(emptied, 'gone');
    emptied.node.tryRemoveChild('gone');
    for (const construct of [root, parent, leaf, emptied]) expect(childrenOf(construct)).toEqual(construct.node.children);
    expect(childrenOf(leaf)).toEqual([]);
  });

  test('childrenOf lists a large chart\'s children as node.children does: ids that are numbers first, then in order added', () => {
    const chart = new Chart(new App(), 'chart');
    const ids = ['b', '10', 'a', '2', ...Array.from({ length: 3_000 }, (_, i) => `svc-${3_000 - i}`), '0', 'removed', 'z'];
    for (const id of ids) new Construct(chart, id);
    chart.node.tryRemoveChild('removed');
    const listed = childrenOf(chart);
    expect(listed).toEqual(chart.node.children);
    expect(listed.slice(0, 5).map((c) => c.node.id)).toEqual(['0', '2', '10', 'b', 'a']);
    expect(listed).toHaveLength(ids.length - 1);
  });

  test('hasOtherValidations: none, only the given one, and another besides', () => {
    const scope = new Construct(undefined as unknown as Construct, '');
    const ours = { validate: () => [] };
    const plain = new Construct(scope, 'plain');
    expect(hasOtherValidations(plain, ours)).toBe(false);
    plain.node.addValidation(ours);
    expect(hasOtherValidations(plain, ours)).toBe(false);
    plain.node.addValidation({ validate: () => ['other'] });
    expect(hasOtherValidations(plain, ours)).toBe(true);
    expect(hasOtherValidations(plain)).toBe(true);
  });

  test('a validation added to a berth construct is still reported beside its rules', () => {
    const chart = new Chart(new App(), 'test');
    const web = new Deployment(chart, 'web', { replicas: -1, containers: [container] });
    web.node.addValidation({ validate: () => ['is not allowed on Sundays'] });
    expect(problemsOf(chart).map((p) => `${p.path} ${p.field} ${p.message}`)).toEqual([
      'test/web replicas must be a non-negative integer',
      'test/web  is not allowed on Sundays',
    ]);
  });

  test('trimNodeArrays leaves a node as it was: scopes, path, address, root, what its children get, its validations', () => {
    const summary = (c: Construct) => ({ scopes: c.node.scopes.map((s) => s.node.id), path: c.node.path, addr: c.node.addr, root: c.node.root, errors: c.node.validate() });
    const build = (trim: boolean) => {
      const root = new Construct(undefined as unknown as Construct, '');
      const parent = new Construct(root, 'parent');
      parent.node.addValidation({ validate: () => ['first'] });
      if (trim) trimNodeArrays(parent);
      parent.node.addValidation({ validate: () => ['added after the trim'] });
      const child = new Construct(parent, 'child');
      return [parent, child].map(summary).map((d) => ({ ...d, root: d.root.node.path }));
    };
    expect(build(true)).toEqual(build(false));
    expect(build(true)[0].errors).toEqual(['first', 'added after the trim']);
  });

  test('trimNodeArrays leaves alone fields that are not plain arrays of the node (another constructs version)', () => {
    const construct = new Construct(undefined as unknown as Construct, '');
    Object.defineProperty(construct.node, '_scopes', { get: () => [construct] });
    Object.defineProperty(construct.node, '_validations', { value: Object.freeze([]), writable: false });
    expect(() => trimNodeArrays(construct)).not.toThrow();
  });

  test('berth objects keep their scope and validation lists at the size they use (V8 sized them for growth)', () => {
    const child = runWithNatives('node-arrays.ts');
    expect(child.stderr).toBe('');
    // each list's own line: " - elements: 0x… <FixedArray[3]> [PACKED_ELEMENTS]"
    const sizes = [...child.stdout.matchAll(/^ - elements: \S+ <FixedArray\[(\d+)\]> \[/gm)].map((match) => Number(match[1]));
    expect(sizes).toEqual([3, 1, 3, 1]); // scopes (app, chart, object) and one validation, for the Deployment and the Service
  });
});
