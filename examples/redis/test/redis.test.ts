import { App, Chart } from 'berth';
import { findObject, problemsOf, synth } from 'berth/testing';
import { Redis } from '../constructs/redis';

function chart(): Chart {
  return new Chart(new App(), 'test');
}

describe('Redis', () => {
  test('defaults: a master, two replicas, a Service for each', () => {
    const c = chart();
    new Redis(c, 'redis');
    const objects = synth(c);
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(['ReplicationController/redis-master', 'Service/redis-master', 'ReplicationController/redis-slave', 'Service/redis-slave']);
    expect(findObject(objects, 'ReplicationController', 'redis-slave').spec.replicas).toBe(2);
    expect(findObject(objects, 'ReplicationController', 'redis-master').spec.template.spec.volumes).toEqual([{ name: 'data', emptyDir: {} }]);
  });

  test('replicas find the master through its Service name', () => {
    const c = chart();
    new Redis(c, 'cache');
    const objects = synth(c);
    const master = findObject(objects, 'Service', 'cache-master');
    expect(findObject(objects, 'ReplicationController', 'cache-slave').spec.template.spec.containers[0].args).toEqual(['redis-server', '--slaveof', master.metadata.name, '6379']);
  });

  test('replicas, image, resources and persistence', () => {
    const c = chart();
    new Redis(c, 'redis', { replicas: 5, image: 'redis:7.2', resources: { requests: { cpu: '1' } }, persistence: { claimName: 'redis-data' } });
    const objects = synth(c);
    const master = findObject(objects, 'ReplicationController', 'redis-master').spec.template.spec;
    expect(master.volumes).toEqual([{ name: 'data', persistentVolumeClaim: { claimName: 'redis-data' } }]);
    expect(master.containers[0]).toMatchObject({ image: 'redis:7.2', resources: { requests: { cpu: '1' } } });
    expect(findObject(objects, 'ReplicationController', 'redis-slave').spec.replicas).toBe(5);
  });

  test('fails for a bad size limit', () => {
    const c = chart();
    new Redis(c, 'redis', { persistence: { sizeLimit: '1 GB' } });
    expect(problemsOf(c).map((p) => `${p.path} ${p.field}`)).toEqual(['test/redis/master volumes[0].emptyDir.sizeLimit']);
  });
});
