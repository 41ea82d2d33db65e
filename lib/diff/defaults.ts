import type { DefaultOf } from './compare';
import { Path, shapeOf } from './paths';

/**
 * Values the API server fills in when nobody sets a field (the Go `SetDefaults_*` functions of v1.32, which are not in
 * the OpenAPI document). They decide two things: removing a field we set before changes nothing when the live value is
 * the default, and an atomic value (a StatefulSet claim template) is unchanged when the live copy only adds defaults.
 */
const POD_SPEC: Record<string, unknown> = {
  restartPolicy: 'Always',
  dnsPolicy: 'ClusterFirst',
  schedulerName: 'default-scheduler',
  terminationGracePeriodSeconds: 30,
  enableServiceLinks: true,
  preemptionPolicy: 'PreemptLowerPriority',
  priority: 0,
  serviceAccountName: 'default',
  serviceAccount: 'default',
  'containers[].terminationMessagePath': '/dev/termination-log',
  'containers[].terminationMessagePolicy': 'File',
  'containers[].ports[].protocol': 'TCP',
  'initContainers[].terminationMessagePath': '/dev/termination-log',
  'initContainers[].terminationMessagePolicy': 'File',
  'initContainers[].ports[].protocol': 'TCP',
  'volumes[].configMap.defaultMode': 420,
  'volumes[].secret.defaultMode': 420,
  'volumes[].projected.defaultMode': 420,
  'volumes[].downwardAPI.defaultMode': 420,
  'volumes[].hostPath.type': '',
};

const PROBE: Record<string, unknown> = { timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 };

const CLAIM_TEMPLATE: Record<string, unknown> = { apiVersion: 'v1', kind: 'PersistentVolumeClaim', 'spec.volumeMode': 'Filesystem' };

const BY_KIND: Record<string, Record<string, unknown>> = {
  Deployment: {
    'spec.replicas': 1,
    'spec.revisionHistoryLimit': 10,
    'spec.progressDeadlineSeconds': 600,
    'spec.strategy.type': 'RollingUpdate',
    'spec.strategy.rollingUpdate.maxSurge': '25%',
    'spec.strategy.rollingUpdate.maxUnavailable': '25%',
  },
  ReplicaSet: { 'spec.replicas': 1 },
  ReplicationController: { 'spec.replicas': 1 },
  StatefulSet: {
    'spec.replicas': 1,
    'spec.podManagementPolicy': 'OrderedReady',
    'spec.revisionHistoryLimit': 10,
    'spec.updateStrategy.type': 'RollingUpdate',
    'spec.updateStrategy.rollingUpdate.partition': 0,
    'spec.persistentVolumeClaimRetentionPolicy.whenDeleted': 'Retain',
    'spec.persistentVolumeClaimRetentionPolicy.whenScaled': 'Retain',
  },
  DaemonSet: {
    'spec.revisionHistoryLimit': 10,
    'spec.updateStrategy.type': 'RollingUpdate',
    'spec.updateStrategy.rollingUpdate.maxUnavailable': 1,
    'spec.updateStrategy.rollingUpdate.maxSurge': 0,
  },
  Job: {
    'spec.backoffLimit': 6,
    'spec.completions': 1,
    'spec.parallelism': 1,
    'spec.completionMode': 'NonIndexed',
    'spec.suspend': false,
    'spec.manualSelector': false,
    'spec.podReplacementPolicy': 'TerminatingOrFailed',
  },
  CronJob: {
    'spec.concurrencyPolicy': 'Allow',
    'spec.suspend': false,
    'spec.successfulJobsHistoryLimit': 3,
    'spec.failedJobsHistoryLimit': 1,
  },
  Service: {
    'spec.type': 'ClusterIP',
    'spec.sessionAffinity': 'None',
    'spec.internalTrafficPolicy': 'Cluster',
    'spec.ipFamilyPolicy': 'SingleStack',
    'spec.ports[].protocol': 'TCP',
  },
  Secret: { type: 'Opaque' },
  PersistentVolumeClaim: { 'spec.volumeMode': 'Filesystem' },
};

/** Where each kind keeps its pod spec. */
const POD_SPEC_AT: Record<string, string> = {
  Pod: 'spec',
  PodTemplate: 'template.spec',
  ReplicationController: 'spec.template.spec',
  ReplicaSet: 'spec.template.spec',
  Deployment: 'spec.template.spec',
  StatefulSet: 'spec.template.spec',
  DaemonSet: 'spec.template.spec',
  Job: 'spec.template.spec',
  CronJob: 'spec.jobTemplate.spec.template.spec',
};

export function defaultsFor(kind: string): DefaultOf {
  const table = BY_KIND[kind] ?? {};
  const podSpec = POD_SPEC_AT[kind];
  return (path: Path, parent: Record<string, unknown> | undefined): unknown => {
    const shape = shapeOf(path);
    if (shape in table) return table[shape];
    if (kind === 'Service' && shape === 'spec.ports[].targetPort') return parent?.port;
    if (kind === 'StatefulSet' && shape.startsWith('spec.volumeClaimTemplates[].')) {
      const rest = shape.slice('spec.volumeClaimTemplates[].'.length);
      if (rest in CLAIM_TEMPLATE) return CLAIM_TEMPLATE[rest];
    }
    if (podSpec && shape.startsWith(`${podSpec}.`)) return podSpecDefault(shape.slice(podSpec.length + 1), parent);
    return undefined;
  };
}

function podSpecDefault(shape: string, parent: Record<string, unknown> | undefined): unknown {
  if (shape in POD_SPEC) return POD_SPEC[shape];
  if (/^(init)?[cC]ontainers\[\]\.imagePullPolicy$/.test(shape)) return pullPolicyFor(parent?.image);
  const probe = /^(?:initContainers|containers)\[\]\.(?:liveness|readiness|startup)Probe\.(\w+)$/.exec(shape);
  if (probe && probe[1] in PROBE) return PROBE[probe[1]];
  return undefined;
}

/** `Always` for `:latest` or an untagged image without a digest, else `IfNotPresent` (SetDefaults_Container). */
function pullPolicyFor(image: unknown): string | undefined {
  if (typeof image !== 'string') return undefined;
  if (image.includes('@')) return 'IfNotPresent';
  const lastSlash = image.lastIndexOf('/');
  const tagAt = image.indexOf(':', lastSlash + 1);
  const tag = tagAt < 0 ? '' : image.slice(tagAt + 1);
  return tag === '' || tag === 'latest' ? 'Always' : 'IfNotPresent';
}
