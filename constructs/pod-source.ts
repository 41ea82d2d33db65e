import { IConstruct } from 'constructs';
import { PodModel } from './pod-model';

/** One pod a construct runs, as every target sees it. */
export interface NamedPod {
  /** The pod's name in the target's output (for appc: `<name>.pod.json`); a DNS-1123 label. */
  readonly name: string;
  readonly pod: PodModel;
}

/**
 * A construct that runs pods: a Pod, the template of a ReplicationController or Deployment, or each member of an
 * EtcdCluster. Targets other than Kubernetes (appc) find pods through this interface only, so a new workload
 * construct gets every target by implementing it. Replicas are a Kubernetes notion: a source lists each distinct
 * pod once.
 */
export interface IPodSource extends IConstruct {
  podsToRender(): readonly NamedPod[];
}

const POD_SOURCE = Symbol.for('berth.PodSource');

/** Marks a construct as a pod source (a brand, not `instanceof`, so duplicate copies of berth still agree). */
export function markPodSource(construct: IPodSource): void {
  Object.defineProperty(construct, POD_SOURCE, { value: true });
}

export function isPodSource(x: unknown): x is IPodSource {
  return typeof x === 'object' && x !== null && POD_SOURCE in x;
}
