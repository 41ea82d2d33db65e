import { ApiObject, JsonPatch } from 'cdk8s';
import * as kplus from 'cdk8s-plus-32';
import { App, Chart, Deployment, Pod, ReplicationController, Service, Workload } from 'berth';
import { findObject, problemsOf, synth } from 'berth/testing';

const container = { name: 'web', image: 'nginx:1.27', ports: [{ name: 'http', containerPort: 80 }] };

function chart(): Chart {
  return new Chart(new App(), 'test');
}

// Workloads and Services are their own ApiObject, not holders of one: one construct per emitted object.
describe('berth objects are their own ApiObject', () => {
  test('the object is the construct: no child, its path, `resource` and ApiObject.of give it back', () => {
    const c = chart();
    const web = new Deployment(c, 'web', { containers: [container] });
    const svc = new Service(c, 'svc', { selects: web, ports: [{ port: 80, targetPort: 'http' }] });
    for (const object of [web, svc]) {
      expect(object.node.children).toHaveLength(0);
      expect(object.resource).toBe(object);
      expect(ApiObject.of(object)).toBe(object);
    }
    expect(web.node.path).toBe('test/web');
    expect(c.node.findAll().filter((x) => ApiObject.isApiObject(x))).toEqual([web, svc]);
  });

  test('labels from the chart, the props and addLabel after construction all reach the output (berth copies the map cdk8s built)', () => {
    const c = new Chart(new App(), 'test', { labels: { team: 'web' } });
    const web = new Deployment(c, 'web', { metadata: { labels: { tier: 'front' } }, containers: [container] });
    const svc = new Service(c, 'svc', { metadata: { labels: { tier: 'edge' } }, selects: web, ports: [{ port: 80, targetPort: 'http' }] });
    web.metadata.addLabel('release', 'r1');
    svc.metadata.addLabel('release', 'r2');
    expect(web.metadata.getLabel('tier')).toBe('front');
    const out = synth(c);
    expect(findObject(out, 'Deployment', 'web').metadata.labels).toEqual({ team: 'web', app: 'web', tier: 'front', release: 'r1' });
    expect(findObject(out, 'Service', 'svc').metadata.labels).toEqual({ team: 'web', tier: 'edge', release: 'r2' });
  });

  test('JSON patches on the workload reach the output', () => {
    const c = chart();
    const web = new Deployment(c, 'web', { containers: [container] });
    web.addJsonPatch(JsonPatch.add('/spec/template/spec/priorityClassName', 'high'));
    expect(findObject(synth(c), 'Deployment', 'web').spec.template.spec.priorityClassName).toBe('high');
  });

  test('errors name the construct path, not a child', () => {
    const c = chart();
    new Deployment(c, 'one', { metadata: { name: 'db' }, containers: [container] });
    new Deployment(c, 'two', { metadata: { name: 'db' }, containers: [container] });
    expect(problemsOf(c).map((p) => p.message)).toEqual(['Deployment name must be unique: test/two and test/one are both named "db"']);
  });

  test('instanceof keeps its usual meaning (cdk8s makes it "any ApiObject" for subclasses)', () => {
    const c = chart();
    const web = new Deployment(c, 'web', { containers: [container] });
    const pod = new Pod(c, 'pod', { containers: [container] });
    const rc = new ReplicationController(c, 'rc', { containers: [container] });
    const svc = new Service(c, 'svc', { selects: web, ports: [{ port: 80 }] });
    const plus = new kplus.Deployment(c, 'plus', { containers: [{ image: 'nginx', portNumber: 80 }] });
    const plain = new ApiObject(c, 'plain', { apiVersion: 'v1', kind: 'ConfigMap' });

    expect([web, pod, rc, svc, plain].every((x) => x instanceof ApiObject)).toBe(true);
    expect([web, pod, rc].every((x) => x instanceof Workload)).toBe(true);
    expect(web instanceof Deployment && pod instanceof Pod && svc instanceof Service).toBe(true);
    expect(web instanceof Pod || pod instanceof Deployment || rc instanceof Deployment).toBe(false);
    expect(svc instanceof Workload || web instanceof Service).toBe(false);
    for (const other of [plus, ApiObject.of(plus), plain]) {
      expect(other instanceof Service || other instanceof Workload || other instanceof Deployment).toBe(false);
    }
  });
});
