import * as cdk8s from 'cdk8s';
import { Pod } from '../../../index';
import { collectProblems } from '../../../lib/synth/rules';

describe('unique object names', () => {
  test('one name may repeat across API groups, kinds and namespaces, but not within one', () => {
    const app = new cdk8s.App();
    const chart = new cdk8s.Chart(app, 'c');
    new Pod(chart, 'web', { containers: [{ name: 'web', image: 'nginx:1.25' }] }); // a berth construct adds the app rules
    const object = (id: string, apiVersion: string, kind: string, namespace?: string) =>
      new cdk8s.ApiObject(chart, id, { apiVersion, kind, metadata: { name: 'same', namespace } });
    object('a', 'v1', 'ConfigMap');
    object('b', 'v1', 'Secret');
    object('c', 'example.com/v1', 'ConfigMap');
    object('d', 'v1', 'ConfigMap', 'other');
    object('e', 'v1', 'ConfigMap', 'other');
    object('f', 'example.com/v1', 'ConfigMap');
    expect(collectProblems(app).map((p) => p.message)).toEqual([
      'ConfigMap name must be unique in namespace "other": c/e and c/d are both named "same"',
      'ConfigMap name must be unique: c/f and c/c are both named "same"',
    ]);
  });
});
