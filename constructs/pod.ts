import { Construct } from 'constructs';
import { renderPodSpec } from '../lib/kubernetes/pod-spec';
import { Workload, WorkloadProps } from './workload';

export interface PodProps extends WorkloadProps {}

/**
 * A single pod: containers that share a machine, a network namespace and volumes. Nothing restarts it elsewhere
 * if its node dies; run pods through a `ReplicationController` or `Deployment` for that.
 */
export class Pod extends Workload {
  constructor(scope: Construct, id: string, props: PodProps = {}) {
    super(scope, id, props, { apiVersion: 'v1', kind: 'Pod', controlled: false, podAnnotationsOnObject: true });
  }

  protected override renderSpec(): unknown {
    return renderPodSpec(this.pod);
  }
}
