import { Construct } from 'constructs';
import { renderPodTemplate } from '../lib/kubernetes/pod-spec';
import { ProblemList } from '../lib/problems';
import { checkNonNegativeInteger } from '../lib/validation/pod';
import { Workload, WorkloadProps } from './workload';

export interface ReplicationControllerProps extends WorkloadProps {
  /** How many copies of the pod must be running — exactly this many, always. @default 1 */
  readonly replicas?: number;
  /** Seconds a new pod must be ready before it counts as available. @default 0 */
  readonly minReadySeconds?: number;
}

/**
 * The declarative replication rule of 2015: "exactly N copies of this pod are running". The cluster starts pods
 * when there are too few and stops them when there are too many, selecting them by the pod labels.
 */
export class ReplicationController extends Workload {
  public readonly replicas: number;
  private readonly minReadySeconds?: number;

  constructor(scope: Construct, id: string, props: ReplicationControllerProps = {}) {
    super(scope, id, props, { apiVersion: 'v1', kind: 'ReplicationController', controlled: true });
    this.replicas = props.replicas ?? 1;
    this.minReadySeconds = props.minReadySeconds;
  }

  protected override renderSpec(): unknown {
    return { replicas: this.replicas, minReadySeconds: this.minReadySeconds, selector: this.podSelector, template: renderPodTemplate(this.pod) };
  }

  protected override checkKind(problems: ProblemList): void {
    checkNonNegativeInteger(this.replicas, problems, 'replicas');
    checkNonNegativeInteger(this.minReadySeconds, problems, 'minReadySeconds');
  }
}
