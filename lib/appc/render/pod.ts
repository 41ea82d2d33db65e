/**
 * A pod model → an appc PodManifest (docs/appc.md §6.2): one app per container in order, volumes appc can express
 * (hostPath → host, emptyDir → empty with Kubernetes's world-writable mode), explicit `mounts` so the output does
 * not depend on name matching, pod ports for host ports, and the pod's labels and annotations as userLabels and
 * userAnnotations (arbitrary keys are allowed there, unlike appc annotations). What appc cannot express is a
 * warning on the construct, never dropped silently.
 */
import type { PodModel, Volume } from '../../../constructs/pod-model';
import { ProblemList } from '../../problems';
import { AC_VERSION } from '../spec';
import { nonEmpty, nonEmptyMap, PodManifest, PodPort, PodVolume, RuntimeApp } from '../types';
import { appPortName, renderApp } from './app';
import { dockerImage, ImageResolver } from './image';

export function renderPod(pod: PodModel, resolve: ImageResolver, problems: ProblemList): PodManifest {
  const spec = pod.spec;
  warnPodFields(pod, problems);
  const volumes: PodVolume[] = [];
  (spec.volumes ?? []).forEach((volume, i) => {
    const rendered = renderVolume(volume, problems.at('volumes', i));
    if (rendered) volumes.push(rendered);
  });
  const expressible = new Set(volumes.map((v) => v.name));
  const apps: RuntimeApp[] = (spec.containers ?? []).map((container, i) =>
    renderApp({ container, spec, image: resolve(container.image) ?? dockerImage(container.image), volumes: expressible }, problems.at('containers', i)),
  );
  const ports: PodPort[] = (spec.containers ?? []).flatMap((container) =>
    (container.ports ?? []).filter((p) => p.hostPort).map((p) => ({ name: appPortName(container.name, p), hostPort: p.hostPort! })),
  );
  return {
    acVersion: AC_VERSION,
    acKind: 'PodManifest',
    apps,
    volumes: nonEmpty(volumes),
    ports: nonEmpty(ports),
    userAnnotations: nonEmptyMap(pod.annotations),
    userLabels: nonEmptyMap(pod.labels),
  };
}

function renderVolume(volume: Volume, problems: ProblemList): PodVolume | undefined {
  if (volume.emptyDir) {
    if (volume.emptyDir.medium === 'Memory') problems.warn('emptyDir.medium', 'cannot be expressed in appc (an empty volume lives on the executor\'s disk)', { value: 'Memory' });
    if (volume.emptyDir.sizeLimit) problems.warn('emptyDir.sizeLimit', 'cannot be expressed in appc', { value: volume.emptyDir.sizeLimit });
    // Kubernetes creates emptyDir world-writable; appc's default mode is 0755, which non-root apps could not write.
    return { name: volume.name, kind: 'empty', mode: '0777', uid: 0, gid: 0 };
  }
  if (volume.hostPath) {
    if (volume.hostPath.type) problems.warn('hostPath.type', 'cannot be expressed in appc (the host path must already exist as what the app expects)', { value: volume.hostPath.type });
    return { name: volume.name, kind: 'host', source: volume.hostPath.path };
  }
  const kind = volume.secret ? 'secret' : volume.configMap ? 'configMap' : volume.persistentVolumeClaim ? 'persistentVolumeClaim' : undefined;
  problems.warn(kind ?? '', `${kind ? 'volumes' : 'this volume kind'} cannot be expressed in appc, which has only host and empty volumes; the volume and its mounts are left out`, {
    value: volume.name,
    fix: 'materialise it on the host and use a hostPath volume',
  });
  return undefined;
}

/** Pod fields appc has no place for, and why. */
const UNEXPRESSED_POD_FIELDS: ReadonlyArray<readonly [keyof PodModel['spec'], string]> = [
  ['restartPolicy', 'restarting is the job of whatever supervises the pod (a systemd unit around rkt)'],
  ['serviceAccountName', 'there is no API server identity in appc'],
  ['nodeSelector', 'scheduling is not part of a pod manifest'],
  ['hostname', 'the hostname is an executor flag (rkt --hostname)'],
  ['subdomain', 'DNS is an executor flag (rkt --dns, --hostname)'],
  ['terminationGracePeriodSeconds', 'the stop timeout belongs to the supervisor (systemd TimeoutStopSec)'],
];

function warnPodFields(pod: PodModel, problems: ProblemList): void {
  const spec = pod.spec;
  if (spec.initContainers?.length) problems.warn('initContainers', 'cannot be expressed in appc: all apps of a pod start together; the init containers are left out', { value: spec.initContainers.map((c) => c.name) });
  for (const [field, why] of UNEXPRESSED_POD_FIELDS) {
    if (spec[field] !== undefined) problems.warn(field, `cannot be expressed in appc: ${why}`, { value: spec[field] });
  }
  if (spec.securityContext?.fsGroup !== undefined) {
    problems.warn('securityContext.fsGroup', 'is added to every app\'s supplementaryGIDs, but appc cannot change the ownership of volumes to it', { value: spec.securityContext.fsGroup });
  }
}
