import { App, Chart, Container, Pod, PodProps } from 'berth';
import { findObject, problemsOf, synth } from 'berth/testing';

const web: Container = { name: 'web', image: 'nginx:1.27', ports: [{ name: 'http', containerPort: 80 }] };

function chart(): Chart {
  return new Chart(new App(), 'test');
}

function problems(props: PodProps): string[] {
  const c = chart();
  new Pod(c, 'pod', props);
  return problemsOf(c).map((p) => `${p.field}: ${p.message}`);
}

describe('Pod', () => {
  test('defaults', () => {
    const c = chart();
    new Pod(c, 'web', { containers: [web] });
    const objects = synth(c);
    expect(objects).toMatchSnapshot();
    const pod = findObject(objects, 'Pod', 'web');
    expect(pod.metadata.labels).toEqual({ app: 'web' });
    expect(pod.spec).toEqual({ containers: [web] });
  });

  test('the whole pod model renders under Kubernetes names', () => {
    const c = chart();
    const container: Container = {
      ...web,
      command: ['nginx'],
      args: ['-g', 'daemon off;'],
      workingDir: '/srv',
      env: [{ name: 'MODE', value: 'prod' }, { name: 'PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } }],
      resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '1', memory: '128Mi' } },
      volumeMounts: [{ name: 'cache', mountPath: '/var/cache/nginx' }],
      livenessProbe: { httpGet: { path: '/healthz', port: 'http' }, periodSeconds: 10 },
      readinessProbe: { tcpSocket: { port: 80 } },
      securityContext: { runAsUser: 101, readOnlyRootFilesystem: true, capabilities: { add: ['NET_BIND_SERVICE'], drop: ['ALL'] } },
      imagePullPolicy: 'IfNotPresent',
    };
    new Pod(c, 'web', {
      labels: { app: 'web', tier: 'frontend' },
      podAnnotations: { 'example.com/owner': 'team-a' },
      containers: [container],
      volumes: [{ name: 'cache', emptyDir: { sizeLimit: '1Gi' } }],
      securityContext: { fsGroup: 101 },
      restartPolicy: 'OnFailure',
      terminationGracePeriodSeconds: 5,
    });
    const pod = findObject(synth(c), 'Pod', 'web');
    expect(pod.metadata.annotations).toEqual({ 'example.com/owner': 'team-a' });
    expect(pod.spec.containers[0]).toEqual(container);
    expect(pod.spec.volumes).toEqual([{ name: 'cache', emptyDir: { sizeLimit: '1Gi' } }]);
    expect(pod.spec).toMatchObject({ restartPolicy: 'OnFailure', terminationGracePeriodSeconds: 5, securityContext: { fsGroup: 101 } });
  });

  test('an explicit name wins over the derived one', () => {
    const c = chart();
    new Pod(c, 'Web_Server.1', { metadata: { name: 'web-1' }, containers: [web] });
    expect(synth(c)[0].metadata.name).toBe('web-1');
  });

  test.each([
    ['web', 'web'],
    ['Web_Server.v2', expect.stringMatching(/^web-server-v2-[0-9a-f]{8}$/)],
    ['redis-master', 'redis-master'],
  ])('derived name of %p is a DNS-1123 name', (id, name) => {
    const c = chart();
    new Pod(c, id, { containers: [web] });
    expect(synth(c)[0].metadata.name).toEqual(name);
  });

  test('derived names include the parent constructs below the chart', () => {
    const c = chart();
    const { Construct } = jest.requireActual('constructs');
    const group = new Construct(c, 'cache');
    new Pod(group, 'master', { containers: [web] });
    expect(synth(c)[0].metadata.name).toBe('cache-master');
  });

  test.each<[string, PodProps, string[]]>([
    ['no containers', { containers: [] }, ['containers: must list at least one container']],
    ['a bad container name', { containers: [{ ...web, name: 'Web' }] }, ['containers[0].name: must be a DNS-1123 label: lowercase letters, digits and "-", starting and ending with a letter or digit']],
    ['duplicate container names', { containers: [web, { ...web, ports: [] }] }, ['containers[1].name: must be unique within the pod']],
    ['an upper-case image', { containers: [{ ...web, image: 'Nginx:1.27' }] }, ['containers[0].image: must have a lowercase repository name']],
    ['an image with a space', { containers: [{ ...web, image: 'nginx 1.27' }] }, ['containers[0].image: must be an image reference: [registry/]name[:tag][@digest]']],
    ['port 0', { containers: [{ ...web, ports: [{ containerPort: 0 }] }] }, ['containers[0].ports[0].containerPort: must be an integer from 1 to 65535']],
    ['port 70000', { containers: [{ ...web, ports: [{ containerPort: 70000 }] }] }, ['containers[0].ports[0].containerPort: must be an integer from 1 to 65535']],
    ['a long port name', { containers: [{ ...web, ports: [{ containerPort: 80, name: 'a-very-long-port-name' }] }] }, ['containers[0].ports[0].name: must be 1 to 15 characters']],
    ['a port twice in a pod', { containers: [web, { name: 'other', image: 'nginx', ports: [{ containerPort: 80 }] }] }, ['containers[1].ports[0].containerPort: must be unique within the pod (containers share one network namespace)']],
    ['a port name twice', { containers: [{ ...web, ports: [{ name: 'http', containerPort: 80 }, { name: 'http', containerPort: 81 }] }] }, ['containers[0].ports[1].name: must be unique within the pod']],
    ['a bad env name', { containers: [{ ...web, env: [{ name: '1ST', value: 'x' }] }] }, ['containers[0].env[0].name: must be a C identifier-like name: letters, digits, "_", "-" and ".", not starting with a digit']],
    ['an env var twice', { containers: [{ ...web, env: [{ name: 'A', value: '1' }, { name: 'A', value: '2' }] }] }, ['containers[0].env[1].name: must be unique within the container (the last one would silently win)']],
    ['an env var with no value', { containers: [{ ...web, env: [{ name: 'A' }] }] }, ['containers[0].env[0]: must have exactly one of value or valueFrom']],
    ['a bad quantity', { containers: [{ ...web, resources: { requests: { memory: '100MB' } } }] }, ['containers[0].resources.requests.memory: must be a quantity such as "100m", "0.5", "128Mi" or "1G"']],
    ['requests above limits', { containers: [{ ...web, resources: { requests: { cpu: '2' }, limits: { cpu: '1500m' } } }] }, ['containers[0].resources.requests.cpu: must not exceed the limit "1500m"']],
    ['a probe on a missing port', { containers: [{ ...web, livenessProbe: { httpGet: { path: '/', port: 'metrics' } } }] }, ['containers[0].livenessProbe.httpGet.port: must name a port of the container']],
    ['a probe with two handlers', { containers: [{ ...web, readinessProbe: { tcpSocket: { port: 80 }, exec: { command: ['true'] } } }] }, ['containers[0].readinessProbe: must have exactly one of httpGet, tcpSocket, exec or grpc']],
    ['a liveness probe with successThreshold 2', { containers: [{ ...web, livenessProbe: { tcpSocket: { port: 80 }, successThreshold: 2 } }] }, ['containers[0].livenessProbe.successThreshold: must be 1 for liveness and startup probes']],
    ['a mount of a missing volume', { containers: [{ ...web, volumeMounts: [{ name: 'data', mountPath: '/data' }] }] }, ['containers[0].volumeMounts[0].name: must name a volume of the pod']],
    ['a relative mount path', { volumes: [{ name: 'data', emptyDir: {} }], containers: [{ ...web, volumeMounts: [{ name: 'data', mountPath: 'data' }] }] }, ['containers[0].volumeMounts[0].mountPath: must be an absolute path']],
    ['a volume with two sources', { volumes: [{ name: 'data', emptyDir: {}, hostPath: { path: '/x' } }], containers: [web] }, ['volumes[0]: must have exactly one source: emptyDir, hostPath, secret, configMap or persistentVolumeClaim']],
    ['a bad label key', { labels: { 'app/x/y': 'a' }, containers: [web] }, ['labels["app/x/y"]: key must be a qualified name: an optional DNS subdomain prefix and "/", then a name']],
    ['a bad label value', { labels: { app: 'my app' }, containers: [web] }, ['labels["app"]: must be empty or letters, digits, "-", "_" and ".", starting and ending with a letter or digit']],
    ['a capability with CAP_', { containers: [{ ...web, securityContext: { capabilities: { add: ['CAP_NET_ADMIN'] } } }] }, ['containers[0].securityContext.capabilities.add[0]: must be a capability name in capitals without the CAP_ prefix']],
    ['a negative user id', { containers: [{ ...web, securityContext: { runAsUser: -1 } }] }, ['containers[0].securityContext.runAsUser: must be a non-negative integer']],
  ])('fails for %s', (_name, props, expected) => {
    expect(problems(props)).toEqual(expected);
  });

  test('a problem names the construct path, the value and a fix', () => {
    const c = chart();
    new Pod(c, 'web', { containers: [{ ...web, resources: { requests: { cpu: '2' }, limits: { cpu: '1' } } }] });
    expect(() => synth(c)).toThrow('[test/web] containers[0].resources.requests.cpu must not exceed the limit "1", got "2" — lower the request or raise the limit to at least "2"');
  });

  test('init containers share the name and port rules', () => {
    expect(problems({ initContainers: [{ name: 'web', image: 'busybox' }], containers: [web] })).toEqual(['containers[0].name: must be unique within the pod']);
  });
});
