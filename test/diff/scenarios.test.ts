import { diffObjects, DiffOptions, KubeObject } from '../../lib/diff';
import { deployment, live, OURS, withDeploymentDefaults } from './scenarios';

const run = (desired: KubeObject[], liveObjects: KubeObject[], options: DiffOptions = {}) =>
  diffObjects(desired, liveObjects, options).objects.map((o) => ({ verdict: o.verdict, paths: o.paths, conflicts: o.conflicts, reason: o.reason }));

const one = (desired: KubeObject, liveObject: KubeObject, options: DiffOptions = {}) => run([desired], [liveObject], options)[0];

describe('defaults the API server fills in are not changes', () => {
  test('a Deployment with every server default, owned as applied: no-change', () => {
    expect(one(deployment(), live(deployment(), { berth: OURS }, withDeploymentDefaults)).verdict).toBe('no-change');
  });
  test('without managedFields (plain `kubectl get -o yaml`) only the desired fields are compared', () => {
    const current = live(deployment(), {}, withDeploymentDefaults);
    delete (current.metadata as any).managedFields;
    expect(one(deployment(), current).verdict).toBe('no-change');
  });
  test('a default we set before and no longer set is no change when the live value is the default', () => {
    const ours = JSON.parse(JSON.stringify(OURS));
    ours['f:spec']['f:template']['f:spec']['f:containers']['k:{"name":"web"}']['f:imagePullPolicy'] = {};
    ours['f:spec']['f:replicas'] = {};
    expect(one(deployment(), live(deployment({ replicas: 1 }, { imagePullPolicy: 'IfNotPresent' }), { berth: ours }, withDeploymentDefaults)).verdict).toBe('no-change');
  });
  test('a non-default we set before and no longer set goes back to the default: a change', () => {
    const ours = JSON.parse(JSON.stringify(OURS));
    ours['f:spec']['f:replicas'] = {};
    expect(one(deployment(), live(deployment({ replicas: 4 }), { berth: ours }, withDeploymentDefaults))).toMatchObject({ verdict: 'update', paths: ['spec.replicas'] });
  });
  test('container port protocol: omitted in desired, TCP in live, keyed by (containerPort, protocol)', () => {
    const desired = deployment({}, { ports: [{ containerPort: 80, name: 'http' }] });
    expect(one(desired, live(desired, { berth: OURS }, withDeploymentDefaults)).verdict).toBe('no-change');
  });
  test('Service: allocated clusterIP, ipFamilies, sessionAffinity and targetPort defaults are not changes', () => {
    const service: KubeObject = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'shop' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } };
    const current = live(service, { berth: { 'f:spec': { 'f:selector': {}, 'f:ports': { 'k:{"port":80,"protocol":"TCP"}': { '.': {}, 'f:port': {} } } } } }, (o) => {
      Object.assign(o.spec, { clusterIP: '10.96.12.7', clusterIPs: ['10.96.12.7'], ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack', internalTrafficPolicy: 'Cluster', sessionAffinity: 'None', type: 'ClusterIP' });
      o.spec.ports[0] = { port: 80, protocol: 'TCP', targetPort: 80 };
    });
    expect(one(service, current).verdict).toBe('no-change');
  });
  test('StatefulSet claim templates (atomic): the live copy adds apiVersion, kind, volumeMode and status only', () => {
    const sts: KubeObject = { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'db', namespace: 'shop' }, spec: { serviceName: 'db', selector: { matchLabels: { app: 'db' } }, template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'db', image: 'postgres:16' }] } }, volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1024Mi' } } } }] } };
    const current = live(sts, {}, (o) => {
      o.spec.volumeClaimTemplates = [{ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data', creationTimestamp: null }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, volumeMode: 'Filesystem' }, status: { phase: 'Pending' } }];
    });
    expect(one(sts, current).verdict).toBe('no-change');
  });
  test('Job: the generated selector and template labels are not ours', () => {
    const job: KubeObject = { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'migrate', namespace: 'shop' }, spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'm', image: 'migrate:1' }] } } } };
    const current = live(job, { berth: { 'f:spec': { 'f:template': { 'f:spec': { 'f:restartPolicy': {}, 'f:containers': { 'k:{"name":"m"}': { '.': {}, 'f:name': {}, 'f:image': {} } } } } } } }, (o) => {
      o.spec.selector = { matchLabels: { 'batch.kubernetes.io/controller-uid': 'abc' } };
      o.spec.template.metadata = { labels: { 'batch.kubernetes.io/controller-uid': 'abc', 'batch.kubernetes.io/job-name': 'migrate', 'controller-uid': 'abc', 'job-name': 'migrate' } };
      Object.assign(o.spec, { backoffLimit: 6, completionMode: 'NonIndexed', completions: 1, manualSelector: false, parallelism: 1, podReplacementPolicy: 'TerminatingOrFailed', suspend: false });
    });
    expect(one(job, current).verdict).toBe('no-change');
  });
});

describe('quantities by value, int-or-string by type and value', () => {
  test.each([
    ['1000m', '1'], ['1', '1000m'], ['0.5', '500m'], ['1Gi', '1073741824'], ['1024Mi', '1Gi'], ['1.5Gi', '1536Mi'],
  ])('%s = %s', (desiredValue, liveValue) => {
    const desired = deployment({}, { resources: { requests: { cpu: desiredValue } } });
    const current = live(deployment({}, { resources: { requests: { cpu: liveValue } } }), { berth: OURS }, withDeploymentDefaults);
    expect(one(desired, current).verdict).toBe('no-change');
  });
  test('100m ≠ 1 is a change of that quantity', () => {
    const desired = deployment({}, { resources: { limits: { memory: '128Mi' }, requests: { cpu: '100m' } } });
    const current = live(deployment({}, { resources: { limits: { memory: '128Mi' }, requests: { cpu: '1' } } }), { berth: OURS }, withDeploymentDefaults);
    expect(one(desired, current)).toMatchObject({ verdict: 'update', paths: ['spec.template.spec.containers[name=web].resources.requests.cpu'] });
  });
  test('targetPort "80" ≠ 80 and "25%" ≠ 25', () => {
    const service = (targetPort: unknown): KubeObject => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'shop' }, spec: { ports: [{ port: 80, targetPort }] } });
    expect(one(service('http'), live(service(80), {})).paths).toEqual(['spec.ports[port=80,protocol=TCP].targetPort']);
    expect(one(service(80), live(service(80), {})).verdict).toBe('no-change');
    const surge = (maxSurge: unknown) => deployment({ strategy: { rollingUpdate: { maxSurge } } });
    expect(one(surge('25%'), live(surge(25), {})).paths).toEqual(['spec.strategy.rollingUpdate.maxSurge']);
  });
});

describe('ownership (managedFields)', () => {
  test('a live label nobody in the app set is not a change', () => {
    const current = live(deployment(), { berth: OURS, 'kubectl-label': { fields: { 'f:metadata': { 'f:labels': { 'f:team': {} } } }, operation: 'Update' } }, (o) => (o.metadata.labels = { team: 'a' }));
    expect(one(deployment(), current).verdict).toBe('no-change');
  });
  test('a label we set before and no longer set is a removal', () => {
    const ours = { ...OURS, 'f:metadata': { 'f:labels': { 'f:team': {} } } };
    const current = live(deployment(), { berth: ours }, (o) => (o.metadata.labels = { team: 'a' }));
    expect(one(deployment(), current)).toMatchObject({ verdict: 'update', paths: ['metadata.labels.team'] });
  });
  test('a label we set that another manager also set stays', () => {
    const ours = { ...OURS, 'f:metadata': { 'f:labels': { 'f:team': {} } } };
    const current = live(deployment(), { berth: ours, helm: { 'f:metadata': { 'f:labels': { 'f:team': {} } } } }, (o) => (o.metadata.labels = { team: 'a' }));
    expect(one(deployment(), current).verdict).toBe('no-change');
  });
  test('an env var we set before and no longer set is a removal of that item', () => {
    const ours = JSON.parse(JSON.stringify(OURS));
    ours['f:spec']['f:template']['f:spec']['f:containers']['k:{"name":"web"}']['f:env'] = { 'k:{"name":"B"}': { '.': {}, 'f:name': {}, 'f:value': {} } };
    const current = live(deployment({}, { env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }] }), { berth: ours });
    expect(one(deployment({}, { env: [{ name: 'A', value: '1' }] }), current)).toMatchObject({ verdict: 'update', paths: ['spec.template.spec.containers[name=web].env[name=B]'] });
  });
  test('replicas owned by the HPA: not set in the app is no change; set is a conflict; forced is an update', () => {
    const hpa = { 'kube-controller-manager': { fields: { 'f:spec': { 'f:replicas': {} } }, operation: 'Update', subresource: 'scale' } };
    const current = live(deployment({ replicas: 7 }), { berth: OURS, ...hpa }, withDeploymentDefaults);
    expect(one(deployment(), current).verdict).toBe('no-change');
    expect(one(deployment({ replicas: 3 }), current)).toEqual({ verdict: 'conflict', paths: ['spec.replicas'], conflicts: [{ path: 'spec.replicas', manager: 'kube-controller-manager' }], reason: null });
    expect(one(deployment({ replicas: 3 }), current, { forceConflicts: true })).toEqual({ verdict: 'update', paths: ['spec.replicas'], conflicts: [], reason: null });
    expect(one(deployment({ replicas: 7 }), current).verdict).toBe('no-change');
  });
  test('--field-manager picks whose fields are ours', () => {
    const current = live(deployment({ replicas: 2 }), { deployer: { ...OURS, 'f:spec': { ...(OURS['f:spec'] as object), 'f:replicas': {} } } });
    expect(one(deployment({ replicas: 3 }), current, { fieldManager: 'deployer' }).verdict).toBe('update');
    expect(one(deployment({ replicas: 3 }), current).verdict).toBe('conflict');
  });
  test('reordering containers or env is a change of the list (pods roll)', () => {
    const env = (names: string[]) => deployment({}, { env: names.map((name) => ({ name, value: 'x' })) });
    expect(one(env(['B', 'A']), live(env(['A', 'B']), {})).paths).toEqual(['spec.template.spec.containers[name=web].env']);
  });
  test('finalizers are a set', () => {
    const withFinalizers = (f: string[]): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'shop', finalizers: f } });
    expect(one(withFinalizers(['a', 'b']), live(withFinalizers(['b', 'a']), {})).verdict).toBe('no-change');
    expect(one(withFinalizers(['a', 'c']), live(withFinalizers(['a']), {})).paths).toEqual(['metadata.finalizers[=c]']);
  });
  test('annotation keys are quoted in paths', () => {
    const annotated = (a: Record<string, string>) => ({ ...deployment(), metadata: { name: 'web', namespace: 'shop', annotations: a } });
    expect(one(annotated({ 'example.com/owner': 'b' }), live(annotated({ 'example.com/owner': 'a' }), {})).paths).toEqual(['metadata.annotations["example.com/owner"]']);
  });
  test('a new container adds an item; a changed selector (atomic) is one path', () => {
    const desired = deployment({}, {});
    (desired.spec as any).template.spec.containers.push({ name: 'sidecar', image: 'envoy:1' });
    expect(one(desired, live(deployment(), {})).paths).toEqual(['spec.template.spec.containers[name=sidecar]']);
  });
});

describe('immutable fields: replace with a reason', () => {
  test('Deployment selector', () => {
    const desired = deployment({ selector: { matchLabels: { app: 'web', tier: 'front' } } });
    expect(one(desired, live(deployment(), {}))).toMatchObject({ verdict: 'replace', paths: ['spec.selector'], reason: expect.stringMatching(/spec.selector is immutable/) });
  });
  test('Service clusterIP "" asks for the allocated one: no change', () => {
    const service = (clusterIP: string): KubeObject => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'db', namespace: 'shop' }, spec: { clusterIP, ports: [{ port: 5432 }] } });
    expect(one(service(''), live(service('10.96.0.9'), {})).verdict).toBe('no-change');
  });
  test('Service clusterIP', () => {
    const service = (clusterIP: string): KubeObject => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'db', namespace: 'shop' }, spec: { clusterIP, ports: [{ port: 5432 }] } });
    expect(one(service('None'), live(service('10.96.0.9'), {}))).toMatchObject({ verdict: 'replace', paths: ['spec.clusterIP'], reason: expect.stringMatching(/clusterIP/) });
  });
  test('PVC storage may grow (update) but not shrink (replace)', () => {
    const pvc = (storage: string): KubeObject => ({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data', namespace: 'shop' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage } } } });
    expect(one(pvc('2Gi'), live(pvc('1Gi'), {})).verdict).toBe('update');
    expect(one(pvc('512Mi'), live(pvc('1Gi'), {}))).toMatchObject({ verdict: 'replace', reason: expect.stringMatching(/may grow but not shrink/) });
  });
  test('Job template', () => {
    const job = (image: string): KubeObject => ({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j', namespace: 'shop' }, spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'j', image }] } } } });
    expect(one(job('b:2'), live(job('b:1'), {}))).toMatchObject({ verdict: 'replace', paths: ['spec.template.spec.containers[name=j].image'] });
  });
  test('an immutable ConfigMap', () => {
    const cm = (v: string): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'shop' }, immutable: true, data: { k: v } });
    expect(one(cm('2'), live(cm('1'), {}))).toMatchObject({ verdict: 'replace', paths: ['data.k'] });
  });
  test('replace wins over conflict', () => {
    const current = live(deployment(), { other: { 'f:spec': { 'f:selector': {} } } });
    expect(one(deployment({ selector: { matchLabels: { app: 'x' } } }), current).verdict).toBe('replace');
  });
});

describe('create, prune, scope', () => {
  const label = 'applyset.kubernetes.io/part-of';
  const cm = (name: string, labels: Record<string, string> = {}, namespace = 'shop'): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace, labels }, data: { a: '1' } });
  test('live members of our applyset that the app no longer declares are pruned, only with --prune', () => {
    const liveObjects = [live(cm('kept', { [label]: 'applyset-x' }), {}), live(cm('gone', { [label]: 'applyset-x' }), {}), live(cm('theirs', { [label]: 'applyset-y' }), {}), live(cm('unlabelled'), {})];
    const desired = [cm('kept', { [label]: 'applyset-x' })];
    expect(diffObjects(desired, liveObjects).objects.map((o) => `${o.name}:${o.verdict}`)).toEqual(['kept:no-change']);
    const pruned = diffObjects(desired, liveObjects, { prune: true, applysetId: 'applyset-x' });
    expect(pruned.objects.map((o) => `${o.name}:${o.verdict}`)).toEqual(['kept:no-change', 'gone:prune']);
    expect(pruned.summary).toEqual({ create: 0, 'no-change': 1, update: 0, conflict: 0, replace: 0, prune: 1 });
  });
  test('a namespace and its objects created by the same app are all create; cluster-scoped namespace is null', () => {
    const ns: KubeObject = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'new' } };
    const report = diffObjects([ns, cm('c', {}, 'new')], []);
    expect(report.objects.map((o) => [o.kind, o.namespace, o.verdict])).toEqual([['Namespace', null, 'create'], ['ConfigMap', 'new', 'create']]);
  });
  test('objects without a namespace take --namespace, else default; cluster-scoped kinds ignore it', () => {
    const bare: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: '1' } };
    const role: KubeObject = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'r' }, rules: [] };
    expect(diffObjects([bare, role], [live({ ...bare, metadata: { name: 'c', namespace: 'default' } }, {})]).objects.map((o) => [o.namespace, o.verdict])).toEqual([['default', 'no-change'], [null, 'create']]);
    expect(diffObjects([bare], [], { namespace: 'shop' }).objects[0].namespace).toBe('shop');
  });
  test('identity ignores the version: apps/v1 against a live object read as another version', () => {
    const desired = deployment();
    expect(diffObjects([desired], [live({ ...desired, apiVersion: 'apps/v1beta2' } as KubeObject, {})]).objects[0].verdict).toBe('no-change');
  });
});

describe('custom resources', () => {
  const crd = (items: Record<string, unknown>): KubeObject => ({
    apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'backups.example.com' },
    spec: { group: 'example.com', scope: 'Namespaced', names: { kind: 'Backup', plural: 'backups' }, versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', properties: { bucket: { type: 'string', 'x-kubernetes-validations': [{ rule: 'self == oldSelf' }] }, targets: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' }, path: { type: 'string' } } }, ...items } } } } } } }] },
  });
  const backup = (targets: Array<{ name: string; path: string }>, bucket = 'b1'): KubeObject => ({ apiVersion: 'example.com/v1', kind: 'Backup', metadata: { name: 'nightly', namespace: 'shop' }, spec: { bucket, targets } });
  const before = live(backup([{ name: 'a', path: '/a' }]), {});
  const after = backup([{ name: 'a', path: '/a' }, { name: 'b', path: '/b' }]);
  test('list types from the CRD among the objects', () => {
    const keyed = crd({ 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['name'] });
    expect(diffObjects([keyed, after], [live(keyed, {}), before]).objects[1].paths).toEqual(['spec.targets[name=b]']);
  });
  test('without markers (or without the CRD) lists are atomic', () => {
    expect(diffObjects([after], [before]).objects[0].paths).toEqual(['spec.targets']);
    expect(diffObjects([crd({}), after], [before]).objects[1].paths).toEqual(['spec.targets']);
  });
  test('a CEL rule self == oldSelf makes a field immutable', () => {
    const report = diffObjects([crd({}), backup([{ name: 'a', path: '/a' }], 'b2')], [before]);
    expect(report.objects[1]).toMatchObject({ verdict: 'replace', paths: ['spec.bucket'], reason: expect.stringMatching(/self == oldSelf/) });
  });
});

describe('bad input', () => {
  test('the same object twice in the desired set', () => {
    expect(() => diffObjects([deployment(), deployment()], [])).toThrow(/declared twice/);
  });
  test('--prune without an applyset id', () => {
    expect(() => diffObjects([], [], { prune: true })).toThrow(/applyset/);
  });
});

describe('more immutables', () => {
  test('a Secret type', () => {
    const secret = (type: string): KubeObject => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'shop' }, type, data: { a: 'YQ==' } });
    expect(one(secret('kubernetes.io/tls'), live(secret('Opaque'), {}))).toMatchObject({ verdict: 'replace', paths: ['type'] });
  });
  test('StatefulSet serviceName and selector, but not replicas or template', () => {
    const sts = (serviceName: string, replicas: number): KubeObject => ({ apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'db', namespace: 'shop' }, spec: { serviceName, replicas, selector: { matchLabels: { app: 'db' } }, template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'db', image: 'postgres:16' }] } } } });
    expect(one(sts('db', 3), live(sts('db', 1), {})).verdict).toBe('update');
    expect(one(sts('db2', 1), live(sts('db', 1), {}))).toMatchObject({ verdict: 'replace', paths: ['spec.serviceName'] });
  });
  test('our own Update entry (same manager, no subresource) is ours too', () => {
    const ours = { ...OURS, 'f:metadata': { 'f:labels': { 'f:team': {} } } };
    const current = live(deployment(), { berth: { fields: ours, operation: 'Update' } }, (o) => (o.metadata.labels = { team: 'a' }));
    expect(one(deployment(), current)).toMatchObject({ verdict: 'update', paths: ['metadata.labels.team'], conflicts: [] });
  });
});

describe('client-side-applied objects read without managedFields', () => {
  test('another tool\'s annotation beside an empty `annotations: {}` in last-applied is not ours to remove', () => {
    const lastApplied = JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { annotations: {}, name: 'c', namespace: 'shop' }, data: { a: '1' } });
    const current: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'shop', annotations: { 'kubectl.kubernetes.io/last-applied-configuration': lastApplied, 'example.com/owner': 'ops' } }, data: { a: '1' } };
    expect(one({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'shop' }, data: { a: '1' } }, current).verdict).toBe('no-change');
    expect(one({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'shop' }, data: {} }, current)).toMatchObject({ verdict: 'update', paths: ['data.a'] });
  });
});
