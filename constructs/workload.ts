import { ApiObject, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { defaultObjectName } from '../lib/kubernetes/names';
import { markPodTemplateSource, PodTemplateInfo, PodTemplateSource } from '../lib/kubernetes/pod-templates';
import { ProblemList } from '../lib/problems';
import { ensureAppRules } from '../lib/synth/app-rules';
import { addRule } from '../lib/synth/rules';
import { checkAnnotations, checkLabels } from '../lib/validation/metadata';
import { dns1123Subdomain, toDnsLabel } from '../lib/validation/names';
import { checkPod } from '../lib/validation/pod';
import { IPodSelector, ObjectMetadata } from './metadata';
import { IPodSource, markPodSource, NamedPod } from './pod-source';
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
}

const WORKLOAD = Symbol.for('berth.Workload');

/**
 * A construct that owns one pod model and emits one Kubernetes object for it. The pod model is what every target
 * renders; the Kubernetes object is a cdk8s ApiObject (id `Resource`) whose spec is rendered at synth time, so
 * containers and volumes added after construction are included.
 */
export abstract class Workload extends Construct implements IPodSelector, PodTemplateSource, IPodSource {
  /** True for any berth workload, also across duplicate copies of berth in node_modules. */
  public static isWorkload(x: unknown): x is Workload {
    return typeof x === 'object' && x !== null && WORKLOAD in x;
  }

  /** The emitted Kubernetes object: the escape hatch for fields berth does not model (`addJsonPatch`). */
  public readonly resource: ApiObject;
  public readonly name: string;
  public readonly namespace?: string;
  public readonly podSelector: Readonly<Record<string, string>>;
  public readonly kind: string;

  private readonly props: WorkloadProps;
  private readonly containers: Container[];
  private readonly initContainers: Container[];
  private readonly volumes: Volume[];

  protected constructor(scope: Construct, id: string, props: WorkloadProps, kind: WorkloadKind) {
    super(scope, id);
    Object.defineProperty(this, WORKLOAD, { value: true });
    markPodTemplateSource(this);
    markPodSource(this);
    this.props = props;
    this.kind = kind.kind;
    this.containers = [...(props.containers ?? [])];
    this.initContainers = [...(props.initContainers ?? [])];
    this.volumes = [...(props.volumes ?? [])];
    this.name = props.metadata?.name ?? defaultObjectName(this);
    this.podSelector = { ...(props.labels ?? { app: toDnsLabel(this.name).slice(0, 63) || 'app' }) };
    this.resource = new ApiObject(this, 'Resource', {
      apiVersion: kind.apiVersion,
      kind: kind.kind,
      metadata: {
        ...props.metadata,
        name: this.name,
        labels: { ...this.podSelector, ...props.metadata?.labels },
        annotations: this.objectAnnotations(),
      },
      spec: Lazy.any({ produce: () => this.renderSpec() }),
    });
    this.namespace = this.resource.metadata.namespace;
    addRule(this, (problems) => this.check(problems, kind.controlled));
    ensureAppRules(this);
  }

  /** The pod this workload runs, as every target reads it. */
  public get pod(): PodModel {
    return {
      labels: this.podSelector,
      annotations: { ...this.props.podAnnotations },
      spec: {
        containers: this.containers,
        initContainers: this.initContainers,
        volumes: this.volumes,
        restartPolicy: this.props.restartPolicy,
        serviceAccountName: this.props.serviceAccountName,
        securityContext: this.props.securityContext,
        nodeSelector: this.props.nodeSelector,
        hostname: this.props.hostname,
        subdomain: this.props.subdomain,
        terminationGracePeriodSeconds: this.props.terminationGracePeriodSeconds,
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

  /** The Kubernetes `spec` of the emitted object. */
  protected abstract renderSpec(): unknown;

  /** Kind-specific rules (replicas, strategy), reported beside the pod rules. */
  protected checkKind(_problems: ProblemList): void {}

  /** Annotations of the emitted object; a Pod merges its pod annotations in. */
  protected objectAnnotations(): Record<string, string> | undefined {
    return this.props.metadata?.annotations ? { ...this.props.metadata.annotations } : undefined;
  }

  private check(problems: ProblemList, controlled: boolean): void {
    const badName = dns1123Subdomain(this.name);
    if (badName) problems.error('metadata.name', badName, { value: this.name, fix: `use "${toDnsLabel(this.name) || 'app'}"` });
    checkLabels(this.props.metadata?.labels, problems, 'metadata.labels');
    checkAnnotations(this.props.metadata?.annotations, problems, 'metadata.annotations');
    if (Object.keys(this.podSelector).length === 0) problems.error('labels', 'must have at least one label (pods are selected by them)', { value: {}, fix: 'add labels: { app: "..." }' });
    checkPod(this.pod, problems, { controlled });
    this.checkKind(problems);
  }
}
