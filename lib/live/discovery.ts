import { Transport, unexpected } from './transport';

/** What LIST and PATCH need to know about a kind: where it lives and whether it is namespaced. */
export interface ResourceType {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  /** The plural resource name of the URL: `deployments`. */
  readonly resource: string;
  readonly namespaced: boolean;
  readonly verbs: readonly string[];
}

/** Aggregated discovery (Kubernetes ≥ 1.26 answers /api and /apis with every resource in one body each), as kubectl asks. */
const AGGREGATED = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json';

interface AggregatedList {
  readonly kind?: string;
  readonly items?: ReadonlyArray<{
    readonly metadata?: { readonly name?: string };
    readonly versions?: ReadonlyArray<{
      readonly version: string;
      readonly resources?: ReadonlyArray<{ resource: string; scope?: string; verbs?: string[]; responseKind?: { kind?: string } }>;
    }>;
  }>;
}

interface ResourceList {
  readonly resources?: ReadonlyArray<{ name: string; kind: string; namespaced: boolean; verbs?: string[] }>;
}

interface GroupList {
  readonly groups?: ReadonlyArray<{ name: string; versions?: ReadonlyArray<{ version: string }>; preferredVersion?: { version: string } }>;
}

/**
 * Kind → resource plural and scope, from the server's discovery. Two requests on a current server (aggregated
 * discovery of /api and /apis); on an older one, the group list and then one resource list per group-version
 * asked about. Identity is group + kind, not version: a kind asked for in a version the server no longer serves is
 * found in the group's preferred version that serves it.
 */
export class Discovery {
  private aggregated: Promise<Map<string, ResourceType[]> | undefined> | undefined;
  private groups: Promise<Map<string, string[]>> | undefined;
  private readonly versions = new Map<string, Promise<ResourceType[]>>();

  constructor(private readonly transport: Transport) {}

  /** The resource for `apiVersion` + `kind`, or undefined when the server does not serve that kind. */
  async resolve(apiVersion: string, kind: string): Promise<ResourceType | undefined> {
    const [group, version] = splitApiVersion(apiVersion);
    const byGroup = await (this.aggregated ??= this.loadAggregated());
    if (byGroup) return pick(byGroup.get(group) ?? [], version, kind);
    const groupVersions = await (this.groups ??= this.loadGroups());
    const served = groupVersions.get(group) ?? [];
    for (const candidate of [version, ...served.filter((v) => v !== version)]) {
      if (!served.includes(candidate)) continue;
      const found = (await this.loadVersion(group, candidate)).find((r) => r.kind === kind);
      if (found) return found;
    }
    return undefined;
  }

  private async loadAggregated(): Promise<Map<string, ResourceType[]> | undefined> {
    const [core, named] = await Promise.all(['/api', '/apis'].map(async (path) => {
      const request = { method: 'GET' as const, path, accept: AGGREGATED, purpose: `read the API discovery (${path})` };
      const response = await this.transport.request(request);
      if (response.status !== 200) throw unexpected(this.transport.target, request, response);
      return response.body as AggregatedList | undefined;
    }));
    if (core?.kind !== 'APIGroupDiscoveryList' || named?.kind !== 'APIGroupDiscoveryList') return undefined;
    const byGroup = new Map<string, ResourceType[]>();
    for (const item of [...(core.items ?? []), ...(named.items ?? [])]) {
      const group = item.metadata?.name ?? '';
      const types: ResourceType[] = [];
      // Versions come in the server's preference order; `pick` relies on it.
      for (const version of item.versions ?? []) {
        for (const resource of version.resources ?? []) {
          if (!resource.responseKind?.kind) continue;
          types.push({ group, version: version.version, kind: resource.responseKind.kind, resource: resource.resource, namespaced: resource.scope === 'Namespaced', verbs: resource.verbs ?? [] });
        }
      }
      byGroup.set(group, types);
    }
    return byGroup;
  }

  private async loadGroups(): Promise<Map<string, string[]>> {
    const request = { method: 'GET' as const, path: '/apis', purpose: 'read the API groups (/apis)' };
    const response = await this.transport.request(request);
    if (response.status !== 200) throw unexpected(this.transport.target, request, response);
    const groups = new Map<string, string[]>([['', ['v1']]]);
    for (const group of (response.body as GroupList | undefined)?.groups ?? []) {
      const versions = (group.versions ?? []).map((v) => v.version);
      const preferred = group.preferredVersion?.version;
      groups.set(group.name, preferred ? [preferred, ...versions.filter((v) => v !== preferred)] : versions);
    }
    return groups;
  }

  private loadVersion(group: string, version: string): Promise<ResourceType[]> {
    const key = `${group}/${version}`;
    let loading = this.versions.get(key);
    if (!loading) {
      loading = (async () => {
        const path = group ? `/apis/${group}/${version}` : `/api/${version}`;
        const request = { method: 'GET' as const, path, purpose: `read the API discovery (${path})` };
        const response = await this.transport.request(request);
        if (response.status === 404) return [];
        if (response.status !== 200) throw unexpected(this.transport.target, request, response);
        return ((response.body as ResourceList | undefined)?.resources ?? [])
          .filter((r) => !r.name.includes('/'))
          .map((r) => ({ group, version, kind: r.kind, resource: r.name, namespaced: r.namespaced, verbs: r.verbs ?? [] }));
      })();
      this.versions.set(key, loading);
    }
    return loading;
  }
}

/** The asked version if served, else the most preferred version that serves the kind; a resource that can be listed first. */
function pick(types: readonly ResourceType[], version: string, kind: string): ResourceType | undefined {
  const ofKind = types.filter((t) => t.kind === kind);
  const inVersion = ofKind.filter((t) => t.version === version);
  const candidates = inVersion.length ? inVersion : ofKind.filter((t) => t.version === ofKind[0]?.version);
  return candidates.find((t) => t.verbs.includes('list')) ?? candidates[0];
}

export function splitApiVersion(apiVersion: string): [group: string, version: string] {
  const slash = apiVersion.indexOf('/');
  if (slash < 0) return ['', apiVersion];
  return [apiVersion.slice(0, slash), apiVersion.slice(slash + 1)];
}

export function apiVersionOf(type: Pick<ResourceType, 'group' | 'version'>): string {
  return type.group ? `${type.group}/${type.version}` : type.version;
}

/** `/apis/apps/v1/namespaces/web/deployments[/name]`: the URL of a collection or of one object. */
export function resourcePath(type: ResourceType, namespace: string | null, name?: string): string {
  const root = type.group ? `/apis/${type.group}/${type.version}` : `/api/${type.version}`;
  const scoped = type.namespaced && namespace !== null ? `${root}/namespaces/${encodeURIComponent(namespace)}` : root;
  return `${scoped}/${type.resource}${name === undefined ? '' : `/${encodeURIComponent(name)}`}`;
}
