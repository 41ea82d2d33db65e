import { recordedObjects } from '../support/fake-apiserver';
import { apiCalls, Harness, startHarness } from './setup';

describe('LiveCluster.list against the recorded kube-apiserver 1.32', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(async () => {
    await harness?.close();
  });
  beforeEach(() => {
    harness.server.requests.length = 0;
  });

  const kinds = [
    { apiVersion: 'v1', kind: 'ServiceAccount' },
    { apiVersion: 'v1', kind: 'Pod' },
    { apiVersion: 'v1', kind: 'Service' },
    { apiVersion: 'v1', kind: 'ReplicationController' },
    { apiVersion: 'apps/v1', kind: 'Deployment' },
    { apiVersion: 'apps/v1', kind: 'StatefulSet' },
    { apiVersion: 'v1', kind: 'ConfigMap' },
    { apiVersion: 'v1', kind: 'Secret' },
  ];

  test('one LIST per kind and namespace returns every recorded object, with apiVersion, kind and managedFields', async () => {
    const cluster = await harness.connect();
    const objects = await cluster.list(kinds, ['kapi-csa', 'kapi-ssa']);

    const expected = recordedObjects().filter((o) => o.kind !== 'Namespace');
    expect(objects.map((o) => `${o.apiVersion} ${o.kind} ${o.metadata.namespace}/${o.metadata.name}`).sort()).toEqual(expected.map((o) => `${o.apiVersion} ${o.kind} ${o.metadata.namespace}/${o.metadata.name}`).sort());
    // Item by item what the server stored (GET bodies), including managedFields and the last-applied annotation.
    for (const object of objects) {
      const stored = expected.find((o) => o.kind === object.kind && o.metadata.namespace === object.metadata.namespace && o.metadata.name === object.metadata.name);
      expect(object).toEqual(stored);
    }
    const deployment = objects.find((o) => o.kind === 'Deployment' && o.metadata.namespace === 'kapi-ssa');
    expect(deployment?.metadata.managedFields?.map((m) => `${m.manager}/${m.operation}`)).toContain('kubectl/Apply');

    expect(apiCalls(harness.server)).toEqual([
      'GET /api/v1/namespaces/kapi-csa/configmaps?limit=500',
      'GET /api/v1/namespaces/kapi-csa/pods?limit=500',
      'GET /api/v1/namespaces/kapi-csa/replicationcontrollers?limit=500',
      'GET /api/v1/namespaces/kapi-csa/secrets?limit=500',
      'GET /api/v1/namespaces/kapi-csa/serviceaccounts?limit=500',
      'GET /api/v1/namespaces/kapi-csa/services?limit=500',
      'GET /api/v1/namespaces/kapi-ssa/configmaps?limit=500',
      'GET /api/v1/namespaces/kapi-ssa/pods?limit=500',
      'GET /api/v1/namespaces/kapi-ssa/replicationcontrollers?limit=500',
      'GET /api/v1/namespaces/kapi-ssa/secrets?limit=500',
      'GET /api/v1/namespaces/kapi-ssa/serviceaccounts?limit=500',
      'GET /api/v1/namespaces/kapi-ssa/services?limit=500',
      'GET /apis/apps/v1/namespaces/kapi-csa/deployments?limit=500',
      'GET /apis/apps/v1/namespaces/kapi-csa/statefulsets?limit=500',
      'GET /apis/apps/v1/namespaces/kapi-ssa/deployments?limit=500',
      'GET /apis/apps/v1/namespaces/kapi-ssa/statefulsets?limit=500',
    ]);
  });

  test('discovery is two requests (aggregated /api and /apis), asked once per connection', async () => {
    const cluster = await harness.connect();
    await cluster.list([{ apiVersion: 'apps/v1', kind: 'Deployment' }], ['kapi-ssa']);
    await cluster.list([{ apiVersion: 'v1', kind: 'Pod' }], ['kapi-ssa']);
    const discovery = harness.server.requests.filter((r) => /^\/(api|apis)$/.test(r.path));
    expect(discovery.map((r) => r.path).sort()).toEqual(['/api', '/apis']);
    for (const request of discovery) expect(request.headers.accept).toContain('as=APIGroupDiscoveryList');
  });

  test("'all' namespaces: one LIST across namespaces per kind", async () => {
    const cluster = await harness.connect();
    const objects = await cluster.list([{ apiVersion: 'apps/v1', kind: 'Deployment' }], 'all');
    expect(objects.map((o) => o.metadata.namespace).sort()).toEqual(['kapi-csa', 'kapi-ssa']);
    expect(apiCalls(harness.server)).toEqual(['GET /apis/apps/v1/deployments?limit=500']);
  });

  test('a cluster-scoped kind is listed once, whatever the namespaces', async () => {
    const cluster = await harness.connect();
    const objects = await cluster.list([{ apiVersion: 'v1', kind: 'Namespace' }], ['kapi-csa', 'kapi-ssa']);
    expect(objects.map((o) => `${o.apiVersion} ${o.kind} ${o.metadata.name}`)).toEqual(['v1 Namespace kapi-csa', 'v1 Namespace kapi-ssa']);
    expect(apiCalls(harness.server)).toEqual(['GET /api/v1/namespaces?limit=500']);
  });

  test('a kind the server does not serve is reported in unknownTypes, and the others are still listed', async () => {
    const cluster = await harness.connect();
    const objects = await cluster.list([{ apiVersion: 'etcd.database.coreos.com/v1beta2', kind: 'EtcdCluster' }, { apiVersion: 'v1', kind: 'ConfigMap' }, { apiVersion: 'apps/v1', kind: 'NoSuchKind' }], ['kapi-ssa']);
    expect(objects.map((o) => o.metadata.name)).toEqual(['web-config']);
    expect(cluster.unknownTypes).toEqual([
      { apiVersion: 'etcd.database.coreos.com/v1beta2', kind: 'EtcdCluster' },
      { apiVersion: 'apps/v1', kind: 'NoSuchKind' },
    ]);
    expect(apiCalls(harness.server)).toEqual(['GET /api/v1/namespaces/kapi-ssa/configmaps?limit=500']);
  });

  test('a label selector is passed to the server (prune lists only applyset members)', async () => {
    const cluster = await harness.connect();
    const objects = await cluster.list([{ apiVersion: 'v1', kind: 'Pod' }, { apiVersion: 'v1', kind: 'Service' }], 'all', { labelSelector: 'app=web,tier in (frontend)' });
    expect(objects.map((o) => `${o.kind} ${o.metadata.namespace}/${o.metadata.name}`)).toEqual(['Pod kapi-csa/web-pod', 'Pod kapi-ssa/web-pod']);
    expect(apiCalls(harness.server)).toEqual([
      'GET /api/v1/pods?labelSelector=app%3Dweb%2Ctier+in+%28frontend%29&limit=500',
      'GET /api/v1/services?labelSelector=app%3Dweb%2Ctier+in+%28frontend%29&limit=500',
    ]);
  });

  test('a namespace with nothing in it lists empty', async () => {
    const cluster = await harness.connect();
    expect(await cluster.list([{ apiVersion: 'v1', kind: 'Pod' }], ['empty'])).toEqual([]);
  });

  test('a version the server no longer serves is listed in the version it serves (identity is group + kind)', async () => {
    const cluster = await harness.connect();
    const objects = await cluster.list([{ apiVersion: 'apps/v1beta2', kind: 'Deployment' }, { apiVersion: 'apps/v1', kind: 'Deployment' }], ['kapi-ssa']);
    expect(objects.map((o) => `${o.apiVersion} ${o.kind} ${o.metadata.name}`)).toEqual(['apps/v1 Deployment web-deploy']);
    expect(apiCalls(harness.server)).toEqual(['GET /apis/apps/v1/namespaces/kapi-ssa/deployments?limit=500']);
  });
});

describe('LiveCluster.list on a server without aggregated discovery', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness({ aggregatedDiscovery: false });
  });
  afterAll(async () => {
    await harness?.close();
  });

  test('falls back to /apis and one resource list per group-version asked about', async () => {
    const cluster = await harness.connect();
    const objects = await cluster.list([{ apiVersion: 'apps/v1', kind: 'StatefulSet' }, { apiVersion: 'v1', kind: 'Service' }, { apiVersion: 'example.com/v1', kind: 'Widget' }], ['kapi-csa']);
    expect(objects.map((o) => `${o.kind} ${o.metadata.name}`)).toEqual(['StatefulSet web-sts', 'Service web-svc']);
    expect(cluster.unknownTypes).toEqual([{ apiVersion: 'example.com/v1', kind: 'Widget' }]);
    expect(harness.server.requests.map((r) => r.path).filter((p) => !p.includes('/namespaces/')).sort()).toEqual(['/api', '/api/v1', '/apis', '/apis', '/apis/apps/v1']);
  });
});

describe('LiveCluster.list with many kinds', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness({ delayMs: 50 });
  });
  afterAll(async () => {
    await harness?.close();
  });

  test('runs the LISTs concurrently, never more than the limit at once', async () => {
    const cluster = await harness.connect({ concurrency: 4 });
    const types = ['ConfigMap', 'Secret', 'Pod', 'Service', 'ServiceAccount', 'ReplicationController', 'Endpoints', 'PersistentVolumeClaim', 'LimitRange', 'ResourceQuota', 'Event', 'PodTemplate'].map((kind) => ({ apiVersion: 'v1', kind }));
    const objects = await cluster.list([...types, { apiVersion: 'apps/v1', kind: 'Deployment' }, { apiVersion: 'apps/v1', kind: 'StatefulSet' }], ['kapi-csa', 'kapi-ssa']);
    expect(objects).toHaveLength(16);
    expect(apiCalls(harness.server)).toHaveLength(28);
    expect(harness.server.maxListsInFlight).toBe(4);
  });

  test('pages a large collection with limit/continue and still returns it whole', async () => {
    const many = Array.from({ length: 1203 }, (_, i) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `cm-${String(i).padStart(4, '0')}`, namespace: 'big' }, data: { i: String(i) } }));
    const paged = await startHarness({ objects: many });
    try {
      const cluster = await paged.connect();
      const objects = await cluster.list([{ apiVersion: 'v1', kind: 'ConfigMap' }], ['big']);
      expect(objects).toHaveLength(1203);
      expect(objects[1202]).toEqual({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm-1202', namespace: 'big' }, data: { i: '1202' } });
      expect(apiCalls(paged.server)).toEqual(['GET /api/v1/namespaces/big/configmaps?limit=500', 'GET /api/v1/namespaces/big/configmaps?limit=500&continue=1000', 'GET /api/v1/namespaces/big/configmaps?limit=500&continue=500']);
    } finally {
      await paged.close();
    }
  });
});
