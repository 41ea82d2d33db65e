/** What the fake API server serves and how it answers discovery, from the recorded discovery documents. */
import * as fs from 'fs';
import * as path from 'path';
import { FIXTURES, RecordedAnswer, recorded } from './recordings';
import { notFoundResource } from './fake-apiserver-answers';

export interface ResourceInfo {
  readonly group: string;
  readonly version: string;
  readonly resource: string;
  readonly kind: string;
  readonly namespaced: boolean;
  readonly verbs: string[];
  readonly shortNames: string[];
}

/** Every resource the recorded server serves: named groups from the recorded aggregated /apis, core from api-resources. */
export function resourceTable(): ResourceInfo[] {
  const resources: ResourceInfo[] = [];
  const aggregated = recorded('19-discovery-aggregated-v2').body as { items: Array<{ metadata: { name: string }; versions: Array<{ version: string; resources: Array<{ resource: string; scope: string; verbs: string[]; shortNames?: string[]; responseKind: { kind: string } }> }> }> };
  for (const group of aggregated.items) {
    for (const version of group.versions) {
      for (const r of version.resources) {
        resources.push({ group: group.metadata.name, version: version.version, resource: r.resource, kind: r.responseKind.kind, namespaced: r.scope === 'Namespaced', verbs: r.verbs, shortNames: r.shortNames ?? [] });
      }
    }
  }
  const table = fs.readFileSync(path.join(FIXTURES, 'server-info', 'api-resources.stdout'), 'utf8').split('\n').filter(Boolean);
  const header = table[0];
  const column = (line: string, name: string, next?: string): string => line.slice(header.indexOf(name), next ? header.indexOf(next) : undefined).trim();
  for (const line of table.slice(1)) {
    if (column(line, 'APIVERSION', 'NAMESPACED') !== 'v1') continue;
    resources.push({
      group: '',
      version: 'v1',
      resource: column(line, 'NAME', 'SHORTNAMES'),
      kind: column(line, 'KIND', 'VERBS'),
      namespaced: column(line, 'NAMESPACED', 'KIND') === 'true',
      verbs: column(line, 'VERBS', 'CATEGORIES').split(',').filter(Boolean),
      shortNames: column(line, 'SHORTNAMES', 'APIVERSION').split(',').filter(Boolean),
    });
  }
  return resources;
}

/** `/api` under the aggregated-discovery Accept header, in the shape of the recorded `/apis` one (http/19). */
export function coreAggregated(resources: readonly ResourceInfo[]): unknown {
  const core = resources.filter((r) => r.group === '');
  return {
    kind: 'APIGroupDiscoveryList',
    apiVersion: 'apidiscovery.k8s.io/v2',
    metadata: {},
    items: [{ metadata: { creationTimestamp: null }, versions: [{ version: 'v1', resources: core.map((r) => ({ resource: r.resource, responseKind: { group: '', version: '', kind: r.kind }, scope: r.namespaced ? 'Namespaced' : 'Cluster', singularResource: r.kind.toLowerCase(), verbs: r.verbs, ...(r.shortNames.length ? { shortNames: r.shortNames } : {}) })), freshness: 'Current' }] }],
  };
}

/** `/api/v1`, `/apis/apps/v1`: the APIResourceList of one group-version (pre-aggregation discovery). */
export function resourceList(resources: readonly ResourceInfo[], group: string, version: string): RecordedAnswer {
  const served = resources.filter((r) => r.group === group && r.version === version);
  if (!served.length) return notFoundResource();
  return {
    status: 200,
    body: {
      kind: 'APIResourceList',
      apiVersion: 'v1',
      groupVersion: group ? `${group}/${version}` : version,
      resources: served.map((r) => ({ name: r.resource, singularName: r.kind.toLowerCase(), namespaced: r.namespaced, kind: r.kind, verbs: r.verbs, ...(r.shortNames.length ? { shortNames: r.shortNames } : {}) })),
    },
  };
}
