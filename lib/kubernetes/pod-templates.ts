import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { perPass } from '../synth/rules';

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
 * Every pod template in the app: berth workloads describe theirs directly; any other ApiObject (cdk8s-plus, plain
 * cdk8s) is read from its rendered JSON (a Pod, or anything with `spec.template`).
 */
export function podTemplatesOf(root: IConstruct): readonly PodTemplateInfo[] {
  return perPass('pod-templates', () => {
    const found: PodTemplateInfo[] = [];
    const owned = new Set<IConstruct>();
    for (const construct of root.node.findAll()) {
      if (isPodTemplateSource(construct)) {
        found.push(construct.podTemplateInfo());
        for (const child of construct.node.findAll()) owned.add(child);
      }
    }
    for (const construct of root.node.findAll()) {
      if (owned.has(construct) || !ApiObject.isApiObject(construct)) continue;
      const info = templateOfRendered(construct);
      if (info) found.push(info);
    }
    return found;
  });
}

interface RenderedPodSpec {
  containers?: Array<{ ports?: Array<{ name?: string; containerPort?: number }> }>;
}

function templateOfRendered(object: ApiObject): PodTemplateInfo | undefined {
  let json: { kind?: string; metadata?: { labels?: Record<string, string> }; spec?: { template?: { metadata?: { labels?: Record<string, string> }; spec?: RenderedPodSpec } } & RenderedPodSpec };
  try {
    json = object.toJson();
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
  return keys.length > 0 && keys.every((key) => labels[key] === selector[key]);
}
