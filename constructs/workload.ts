import { Construct } from 'constructs';
import { defaultObjectNameFor } from '../lib/kubernetes/names';
import { markPodTemplateSource, PodTemplateInfo, PodTemplateSource } from '../lib/kubernetes/pod-templates';
import { ProblemList } from '../lib/problems';
import { addRule } from '../lib/synth/rules';
import { checkAnnotations, checkLabels } from '../lib/validation/metadata';
import { dns1123Subdomain, toDnsLabel } from '../lib/validation/names';
import { checkPod } from '../lib/validation/pod';
import { IPodSelector, ObjectMetadata } from './metadata';
import { IPodSource, markPodSource, NamedPod } from './pod-source';
import { RenderedObject } from './rendered-object';
import { Container, PodModel, PodSpecProps, Volume } from './pod-model';

/** Props every workload shares: the pod it runs and the metadata of the object it emits. */
export interface WorkloadProps extends PodSpecProps {
  /** Metadata of the emitted object (name, namespace, object-only labels and annotations). @default - derived names, no extra metadata */
  readonly metadata?: ObjectMetadata;
  /**
   * Labels of the pods. A controller selects its pods by exactly these labels, a Service that `selects` this
   * workload uses them too, and the emitted object carries them as well.
   * @default { app: <object name> }
   */
  readonly labels?: Readonly<Record<string, string>>;
  /** Annotations of the pods (not of the controller object). @default - none */
  readonly podAnnotations?: Readonly<Record<string, string>>;
}

interface WorkloadKind {
  readonly apiVersion: string;
  readonly kind: string;
  /** Whether a controller runs the pods (then restartPolicy must be Always). */
  readonly controlled: boolean;
  /** Whether the pod annotations are the object's own too (a bare Pod has no template to carry them). */
  readonly podAnnotationsOnObject?: boolean;
}

const WORKLOAD = Symbol.for('berth.Workload');

/**
 * A construct that owns one pod model and is the one Kubernetes object emitted for it (a RenderedObject). The pod
 * model is what every target renders; the object's spec is rendered at synth time, so containers and volumes added
 * after construction are included.
 */
export abstract class Workload extends RenderedObject implements IPodSelector, PodTemplateSource, IPodSource {
  /** True for any berth workload, also across duplicate copies of berth in node_modules. */
  public static isWorkload(x: unknown): x is Workload {
    return typeof x === 'object' && x !== null && WORKLOAD in x;
  }

  public readonly podSelector: Readonly<Record<string, string>>;

  /** The rules of every workload: one function for all of them, not a closure each. */
  private static readonly rule = (problems: ProblemList, workload: Workload): void => workload.check(problems);

  private readonly podProps: WorkloadProps;
  /** Whether a controller runs the pods (then restartPolicy must be Always). */
  private readonly controlled: boolean;
  private readonly containers: Container[];
  private readonly initContainers: Container[];
  private readonly volumes: Volume[];

  protected constructor(scope: Construct, id: string, props: WorkloadProps, kind: WorkloadKind) {
    const name = props.metadata?.name ?? defaultObjectNameFor(scope, id);
    const podSelector = { ...(props.labels ?? { app: toDnsLabel(name).slice(0, 63) || 'app' }) };
    super(scope, id, {
      apiVersion: kind.apiVersion,
      kind: kind.kind,
      metadata: {
        ...props.metadata,
        name,
        labels: { ...podSelector, ...props.metadata?.labels },
        annotations: objectAnnotations(props, kind),
      },
    });
    Object.defineProperty(this, WORKLOAD, { value: true });
    markPodTemplateSource(this);
    markPodSource(this);
    this.podProps = props;
    this.podSelector = podSelector;
    this.containers = [...(props.containers ?? [])];
    this.initContainers = [...(props.initContainers ?? [])];
    this.volumes = [...(props.volumes ?? [])];
    this.controlled = kind.controlled;
    addRule(this, Workload.rule);
  }

  /** The pod this workload runs, as every target reads it. */
  public get pod(): PodModel {
    return {
      labels: this.podSelector,
      annotations: { ...this.podProps.podAnnotations },
      spec: {
        containers: this.containers,
        initContainers: this.initContainers,
        volumes: this.volumes,
        restartPolicy: this.podProps.restartPolicy,
        serviceAccountName: this.podProps.serviceAccountName,
        securityContext: this.podProps.securityContext,
        nodeSelector: this.podProps.nodeSelector,
        hostname: this.podProps.hostname,
        subdomain: this.podProps.subdomain,
        terminationGracePeriodSeconds: this.podProps.terminationGracePeriodSeconds,
      },
    };
  }

  /** The one pod this workload runs, named like the emitted object. */
  public podsToRender(): readonly NamedPod[] {
    return [{ name: this.name, pod: this.pod }];
  }

  public addContainer(container: Container): void {
    this.containers.push(container);
  }

  public addInitContainer(container: Container): void {
    this.initContainers.push(container);
  }

  public addVolume(volume: Volume): void {
    this.volumes.push(volume);
  }

  public podTemplateInfo(): PodTemplateInfo {
    const portNames = new Map<string, number>();
    for (const container of this.containers) {
      for (const port of container.ports ?? []) if (port.name) portNames.set(port.name, port.containerPort);
    }
    return { path: this.node.path, namespace: this.namespace, labels: this.podSelector, portNames };
  }

  /** Kind-specific rules (replicas, strategy), reported beside the pod rules. */
  protected checkKind(_problems: ProblemList): void {}

  private check(problems: ProblemList): void {
    const badName = dns1123Subdomain(this.name);
    if (badName) problems.error('metadata.name', badName, { value: this.name, fix: `use "${toDnsLabel(this.name) || 'app'}"` });
    checkLabels(this.podProps.metadata?.labels, problems, 'metadata.labels');
    checkAnnotations(this.podProps.metadata?.annotations, problems, 'metadata.annotations');
    if (Object.keys(this.podSelector).length === 0) problems.error('labels', 'must have at least one label (pods are selected by them)', { value: {}, fix: 'add labels: { app: "..." }' });
    checkPod(this.pod, problems, { controlled: this.controlled });
    this.checkKind(problems);
  }
}

/** Annotations of the emitted object: its metadata's, and for a bare Pod the pod annotations merged in. */
function objectAnnotations(props: WorkloadProps, kind: WorkloadKind): Record<string, string> | undefined {
  const merged = { ...(kind.podAnnotationsOnObject ? props.podAnnotations : undefined), ...props.metadata?.annotations };
  return Object.keys(merged).length ? merged : undefined;
}
