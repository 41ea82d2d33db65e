import type { Container, EnvVar, PodModel, Probe, ResourceRequirements, Volume } from '../pod-model';
import { FlagInputs, memberFlags } from './flags';
import { CLIENT_PORT, DATA_MOUNT_PATH, memberName, METRICS_PORT, PEER_PORT } from './members';
import type { EtcdStorage, EtcdTls } from './props';
import { tlsMount, tlsVolume } from './tls';

export const CONTAINER_NAME = 'etcd';
export const DATA_VOLUME = 'data';
/** Where the official images (quay.io/coreos/etcd, gcr.io/etcd-development/etcd) install etcd. */
export const ETCD_BINARY = '/usr/local/bin/etcd';

export const DEFAULT_RESOURCES: ResourceRequirements = { requests: { cpu: '100m', memory: '128Mi' } };

export interface PodInputs extends FlagInputs {
  readonly image: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly resources: ResourceRequirements;
  readonly storage: EtcdStorage;
  readonly clientTls?: EtcdTls;
  readonly peerTls?: EtcdTls;
}

/**
 * The pod template the StatefulSet stamps out for every member. Identity comes from the kubelet: `POD_NAME` (and
 * `POD_NAMESPACE` when the namespace is not known at synth time) from the downward API, referenced as `$(VAR)` in
 * the args, which the kubelet expands before starting etcd. A persistent data volume is not listed here: the
 * StatefulSet's volume claim template adds it to each member.
 */
export function templatePod(inputs: PodInputs): PodModel {
  const namespace = inputs.topology.namespace;
  const env: EnvVar[] = [
    { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
    ...(namespace ? [] : [{ name: 'POD_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } }]),
  ];
  const args = memberFlags(inputs, { name: '$(POD_NAME)', namespace: namespace ?? '$(POD_NAMESPACE)' });
  const volumes = inputs.storage.ephemeral ? [dataVolume(inputs.storage)] : [];
  return pod(inputs, { env, args, volumes });
}

/**
 * Member `ordinal` as the StatefulSet controller and the kubelet make it: hostname and subdomain set, the claim
 * `data-<member>` mounted, and every reference resolved, so a target without a downward API (appc) runs it as is.
 * Without a namespace at synth time, `default` stands in for it.
 */
export function memberPod(inputs: PodInputs, ordinal: number): PodModel {
  const name = memberName(inputs.topology, ordinal);
  const namespace = inputs.topology.namespace ?? 'default';
  const env: EnvVar[] = [
    { name: 'POD_NAME', value: name },
    ...(inputs.topology.namespace ? [] : [{ name: 'POD_NAMESPACE', value: namespace }]),
  ];
  const args = memberFlags(inputs, { name, namespace });
  const data: Volume = inputs.storage.ephemeral ? dataVolume(inputs.storage) : { name: DATA_VOLUME, persistentVolumeClaim: { claimName: `${DATA_VOLUME}-${name}` } };
  const model = pod(inputs, { env, args, volumes: [data] });
  return { ...model, spec: { ...model.spec, hostname: name, subdomain: inputs.topology.peerService } };
}

function pod(inputs: PodInputs, parts: { env: EnvVar[]; args: string[]; volumes: Volume[] }): PodModel {
  const tlsVolumes: Volume[] = [];
  const container: Container = {
    name: CONTAINER_NAME,
    image: inputs.image,
    command: [ETCD_BINARY],
    args: parts.args,
    env: parts.env,
    ports: [
      { name: 'client', containerPort: CLIENT_PORT },
      { name: 'peer', containerPort: PEER_PORT },
      ...(inputs.clientTls ? [{ name: 'metrics', containerPort: METRICS_PORT }] : []),
    ],
    resources: inputs.resources,
    volumeMounts: [
      { name: DATA_VOLUME, mountPath: DATA_MOUNT_PATH },
      ...(inputs.clientTls ? [tlsMount('client')] : []),
      ...(inputs.peerTls ? [tlsMount('peer')] : []),
    ],
    readinessProbe: healthProbe(inputs, { periodSeconds: 5, timeoutSeconds: 5, failureThreshold: 3 }),
    livenessProbe: healthProbe(inputs, { initialDelaySeconds: 10, periodSeconds: 10, timeoutSeconds: 15, failureThreshold: 8 }),
  };
  if (inputs.clientTls) tlsVolumes.push(tlsVolume('client', inputs.clientTls));
  if (inputs.peerTls) tlsVolumes.push(tlsVolume('peer', inputs.peerTls));
  return { labels: inputs.labels, annotations: {}, spec: { containers: [container], volumes: [...parts.volumes, ...tlsVolumes] } };
}

/**
 * `GET /health` answers 200 only while the member sees a leader and can serve a quorum read. Over client TLS with
 * client certificates the kubelet cannot authenticate, so the probe then asks the plain-HTTP metrics listener,
 * which serves the same `/health`. Liveness is lenient (kubeadm's timings): a cluster that lost quorum fails it
 * on every member, and restarting members does not bring quorum back.
 */
function healthProbe(inputs: PodInputs, timing: Omit<Probe, 'httpGet'>): Probe {
  return { httpGet: { path: '/health', port: inputs.clientTls ? 'metrics' : 'client' }, ...timing };
}

function dataVolume(storage: EtcdStorage): Volume {
  return { name: DATA_VOLUME, emptyDir: storage.size ? { sizeLimit: storage.size } : {} };
}
