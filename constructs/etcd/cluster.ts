import { ApiObject, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { defaultObjectName } from '../../lib/kubernetes/names';
import { markPodTemplateSource, PodTemplateInfo, PodTemplateSource } from '../../lib/kubernetes/pod-templates';
import { ensureAppRules } from '../../lib/synth/app-rules';
import { addRule } from '../../lib/synth/rules';
import type { IPodSelector } from '../metadata';
import type { EnvVar, PodModel } from '../pod-model';
import { IPodSource, markPodSource, NamedPod } from '../pod-source';
import { Service } from '../service';
import { CLIENT_PORT, defaultClusterToken, memberHost, memberName, METRICS_PORT, PEER_PORT, Topology } from './members';
import { DEFAULT_RESOURCES, memberPod, PodInputs, templatePod } from './pod';
import type { EtcdClusterProps } from './props';
import { checkEtcdCluster, MAX_SIZE, MIN_SIZE, nameProblem, suggestedName, tagVersion } from './rules';
import { disruptionBudgetSpec, statefulSetSpec } from './statefulset';

export const DEFAULT_VERSION = '3.4.23';
export const DEFAULT_SIZE = 3;

/**
 * An etcd cluster whose members find each other, correct by construction: a StatefulSet of `size` members, a
 * headless peer Service that gives each member a stable DNS name, a client Service, and a PodDisruptionBudget that
 * keeps a quorum through node drains.
 *
 * Why a StatefulSet and not the 2015 layout (one Pod or ReplicationController and one Service per member): a
 * StatefulSet gives each member exactly what etcd's static bootstrap needs — a fixed name (`<name>-<ordinal>`), a
 * DNS name that follows the member when it is rescheduled, and its own volume that comes back with it — from one
 * object that rolls updates one member at a time and that one budget can protect. The per-member layout needs
 * `2 × size` objects kept in step by hand, and bare Pods are not rescheduled at all. Other targets (appc) still get
 * one pod per member through `podsToRender()`, with every flag resolved.
 */
export class EtcdCluster extends Construct implements IPodSource, IPodSelector, PodTemplateSource {
  /** The StatefulSet (escape hatch: `addJsonPatch`). */
  public readonly resource: ApiObject;
  public readonly clientService: Service;
  /** The headless Service that gives members their DNS names (`<member>.<name>-peer.<namespace>.svc`). */
  public readonly peerService: Service;
  public readonly disruptionBudget?: ApiObject;
  /** Base name of the emitted objects; members are `<name>-0 … <name>-<size-1>`. */
  public readonly name: string;
  public readonly namespace?: string;
  public readonly size: number;
  /** The etcd version in effect (given, read from the image tag, or the default); undefined for an untagged image. */
  public readonly version?: string;
  public readonly image: string;
  public readonly clusterToken: string;
  /** Labels that select the members (the client Service and the budget use them). */
  public readonly podSelector: Readonly<Record<string, string>>;

  private readonly topology: Topology;
  private readonly inputs: PodInputs;

  constructor(scope: Construct, id: string, props: EtcdClusterProps = {}) {
    super(scope, id);
    markPodSource(this);
    markPodTemplateSource(this);
    this.name = props.metadata?.name ?? defaultObjectName(this, 'dns1035');
    this.size = props.size ?? DEFAULT_SIZE;
    this.version = props.version ?? (props.image === undefined ? DEFAULT_VERSION : tagVersion(props.image));
    this.image = props.image ?? `quay.io/coreos/etcd:v${props.version ?? DEFAULT_VERSION}`;
    this.podSelector = { 'app.kubernetes.io/name': 'etcd', 'app.kubernetes.io/instance': this.name };
    const objectMetadata = (name: string) => ({
      ...props.metadata,
      name,
      labels: { ...this.podSelector, ...props.metadata?.labels },
    });

    this.resource = new ApiObject(this, 'Resource', {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: objectMetadata(this.name),
      spec: Lazy.any({ produce: () => statefulSetSpec(this.topology, this.podSelector, templatePod(this.inputs), this.inputs.storage) }),
    });
    this.namespace = this.resource.metadata.namespace;
    this.topology = {
      name: this.name,
      peerService: `${this.name}-peer`,
      namespace: this.namespace,
      // An invalid size is reported by the rules; rendering still needs a sane count.
      size: Math.min(MAX_SIZE, Math.max(MIN_SIZE, Math.floor(Number.isFinite(this.size) ? this.size : MIN_SIZE))),
      clientScheme: props.clientTls ? 'https' : 'http',
      peerScheme: props.peerTls ? 'https' : 'http',
    };
    this.clusterToken = props.clusterToken ?? defaultClusterToken(this.name, this.node.path, this.namespace);
    this.inputs = {
      topology: this.topology,
      clusterToken: this.clusterToken,
      clientTls: props.clientTls,
      peerTls: props.peerTls,
      extraFlags: props.extraFlags,
      image: this.image,
      labels: { ...props.podLabels, ...this.podSelector },
      resources: props.resources ?? DEFAULT_RESOURCES,
      storage: props.storage ?? {},
    };

    // A bad name is reported once, by the cluster's rule; the Services take the suggested name meanwhile so they do
    // not report the same mistake twice more (synth fails on the cluster's error either way).
    const serviceBase = nameProblem(this.name) ? suggestedName(this.name) : this.name;
    this.peerService = new Service(this, 'Peer', {
      metadata: objectMetadata(`${serviceBase}-peer`),
      selects: this,
      clusterIP: 'None',
      // Members must resolve each other before they are Ready: none is Ready until a quorum has formed.
      publishNotReadyAddresses: true,
      ports: [
        { name: 'peer', port: PEER_PORT, targetPort: 'peer' },
        { name: 'client', port: CLIENT_PORT, targetPort: 'client' },
      ],
    });
    this.clientService = new Service(this, 'Client', {
      metadata: objectMetadata(serviceBase),
      selects: this,
      ports: [{ name: 'client', port: CLIENT_PORT, targetPort: 'client' }],
    });
    if (props.disruptionBudget ?? this.topology.size > 1) {
      this.disruptionBudget = new ApiObject(this, 'DisruptionBudget', {
        apiVersion: 'policy/v1',
        kind: 'PodDisruptionBudget',
        metadata: objectMetadata(this.name),
        spec: disruptionBudgetSpec(this.topology, this.podSelector),
      });
    }

    addRule(this, (problems) =>
      checkEtcdCluster({ props, name: this.name, size: this.size, version: this.version, selector: this.podSelector, member: memberPod(this.inputs, 0) }, problems),
    );
    ensureAppRules(this);
  }

  /** The client Service's URL, load-balanced over ready members: `http://<name>.<namespace>.svc:2379` (`http://<name>:2379` without a namespace: same namespace only). */
  public get clientUrl(): string {
    const host = this.namespace ? `${this.name}.${this.namespace}.svc` : this.name;
    return `${this.topology.clientScheme}://${host}:${CLIENT_PORT}`;
  }

  /** Every member's client URL. etcd clients balance and fail over across these themselves, which a Service in front of long-lived gRPC connections does not. */
  public get endpoints(): string[] {
    return Array.from({ length: this.topology.size }, (_, i) => {
      const member = memberName(this.topology, i);
      const host = this.namespace ? memberHost(this.topology, member, this.namespace) : `${member}.${this.topology.peerService}`;
      return `${this.topology.clientScheme}://${host}:${CLIENT_PORT}`;
    });
  }

  /**
   * An environment variable holding the member endpoints, comma-separated — what `etcdctl` (`ETCDCTL_ENDPOINTS`)
   * and most etcd clients read: `new Pod(chart, 'app', { containers: [{ ..., env: [store.envVar()] }] })`.
   */
  public envVar(name = 'ETCDCTL_ENDPOINTS'): EnvVar {
    return { name, value: this.endpoints.join(',') };
  }

  /**
   * DNS names a TLS certificate for this cluster must carry: the peer domain wildcard (every member) and the client
   * Service. Without a namespace at synth time they are given for `default`, plus the in-namespace short forms.
   */
  public get certificateDnsNames(): string[] {
    const namespace = this.namespace ?? 'default';
    return [
      `*.${this.topology.peerService}.${namespace}.svc`,
      ...(this.namespace ? [] : [`*.${this.topology.peerService}`]),
      `${this.name}.${namespace}.svc`,
      ...(this.namespace ? [] : [this.name]),
    ];
  }

  /** One pod per member, every flag resolved (member name, advertised URLs): what the appc target renders. */
  public podsToRender(): readonly NamedPod[] {
    return Array.from({ length: this.topology.size }, (_, i) => ({ name: memberName(this.topology, i), pod: memberPod(this.inputs, i) }));
  }

  /** The StatefulSet's pod template, as every target-neutral check reads it. */
  public get pod(): PodModel {
    return templatePod(this.inputs);
  }

  public podTemplateInfo(): PodTemplateInfo {
    const portNames = new Map<string, number>([['client', CLIENT_PORT], ['peer', PEER_PORT]]);
    if (this.inputs.clientTls) portNames.set('metrics', METRICS_PORT);
    return { path: this.node.path, namespace: this.namespace, labels: this.inputs.labels, portNames };
  }
}
