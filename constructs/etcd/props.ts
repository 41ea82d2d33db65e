import type { ObjectMetadata } from '../metadata';
import type { ResourceRequirements } from '../pod-model';

/** Where each member keeps its data directory. */
export interface EtcdStorage {
  /**
   * Keep the data only as long as the pod (an `emptyDir`). A member whose pod is replaced comes back empty and
   * cannot rejoin on its own (`etcdctl member remove` + `member add` are needed): for tests and development only.
   * @default false - a PersistentVolumeClaim per member (`data-<member>`), kept when the pod moves
   */
  readonly ephemeral?: boolean;
  /** Size of each member's volume (a quantity); for `ephemeral`, the `emptyDir` size limit. @default '1Gi' (persistent), no limit (ephemeral) */
  readonly size?: string;
  /** Storage class of each member's claim. @default - the cluster's default storage class */
  readonly storageClassName?: string;
}

/**
 * TLS from a Secret in the cluster's namespace holding `tls.crt`, `tls.key` and `ca.crt` (what cert-manager writes
 * for a Certificate, and `kubectl create secret tls` plus a `ca.crt` key).
 */
export interface EtcdTls {
  /** Name of the Secret. */
  readonly secretName: string;
  /**
   * Require the other side to present a certificate signed by `ca.crt` (`--client-cert-auth` /
   * `--peer-client-cert-auth`).
   * @default true
   */
  readonly clientCertAuth?: boolean;
}

export interface EtcdClusterProps {
  /**
   * Number of members. Odd, so that a majority (the quorum, `size / 2 + 1`) survives `(size - 1) / 2` failures; an
   * even size tolerates no more failures than the odd size below it. Changing it later does not add or remove
   * members of a running cluster (etcd reads the member list only at bootstrap): use `etcdctl member add/remove`.
   * @default 3
   */
  readonly size?: number;
  /** etcd version (3.4 to 3.6), the image tag unless `image` is given. @default '3.4.23' */
  readonly version?: string;
  /** Container image with `etcd` at `/usr/local/bin/etcd`. @default 'quay.io/coreos/etcd:v<version>' */
  readonly image?: string;
  /** Name, namespace, labels and annotations of the emitted objects; `name` is the base of every name. @default - name derived from the construct path */
  readonly metadata?: ObjectMetadata;
  /** Extra labels on the member pods (the selector always uses the `app.kubernetes.io/name` and `instance` labels). @default - none */
  readonly podLabels?: Readonly<Record<string, string>>;
  /** Resources of the etcd container. @default { requests: { cpu: '100m', memory: '128Mi' } } */
  readonly resources?: ResourceRequirements;
  /** @default - a 1Gi PersistentVolumeClaim per member, default storage class */
  readonly storage?: EtcdStorage;
  /** TLS for clients (`https://` client URLs). @default - plain HTTP for clients */
  readonly clientTls?: EtcdTls;
  /** TLS between members (`https://` peer URLs). @default - plain HTTP between members */
  readonly peerTls?: EtcdTls;
  /**
   * More etcd flags, without the leading `--`: `{ 'auto-compaction-retention': '1' }` renders
   * `--auto-compaction-retention=1`. Flags berth sets (member identity, URLs, bootstrap, data dir, TLS files) are
   * refused: set them through the props above.
   * @default - none
   */
  readonly extraFlags?: Readonly<Record<string, string>>;
  /** `--initial-cluster-token`: members only join a cluster with the same token. @default - `<name>-<hash of the construct path and namespace>` */
  readonly clusterToken?: string;
  /**
   * A PodDisruptionBudget that keeps a quorum of members running through voluntary disruptions (node drains).
   * @default - true when size > 1 (a one-member cluster has no quorum to keep: a budget would only block every drain)
   */
  readonly disruptionBudget?: boolean;
}
