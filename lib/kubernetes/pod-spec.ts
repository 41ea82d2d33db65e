import type { PodModel } from '../../constructs/pod-model';

/**
 * The Kubernetes rendering of a pod model. The model uses Kubernetes's own field names, so this is the identity
 * minus what Kubernetes would not accept: empty lists are left out rather than emitted as `[]`.
 */
export function renderPodSpec(pod: PodModel): Record<string, unknown> {
  const { containers, initContainers, volumes, ...rest } = pod.spec;
  return {
    ...rest,
    containers: containers ?? [],
    ...(initContainers?.length ? { initContainers } : {}),
    ...(volumes?.length ? { volumes } : {}),
  };
}

export function renderPodTemplate(pod: PodModel): Record<string, unknown> {
  const annotations = Object.keys(pod.annotations).length ? pod.annotations : undefined;
  return { metadata: { labels: pod.labels, annotations }, spec: renderPodSpec(pod) };
}
