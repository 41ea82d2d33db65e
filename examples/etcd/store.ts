import { Chart, Deployment, EtcdCluster } from 'berth';
import { Construct } from 'constructs';

/**
 * A three-member etcd cluster and a client that uses it: the seed world's consistent store, the way a platform
 * team would declare it. The watcher gets every member endpoint through `store.envVar()` (ETCDCTL_ENDPOINTS), as
 * the guestbook's frontends find redis through a Service.
 */
export class StoreChart extends Chart {
  public readonly store: EtcdCluster;

  constructor(scope: Construct, id: string) {
    super(scope, id, { namespace: 'config' });
    this.store = new EtcdCluster(this, 'store', {
      size: 3,
      version: '3.4.23',
      storage: { size: '2Gi' },
      resources: { requests: { cpu: '200m', memory: '256Mi' }, limits: { memory: '512Mi' } },
      extraFlags: { 'auto-compaction-retention': '1', 'quota-backend-bytes': '2147483648' },
    });
    new Deployment(this, 'watcher', {
      containers: [{
        name: 'watcher',
        image: this.store.image,
        command: ['/usr/local/bin/etcdctl', 'watch', '--prefix', '/'],
        env: [this.store.envVar()],
        resources: { requests: { cpu: '10m', memory: '32Mi' } },
      }],
    });
  }
}
