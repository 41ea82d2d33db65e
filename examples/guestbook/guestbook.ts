import { Construct } from 'constructs';
import { Chart, ChartProps, ReplicationController, Service } from 'berth';

/**
 * The Kubernetes guestbook of 2015: a redis master, two redis slaves that replicate from it, and exactly three
 * PHP frontends, each behind a Service. The frontends find redis through the Services' DNS names
 * (GET_HOSTS_FROM=dns), which is why the Services are named `redis-master` and `redis-slave` explicitly.
 */
export class Guestbook extends Chart {
  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, props);

    const master = new ReplicationController(this, 'redis-master', {
      replicas: 1,
      labels: { app: 'redis', role: 'master', tier: 'backend' },
      containers: [{
        name: 'master',
        image: 'redis:2.8',
        ports: [{ name: 'redis', containerPort: 6379 }],
        resources: { requests: { cpu: '100m', memory: '100Mi' } },
        livenessProbe: { tcpSocket: { port: 'redis' }, initialDelaySeconds: 15 },
      }],
    });
    new Service(this, 'redis-master-service', {
      metadata: { name: 'redis-master' },
      selects: master,
      ports: [{ port: 6379, targetPort: 'redis' }],
    });

    const slaves = new ReplicationController(this, 'redis-slave', {
      replicas: 2,
      labels: { app: 'redis', role: 'slave', tier: 'backend' },
      containers: [{
        name: 'slave',
        image: 'gcr.io/google_samples/gb-redisslave:v1',
        env: [{ name: 'GET_HOSTS_FROM', value: 'dns' }],
        ports: [{ name: 'redis', containerPort: 6379 }],
        resources: { requests: { cpu: '100m', memory: '100Mi' } },
      }],
    });
    new Service(this, 'redis-slave-service', {
      metadata: { name: 'redis-slave' },
      selects: slaves,
      ports: [{ port: 6379, targetPort: 'redis' }],
    });

    const frontend = new ReplicationController(this, 'frontend', {
      replicas: 3,
      labels: { app: 'guestbook', tier: 'frontend' },
      containers: [{
        name: 'php-redis',
        image: 'gcr.io/google-samples/gb-frontend:v4',
        env: [{ name: 'GET_HOSTS_FROM', value: 'dns' }],
        ports: [{ name: 'http', containerPort: 80 }],
        resources: { requests: { cpu: '100m', memory: '100Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
        readinessProbe: { httpGet: { path: '/', port: 'http' }, periodSeconds: 5 },
      }],
    });
    // LoadBalancer: the frontend is the one Service reachable from outside the cluster.
    new Service(this, 'frontend-service', {
      metadata: { name: 'frontend' },
      selects: frontend,
      type: 'LoadBalancer',
      ports: [{ name: 'http', port: 80, targetPort: 'http' }],
    });
  }
}
