import { createHash } from 'crypto';

/** The ports every member listens on, the ones etcd registered with IANA. */
export const CLIENT_PORT = 2379;
export const PEER_PORT = 2380;
/** A plain-HTTP listener for `/health` and `/metrics`, opened only when clients must use TLS (see probes in pod.ts). */
export const METRICS_PORT = 2381;

/** Where each member's volume is mounted, and the data directory inside it (a subdirectory, so a volume's `lost+found` never sits in it). */
export const DATA_MOUNT_PATH = '/var/lib/etcd';
export const DATA_DIR = `${DATA_MOUNT_PATH}/data`;

/**
 * The names and addresses of a cluster, computed once from its props. Members are the pods of a StatefulSet:
 * `<name>-0 … <name>-<size-1>`, each reachable at `<member>.<name>-peer.<namespace>.svc` through the headless
 * peer Service, which is what makes their identity stable across restarts and rescheduling.
 */
export interface Topology {
  /** Base name: the StatefulSet, the client Service and the PodDisruptionBudget. */
  readonly name: string;
  /** The headless Service that gives each member its DNS name (the StatefulSet's `serviceName`). */
  readonly peerService: string;
  /** Namespace of every object; unknown when neither the props nor the chart set one. */
  readonly namespace?: string;
  /** Number of members rendered. */
  readonly size: number;
  readonly clientScheme: 'http' | 'https';
  readonly peerScheme: 'http' | 'https';
}

/**
 * How a member is named in its own flags. In the StatefulSet's one pod template every member shares, identity comes
 * from the kubelet: `$(POD_NAME)` (and `$(POD_NAMESPACE)` when the namespace is not known at synth time). For the
 * per-member pods other targets render (appc), both are literal.
 */
export interface MemberIdentity {
  readonly name: string;
  readonly namespace: string;
}

export function memberName(topology: Topology, ordinal: number): string {
  return `${topology.name}-${ordinal}`;
}

/** A member's DNS name: `<member>.<peer service>.<namespace>.svc` (no cluster domain, so any cluster domain works). */
export function memberHost(topology: Topology, member: string, namespace: string): string {
  return `${member}.${topology.peerService}.${namespace}.svc`;
}

/** `store-0=http://store-0.store-peer.ns.svc:2380,…`: every member, as `--initial-cluster` wants them. */
export function initialCluster(topology: Topology, namespace: string): string {
  return Array.from({ length: topology.size }, (_, i) => {
    const member = memberName(topology, i);
    return `${member}=${topology.peerScheme}://${memberHost(topology, member, namespace)}:${PEER_PORT}`;
  }).join(',');
}

/**
 * The default `--initial-cluster-token`: the cluster's name plus a hash of its construct path and namespace. It is
 * stable across synths (members that restart keep agreeing) and differs between two clusters of the same name in
 * different apps or namespaces, so their members can never join each other by mistake.
 */
export function defaultClusterToken(name: string, constructPath: string, namespace: string | undefined): string {
  const hash = createHash('sha256').update(`${constructPath}\0${namespace ?? ''}`).digest('hex').slice(0, 10);
  return `${name}-${hash}`;
}

/** Members that must stay up for the cluster to accept writes. */
export function quorum(size: number): number {
  return Math.floor(size / 2) + 1;
}
