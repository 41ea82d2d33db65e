/**
 * Not a test (no timings are asserted): `npx sucrase-node test/live/perf.ts [latencyMs]` measures how long
 * LiveCluster.list takes for every listable namespaced kind of the recorded server (discovery included) in
 * 5 namespaces, at several concurrency limits, with the fake server holding each request `latencyMs` (default 20)
 * as a remote API server's round trip would; then 10,000 ConfigMaps in one LIST (pages of 500).
 */
import * as fs from 'fs';
import * as path from 'path';
import { connectCluster } from '../../lib/live';
import { ADMIN_TOKEN, kubeconfig, readJson, startFakeApiServer } from '../support/fake-apiserver';

async function main(): Promise<void> {
  const latency = Number(process.argv[2] ?? 20);
  const dir = fs.mkdtempSync(path.join(require('os').tmpdir(), 'berth-live-perf-'));
  const namespaces = ['a', 'b', 'c', 'd', 'e'];
  const objects = [
    ...namespaces.map((name) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } })),
    ...Array.from({ length: 10_000 }, (_, i) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `cm-${i}`, namespace: 'a', managedFields: [{ manager: 'berth', operation: 'Apply', fieldsType: 'FieldsV1', fieldsV1: { 'f:data': { 'f:k': {} } } }] }, data: { k: String(i) } })),
  ];
  const server = await startFakeApiServer({ objects, delayMs: latency });
  try {
    const file = path.join(dir, 'config');
    fs.writeFileSync(file, kubeconfig([{ name: 'perf', server: server.url, token: ADMIN_TOKEN }]));
    const discovery = readJson('http/19-discovery-aggregated-v2.json') as { items: Array<{ metadata: { name: string }; versions: Array<{ version: string; resources: Array<{ scope: string; verbs: string[]; responseKind: { kind: string } }> }> }> };
    const types = discovery.items.flatMap((g) => g.versions.slice(0, 1).flatMap((v) => v.resources.filter((r) => r.scope === 'Namespaced' && r.verbs.includes('list')).map((r) => ({ apiVersion: `${g.metadata.name}/${v.version}`, kind: r.responseKind.kind }))));
    const core = ['ConfigMap', 'Secret', 'Pod', 'Service', 'ServiceAccount', 'ReplicationController', 'Endpoints', 'PersistentVolumeClaim', 'LimitRange', 'ResourceQuota', 'Event', 'PodTemplate'].map((kind) => ({ apiVersion: 'v1', kind }));
    const all = [...core, ...types];
    for (const concurrency of [1, 4, 8, 16, 32]) {
      const cluster = await connectCluster({ kubeconfig: file, concurrency, env: {} });
      server.requests.length = 0;
      const start = process.hrtime.bigint();
      const listed = await cluster.list(all.filter((t) => t.kind !== 'ConfigMap'), namespaces);
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      cluster.close();
      console.log(`${all.length - 1} kinds x ${namespaces.length} namespaces: ${server.requests.length} requests (${listed.length} objects), concurrency ${concurrency}: ${ms.toFixed(0)} ms, at most ${server.maxListsInFlight} LISTs in flight`);
    }
    const cluster = await connectCluster({ kubeconfig: file, env: {} });
    server.requests.length = 0;
    const start = process.hrtime.bigint();
    const listed = await cluster.list([{ apiVersion: 'v1', kind: 'ConfigMap' }], ['a']);
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    cluster.close();
    console.log(`10,000 ConfigMaps in one namespace: ${listed.length} objects, ${server.requests.length} requests (discovery + pages of 500), ${ms.toFixed(0)} ms`);
  } finally {
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
