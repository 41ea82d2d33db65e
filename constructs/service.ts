import { Construct } from 'constructs';
import { defaultObjectNameFor } from '../lib/kubernetes/names';
import { templatesSelectedBy } from '../lib/kubernetes/pod-templates';
import { ProblemList } from '../lib/problems';
import { addRule } from '../lib/synth/rules';
import { checkAnnotations, checkLabels } from '../lib/validation/metadata';
import { dns1035Label, portName, portNumber, toDnsLabel } from '../lib/validation/names';
import { IPodSelector, ObjectMetadata } from './metadata';
import { Protocol } from './pod-model';
import { RenderedObject } from './rendered-object';

export type ServiceType = 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName';

export interface ServicePort {
  /** Port the Service listens on. */
  readonly port: number;
  /** Port of the selected pods: a number, or the name of a container port of every selected pod. @default - the same as `port` */
  readonly targetPort?: number | string;
  /** Required when the Service has more than one port. @default - unnamed */
  readonly name?: string;
  /** @default 'TCP' */
  readonly protocol?: Protocol;
  /** Port on every node (30000–32767), for NodePort and LoadBalancer Services. @default - chosen by the cluster */
  readonly nodePort?: number;
}

export interface ServiceProps {
  /** @default - derived name, no extra metadata */
  readonly metadata?: ObjectMetadata;
  /** The pods to front: a workload (or anything with a `podSelector`). Give this or `selector`. @default - use `selector` */
  readonly selects?: IPodSelector;
  /** Explicit pod labels to select. Give this or `selects`. @default - the labels of `selects` */
  readonly selector?: Readonly<Record<string, string>>;
  /** @default - none; at least one is required unless the Service is headless or ExternalName */
  readonly ports?: readonly ServicePort[];
  /** `LoadBalancer` or `NodePort` make the Service reachable from outside the cluster. @default 'ClusterIP' */
  readonly type?: ServiceType;
  /** `'None'` makes a headless Service: DNS returns the pods themselves. @default - allocated by the cluster */
  readonly clusterIP?: string;
  /** For `type: 'ExternalName'`: the DNS name the Service aliases. @default - none */
  readonly externalName?: string;
  /** @default 'None' */
  readonly sessionAffinity?: 'None' | 'ClientIP';
  /** Publish pods before they are ready (peer discovery, as etcd needs). @default false */
  readonly publishNotReadyAddresses?: boolean;
}

/**
 * A stable name and address in front of the pods its selector matches, load-balancing among them. Synth checks
 * that the selector matches at least one pod template of the app and that named target ports exist on each.
 */
export class Service extends RenderedObject implements IPodSelector {
  /** The pod labels this Service selects (`{}` for an ExternalName Service). */
  public readonly podSelector: Readonly<Record<string, string>>;
  /** The rules of every Service: one function for all of them, not a closure each. */
  private static readonly rule = (problems: ProblemList, service: Service): void => service.check(problems);

  private readonly serviceProps: ServiceProps;

  constructor(scope: Construct, id: string, props: ServiceProps = {}) {
    super(scope, id, {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { ...props.metadata, name: props.metadata?.name ?? defaultObjectNameFor(scope, id, 'dns1035') },
    });
    this.serviceProps = props;
    this.podSelector = { ...(props.selector ?? props.selects?.podSelector ?? {}) };
    addRule(this, Service.rule);
  }

  /** `name.namespace.svc` form is left to the caller: this is the in-namespace DNS name and port of the Service. */
  public get dnsName(): string {
    return this.namespace ? `${this.name}.${this.namespace}` : this.name;
  }

  protected override renderSpec(): unknown {
    const p = this.serviceProps;
    const isExternal = p.type === 'ExternalName';
    return {
      type: p.type,
      clusterIP: p.clusterIP,
      externalName: p.externalName,
      sessionAffinity: p.sessionAffinity,
      publishNotReadyAddresses: p.publishNotReadyAddresses,
      selector: isExternal ? undefined : this.podSelector,
      ports: p.ports?.map((port) => ({ ...port })),
    };
  }

  private check(problems: ProblemList): void {
    const p = this.serviceProps;
    const badName = dns1035Label(this.name);
    if (badName) problems.error('metadata.name', badName, { value: this.name, fix: `use "${toDnsLabel(this.name).replace(/^[0-9-]+/, '') || 'svc'}"` });
    checkLabels(p.metadata?.labels, problems, 'metadata.labels');
    checkAnnotations(p.metadata?.annotations, problems, 'metadata.annotations');
    const type = p.type ?? 'ClusterIP';
    if (!['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'].includes(type)) problems.error('type', 'must be ClusterIP, NodePort, LoadBalancer or ExternalName', { value: type });
    if (type === 'ExternalName') {
      if (!p.externalName) problems.error('externalName', 'must be set for an ExternalName Service', { fix: 'give the DNS name to alias' });
      return;
    }
    if (p.selects && p.selector) problems.error('selector', 'must not be given together with selects', { value: p.selector, fix: 'keep one of them' });
    if (!p.selects && !p.selector) problems.error('selects', 'must name the pods to front', { fix: 'pass selects: <workload> or selector: { ... }' });
    if (p.clusterIP === 'None' && type !== 'ClusterIP') problems.error('clusterIP', 'may be "None" (headless) only for type ClusterIP', { value: p.clusterIP });
    checkLabels(this.podSelector, problems, 'selector');
    const ports = p.ports ?? [];
    if (ports.length === 0 && p.clusterIP !== 'None') problems.error('ports', 'must list at least one port', { fix: 'add ports: [{ port: 80, targetPort: "http" }]' });
    this.checkPorts(ports, type, problems);
    this.checkSelection(ports, problems);
  }

  private checkPorts(ports: readonly ServicePort[], type: ServiceType, problems: ProblemList): void {
    const names = new Set<string>();
    const numbers = new Set<string>();
    ports.forEach((port, i) => {
      const at = problems.at('ports', i);
      const badPort = portNumber(port.port);
      if (badPort) at.error('port', badPort, { value: port.port });
      const key = `${port.port}/${port.protocol ?? 'TCP'}`;
      if (numbers.has(key)) at.error('port', 'must be unique within the Service', { value: port.port, fix: 'use another port number' });
      numbers.add(key);
      if (port.name === undefined) {
        if (ports.length > 1) at.error('name', 'must be set when the Service has more than one port', { fix: `name it, for example "port-${port.port}"` });
      } else {
        const badName = portName(port.name);
        if (badName) at.error('name', badName, { value: port.name });
        if (names.has(port.name)) at.error('name', 'must be unique within the Service', { value: port.name });
        names.add(port.name);
      }
      if (typeof port.targetPort === 'number') {
        const bad = portNumber(port.targetPort);
        if (bad) at.error('targetPort', bad, { value: port.targetPort });
      } else if (typeof port.targetPort === 'string') {
        const bad = portName(port.targetPort);
        if (bad) at.error('targetPort', `name ${bad}`, { value: port.targetPort });
      }
      if (port.protocol !== undefined && !['TCP', 'UDP', 'SCTP'].includes(port.protocol)) at.error('protocol', 'must be TCP, UDP or SCTP', { value: port.protocol });
      if (port.nodePort !== undefined) {
        if (type !== 'NodePort' && type !== 'LoadBalancer') at.error('nodePort', 'may be set only for NodePort and LoadBalancer Services', { value: port.nodePort, fix: 'set type: "NodePort" or remove nodePort' });
        else if (!Number.isInteger(port.nodePort) || port.nodePort < 30000 || port.nodePort > 32767) at.error('nodePort', 'must be in the node port range 30000–32767', { value: port.nodePort });
      }
    });
  }

  /** Tree-wide: the selector must match a pod template of the app, and each named targetPort must exist on all. */
  private checkSelection(ports: readonly ServicePort[], problems: ProblemList): void {
    if (Object.keys(this.podSelector).length === 0) {
      if (this.serviceProps.selector) problems.error('selector', 'must have at least one label (an empty selector would select nothing here)', { value: {}, fix: 'add a label such as { app: "web" }' });
      return;
    }
    const templates = templatesSelectedBy(this.node.root, this.namespace, this.podSelector);
    if (templates.length === 0) {
      const where = this.namespace ? ` in namespace "${this.namespace}"` : '';
      problems.error('selector', `must match the labels of at least one pod template of the app${where}`, { value: this.podSelector, fix: 'use selects: <workload>, or fix the labels so they match a workload\'s labels' });
      return;
    }
    ports.forEach((port, i) => {
      if (typeof port.targetPort !== 'string') return;
      for (const template of templates) {
        if (!template.portNames.has(port.targetPort)) {
          const known = [...template.portNames.keys()];
          problems.error(`ports[${i}].targetPort`, `must name a container port of every selected pod, but ${template.path} has ${known.length ? known.map((n) => `"${n}"`).join(', ') : 'no named ports'}`, { value: port.targetPort, fix: known.length ? `use one of ${known.map((n) => `"${n}"`).join(', ')}, or a port number` : 'name the container port, or use a port number' });
        }
      }
    });
  }
}
