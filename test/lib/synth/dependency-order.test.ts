import * as cdk8s from 'cdk8s';
import { Construct } from 'constructs';
import { dependenciesOf } from '../../../lib/synth/dependency-order';

describe('dependenciesOf', () => {
  test('is node.dependencies: for constructs that never had one, have some, and had one removed', () => {
    const chart = new cdk8s.Chart(new cdk8s.App(), 'c');
    const [a, b, c] = ['a', 'b', 'c'].map((id) => new cdk8s.ApiObject(chart, id, { apiVersion: 'v1', kind: 'ConfigMap' }));
    const group = new Construct(chart, 'group');
    a.addDependency(b, group);
    c.addDependency(b);
    c.node.removeDependency(b);
    for (const construct of [a, b, c, group, chart]) expect(dependenciesOf(construct)).toEqual(construct.node.dependencies);
    expect(dependenciesOf(a)).toEqual([b, group]);
    expect(dependenciesOf(b)).toEqual([]);
  });
});
