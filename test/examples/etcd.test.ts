import * as fs from 'fs';
import * as path from 'path';
import * as YAML from 'yaml';
import { App } from 'berth';
import { findObject, findObjects, synth } from 'berth/testing';
import { StoreChart } from '../../examples/etcd/store';
import { KubernetesSchema } from '../../lib/kubernetes/schema';
import { berth, REPO, tempDir } from '../helpers';
import { LocalCluster, membersOfStatefulSet } from '../support/etcd-process';

const EXAMPLE = path.join(REPO, 'examples', 'etcd');

describe('etcd example', () => {
  test('a three-member cluster in namespace "config" and a watcher pointed at every member', () => {
    const objects = synth(new StoreChart(new App(), 'etcd'));
    expect(objects.map((o) => `${o.kind}/${o.metadata.namespace}/${o.metadata.name}`)).toEqual([
      'StatefulSet/config/store', 'Service/config/store-peer', 'Service/config/store', 'PodDisruptionBudget/config/store', 'Deployment/config/watcher',
    ]);
    expect(findObject(objects, 'StatefulSet', 'store').spec.replicas).toBe(3);
    const env = findObject(objects, 'Deployment', 'watcher').spec.template.spec.containers[0].env;
    expect(env).toEqual([{ name: 'ETCDCTL_ENDPOINTS', value: [0, 1, 2].map((i) => `http://store-${i}.store-peer.config.svc:2379`).join(',') }]);
    const schema = KubernetesSchema.bundled();
    for (const object of objects) expect([object.kind, schema.validate(object)]).toEqual([object.kind, []]);
    expect(findObjects(objects, 'PodDisruptionBudget')[0].spec.minAvailable).toBe(2);
  });

  describe('berth synth in examples/etcd, then the YAML it wrote booted on real etcd', () => {
    let cluster: LocalCluster | undefined;
    afterAll(() => cluster?.stopAll());

    test('forms a cluster that serves reads and writes', async () => {
      const out = path.join(tempDir(), 'out');
      const result = berth(['synth', '--output', out], EXAMPLE);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(fs.readdirSync(out)).toEqual(['etcd.k8s.yaml']);
      const objects = YAML.parseAllDocuments(fs.readFileSync(path.join(out, 'etcd.k8s.yaml'), 'utf8')).map((d) => d.toJSON() as { kind: string });
      cluster = await LocalCluster.start(membersOfStatefulSet(objects.find((o) => o.kind === 'StatefulSet')));
      await cluster.etcdctl(['put', '/config/feature', 'on'], [2]);
      await expect(cluster.etcdctl(['get', '/config/feature', '--print-value-only'], [0])).resolves.toBe('on\n');
      const list = JSON.parse(await cluster.etcdctl(['member', 'list', '-w', 'json'])) as { members: unknown[] };
      expect(list.members).toHaveLength(3);
    }, 90_000);
  });
});
