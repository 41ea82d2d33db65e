import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as YAML from 'yaml';
import { App } from 'berth';
import { findObject, findObjects, synth } from 'berth/testing';
import { StoreChart } from '../../examples/etcd/store';
import { KubernetesSchema } from '../../lib/kubernetes/schema';
import { berth, CliResult, REPO, tempDir } from '../helpers';
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

  // One `berth synth` in the example's own directory, as a user runs it; the tests below read what it wrote.
  const out = path.join(tempDir(), 'out');
  let synthesized: CliResult | undefined;
  beforeAll(() => {
    synthesized = berth(['synth', '--output', out], EXAMPLE);
  });

  test('berth synth succeeds in examples/etcd; appc warnings (claims, probes, hostnames it cannot express) only', () => {
    expect(synthesized!.code).toBe(0);
    expect(synthesized!.stderr.split('\n').filter((line) => line && !line.startsWith('warning: '))).toEqual([]);
    expect(fs.readdirSync(out).sort()).toEqual(['appc', 'etcd.k8s.yaml']);
  });

  test('berth synth writes one appc pod manifest per member, each with its own resolved flags, valid for actool', () => {
    const dir = path.join(out, 'appc', 'etcd');
    expect(fs.readdirSync(dir).sort()).toEqual(['store-0.pod.json', 'store-1.pod.json', 'store-2.pod.json', 'watcher.pod.json']);
    for (const i of [0, 1, 2]) {
      const file = path.join(dir, `store-${i}.pod.json`);
      const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as { apps: Array<{ app: { exec: string[] } }> };
      const exec = manifest.apps[0].app.exec;
      expect(exec[0]).toBe('/usr/local/bin/etcd');
      expect(exec).toContain(`--name=store-${i}`);
      expect(exec).toContain(`--initial-advertise-peer-urls=http://store-${i}.store-peer.config.svc:2380`);
      expect(exec.join(' ')).not.toContain('$(');
      const actool = spawnSync('actool', ['validate', file], { encoding: 'utf8', timeout: 30_000 });
      expect({ code: actool.status, stderr: actool.stderr }).toEqual({ code: 0, stderr: '' });
    }
  });

  describe('berth synth in examples/etcd, then the YAML it wrote booted on real etcd', () => {
    let cluster: LocalCluster | undefined;
    afterAll(() => cluster?.stopAll());

    test('forms a cluster that serves reads and writes', async () => {
      const objects = YAML.parseAllDocuments(fs.readFileSync(path.join(out, 'etcd.k8s.yaml'), 'utf8')).map((d) => d.toJSON() as { kind: string });
      cluster = await LocalCluster.start(membersOfStatefulSet(objects.find((o) => o.kind === 'StatefulSet')));
      await cluster.etcdctl(['put', '/config/feature', 'on'], [2]);
      await expect(cluster.etcdctl(['get', '/config/feature', '--print-value-only'], [0])).resolves.toBe('on\n');
      const list = JSON.parse(await cluster.etcdctl(['member', 'list', '-w', 'json'])) as { members: unknown[] };
      expect(list.members).toHaveLength(3);
    }, 90_000);
  });
});
