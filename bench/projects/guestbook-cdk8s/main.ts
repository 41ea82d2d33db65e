// examples/guestbook written as a plain cdk8s app (L1 `ApiObject`s from cdk8s itself, not the 1.4 MB generated
// imports/k8s.ts, so ts-node has the least to compile): the same six objects, byte for byte, as berth synthesizes.
import { Construct } from 'constructs';
import { ApiObject, App, Chart, ChartProps } from 'cdk8s';

// The applyset label berth puts on every object of the app (its id for the package name "berth").
const PART_OF = { 'applyset.kubernetes.io/part-of': 'applyset-9lpYk8an-4e9oRFtpvj-lEk5TnEICAc7s8PLcnDNgrE-v1' };
const REQUESTS = { cpu: '100m', memory: '100Mi' };

export class Guestbook extends Chart {
  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, props);

    const master = { app: 'redis', role: 'master', tier: 'backend' };
    controller(this, 'redis-master', master, 1, {
      containers: [{
        name: 'master',
        image: 'redis:2.8',
        ports: [{ name: 'redis', containerPort: 6379 }],
        resources: { requests: REQUESTS },
        livenessProbe: { tcpSocket: { port: 'redis' }, initialDelaySeconds: 15 },
        volumeMounts: [{ name: 'data', mountPath: '/data' }],
      }],
      volumes: [{ name: 'data', emptyDir: {} }],
    });
    service(this, 'redis-master', master, [{ port: 6379, targetPort: 'redis' }]);

    const slave = { app: 'redis', role: 'slave', tier: 'backend' };
    controller(this, 'redis-slave', slave, 2, {
      containers: [{
        name: 'slave',
        image: 'redis:2.8',
        args: ['redis-server', '--slaveof', 'redis-master', '6379'],
        ports: [{ name: 'redis', containerPort: 6379 }],
        resources: { requests: REQUESTS },
      }],
    });
    service(this, 'redis-slave', slave, [{ port: 6379, targetPort: 'redis' }]);

    const frontend = { app: 'guestbook', tier: 'frontend' };
    controller(this, 'frontend', frontend, 3, {
      containers: [{
        name: 'php-redis',
        image: 'gcr.io/google-samples/gb-frontend:v4',
        env: [{ name: 'GET_HOSTS_FROM', value: 'dns' }],
        ports: [{ name: 'http', containerPort: 80 }],
        resources: { requests: REQUESTS, limits: { cpu: '500m', memory: '256Mi' } },
        readinessProbe: { httpGet: { path: '/', port: 'http' }, periodSeconds: 5 },
      }],
    });
    service(this, 'frontend', frontend, [{ name: 'http', port: 80, targetPort: 'http' }], 'LoadBalancer');
  }
}

function controller(scope: Construct, name: string, labels: Record<string, string>, replicas: number, pod: object): ApiObject {
  return new ApiObject(scope, name, {
    apiVersion: 'v1',
    kind: 'ReplicationController',
    metadata: { name, labels: { ...labels, ...PART_OF } },
    spec: { replicas, selector: labels, template: { metadata: { labels }, spec: pod } },
  });
}

function service(scope: Construct, name: string, selector: Record<string, string>, ports: object[], type?: string): ApiObject {
  return new ApiObject(scope, `${name}-service`, {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, labels: PART_OF },
    spec: { ports, selector, type },
  });
}

const app = new App();
new Guestbook(app, 'guestbook');
app.synth();
