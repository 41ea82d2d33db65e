import type { Volume, VolumeMount } from '../pod-model';
import type { EtcdTls } from './props';

/** The two TLS roles of a member: serving clients, and talking to the other members. */
export type TlsRole = 'client' | 'peer';

const MOUNT_ROOT = '/etc/etcd/tls';

/** The Secret keys berth reads: cert-manager's and `kubernetes.io/tls`'s names. */
export const TLS_KEYS = { cert: 'tls.crt', key: 'tls.key', ca: 'ca.crt' } as const;

function volumeName(role: TlsRole): string {
  return `${role}-tls`;
}

function mountPath(role: TlsRole): string {
  return `${MOUNT_ROOT}/${role}`;
}

/** The Secret as a read-only volume: the kubelet writes each key as a file (`0400`, etcd reads them as root). */
export function tlsVolume(role: TlsRole, tls: EtcdTls): Volume {
  return { name: volumeName(role), secret: { secretName: tls.secretName, defaultMode: 0o400 } };
}

export function tlsMount(role: TlsRole): VolumeMount {
  return { name: volumeName(role), mountPath: mountPath(role), readOnly: true };
}

/** etcd's flags for one role; the flag names are in `TLS_FLAGS` so extra flags cannot set them twice. */
export function tlsFlags(role: TlsRole, tls: EtcdTls): Record<string, string> {
  const prefix = role === 'peer' ? 'peer-' : '';
  const dir = mountPath(role);
  return {
    [`${prefix}cert-file`]: `${dir}/${TLS_KEYS.cert}`,
    [`${prefix}key-file`]: `${dir}/${TLS_KEYS.key}`,
    [`${prefix}trusted-ca-file`]: `${dir}/${TLS_KEYS.ca}`,
    [`${prefix}client-cert-auth`]: String(tls.clientCertAuth ?? true),
  };
}

/** Every TLS flag of a role, set or not: etcd's own certificate options belong to `clientTls`/`peerTls`. */
export const TLS_FLAGS: Readonly<Record<TlsRole, readonly string[]>> = {
  client: ['cert-file', 'key-file', 'trusted-ca-file', 'client-cert-auth', 'auto-tls'],
  peer: ['peer-cert-file', 'peer-key-file', 'peer-trusted-ca-file', 'peer-client-cert-auth', 'peer-auto-tls'],
};
