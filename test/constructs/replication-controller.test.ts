import { App, Chart, ReplicationController } from 'berth';
import { findObject, problemsOf, synth } from 'berth/testing';

function chart(): Chart {
  return new Chart(new App(), 'test');
}

const container = { name: 'web', image: 'nginx:1.27', ports: [{ name: 'http', containerPort: 80 }] };

describe('ReplicationController', () => {
  test('defaults', () => {
    const c = chart();
    new ReplicationController(c, 'web', { containers: [container] });
    const objects = synth(c);
    expect(objects).toMatchSnapshot();
    const rc = findObject(objects, 'ReplicationController', 'web');
    expect(rc.apiVersion).toBe('v1');
    expect(rc.spec.replicas).toBe(1);
    expect(rc.spec.selector).toEqual({ app: 'web' });
    expect(rc.spec.template.metadata.labels).toEqual({ app: 'web' });
    expect(rc.spec.template.spec.containers).toEqual([container]);
  });

  test('replicas and labels select exactly the template', () => {
    const c = chart();
    new ReplicationController(c, 'frontend', { replicas: 3, labels: { app: 'guestbook', tier: 'frontend' }, containers: [container] });
    const rc = findObject(synth(c), 'ReplicationController', 'frontend');
    expect(rc.spec.replicas).toBe(3);
    expect(rc.spec.selector).toEqual({ app: 'guestbook', tier: 'frontend' });
    expect(rc.spec.template.metadata.labels).toEqual(rc.spec.selector);
    expect(rc.metadata.labels).toEqual({ app: 'guestbook', tier: 'frontend' });
  });

  test('zero replicas is allowed (scaled down)', () => {
    const c = chart();
    new ReplicationController(c, 'web', { replicas: 0, containers: [container] });
    expect(findObject(synth(c), 'ReplicationController', 'web').spec.replicas).toBe(0);
  });

  test('object labels stay out of the selector and the template', () => {
    const c = chart();
    new ReplicationController(c, 'web', { metadata: { labels: { team: 'a' } }, containers: [container] });
    const rc = findObject(synth(c), 'ReplicationController', 'web');
    expect(rc.metadata.labels).toEqual({ app: 'web', team: 'a' });
    expect(rc.spec.selector).toEqual({ app: 'web' });
    expect(rc.spec.template.metadata.labels).toEqual({ app: 'web' });
  });

  test('containers added later are rendered', () => {
    const c = chart();
    const rc = new ReplicationController(c, 'web', { containers: [container] });
    rc.addContainer({ name: 'sidecar', image: 'busybox:1.36', command: ['sleep', 'infinity'] });
    expect(findObject(synth(c), 'ReplicationController', 'web').spec.template.spec.containers.map((x: { name: string }) => x.name)).toEqual(['web', 'sidecar']);
  });

  test.each([
    [-1, 'replicas must be a non-negative integer, got -1'],
    [1.5, 'replicas must be a non-negative integer, got 1.5'],
  ])('fails for replicas %p', (replicas, message) => {
    const c = chart();
    new ReplicationController(c, 'web', { replicas, containers: [container] });
    expect(problemsOf(c).map((p) => `${p.field} ${p.message}, got ${JSON.stringify(p.value)}`)).toEqual([message]);
  });

  test('fails when a controller pod would not restart', () => {
    const c = chart();
    new ReplicationController(c, 'web', { restartPolicy: 'Never', containers: [container] });
    expect(() => synth(c)).toThrow('[test/web] restartPolicy must be Always for a pod run by a controller, got "Never"');
  });
});
