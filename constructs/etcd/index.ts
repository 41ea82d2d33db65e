export { EtcdCluster } from './cluster';
export type { EtcdClusterProps, EtcdStorage, EtcdTls } from './props';
