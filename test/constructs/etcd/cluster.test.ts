import { App, Chart, EtcdCluster, EtcdClusterProps, Pod } from 'berth';
import { findObject, findObjects, KubeObject, synth } from 'berth/testing';

function chart(namespace?: string): Chart {
  return new Chart(new App(), 'chart', { namespace });
}

function render(props: EtcdClusterProps = {}, namespace?: string): { cluster: EtcdCluster; objects: KubeObject[] } {
  const c = chart(namespace);
  const cluster = new EtcdCluster(c, 'store', props);
  return { cluster, objects: synth(c) };
}

function etcdContainer(objects: readonly KubeObject[]) {
  return findObject(objects, 'StatefulSet', 'store').spec.template.spec.containers[0];
}

function flags(objects: readonly KubeObject[]): Record<string, string> {
  return Object.fromEntries((etcdContainer(objects).args as string[]).map((a) => a.slice(2).split(/=(.*)/s).slice(0, 2)));
}

describe('EtcdCluster', () => {
  test('defaults', () => {
    const { cluster, objects } = render();
    expect(etcdContainer(objects)).toMatchSnapshot();
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(['StatefulSet/store', 'Service/store-peer', 'Service/store', 'PodDisruptionBudget/store']);
    const sts = findObject(objects, 'StatefulSet', 'store');
    const selector = { 'app.kubernetes.io/name': 'etcd', 'app.kubernetes.io/instance': 'store' };
    expect(sts.spec).toMatchObject({ replicas: 3, serviceName: 'store-peer', podManagementPolicy: 'Parallel', selector: { matchLabels: selector } });
    expect(sts.spec.template.metadata.labels).toEqual(selector);
    expect(sts.spec.volumeClaimTemplates).toEqual([{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }]);
    expect(flags(objects)).toEqual({
      name: '$(POD_NAME)',
      'data-dir': '/var/lib/etcd/data',
      'listen-peer-urls': 'http://0.0.0.0:2380',
      'listen-client-urls': 'http://0.0.0.0:2379',
      'advertise-client-urls': 'http://$(POD_NAME).store-peer.$(POD_NAMESPACE).svc:2379',
      'initial-advertise-peer-urls': 'http://$(POD_NAME).store-peer.$(POD_NAMESPACE).svc:2380',
      'initial-cluster': ['store-0', 'store-1', 'store-2'].map((m) => `${m}=http://${m}.store-peer.$(POD_NAMESPACE).svc:2380`).join(','),
      'initial-cluster-state': 'new',
      'initial-cluster-token': cluster.clusterToken,
    });
    expect(cluster.clusterToken).toMatch(/^store-[0-9a-f]{10}$/);
    expect(etcdContainer(objects).image).toBe('quay.io/coreos/etcd:v3.4.23');
    expect(etcdContainer(objects).readinessProbe.httpGet).toEqual({ path: '/health', port: 'client' });
    const peer = findObject(objects, 'Service', 'store-peer');
    expect(peer.spec).toMatchObject({ clusterIP: 'None', publishNotReadyAddresses: true, selector });
    expect(findObject(objects, 'Service', 'store').spec.ports).toEqual([{ name: 'client', port: 2379, targetPort: 'client' }]);
    expect(findObject(objects, 'PodDisruptionBudget', 'store').spec).toEqual({ minAvailable: 2, selector: { matchLabels: selector } });
    expect(cluster.clientUrl).toBe('http://store:2379');
    expect(cluster.endpoints).toEqual(['http://store-0.store-peer:2379', 'http://store-1.store-peer:2379', 'http://store-2.store-peer:2379']);
  });

  test.each([
    [1, 1, undefined],
    [5, 5, 3],
    [9, 9, 5],
  ])('size %i: %i members, PodDisruptionBudget minAvailable %p', (size, members, minAvailable) => {
    const { objects } = render({ size });
    expect(findObject(objects, 'StatefulSet', 'store').spec.replicas).toBe(members);
    expect(flags(objects)['initial-cluster'].split(',')).toHaveLength(members);
    expect(findObjects(objects, 'PodDisruptionBudget').map((o) => o.spec.minAvailable)).toEqual(minAvailable ? [minAvailable] : []);
  });

  test('disruptionBudget can be forced on or off', () => {
    expect(findObject(render({ size: 1, disruptionBudget: true }).objects, 'PodDisruptionBudget', 'store').spec.minAvailable).toBe(1);
    expect(findObjects(render({ disruptionBudget: false }).objects, 'PodDisruptionBudget')).toEqual([]);
  });

  test('version picks the image tag', () => {
    const { cluster, objects } = render({ version: '3.5.17' });
    expect(etcdContainer(objects).image).toBe('quay.io/coreos/etcd:v3.5.17');
    expect(cluster.version).toBe('3.5.17');
  });

  test('image replaces the default; its tag tells the version', () => {
    const { cluster, objects } = render({ image: 'gcr.io/etcd-development/etcd:v3.4.23' });
    expect(etcdContainer(objects).image).toBe('gcr.io/etcd-development/etcd:v3.4.23');
    expect(cluster.version).toBe('3.4.23');
    expect(render({ image: 'registry.example/etcd' }).cluster.version).toBeUndefined();
  });

  test('metadata names every object, and a namespace goes into every URL', () => {
    const { cluster, objects } = render({ metadata: { name: 'config', namespace: 'infra', labels: { team: 'core' }, annotations: { owner: 'core' } } });
    expect(objects.map((o) => `${o.kind}/${o.metadata.namespace}/${o.metadata.name}`)).toEqual(['StatefulSet/infra/config', 'Service/infra/config-peer', 'Service/infra/config', 'PodDisruptionBudget/infra/config']);
    for (const o of objects) expect(o.metadata).toMatchObject({ labels: { team: 'core', 'app.kubernetes.io/instance': 'config' }, annotations: { owner: 'core' } });
    const sts = findObject(objects, 'StatefulSet', 'config');
    expect(sts.spec.template.spec.containers[0].args).toContain('--advertise-client-urls=http://$(POD_NAME).config-peer.infra.svc:2379');
    expect(sts.spec.template.spec.containers[0].env).toEqual([{ name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }]);
    expect(cluster.clientUrl).toBe('http://config.infra.svc:2379');
    expect(cluster.endpoints[2]).toBe('http://config-2.config-peer.infra.svc:2379');
  });

  test('the chart namespace counts as the namespace', () => {
    expect(render({}, 'infra').cluster.clientUrl).toBe('http://store.infra.svc:2379');
  });

  test('podLabels go on the members, not into the selector', () => {
    const sts = findObject(render({ podLabels: { tier: 'storage' } }).objects, 'StatefulSet', 'store');
    expect(sts.spec.template.metadata.labels).toMatchObject({ tier: 'storage' });
    expect(sts.spec.selector.matchLabels).not.toHaveProperty('tier');
  });

  test('resources replace the default requests', () => {
    const resources = { requests: { cpu: '500m', memory: '1Gi' }, limits: { memory: '2Gi' } };
    expect(etcdContainer(render({ resources }).objects).resources).toEqual(resources);
  });

  test('storage: size and storage class of each member claim', () => {
    const sts = findObject(render({ storage: { size: '8Gi', storageClassName: 'fast-ssd' } }).objects, 'StatefulSet', 'store');
    expect(sts.spec.volumeClaimTemplates[0].spec).toEqual({ accessModes: ['ReadWriteOnce'], storageClassName: 'fast-ssd', resources: { requests: { storage: '8Gi' } } });
  });

  test('storage: ephemeral uses an emptyDir (size as its limit) and no claims', () => {
    const sts = findObject(render({ storage: { ephemeral: true, size: '512Mi' } }).objects, 'StatefulSet', 'store');
    expect(sts.spec.volumeClaimTemplates).toBeUndefined();
    expect(sts.spec.template.spec.volumes).toEqual([{ name: 'data', emptyDir: { sizeLimit: '512Mi' } }]);
  });

  test('clientTls: https client URLs, certificate flags, the Secret mounted, probes on the plain-HTTP metrics port', () => {
    const { cluster, objects } = render({ clientTls: { secretName: 'etcd-client' } });
    const f = flags(objects);
    expect(f['listen-client-urls']).toBe('https://0.0.0.0:2379');
    expect(f['advertise-client-urls']).toMatch(/^https:/);
    expect(f['initial-cluster']).toMatch(/^store-0=http:/);
    expect(f).toMatchObject({ 'cert-file': '/etc/etcd/tls/client/tls.crt', 'key-file': '/etc/etcd/tls/client/tls.key', 'trusted-ca-file': '/etc/etcd/tls/client/ca.crt', 'client-cert-auth': 'true', 'listen-metrics-urls': 'http://0.0.0.0:2381' });
    const container = etcdContainer(objects);
    expect(container.volumeMounts).toContainEqual({ name: 'client-tls', mountPath: '/etc/etcd/tls/client', readOnly: true });
    expect(findObject(objects, 'StatefulSet', 'store').spec.template.spec.volumes).toEqual([{ name: 'client-tls', secret: { secretName: 'etcd-client', defaultMode: 0o400 } }]);
    expect(container.ports).toContainEqual({ name: 'metrics', containerPort: 2381 });
    expect(container.livenessProbe.httpGet).toEqual({ path: '/health', port: 'metrics' });
    expect(cluster.clientUrl).toBe('https://store:2379');
    expect(flags(render({ clientTls: { secretName: 'etcd-client', clientCertAuth: false } }).objects)['client-cert-auth']).toBe('false');
  });

  test('peerTls: https peer URLs and peer certificate flags', () => {
    const f = flags(render({ peerTls: { secretName: 'etcd-peer' } }).objects);
    expect(f['listen-peer-urls']).toBe('https://0.0.0.0:2380');
    expect(f['initial-cluster']).toMatch(/^store-0=https:\/\/store-0\.store-peer/);
    expect(f['listen-client-urls']).toBe('http://0.0.0.0:2379');
    expect(f).toMatchObject({ 'peer-cert-file': '/etc/etcd/tls/peer/tls.crt', 'peer-key-file': '/etc/etcd/tls/peer/tls.key', 'peer-trusted-ca-file': '/etc/etcd/tls/peer/ca.crt', 'peer-client-cert-auth': 'true' });
  });

  test('extraFlags come after the flags berth sets', () => {
    const args = etcdContainer(render({ extraFlags: { 'auto-compaction-retention': '1', 'quota-backend-bytes': '8589934592' } }).objects).args;
    expect(args.slice(-2)).toEqual(['--auto-compaction-retention=1', '--quota-backend-bytes=8589934592']);
  });

  test('clusterToken replaces the derived token', () => {
    expect(flags(render({ clusterToken: 'prod-config-1' }).objects)['initial-cluster-token']).toBe('prod-config-1');
  });

  test('the derived token is stable per cluster and differs between namespaces and paths', () => {
    const token = (namespace?: string, id = 'store') => new EtcdCluster(chart(namespace), id, {}).clusterToken;
    expect(token()).toBe(token());
    expect(token('a')).not.toBe(token('b'));
    expect(token(undefined, 'other')).not.toBe(token());
  });

  test('envVar hands a Pod every member endpoint', () => {
    const c = chart('infra');
    const store = new EtcdCluster(c, 'store');
    new Pod(c, 'app', { containers: [{ name: 'app', image: 'busybox:1.36', env: [store.envVar(), { name: 'ETCD_URL', value: store.clientUrl }] }] });
    const env = findObject(synth(c), 'Pod', 'app').spec.containers[0].env;
    expect(env).toEqual([
      { name: 'ETCDCTL_ENDPOINTS', value: 'http://store-0.store-peer.infra.svc:2379,http://store-1.store-peer.infra.svc:2379,http://store-2.store-peer.infra.svc:2379' },
      { name: 'ETCD_URL', value: 'http://store.infra.svc:2379' },
    ]);
    expect(store.envVar('ENDPOINTS').name).toBe('ENDPOINTS');
  });

  test('certificateDnsNames cover every member and the client Service', () => {
    expect(new EtcdCluster(chart('infra'), 'store').certificateDnsNames).toEqual(['*.store-peer.infra.svc', 'store.infra.svc']);
  });
});
