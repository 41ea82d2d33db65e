import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { renderApiObject } from '../synth/render-object';
import { allConstructs, perPass } from '../synth/rules';

/** A pod template found in the app: what a Service selector can match. */
export interface PodTemplateInfo {
  readonly path: string;
  readonly namespace?: string;
  readonly labels: Readonly<Record<string, string>>;
  /** Named container ports of the template (name → port number). */
  readonly portNames: ReadonlyMap<string, number>;
}

/** A construct that can describe its pod template without rendering (berth workloads). */
export interface PodTemplateSource {
  podTemplateInfo(): PodTemplateInfo;
}

const TEMPLATE_SOURCE = Symbol.for('berth.PodTemplateSource');

export function markPodTemplateSource(construct: PodTemplateSource): void {
  Object.defineProperty(construct, TEMPLATE_SOURCE, { value: true });
}

function isPodTemplateSource(x: unknown): x is PodTemplateSource {
  return typeof x === 'object' && x !== null && TEMPLATE_SOURCE in x;
}

/**
 * The pod templates of the app in `namespace` whose labels `selector` matches (none for an empty selector).
 * Looked up through an index by label, built once per pass: checking every Service against every template would
 * be quadratic in the size of the app.
 */
export function templatesSelectedBy(root: IConstruct, namespace: string | undefined, selector: Readonly<Record<string, string>>): PodTemplateInfo[] {
  const keys = Object.keys(selector);
  if (keys.length === 0) return [];
  const index = perPass('pod-templates-by-label', () => indexByLabel(podTemplatesOf(root)));
  const candidates = index.get(namespace ?? '')?.get(keys[0])?.get(selector[keys[0]]) ?? [];
  const selected: PodTemplateInfo[] = [];
  for (const template of candidates) if (selects(selector, template.labels)) selected.push(template);
  return selected;
}

/** Templates by namespace, label key and label value: nested maps, so that no key string is built per label. */
type LabelIndex = Map<string, Map<string, Map<string, PodTemplateInfo[]>>>;

function indexByLabel(templates: readonly PodTemplateInfo[]): LabelIndex {
  const index: LabelIndex = new Map();
  for (const template of templates) {
    const namespace = template.namespace ?? '';
    let byKey = index.get(namespace);
    if (!byKey) index.set(namespace, (byKey = new Map()));
    for (const key of Object.keys(template.labels)) {
      const value = template.labels[key];
      let byValue = byKey.get(key);
      if (!byValue) byKey.set(key, (byValue = new Map()));
      const list = byValue.get(value);
      if (list) list.push(template);
      else byValue.set(value, [template]);
    }
  }
  return index;
}

/**
 * Every pod template in the app: berth workloads describe theirs directly; any other ApiObject (cdk8s-plus, plain
 * cdk8s) is read from its rendered JSON (a Pod, or anything with `spec.template`).
 */
export function podTemplatesOf(root: IConstruct): readonly PodTemplateInfo[] {
  return perPass('pod-templates', () => {
    const found: PodTemplateInfo[] = [];
    const others: ApiObject[] = [];
    for (const construct of allConstructs(root)) {
      if (isPodTemplateSource(construct)) found.push(construct.podTemplateInfo());
      else if (ApiObject.isApiObject(construct) && !holdsNoPodTemplate(construct) && !isOwnedBySource(construct)) others.push(construct);
    }
    for (const object of others) {
      const info = templateOfRendered(object);
      if (info) found.push(info);
    }
    return found;
  });
}

/**
 * Built-in kinds that never hold a pod template, by group: not worth rendering to find out. By group too: a custom
 * kind may share a built-in name and hold one (a Knative `serving.knative.dev` Service has spec.template). Kinds by
 * group rather than `group/kind` strings: a lookup builds no string (one per object: 10,000 at 10,000 Services).
 */
const NO_POD_TEMPLATE: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['core', new Set(['Service', 'ConfigMap', 'Secret', 'Namespace', 'ServiceAccount', 'Endpoints', 'LimitRange', 'ResourceQuota', 'PersistentVolumeClaim', 'PersistentVolume'])],
  ['rbac.authorization.k8s.io', new Set(['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding'])],
  ['networking.k8s.io', new Set(['Ingress', 'IngressClass', 'NetworkPolicy'])],
  ['admissionregistration.k8s.io', new Set(['ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration'])],
  ['policy', new Set(['PodDisruptionBudget'])],
  ['storage.k8s.io', new Set(['StorageClass'])],
  ['discovery.k8s.io', new Set(['EndpointSlice'])],
  ['autoscaling', new Set(['HorizontalPodAutoscaler'])],
  ['apiextensions.k8s.io', new Set(['CustomResourceDefinition'])],
  ['scheduling.k8s.io', new Set(['PriorityClass'])],
  ['apiregistration.k8s.io', new Set(['APIService'])],
  ['coordination.k8s.io', new Set(['Lease'])],
]);

function holdsNoPodTemplate(object: ApiObject): boolean {
  return NO_POD_TEMPLATE.get(object.apiGroup)?.has(object.kind) === true;
}

/** An object inside a berth workload: the workload describes the template itself. */
function isOwnedBySource(construct: IConstruct): boolean {
  for (let scope = construct.node.scope; scope; scope = scope.node.scope) if (isPodTemplateSource(scope)) return true;
  return false;
}

interface RenderedPodSpec {
  containers?: Array<{ ports?: Array<{ name?: string; containerPort?: number }> }>;
}

function templateOfRendered(object: ApiObject): PodTemplateInfo | undefined {
  let json: { kind?: string; metadata?: { labels?: Record<string, string> }; spec?: { template?: { metadata?: { labels?: Record<string, string> }; spec?: RenderedPodSpec } } & RenderedPodSpec };
  try {
    json = renderApiObject(object) as typeof json;
  } catch {
    return undefined; // its own validation reports why it cannot render
  }
  const template = json.kind === 'Pod' ? { metadata: json.metadata, spec: json.spec } : json.spec?.template;
  if (!template?.spec) return undefined;
  const portNames = new Map<string, number>();
  for (const container of template.spec.containers ?? []) {
    for (const port of container.ports ?? []) if (port.name && port.containerPort) portNames.set(port.name, port.containerPort);
  }
  return { path: object.node.path, namespace: object.metadata.namespace, labels: template.metadata?.labels ?? {}, portNames };
}

export function selects(selector: Readonly<Record<string, string>>, labels: Readonly<Record<string, string>>): boolean {
  const keys = Object.keys(selector);
  for (const key of keys) if (labels[key] !== selector[key]) return false;
  return keys.length > 0;
}
