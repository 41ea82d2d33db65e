import { CLIENT_PORT, DATA_DIR, initialCluster, memberHost, MemberIdentity, METRICS_PORT, PEER_PORT, Topology } from './members';
import type { EtcdTls } from './props';
import { TLS_FLAGS, tlsFlags } from './tls';

/** What the flags of a member depend on besides its identity. */
export interface FlagInputs {
  readonly topology: Topology;
  readonly clusterToken: string;
  readonly clientTls?: EtcdTls;
  readonly peerTls?: EtcdTls;
  readonly extraFlags?: Readonly<Record<string, string>>;
}

/**
 * The command line of one member, as `--flag=value` arguments in a fixed order: identity, listeners, bootstrap,
 * TLS, then the user's extra flags. Listeners bind 0.0.0.0 (etcd needs IPs there, and the pod IP is not known
 * in advance); advertised URLs use the member's stable DNS name.
 */
export function memberFlags(inputs: FlagInputs, member: MemberIdentity): string[] {
  const { topology } = inputs;
  const host = memberHost(topology, member.name, member.namespace);
  const flags: Record<string, string> = {
    name: member.name,
    'data-dir': DATA_DIR,
    'listen-peer-urls': `${topology.peerScheme}://0.0.0.0:${PEER_PORT}`,
    'listen-client-urls': `${topology.clientScheme}://0.0.0.0:${CLIENT_PORT}`,
    'advertise-client-urls': `${topology.clientScheme}://${host}:${CLIENT_PORT}`,
    'initial-advertise-peer-urls': `${topology.peerScheme}://${host}:${PEER_PORT}`,
    'initial-cluster': initialCluster(topology, member.namespace),
    'initial-cluster-state': 'new',
    'initial-cluster-token': inputs.clusterToken,
    ...(inputs.clientTls ? { ...tlsFlags('client', inputs.clientTls), 'listen-metrics-urls': `http://0.0.0.0:${METRICS_PORT}` } : {}),
    ...(inputs.peerTls ? tlsFlags('peer', inputs.peerTls) : {}),
  };
  const extra = Object.entries(inputs.extraFlags ?? {}).filter(([flag]) => !(flag in flags));
  return [...Object.entries(flags), ...extra].map(([flag, value]) => `--${flag}=${value}`);
}

/** Flags berth owns, each with the prop that controls it (the fix offered when extra flags set one). */
export const OWNED_FLAGS: ReadonlyMap<string, string> = new Map<string, string>([
  ['name', 'members are named <name>-<ordinal> by the StatefulSet; set metadata.name to rename the cluster'],
  ['data-dir', 'the data directory is on the member volume; configure it with storage'],
  ['wal-dir', 'the write-ahead log stays in the data directory, on the member volume; configure it with storage'],
  ['listen-peer-urls', 'peer URLs follow peerTls'],
  ['listen-client-urls', 'client URLs follow clientTls'],
  ['advertise-client-urls', 'client URLs follow clientTls'],
  ['initial-advertise-peer-urls', 'peer URLs follow peerTls'],
  ['initial-cluster', 'the member list follows size'],
  ['initial-cluster-state', 'a new cluster bootstraps with "new"; members that restart keep their data and ignore it'],
  ['initial-cluster-token', 'use the clusterToken prop'],
  ['listen-metrics-urls', '/health and /metrics are served on the client port, or on port 2381 with clientTls (the probes use it)'],
  ['discovery', 'members find each other through --initial-cluster (static bootstrap); remove the discovery flag'],
  ['discovery-srv', 'members find each other through --initial-cluster (static bootstrap); remove the discovery flag'],
  ['discovery-srv-name', 'members find each other through --initial-cluster (static bootstrap); remove the discovery flag'],
  ['discovery-fallback', 'members find each other through --initial-cluster (static bootstrap); remove the discovery flag'],
  ['discovery-proxy', 'members find each other through --initial-cluster (static bootstrap); remove the discovery flag'],
  ['force-new-cluster', 'it would discard the membership on every restart; run it once by hand for disaster recovery'],
  ['proxy', 'it turns a member into a proxy; remove it'],
  ...TLS_FLAGS.client.map((flag): [string, string] => [flag, 'use the clientTls prop']),
  ...TLS_FLAGS.peer.map((flag): [string, string] => [flag, 'use the peerTls prop']),
]);
