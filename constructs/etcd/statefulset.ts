import { renderPodTemplate } from '../../lib/kubernetes/pod-spec';
import type { PodModel } from '../pod-model';
import { quorum, Topology } from './members';
import { DATA_VOLUME } from './pod';
import type { EtcdStorage } from './props';

export const DEFAULT_STORAGE_SIZE = '1Gi';

/**
 * The StatefulSet spec. `Parallel` pod management starts every member at once: with the default `OrderedReady`,
 * member 0 would wait to be Ready, which it cannot be before a quorum of members runs — a bootstrap deadlock.
 * Members prefer distinct nodes, or a single node failure would take the quorum with it.
 */
export function statefulSetSpec(topology: Topology, selector: Readonly<Record<string, string>>, template: PodModel, storage: EtcdStorage): Record<string, unknown> {
  const rendered = renderPodTemplate(template);
  return {
    serviceName: topology.peerService,
    replicas: topology.size,
    selector: { matchLabels: selector },
    podManagementPolicy: 'Parallel',
    updateStrategy: { type: 'RollingUpdate' },
    template: { ...rendered, spec: { ...(rendered.spec as Record<string, unknown>), affinity: spreadMembers(selector) } },
    volumeClaimTemplates: storage.ephemeral ? undefined : [claimTemplate(storage)],
  };
}

function spreadMembers(selector: Readonly<Record<string, string>>): unknown {
  return {
    podAntiAffinity: {
      preferredDuringSchedulingIgnoredDuringExecution: [
        { weight: 100, podAffinityTerm: { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: selector } } },
      ],
    },
  };
}

function claimTemplate(storage: EtcdStorage): unknown {
  return {
    metadata: { name: DATA_VOLUME },
    spec: {
      accessModes: ['ReadWriteOnce'],
      storageClassName: storage.storageClassName,
      resources: { requests: { storage: storage.size ?? DEFAULT_STORAGE_SIZE } },
    },
  };
}

/** Voluntary disruptions (drains, evictions) may take members down only while a quorum stays up. */
export function disruptionBudgetSpec(topology: Topology, selector: Readonly<Record<string, string>>): Record<string, unknown> {
  return { minAvailable: quorum(topology.size), selector: { matchLabels: selector } };
}
