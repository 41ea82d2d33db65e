import type { PodModel } from '../../constructs/pod-model';

/**
 * The Kubernetes rendering of a pod model. The model uses Kubernetes's own field names, so this is the identity
 * minus what Kubernetes would not accept: empty lists are left out rather than emitted as `[]`.
 */
export function renderPodSpec(pod: PodModel): Record<string, unknown> {
  // Built key by key rather than with `{ containers, ...rest } = spec`: an object rest with excluded keys takes
  // V8's slow path, and most of a pod's optional fields are undefined (they would be dropped when written anyway).
  const spec = pod.spec as unknown as Record<string, unknown>;
  const result: Record<string, unknown> = {};
  for (const key of Object.keys(spec)) {
    const value = spec[key];
    if (value === undefined || LISTS.has(key)) continue;
    result[key] = value;
  }
  result.containers = pod.spec.containers ?? [];
  if (pod.spec.initContainers?.length) result.initContainers = pod.spec.initContainers;
  if (pod.spec.volumes?.length) result.volumes = pod.spec.volumes;
  return result;
}

/** The pod's lists, which are left out when empty. */
const LISTS = new Set(['containers', 'initContainers', 'volumes']);

export function renderPodTemplate(pod: PodModel): Record<string, unknown> {
  const annotations = Object.keys(pod.annotations).length ? pod.annotations : undefined;
  return { metadata: { labels: pod.labels, annotations }, spec: renderPodSpec(pod) };
}
