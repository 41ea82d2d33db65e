import * as fs from 'fs';
import * as path from 'path';
import { App, Chart, EtcdCluster } from 'berth';
import { tempDir } from '../../helpers';
import { LocalCluster, membersOfPods } from '../../support/etcd-process';
import { PodSpecJson } from '../../support/kubelet';

/**
 * The pods an EtcdCluster hands to targets other than Kubernetes (appc): one per member, every reference resolved,
 * so a runtime without a downward API or `$(VAR)` expansion runs them as they are. Booted on real etcd as well.
 */
describe('EtcdCluster member pods (IPodSource)', () => {
  function members(namespace?: string): EtcdCluster {
    return new EtcdCluster(new Chart(new App(), 'chart', { namespace }), 'store', { size: 3, storage: { ephemeral: true } });
  }

  test('one pod per member, named like the StatefulSet pods, with literal flags', () => {
    const pods = members().podsToRender();
    expect(pods.map((p) => p.name)).toEqual(['store-0', 'store-1', 'store-2']);
    for (const { name, pod } of pods) {
      const container = pod.spec.containers![0];
      expect(JSON.stringify(container)).not.toContain('$(');
      expect(container.env).toEqual([{ name: 'POD_NAME', value: name }, { name: 'POD_NAMESPACE', value: 'default' }]);
      expect(container.args).toContain(`--name=${name}`);
      expect(container.args).toContain(`--initial-advertise-peer-urls=http://${name}.store-peer.default.svc:2380`);
      expect(pod.spec.hostname).toBe(name);
      expect(pod.spec.subdomain).toBe('store-peer');
    }
  });

  test('with a namespace, it is in the URLs and no POD_NAMESPACE is needed', () => {
    const [first] = members('infra').podsToRender();
    expect(first.pod.spec.containers![0].env).toEqual([{ name: 'POD_NAME', value: 'store-0' }]);
    expect(first.pod.spec.containers![0].args).toContain('--advertise-client-urls=http://store-0.store-peer.infra.svc:2379');
  });

  test('persistent members mount the claim the StatefulSet would create for them', () => {
    const cluster = new EtcdCluster(new Chart(new App(), 'chart'), 'store', {});
    expect(cluster.podsToRender()[1].pod.spec.volumes).toEqual([{ name: 'data', persistentVolumeClaim: { claimName: 'data-store-1' } }]);
  });

  test('through the appc target: one pod manifest per member; ephemeral data is an empty volume at the data dir', () => {
    const outdir = tempDir();
    const app = new App({ outdir });
    new EtcdCluster(new Chart(app, 'chart'), 'store', { size: 3, storage: { ephemeral: true } });
    app.synth();
    expect(fs.readdirSync(path.join(outdir, 'appc', 'chart')).sort()).toEqual(['store-0.pod.json', 'store-1.pod.json', 'store-2.pod.json']);
    const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'appc', 'chart', 'store-1.pod.json'), 'utf8'));
    expect(manifest.volumes).toEqual([{ name: 'data', kind: 'empty', mode: '0777', uid: 0, gid: 0 }]);
    expect(manifest.apps[0].mounts).toEqual([{ volume: 'data', path: '/var/lib/etcd' }]);
    expect(manifest.apps[0].app.exec).toContain('--name=store-1');
  });

  describe('booted on real etcd', () => {
    let cluster: LocalCluster | undefined;
    afterAll(() => cluster?.stopAll());

    test('the member pods form a cluster that serves reads and writes', async () => {
      const pods = members().podsToRender().map(({ name, pod }) => ({ name, spec: JSON.parse(JSON.stringify(pod.spec)) as PodSpecJson }));
      cluster = await LocalCluster.start(membersOfPods(pods));
      const list = JSON.parse(await cluster.etcdctl(['member', 'list', '-w', 'json'])) as { members: Array<{ name: string }> };
      expect(list.members.map((m) => m.name).sort()).toEqual(['store-0', 'store-1', 'store-2']);
      await cluster.etcdctl(['put', 'k', 'v'], [1]);
      await expect(cluster.etcdctl(['get', 'k', '--print-value-only'], [2])).resolves.toBe('v\n');
    }, 60_000);
  });
});
