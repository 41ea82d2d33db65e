import { App, Chart, Pod, ReplicationController, Service } from 'berth';
import { findObject, problemsOf, synth } from 'berth/testing';
import { ApiObject, Lazy } from 'cdk8s';

const redis = { name: 'master', image: 'redis:2.8', ports: [{ name: 'redis', containerPort: 6379 }] };

function chart(namespace?: string): Chart {
  return new Chart(new App(), 'test', { namespace });
}

function messages(c: Chart): string[] {
  return problemsOf(c).map((p) => `${p.path} ${p.field}: ${p.message}`);
}

describe('Service', () => {
  test('defaults: selects a workload by its labels', () => {
    const c = chart();
    const master = new ReplicationController(c, 'redis-master', { labels: { app: 'redis', role: 'master' }, containers: [redis] });
    new Service(c, 'redis', { selects: master, ports: [{ port: 6379, targetPort: 'redis' }] });
    const objects = synth(c);
    expect(findObject(objects, 'Service', 'redis')).toMatchSnapshot();
    const svc = findObject(objects, 'Service', 'redis');
    expect(svc.spec.selector).toEqual({ app: 'redis', role: 'master' });
    expect(svc.spec.ports).toEqual([{ port: 6379, targetPort: 'redis' }]);
    expect(svc.spec.type).toBeUndefined();
  });

  test('explicit selector, type, headless and affinity', () => {
    const c = chart();
    new Pod(c, 'db', { labels: { app: 'db' }, containers: [redis] });
    new Service(c, 'db-svc', { metadata: { name: 'db' }, selector: { app: 'db' }, clusterIP: 'None', publishNotReadyAddresses: true, ports: [{ port: 6379 }] });
    new Service(c, 'db-public', { selector: { app: 'db' }, type: 'NodePort', sessionAffinity: 'ClientIP', ports: [{ port: 6379, nodePort: 30079 }] });
    const objects = synth(c);
    expect(findObject(objects, 'Service', 'db').spec).toEqual({ clusterIP: 'None', publishNotReadyAddresses: true, selector: { app: 'db' }, ports: [{ port: 6379 }] });
    expect(findObject(objects, 'Service', 'db-public').spec).toMatchObject({ type: 'NodePort', sessionAffinity: 'ClientIP' });
  });

  test('selects pods of cdk8s and cdk8s-plus objects too', () => {
    const c = chart();
    new ApiObject(c, 'plain', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'plain' },
      spec: { selector: { matchLabels: { app: 'plain' } }, template: { metadata: { labels: { app: 'plain' } }, spec: { containers: [{ name: 'c', image: 'nginx', ports: [{ name: 'http', containerPort: 80 }] }] } } },
    });
    new Service(c, 'plain-svc', { selector: { app: 'plain' }, ports: [{ port: 80, targetPort: 'http' }] });
    expect(messages(c)).toEqual([]);
  });

  test('a custom kind named like a built-in one is still read for a pod template (a Knative Service has one)', () => {
    const c = chart();
    new ApiObject(c, 'knative', {
      apiVersion: 'serving.knative.dev/v1',
      kind: 'Service',
      metadata: { name: 'knative' },
      spec: { template: { metadata: { labels: { app: 'kn' } }, spec: { containers: [{ image: 'nginx', ports: [{ name: 'http1', containerPort: 8080 }] }] } } },
    });
    new Service(c, 'kn-svc', { selector: { app: 'kn' }, ports: [{ port: 80, targetPort: 'http1' }] });
    expect(messages(c)).toEqual([]);
  });

  test('objects of built-in kinds that never hold a pod template are not rendered to look for one', () => {
    const c = chart();
    const rendered: string[] = [];
    const watched = (kind: string) => Lazy.any({ produce: () => rendered.push(kind) && 'x' });
    new ApiObject(c, 'config', { apiVersion: 'v1', kind: 'ConfigMap', data: { key: watched('ConfigMap') } });
    new ApiObject(c, 'role', { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', rules: [{ verbs: [watched('Role')] }] });
    new ApiObject(c, 'custom', { apiVersion: 'example.com/v1', kind: 'ConfigMap', data: { key: watched('example.com ConfigMap') } });
    new Pod(c, 'db', { labels: { app: 'db' }, containers: [redis] });
    new Service(c, 'db-svc', { selector: { app: 'db' }, ports: [{ port: 6379 }] });
    expect(messages(c)).toEqual([]);
    expect(rendered).toEqual(['example.com ConfigMap']); // a custom kind is read, whatever its name
  });

  test('fails when the selector matches no pod template', () => {
    const c = chart();
    new Pod(c, 'db', { labels: { app: 'db' }, containers: [redis] });
    new Service(c, 'cache', { selector: { app: 'cache' }, ports: [{ port: 6379 }] });
    expect(() => synth(c)).toThrow('[test/cache] selector must match the labels of at least one pod template of the app, got {"app":"cache"} — use selects: <workload>, or fix the labels so they match a workload\'s labels');
  });

  test('fails when pods are in another namespace', () => {
    const app = new App();
    const a = new Chart(app, 'a', { namespace: 'one' });
    const b = new Chart(app, 'b', { namespace: 'two' });
    const db = new Pod(a, 'db', { containers: [redis] });
    new Service(b, 'db', { selects: db, ports: [{ port: 6379 }] });
    expect(problemsOf(app).map((p) => p.message)).toEqual(['must match the labels of at least one pod template of the app in namespace "two"']);
  });

  test('fails when a named targetPort is missing on a selected template', () => {
    const c = chart();
    new Pod(c, 'a', { labels: { app: 'db', n: 'a' }, containers: [redis] });
    new Pod(c, 'b', { labels: { app: 'db', n: 'b' }, containers: [{ ...redis, ports: [{ name: 'other', containerPort: 6379 }] }] });
    new Service(c, 'db', { selector: { app: 'db' }, ports: [{ port: 6379, targetPort: 'redis' }] });
    expect(messages(c)).toEqual(['test/db ports[0].targetPort: must name a container port of every selected pod, but test/b has "other"']);
  });

  test.each<[string, ConstructorParameters<typeof Service>[2], string[]]>([
    ['no selection', { ports: [{ port: 80 }] }, ['selects: must name the pods to front']],
    ['no ports', { selector: { app: 'db' } }, ['ports: must list at least one port']],
    ['port 0', { selector: { app: 'db' }, ports: [{ port: 0 }] }, ['ports[0].port: must be an integer from 1 to 65535']],
    ['two unnamed ports', { selector: { app: 'db' }, ports: [{ port: 1 }, { port: 2 }] }, ['ports[0].name: must be set when the Service has more than one port', 'ports[1].name: must be set when the Service has more than one port']],
    ['a duplicate port', { selector: { app: 'db' }, ports: [{ port: 1, name: 'a' }, { port: 1, name: 'b' }] }, ['ports[1].port: must be unique within the Service']],
    ['a nodePort on ClusterIP', { selector: { app: 'db' }, ports: [{ port: 1, nodePort: 30001 }] }, ['ports[0].nodePort: may be set only for NodePort and LoadBalancer Services']],
    ['a nodePort out of range', { selector: { app: 'db' }, type: 'NodePort', ports: [{ port: 1, nodePort: 80 }] }, ['ports[0].nodePort: must be in the node port range 30000–32767']],
    ['an ExternalName without a name', { type: 'ExternalName' }, ['externalName: must be set for an ExternalName Service']],
  ])('fails for %s', (_name, props, expected) => {
    const c = chart();
    new Pod(c, 'db', { labels: { app: 'db' }, containers: [{ ...redis, ports: [{ containerPort: 1 }, { containerPort: 2 }] }] });
    new Service(c, 'svc', props);
    expect(problemsOf(c).map((p) => `${p.field}: ${p.message}`)).toEqual(expected);
  });

  test('derived Service names are DNS-1035 labels', () => {
    const c = chart();
    const db = new Pod(c, 'db', { containers: [redis] });
    new Service(c, '1st', { selects: db, ports: [{ port: 6379 }] });
    expect(findObject(synth(c), 'Pod', 'db')).toBeDefined();
    expect(synth(c).find((o) => o.kind === 'Service')!.metadata.name).toMatch(/^x-1st-[0-9a-f]{8}$/);
  });

  test('two objects of one kind and name fail with both paths', () => {
    const c = chart();
    const db = new Pod(c, 'db', { containers: [redis] });
    new Service(c, 'one', { metadata: { name: 'db' }, selects: db, ports: [{ port: 6379 }] });
    new Service(c, 'two', { metadata: { name: 'db' }, selects: db, ports: [{ port: 6379 }] });
    expect(problemsOf(c).map((p) => p.message)).toEqual(['Service name must be unique: test/two and test/one are both named "db"']);
  });
});
