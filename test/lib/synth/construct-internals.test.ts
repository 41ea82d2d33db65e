import { Construct } from 'constructs';
import { App, Chart, Deployment } from 'berth';
import { problemsOf } from 'berth/testing';
import { childrenOf, hasOtherValidations } from '../../../lib/synth/construct-internals';

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
});
