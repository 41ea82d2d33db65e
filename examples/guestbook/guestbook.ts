import { Construct } from 'constructs';
import { Chart, ChartProps, ReplicationController, Service } from 'berth';
import { Redis } from '@guestbook/redis';

/**
 * The Kubernetes guestbook of 2015: a redis master, two redis slaves that replicate from it, and exactly three
 * PHP frontends, each behind a Service. The frontends find redis through the Services' DNS names
 * (GET_HOSTS_FROM=dns): `redis-master` and `redis-slave`.
 */
export class Guestbook extends Chart {
  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, props);

    // The redis master and its two replicas come from the redis team's construct package (examples/redis),
    // consumed as a dependency: `new Redis(this, 'redis')` names them redis-master and redis-slave.
    new Redis(this, 'redis', { replicas: 2 });

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
