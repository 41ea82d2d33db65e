import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import type { LiveCluster as DiffLiveCluster } from '../../lib/diff/cluster';
import type { KubeObject } from '../../lib/live';
import { FIXTURES, readJson, recorded } from '../support/fake-apiserver';
import { expectOnlyDryRuns, Harness, startHarness } from './setup';

const DEPLOYMENT = '/apis/apps/v1/namespaces/kapi-ssa/deployments/web-deploy';

/** The manifest of http/05 and 06 (replicas 4, image nginx:1.27), sent by curl with fieldManager sdk-acceptance. */
const conflicting = parse(fs.readFileSync(path.join(FIXTURES, 'http', '05-apply-patch-body.yaml'), 'utf8')) as KubeObject;

/** kubectl-diff/manifests/d01-deployment-image.yaml: the recorded manifest with nginx:1.27. */
const imageChange: KubeObject = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web-deploy', labels: { app: 'web-deploy' } },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: 'web-deploy' } },
    template: {
      metadata: { labels: { app: 'web-deploy' } },
      spec: { containers: [{ name: 'web', image: 'nginx:1.27', ports: [{ name: 'http', containerPort: 80 }], env: [{ name: 'MODE', value: 'prod' }], resources: { requests: { cpu: '100m', memory: '64Mi' } } }] },
    },
  },
};

describe('LiveCluster.dryRunApply against the recorded kube-apiserver 1.32', () => {
  let harness: Harness;
  let cluster: LiveCluster;
  type LiveCluster = Awaited<ReturnType<Harness['connect']>>;
  beforeAll(async () => {
    harness = await startHarness({
      applyAnswers: [
        { path: DEPLOYMENT, when: (q) => q.fieldManager === 'sdk-acceptance' && q.force === 'true', answer: recorded('06-apply-patch-dryrun-force') },
        { path: DEPLOYMENT, when: (q) => q.fieldManager === 'sdk-acceptance', answer: recorded('05-apply-patch-dryrun-conflict') },
        { path: DEPLOYMENT, when: (_q, body) => body.includes('"replicas":-1'), answer: recorded('14-invalid-dryrun') },
        { path: DEPLOYMENT, when: (_q, body) => body.includes('nginx:1.27'), answer: { status: 200, body: parse(fs.readFileSync(path.join(FIXTURES, 'dry-run-server', 'ssa-deployment-image.yaml.stdout'), 'utf8')) } },
        { path: '/api/v1/namespaces/kapi-ssa/configmaps/created-by-apply', answer: recorded('07-apply-patch-dryrun-create') },
      ],
    });
    cluster = await harness.connect();
  });
  afterAll(async () => {
    await harness?.close();
  });
  afterEach(() => expectOnlyDryRuns(harness.server));

  function patches(): Array<{ path: string; query: Record<string, string>; contentType: unknown; body: unknown }> {
    return harness.server.requests.filter((r) => r.method === 'PATCH').map((r) => ({ path: r.path, query: { ...r.query }, contentType: r.headers['content-type'], body: JSON.parse(r.body) }));
  }

  test('implements the LiveCluster that lib/diff codes against', () => {
    const forDiff: DiffLiveCluster = cluster;
    expect(forDiff.namespace).toBe('kapi-ssa');
  });

  test('create: a server-side apply PATCH with dryRun=All, fieldManager and force, into the default namespace', async () => {
    const answer = await cluster.dryRunApply({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'created-by-apply' }, data: { k: 'v' } }, { fieldManager: 'sdk-acceptance', force: false });
    expect(answer).toEqual({ kind: 'applied', object: recorded('07-apply-patch-dryrun-create').body });
    expect(patches()).toEqual([{
      path: '/api/v1/namespaces/kapi-ssa/configmaps/created-by-apply',
      query: { dryRun: 'All', fieldManager: 'sdk-acceptance', force: 'false' },
      contentType: 'application/apply-patch+yaml',
      body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'created-by-apply', namespace: 'kapi-ssa' }, data: { k: 'v' } },
    }]);
  });

  test('update: the object the server would store', async () => {
    const answer = await cluster.dryRunApply(imageChange, { fieldManager: 'kubectl', force: false });
    expect(answer.kind).toBe('applied');
    const object = (answer as { object: KubeObject }).object;
    expect((object.spec as { template: { spec: { containers: Array<{ image: string; imagePullPolicy: string }> } } }).template.spec.containers[0]).toMatchObject({ image: 'nginx:1.27', imagePullPolicy: 'IfNotPresent' });
    expect(object.metadata).toMatchObject({ namespace: 'kapi-ssa', generation: 2, resourceVersion: '211' });
  });

  test('no change: the stored object comes back as it is', async () => {
    const live = readJson('ssa/06-configmap.live.json') as KubeObject;
    const answer = await cluster.dryRunApply({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'web-config', namespace: 'kapi-ssa' }, data: live.data }, { fieldManager: 'kubectl', force: false });
    expect(answer).toEqual({ kind: 'applied', object: live });
  });

  test('conflict: each field with the manager that owns it, in keyed-list notation', async () => {
    const answer = await cluster.dryRunApply(conflicting, { fieldManager: 'sdk-acceptance', force: false });
    expect(answer).toEqual({
      kind: 'conflict',
      conflicts: [
        { manager: 'kubectl', path: 'spec.replicas', message: 'conflict with "kubectl" with subresource "scale" using apps/v1' },
        { manager: 'kubectl', path: 'spec.template.spec.containers[name=web].image', message: 'conflict with "kubectl"' },
        { manager: 'other-tool', path: 'spec.template.spec.containers[name=web].image', message: 'conflict with "other-tool"' },
      ],
    });
  });

  test('force: the same apply with force=true takes the fields', async () => {
    const answer = await cluster.dryRunApply(conflicting, { fieldManager: 'sdk-acceptance', force: true });
    expect(answer).toEqual({ kind: 'applied', object: recorded('06-apply-patch-dryrun-force').body });
    expect(patches()[0].query).toEqual({ dryRun: 'All', fieldManager: 'sdk-acceptance', force: 'true' });
  });

  test('invalid: the server\'s message', async () => {
    const answer = await cluster.dryRunApply({ ...imageChange, spec: { ...(imageChange.spec as object), replicas: -1 } }, { fieldManager: 'kubectl', force: false });
    expect(answer).toEqual({ kind: 'invalid', message: 'Deployment.apps "web-deploy" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0' });
  });

  test('missing namespace: named, not an error', async () => {
    const answer = await cluster.dryRunApply({ ...imageChange, metadata: { ...imageChange.metadata, namespace: 'does-not-exist' } }, { fieldManager: 'kubectl', force: false });
    expect(answer).toEqual({ kind: 'missing-namespace', namespace: 'does-not-exist' });
  });

  test('unknown kind: answered without asking the server to patch', async () => {
    const answer = await cluster.dryRunApply({ apiVersion: 'etcd.database.coreos.com/v1beta2', kind: 'EtcdCluster', metadata: { name: 'etcd' } }, { fieldManager: 'berth', force: false });
    expect(answer).toEqual({ kind: 'unknown-kind', apiVersion: 'etcd.database.coreos.com/v1beta2', objectKind: 'EtcdCluster' });
    expect(patches()).toEqual([]);
  });

  test('a cluster-scoped object is sent without a namespace, to the cluster-scoped URL', async () => {
    const namespace = readJson('ssa/00-namespace.live.json') as KubeObject;
    const answer = await cluster.dryRunApply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'kapi-ssa', namespace: 'stray' } }, { fieldManager: 'berth', force: false });
    expect(answer).toEqual({ kind: 'applied', object: namespace });
    expect(patches().map((p) => [p.path, p.body])).toEqual([['/api/v1/namespaces/kapi-ssa', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'kapi-ssa' } }]]);
  });

  test('many dry runs at once are sent a few at a time', async () => {
    const slow = await startHarness({ delayMs: 20 });
    const live = readJson('ssa/06-configmap.live.json') as KubeObject;
    const same = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'web-config', namespace: 'kapi-ssa' }, data: live.data };
    try {
      const limited = await slow.connect({ concurrency: 3 });
      const answers = await Promise.all(Array.from({ length: 30 }, () => limited.dryRunApply(same, { fieldManager: 'kubectl', force: false })));
      expect(answers.every((a) => a.kind === 'applied')).toBe(true);
      expect(slow.server.requests.filter((r) => r.method === 'PATCH')).toHaveLength(30);
      expect(slow.server.maxPatchesInFlight).toBe(3);
      expect(slow.server.realWrites).toEqual([]);
    } finally {
      await slow.close();
    }
  });
});
