import { Construct } from 'constructs';
import { ReplicationController, ResourceRequirements, Service, Volume } from 'berth';

/** Where redis keeps its data. */
export type RedisPersistence =
  /** Scratch space that lives as long as the pod (the 2015 guestbook's choice). */
  | { readonly sizeLimit?: string }
  /** A PersistentVolumeClaim that survives the pod. */
  | { readonly claimName: string };

export interface RedisProps {
  /** Number of read replicas (redis slaves). @default 2 */
  readonly replicas?: number;
  /** Image for the master and the replicas. @default 'redis:2.8' */
  readonly image?: string;
  /** Resources of each redis container. @default - 100m CPU and 100Mi memory requested */
  readonly resources?: ResourceRequirements;
  /** Storage of the master's /data. @default - an emptyDir */
  readonly persistence?: RedisPersistence;
}

const PORT = 6379;

/**
 * A redis master with its Service, and a set of read replicas that find the master through that Service's DNS
 * name (`--slaveof <service> 6379`), behind a Service of their own. Object names come from the construct path:
 * `new Redis(chart, 'redis')` gives `redis-master` and `redis-slave`, the names the 2015 guestbook frontend asks for.
 */
export class Redis extends Construct {
  public readonly master: ReplicationController;
  public readonly masterService: Service;
  public readonly replicas: ReplicationController;
  public readonly replicaService: Service;

  constructor(scope: Construct, id: string, props: RedisProps = {}) {
    super(scope, id);
    const image = props.image ?? 'redis:2.8';
    const resources = props.resources ?? { requests: { cpu: '100m', memory: '100Mi' } };
    const ports = [{ name: 'redis', containerPort: PORT }];

    this.master = new ReplicationController(this, 'master', {
      replicas: 1,
      labels: { app: 'redis', role: 'master', tier: 'backend' },
      volumes: [dataVolume(props.persistence)],
      containers: [{
        name: 'master',
        image,
        ports,
        resources,
        volumeMounts: [{ name: 'data', mountPath: '/data' }],
        livenessProbe: { tcpSocket: { port: 'redis' }, initialDelaySeconds: 15 },
      }],
    });
    this.masterService = new Service(this, 'master-service', {
      metadata: { name: this.master.name },
      selects: this.master,
      ports: [{ port: PORT, targetPort: 'redis' }],
    });

    this.replicas = new ReplicationController(this, 'slave', {
      replicas: props.replicas ?? 2,
      labels: { app: 'redis', role: 'slave', tier: 'backend' },
      containers: [{
        name: 'slave',
        image,
        args: ['redis-server', '--slaveof', this.masterService.name, String(PORT)],
        ports,
        resources,
      }],
    });
    this.replicaService = new Service(this, 'slave-service', {
      metadata: { name: this.replicas.name },
      selects: this.replicas,
      ports: [{ port: PORT, targetPort: 'redis' }],
    });
  }
}

function dataVolume(persistence: RedisPersistence | undefined): Volume {
  if (persistence && 'claimName' in persistence) return { name: 'data', persistentVolumeClaim: { claimName: persistence.claimName } };
  return { name: 'data', emptyDir: persistence?.sizeLimit ? { sizeLimit: persistence.sizeLimit } : {} };
}
